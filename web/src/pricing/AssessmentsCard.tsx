import { useState } from 'preact/hooks'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { AssessmentView } from './AssessmentView.tsx'
import { pricingApi } from './client.ts'
import type { AssessmentStatus, PriceRow } from './types.ts'

const STATUSES: AssessmentStatus[] = ['proposed', 'published', 'rejected']

/**
 * Assessments by status: the proposals waiting for a second analyst (of every series by default),
 * or the published and rejected ones. `version` changes when something was proposed or decided.
 */
export function AssessmentsCard({
  rows,
  row,
  version,
  onDecided,
}: {
  rows: readonly PriceRow[]
  row: PriceRow
  version: number
  onDecided: () => void
}) {
  const { t } = useI18n()
  const [status, setStatus] = useState<AssessmentStatus>('proposed')
  const [onlyThis, setOnlyThis] = useState(false)
  const series = onlyThis || status !== 'proposed' ? row.id : undefined
  // Proposals are few; of the decided ones the latest 20 are enough to look back on.
  const limit = status === 'proposed' ? undefined : 20
  const answer = useAsync(() => pricingApi.assessments({ status, series, limit }), [status, series, version])
  const list = answer.data?.assessments ?? []
  const byId = new Map(rows.map((r) => [r.id, r]))
  return (
    <section class="card" aria-labelledby="assessments-title" data-testid="assessments">
      <div class="card-head card-head-row">
        <div>
          <h2 id="assessments-title">{t('pricing.assess.title')}</h2>
          <p class="card-sub">{t(`pricing.assess.sub.${status}`)}</p>
        </div>
        <fieldset class="segmented" aria-label={t('pricing.assess.status')}>
          {STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              class={s === status ? 'seg active' : 'seg'}
              aria-pressed={s === status}
              onClick={() => setStatus(s)}
              data-testid={`assessments-${s}`}
            >
              {t(`pricing.status.${s}`)}
            </button>
          ))}
        </fieldset>
      </div>
      {status === 'proposed' && (
        <label class="check">
          <input type="checkbox" checked={onlyThis} onChange={(e) => setOnlyThis(e.currentTarget.checked)} />
          {t('pricing.assess.onlyThis')}
        </label>
      )}
      {answer.error && <ProblemBox problem={answer.error} onRetry={answer.reload} />}
      {!answer.data && !answer.error && <Loading />}
      {answer.data && list.length === 0 && (
        <p class="empty" data-testid="assessments-empty">
          {t(`pricing.assess.none.${status}`)}
        </p>
      )}
      <div class="pricing-assessments">
        {list.map((a) => (
          <AssessmentView
            key={a.id}
            assessment={a}
            row={byId.get(a.seriesId) ?? null}
            onDecided={onDecided}
          />
        ))}
      </div>
    </section>
  )
}
