import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { pricingApi } from './client.ts'
import { formatCny, formatWhen, parseWhole, shanghaiDate } from './labels.ts'

/** The external references the contract names; others may be typed. */
const NAMES = ['SHFE_SETTLEMENT', 'SMM_A00']

/**
 * External reference prices (SHFE settlement, SMM A00) recorded by hand with their source named:
 * the center never pretends to have fetched them.
 */
export function ReferencesCard() {
  const { t } = useI18n()
  const list = useAsync(() => pricingApi.references({ from: shanghaiDate(-60) }), [])
  const [name, setName] = useState(NAMES[0]!)
  const [date, setDate] = useState(shanghaiDate())
  const [value, setValue] = useState('')
  const [source, setSource] = useState('')
  const [busy, setBusy] = useState(false)
  const [invalid, setInvalid] = useState<string | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)

  const submit = async (e: Event) => {
    e.preventDefault()
    const v = parseWhole(value)
    if (v === null) return setInvalid(t('pricing.propose.badValue'))
    if (!source.trim()) return setInvalid(t('pricing.ref.needSource'))
    setInvalid(null)
    setProblem(null)
    setBusy(true)
    try {
      await pricingApi.addReference({ name: name.trim(), date, value: v, source: source.trim() })
      setValue('')
      list.reload()
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }

  const refs = list.data?.references ?? []
  return (
    <section class="card" aria-labelledby="refs-title" data-testid="references">
      <div class="card-head">
        <h2 id="refs-title">{t('pricing.ref.title')}</h2>
        <p class="card-sub">{t('pricing.ref.sub')}</p>
      </div>
      <form class="filters" onSubmit={submit} data-testid="reference-form">
        <label class="field">
          <span class="field-label">{t('pricing.ref.name')}</span>
          <input
            list="pricing-ref-names"
            required
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <datalist id="pricing-ref-names">
            {NAMES.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
        <label class="field">
          <span class="field-label">{t('pricing.col.date')}</span>
          <input type="date" required value={date} onChange={(e) => setDate(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field-label">{t('pricing.ref.value')}</span>
          <input
            inputMode="numeric"
            required
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        </label>
        <label class="field field-grow">
          <span class="field-label">{t('pricing.ref.source')}</span>
          <input
            required
            placeholder={t('pricing.ref.sourceHint')}
            value={source}
            onInput={(e) => setSource(e.currentTarget.value)}
          />
        </label>
        <div class="field-actions">
          <button type="submit" class="button" disabled={busy} data-testid="reference-save">
            {t('pricing.ref.save')}
          </button>
        </div>
        {invalid && (
          <p class="field-error" role="alert">
            {invalid}
          </p>
        )}
      </form>
      {problem && <ProblemBox problem={problem} />}
      {list.error && <ProblemBox problem={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && refs.length === 0 && <p class="empty">{t('pricing.ref.none')}</p>}
      {refs.length > 0 && (
        <div class="table-wrap pricing-scroll">
          <table class="table table-compact" data-testid="reference-table">
            <thead>
              <tr>
                <th>{t('pricing.ref.name')}</th>
                <th>{t('pricing.col.date')}</th>
                <th class="num">{t('pricing.ref.value')}</th>
                <th>{t('pricing.ref.source')}</th>
                <th>{t('pricing.ref.recordedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {refs.map((r) => (
                <tr key={r.id}>
                  <td class="code">{r.name}</td>
                  <td class="pricing-nowrap">{r.date}</td>
                  <td class="num">{formatCny(r.value)}</td>
                  <td>{r.source}</td>
                  <td class="pricing-nowrap">{formatWhen(r.recordedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
