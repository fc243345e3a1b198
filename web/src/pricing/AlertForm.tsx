import { useEffect, useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { ProblemBox } from '../components/ProblemBox.tsx'
import { useI18n } from '../i18n/context.tsx'
import { pricingApi } from './client.ts'
import { parseWhole } from './labels.ts'
import { SeriesSelect } from './SeriesSelect.tsx'
import type { Direction, PriceRow } from './types.ts'

/** A new alert: a series, above or below a threshold, and an optional webhook to call. */
export function AlertForm({
  rows,
  initialSeries,
  onSaved,
}: {
  rows: readonly PriceRow[]
  initialSeries: string
  onSaved: () => void
}) {
  const { t } = useI18n()
  const [series, setSeries] = useState(initialSeries)
  const [direction, setDirection] = useState<Direction>('above')
  const [threshold, setThreshold] = useState('')
  const [webhook, setWebhook] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [invalid, setInvalid] = useState<string | null>(null)

  useEffect(() => setSeries(initialSeries), [initialSeries])

  const submit = async (e: Event) => {
    e.preventDefault()
    const value = parseWhole(threshold)
    if (value === null) return setInvalid(t('pricing.alerts.badThreshold'))
    if (webhook.trim() && !/^https?:\/\/\S+$/.test(webhook.trim()))
      return setInvalid(t('pricing.alerts.badWebhook'))
    setInvalid(null)
    setProblem(null)
    setBusy(true)
    try {
      await pricingApi.addAlert({
        series,
        direction,
        threshold: value,
        ...(webhook.trim() ? { webhookUrl: webhook.trim() } : {}),
      })
      setThreshold('')
      setWebhook('')
      onSaved()
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="filters pricing-form" onSubmit={submit} data-testid="alert-form">
      <SeriesSelect rows={rows} value={series} onChange={setSeries} testId="alert-series" />
      <label class="field">
        <span class="field-label">{t('pricing.alerts.direction')}</span>
        <select
          value={direction}
          onChange={(e) => setDirection(e.currentTarget.value as Direction)}
          data-testid="alert-direction"
        >
          <option value="above">{t('pricing.alerts.above')}</option>
          <option value="below">{t('pricing.alerts.below')}</option>
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t('pricing.alerts.threshold')}</span>
        <input
          inputMode="numeric"
          required
          value={threshold}
          onInput={(e) => setThreshold(e.currentTarget.value)}
          data-testid="alert-threshold"
        />
      </label>
      <label class="field field-grow">
        <span class="field-label">{t('pricing.alerts.webhook')}</span>
        <input
          type="url"
          placeholder="https://"
          value={webhook}
          onInput={(e) => setWebhook(e.currentTarget.value)}
          data-testid="alert-webhook"
        />
      </label>
      <div class="field-actions">
        <button type="submit" class="button button-primary" disabled={busy} data-testid="alert-save">
          {t('pricing.alerts.save')}
        </button>
      </div>
      {invalid && (
        <p class="field-error" role="alert">
          {invalid}
        </p>
      )}
      {problem && <ProblemBox problem={problem} testId="alert-problem" />}
    </form>
  )
}
