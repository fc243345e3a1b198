import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { ProblemBox } from '../components/ProblemBox.tsx'
import { useI18n } from '../i18n/context.tsx'
import { pricingApi } from './client.ts'
import { formatCny, parseWhole } from './labels.ts'
import type { PriceRow } from './types.ts'

/** Proposes a corrected value for a published period; once approved it is published as a new revision. */
export function CorrectionForm({ row, onProposed }: { row: PriceRow; onProposed: () => void }) {
  const { t } = useI18n()
  const [date, setDate] = useState(row.date ?? '')
  const [value, setValue] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [invalid, setInvalid] = useState<string | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [made, setMade] = useState<{ date: string; value: number; of: number | null } | null>(null)

  const submit = async (e: Event) => {
    e.preventDefault()
    const v = parseWhole(value)
    if (!date) return setInvalid(t('pricing.correct.needDate'))
    if (v === null) return setInvalid(t('pricing.propose.badValue'))
    if (!reason.trim()) return setInvalid(t('pricing.correct.needReason'))
    setInvalid(null)
    setProblem(null)
    setMade(null)
    setBusy(true)
    try {
      const { assessment } = await pricingApi.correct({
        series: row.id,
        date,
        value: v,
        reason: reason.trim(),
      })
      setMade({ date: assessment.date ?? date, value: v, of: assessment.correctionOf })
      setValue('')
      setReason('')
      onProposed()
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="card" aria-labelledby="correct-title" data-testid="correct">
      <div class="card-head">
        <h2 id="correct-title">{t('pricing.correct.title')}</h2>
        <p class="card-sub">{t('pricing.correct.sub')}</p>
      </div>
      <form class="pricing-form-stack" onSubmit={submit} data-testid="correct-form">
        <label class="field">
          <span class="field-label">{t('pricing.correct.date')}</span>
          <input
            type="date"
            required
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            data-testid="correct-date"
          />
        </label>
        <label class="field">
          <span class="field-label">{t('pricing.correct.value')}</span>
          <input
            inputMode="numeric"
            required
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
            data-testid="correct-value"
          />
        </label>
        <label class="field">
          <span class="field-label">{t('pricing.correct.reason')}</span>
          <textarea
            rows={2}
            required
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
            data-testid="correct-reason"
          />
        </label>
        {invalid && (
          <p class="field-error" role="alert">
            {invalid}
          </p>
        )}
        <div class="field-actions">
          <button type="submit" class="button" disabled={busy} data-testid="correct-submit">
            {t('pricing.correct.submit')}
          </button>
        </div>
      </form>
      {problem && <ProblemBox problem={problem} testId="correct-problem" />}
      {made && (
        <p class="note" role="status" data-testid="correct-result">
          {t('pricing.correct.done', {
            date: made.date,
            value: formatCny(made.value),
            revision: made.of ?? '—',
          })}
        </p>
      )}
    </section>
  )
}
