import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { ProblemBox } from '../components/ProblemBox.tsx'
import { useI18n } from '../i18n/context.tsx'
import { useSession } from '../session.tsx'
import { pricingApi } from './client.ts'
import { isSelf } from './labels.ts'
import type { Assessment } from './types.ts'

/**
 * Approve (publish) or reject a proposal. Nobody approves their own: the button is disabled with
 * the reason, and the server's SELF_APPROVAL refusal is shown should it come anyway.
 */
export function ReviewActions({
  assessment: a,
  onDecided,
}: {
  assessment: Assessment
  onDecided: () => void
}) {
  const { t } = useI18n()
  const { user } = useSession()
  const own = isSelf(user, a.proposedBy)
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<Problem | null>(null)

  const act = async (call: () => Promise<unknown>) => {
    setBusy(true)
    setProblem(null)
    try {
      await call()
      onDecided()
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div class="pricing-review" data-testid="review">
      <div class="field-actions">
        <button
          type="button"
          class="button button-primary"
          disabled={busy || own}
          aria-describedby={own ? `own-${a.id}` : undefined}
          onClick={() => act(() => pricingApi.approve(a.id))}
          data-testid="approve"
        >
          {t('pricing.review.approve')}
        </button>
        <button
          type="button"
          class="button"
          disabled={busy}
          onClick={() => setRejecting(!rejecting)}
          aria-expanded={rejecting}
          data-testid="reject"
        >
          {t('pricing.review.reject')}
        </button>
      </div>
      {own && (
        <p class="hint" id={`own-${a.id}`} data-testid="own-proposal">
          {t('pricing.review.own')}
        </p>
      )}
      {rejecting && (
        <form
          class="filters"
          onSubmit={(e) => {
            e.preventDefault()
            if (reason.trim()) act(() => pricingApi.reject(a.id, reason.trim()))
          }}
        >
          <label class="field field-grow">
            <span class="field-label">{t('pricing.review.reason')}</span>
            <input
              required
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
              data-testid="reject-reason"
            />
          </label>
          <div class="field-actions">
            <button
              type="submit"
              class="button"
              disabled={busy || !reason.trim()}
              data-testid="reject-confirm"
            >
              {t('pricing.review.confirmReject')}
            </button>
          </div>
        </form>
      )}
      {problem && <ProblemBox problem={problem} testId="review-problem" />}
    </div>
  )
}
