import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { ProblemBox } from '../components/ProblemBox.tsx'
import { useI18n } from '../i18n/context.tsx'
import { SyntheticNote } from '../pricing/SyntheticNote.tsx'
import { distributionApi } from './client.ts'
import { formatCny, formatKm, formatSigned, type ProductChoice, pointName } from './labels.ts'
import { PlacePicker } from './PlacePicker.tsx'
import type { DeliveredAnswer, Place } from './types.ts'

const GONGYI = 'gongyi'

/** A product's delivered price at a destination from Gongyi and the competing origins, cheapest first. */
export function DeliveredCard({
  places,
  products,
}: {
  places: readonly Place[]
  products: readonly ProductChoice[]
}) {
  const { t, lang } = useI18n()
  const [product, setProduct] = useState(products[0]?.code ?? '')
  const [to, setTo] = useState(places.find((p) => p.id === 'shanghai')?.id ?? places[0]?.id ?? '')
  const [answer, setAnswer] = useState<DeliveredAnswer | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setProblem(null)
    try {
      setAnswer(await distributionApi.delivered(product, to))
    } catch (err) {
      setAnswer(null)
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="card" aria-labelledby="delivered-title" data-testid="delivered-card">
      <div class="card-head">
        <h2 id="delivered-title">{t('distribution.delivered.title')}</h2>
        <p class="card-sub">{t('distribution.delivered.sub')}</p>
      </div>
      {products.length === 0 ? (
        <p class="empty">{t('distribution.noProducts')}</p>
      ) : (
        <form class="dist-form" onSubmit={submit} data-testid="delivered-form">
          <label class="field">
            <span class="field-label">{t('distribution.product')}</span>
            <select
              value={product}
              onChange={(e) => setProduct(e.currentTarget.value)}
              data-testid="delivered-product"
            >
              {products.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name[lang]}
                </option>
              ))}
            </select>
          </label>
          <PlacePicker
            label={t('distribution.delivered.to')}
            places={places}
            value={to}
            onChange={setTo}
            testId="delivered-to"
          />
          <div class="field-actions">
            <button
              type="submit"
              class="button button-primary"
              disabled={busy}
              data-testid="delivered-submit"
            >
              {t('distribution.delivered.go')}
            </button>
          </div>
        </form>
      )}
      {problem && <ProblemBox problem={problem} testId="delivered-problem" />}
      {answer && <DeliveredResult answer={answer} />}
    </section>
  )
}

function DeliveredResult({ answer: a }: { answer: DeliveredAnswer }) {
  const { t, lang } = useI18n()
  const gongyi = a.origins.find((o) => o.id === GONGYI)
  const best = a.origins[0]
  return (
    <div class="dist-result" data-testid="delivered-result">
      <SyntheticNote synthetic={a.synthetic} />
      <p class="dist-route">
        <strong>{lang === 'zh' ? a.product.zh : a.product.en}</strong> →{' '}
        <strong>{pointName(a.to, lang)}</strong>
      </p>
      <p
        class={a.gongyiWins ? 'dist-verdict dist-win' : 'dist-verdict dist-lose'}
        data-testid="delivered-verdict"
        data-wins={String(a.gongyiWins)}
      >
        {a.gongyiWins
          ? t('distribution.delivered.wins')
          : t('distribution.delivered.loses', {
              origin: best ? best.name[lang] : '—',
              gap: formatCny(gongyi && best ? gongyi.deliveredCnyPerT - best.deliveredCnyPerT : null),
            })}
      </p>
      <div class="table-wrap">
        <table class="table table-compact" data-testid="delivered-origins">
          <thead>
            <tr>
              <th class="num">{t('distribution.col.rank')}</th>
              <th>{t('distribution.col.origin')}</th>
              <th class="num">{t('distribution.col.allIn')}</th>
              <th class="num">{t('distribution.col.differential')}</th>
              <th class="num">{t('distribution.col.freight')}</th>
              <th class="num">{t('distribution.col.delivered')}</th>
            </tr>
          </thead>
          <tbody>
            {a.origins.map((o) => (
              <tr
                key={o.id}
                class={o.id === GONGYI ? 'dist-gongyi' : undefined}
                data-origin={o.id}
                data-testid="delivered-origin"
              >
                <td class="num">{o.rank}</td>
                <td>
                  {o.name[lang]}
                  {o.wins && (
                    <span class="badge badge-green dist-badge">{t('distribution.delivered.best')}</span>
                  )}
                </td>
                <td class="num">{formatCny(o.allInCnyPerT)}</td>
                <td class="num">{o.id === GONGYI ? '—' : formatSigned(o.differentialCnyPerT)}</td>
                <td
                  class="num"
                  title={`${t(`distribution.mode.${o.mode}`)} · ${formatKm(o.distances.roadKm)} km`}
                >
                  {formatCny(o.freightCnyPerT)}
                  <span class="muted dist-mode"> {t(`distribution.mode.${o.mode}`)}</span>
                </td>
                <td class="num dist-strong">{formatCny(o.deliveredCnyPerT)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted dist-note" data-testid="delivered-meta">
        {t('distribution.delivered.meta', {
          date: a.price.date,
          base: formatCny(a.price.baseCnyPerT),
          fee: formatCny(a.price.feeCnyPerT),
          tariff: a.tariff.id,
        })}
      </p>
      <p class="note dist-assumption" role="note" data-testid="delivered-assumption">
        {t('distribution.delivered.assumption', { id: a.differentials.id })}
      </p>
    </div>
  )
}
