import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { ProblemBox } from '../components/ProblemBox.tsx'
import { formatYuanExact } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import { distributionApi } from './client.ts'
import { formatKm, pointName, tonnesText } from './labels.ts'
import { PlacePicker } from './PlacePicker.tsx'
import { FREIGHT_MODES, type FreightAnswer, type FreightMode, type Place } from './types.ts'

/** Freight between two places for a quantity: every mode, or one, with the tariff version. */
export function FreightCard({ places, cluster }: { places: readonly Place[]; cluster: string }) {
  const { t } = useI18n()
  const [from, setFrom] = useState(cluster)
  const [to, setTo] = useState(places.find((p) => p.id === 'shanghai')?.id ?? places[0]?.id ?? '')
  const [tonnes, setTonnes] = useState('32')
  const [mode, setMode] = useState<FreightMode | ''>('')
  const [answer, setAnswer] = useState<FreightAnswer | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const qty = tonnesText(tonnes)

  const submit = async (e: Event) => {
    e.preventDefault()
    if (!qty) return
    setBusy(true)
    setProblem(null)
    try {
      setAnswer(await distributionApi.freight({ from, to, tonnes: qty, mode: mode || null }))
    } catch (err) {
      setAnswer(null)
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="card" aria-labelledby="freight-title" data-testid="freight-card">
      <div class="card-head">
        <h2 id="freight-title">{t('distribution.freight.title')}</h2>
        <p class="card-sub">{t('distribution.freight.sub')}</p>
      </div>
      <form class="dist-form" onSubmit={submit} data-testid="freight-form">
        <PlacePicker
          label={t('distribution.freight.from')}
          places={places}
          value={from}
          onChange={setFrom}
          testId="freight-from"
        />
        <PlacePicker
          label={t('distribution.freight.to')}
          places={places}
          value={to}
          onChange={setTo}
          testId="freight-to"
        />
        <label class="field">
          <span class="field-label">{t('distribution.freight.tonnes')}</span>
          <input
            inputMode="decimal"
            value={tonnes}
            onInput={(e) => setTonnes(e.currentTarget.value)}
            aria-invalid={!qty}
            data-testid="freight-tonnes"
          />
          {!qty && <span class="field-error">{t('distribution.freight.badTonnes')}</span>}
        </label>
        <label class="field">
          <span class="field-label">{t('distribution.freight.mode')}</span>
          <select
            value={mode}
            onChange={(e) => setMode(e.currentTarget.value as FreightMode | '')}
            data-testid="freight-mode"
          >
            <option value="">{t('distribution.mode.all')}</option>
            {FREIGHT_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`distribution.mode.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <div class="field-actions">
          <button
            type="submit"
            class="button button-primary"
            disabled={busy || !qty}
            data-testid="freight-submit"
          >
            {t('distribution.freight.go')}
          </button>
        </div>
      </form>
      {problem && <ProblemBox problem={problem} testId="freight-problem" />}
      {answer && <FreightResult answer={answer} />}
    </section>
  )
}

function FreightResult({ answer: a }: { answer: FreightAnswer }) {
  const { t, lang } = useI18n()
  const d = a.distances
  return (
    <div class="dist-result" data-testid="freight-result">
      <p class="dist-route">
        <strong>{pointName(a.from, lang)}</strong> → <strong>{pointName(a.to, lang)}</strong>
      </p>
      <p class="muted dist-distances" data-testid="freight-distances">
        {t('distribution.freight.distances', {
          gc: formatKm(d.greatCircleKm),
          road: formatKm(d.roadKm),
          rail: formatKm(d.railKm),
        })}{' '}
        · {t(`distribution.source.${d.roadSource}`)} · {t('distribution.tariffVersion', { id: a.tariff.id })}
      </p>
      {a.quotes.length > 0 && (
        <div class="table-wrap">
          <table class="table table-compact" data-testid="freight-quotes">
            <thead>
              <tr>
                <th>{t('distribution.col.mode')}</th>
                <th class="num">{t('distribution.col.distance')}</th>
                <th class="num">{t('distribution.col.perT')}</th>
                <th class="num">{t('distribution.col.total')}</th>
                <th class="num">{t('distribution.col.vehicles')}</th>
                <th>{t('distribution.col.tariff')}</th>
              </tr>
            </thead>
            <tbody>
              {a.quotes.map((q) => (
                <tr key={q.mode} data-mode={q.mode} data-testid="freight-quote">
                  <td>{t(`distribution.mode.${q.mode}`)}</td>
                  <td class="num">{formatKm(q.distanceKm)}</td>
                  <td class="num" data-testid="freight-per-t">
                    {formatYuanExact(q.yuanPerT)}
                    {q.minimumApplied && (
                      <span class="dist-min" title={t('distribution.freight.minimumHelp')}>
                        {' '}
                        {t('distribution.freight.minimum')}
                      </span>
                    )}
                  </td>
                  <td class="num" data-testid="freight-total">
                    {q.totalYuan === null ? '—' : formatYuanExact(q.totalYuan)}
                  </td>
                  <td class="num" data-testid="freight-vehicles">
                    {q.vehicles === null
                      ? '—'
                      : t('distribution.freight.trucks', { n: q.vehicles, payload: q.payloadT ?? '—' })}
                  </td>
                  <td class="mono">{q.tariffVersion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {a.notOffered.length > 0 && (
        <ul class="dist-refused" data-testid="freight-refused">
          {a.notOffered.map((n) => (
            <li key={n.mode} data-mode={n.mode}>
              <strong>{t(`distribution.mode.${n.mode}`)}</strong>: {t(`distribution.reason.${n.reason}`)}{' '}
              <span class="muted">({n.detail})</span>
            </li>
          ))}
        </ul>
      )}
      <p class="muted dist-note">{t('distribution.freight.note')}</p>
    </div>
  )
}
