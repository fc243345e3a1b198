import { formatInteger, formatKgAsTonnes } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import { useSession } from '../session.tsx'
import { Exclusions } from './Exclusions.tsx'
import { formatCny, formatWhen, isSelf, nameIn } from './labels.ts'
import { ReviewActions } from './ReviewActions.tsx'
import { TierBadge } from './TierBadge.tsx'
import type { Assessment, PriceRow } from './types.ts'

/** One assessment: its series and window, the method's record, every exclusion in words, and the decision. */
export function AssessmentView({
  assessment: a,
  row,
  onDecided,
}: {
  assessment: Assessment
  row: PriceRow | null
  onDecided: () => void
}) {
  const { t, lang } = useI18n()
  const { user } = useSession()
  const who = (id: string, name: string) => (isSelf(user, id) ? t('pricing.assess.you', { name }) : name)
  const r = a.record
  const share = r.topSubmitterShare === null ? '—' : `${(r.topSubmitterShare * 100).toFixed(1)}%`
  const figures: [string, string][] = [
    [t('pricing.record.range'), r.low === null ? '—' : `${formatCny(r.low)} – ${formatCny(r.high)}`],
    [t('pricing.record.median'), formatCny(r.median)],
    [t('pricing.record.deals'), formatInteger(r.nDeals)],
    [t('pricing.record.quotes'), formatInteger(r.nQuotes)],
    [t('pricing.record.submitters'), formatInteger(r.nSubmitters)],
    [t('pricing.record.volume'), formatKgAsTonnes(r.volumeKg, lang)],
    [t('pricing.record.topShare'), share],
    [t('pricing.record.rolls'), r.rolled ? t('pricing.record.rolledN', { n: r.rolls }) : t('common.no')],
    [t('pricing.record.version'), r.methodologyVersion],
  ]
  return (
    <article
      class="pricing-assessment"
      data-testid="assessment"
      data-assessment-id={a.id}
      data-status={a.status}
    >
      <header class="pricing-assessment-head">
        <div>
          <strong>{row ? nameIn(row.name, lang) : a.seriesId}</strong>
          <span class="sub">
            {t('pricing.assess.period', {
              date: a.date,
              start: formatWhen(a.windowStart),
              end: formatWhen(a.windowEnd),
            })}
          </span>
        </div>
        <div class="pricing-assessment-value">
          <span class="pricing-big" data-testid="assessment-value">
            {formatCny(r.value)}
          </span>
          <TierBadge tier={r.tier} suspended={r.suspended} />
        </div>
      </header>
      {a.correctionOf !== null && (
        <p class="note">
          {t('pricing.assess.correction', { revision: a.correctionOf, reason: a.reason ?? '' })}
        </p>
      )}
      {a.status === 'rejected' && (a.rejectionReason ?? a.reason) && (
        <p class="note">
          {t('pricing.assess.rejectedBecause', { reason: a.rejectionReason ?? a.reason ?? '' })}
        </p>
      )}
      <dl class="pricing-figures">
        {figures.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <Exclusions assessment={a} family={row?.family ?? null} initiallyOpen={a.status === 'proposed'} />
      <p class="hint">
        {t('pricing.assess.proposedBy', {
          user: who(a.proposedBy, a.proposedByName),
          at: formatWhen(a.proposedAt),
        })}
        {a.approvedBy &&
          ` · ${t('pricing.assess.approvedBy', { user: who(a.approvedBy, a.approvedByName ?? a.approvedBy), at: formatWhen(a.publishedAt) })}`}
        {` · ${t('pricing.revision', { n: a.revision })}`}
      </p>
      {a.status === 'proposed' && <ReviewActions assessment={a} onDecided={onDecided} />}
    </article>
  )
}
