import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { ProblemBox } from '../components/ProblemBox.tsx'
import { useI18n } from '../i18n/context.tsx'
import { pricingApi } from './client.ts'
import { formatCny, parseWhole } from './labels.ts'
import { TierBadge } from './TierBadge.tsx'
import type { Assessment, PriceRow } from './types.ts'

/** Runs the method on a window of the series and proposes the result, with an optional judgement. */
export function ProposeForm({ row, onProposed }: { row: PriceRow; onProposed: () => void }) {
  const { t } = useI18n()
  const [date, setDate] = useState('')
  const [withJudgement, setWithJudgement] = useState(false)
  const [value, setValue] = useState('')
  const [rationale, setRationale] = useState('')
  const [busy, setBusy] = useState(false)
  const [invalid, setInvalid] = useState<string | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [made, setMade] = useState<Assessment | null>(null)

  const submit = async (e: Event) => {
    e.preventDefault()
    let judgement: { value: number; rationale: string } | undefined
    if (withJudgement) {
      const v = parseWhole(value)
      if (v === null) return setInvalid(t('pricing.propose.badValue'))
      if (!rationale.trim()) return setInvalid(t('pricing.propose.needRationale'))
      judgement = { value: v, rationale: rationale.trim() }
    }
    setInvalid(null)
    setProblem(null)
    setMade(null)
    setBusy(true)
    try {
      const { assessment } = await pricingApi.propose({
        series: row.id,
        ...(date ? { date } : {}),
        ...(judgement ? { judgement } : {}),
      })
      setMade(assessment)
      onProposed()
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="card" aria-labelledby="propose-title" data-testid="propose">
      <div class="card-head">
        <h2 id="propose-title">{t('pricing.propose.title')}</h2>
        <p class="card-sub">{t('pricing.propose.sub')}</p>
      </div>
      <form class="pricing-form-stack" onSubmit={submit} data-testid="propose-form">
        <label class="field">
          <span class="field-label">{t('pricing.propose.date')}</span>
          <input
            type="date"
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            data-testid="propose-date"
          />
          <span class="hint">{t('pricing.propose.dateHint')}</span>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={withJudgement}
            onChange={(e) => setWithJudgement(e.currentTarget.checked)}
            data-testid="propose-judgement"
          />
          {t('pricing.propose.judgement')}
        </label>
        {withJudgement && (
          <>
            <p class="hint">{t('pricing.propose.judgementHint')}</p>
            <label class="field">
              <span class="field-label">{t('pricing.propose.value')}</span>
              <input
                inputMode="numeric"
                value={value}
                onInput={(e) => setValue(e.currentTarget.value)}
                data-testid="propose-value"
              />
            </label>
            <label class="field">
              <span class="field-label">{t('pricing.propose.rationale')}</span>
              <textarea
                rows={3}
                value={rationale}
                onInput={(e) => setRationale(e.currentTarget.value)}
                data-testid="propose-rationale"
              />
            </label>
          </>
        )}
        {invalid && (
          <p class="field-error" role="alert">
            {invalid}
          </p>
        )}
        <div class="field-actions">
          <button type="submit" class="button button-primary" disabled={busy} data-testid="propose-submit">
            {busy ? t('pricing.propose.running') : t('pricing.propose.submit')}
          </button>
        </div>
      </form>
      {problem && <ProblemBox problem={problem} testId="propose-problem" />}
      {made && (
        <p class="note" role="status" data-testid="propose-result" data-assessment-id={made.id}>
          {t('pricing.propose.done', { date: made.date, value: formatCny(made.record.value) })}{' '}
          <TierBadge tier={made.record.tier} suspended={made.record.suspended} />
        </p>
      )}
    </section>
  )
}
