/**
 * The JSON the pricing API answers with, from the stored records. Public views of an assessment
 * count its exclusions by reason instead of naming the deals: deal data is never public.
 * @module
 */
import type { AssessmentRecord, Series } from './model.ts'
import type { Alert, AlertEvent, Assessment, Deal, PriceReference, Quote } from './records.ts'

const iso = (ms: number) => new Date(ms).toISOString()
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms))

export const seriesView = (s: Series) => ({
  id: s.id,
  kind: s.kind,
  family: s.family,
  track: s.track,
  frequency: s.frequency,
  name: { en: s.name.en, zh: s.name.zh },
  spec: s.spec,
  group: s.group,
})

export const dealView = (d: Deal) => ({
  id: d.id,
  series: d.seriesId,
  value: d.value,
  qtyKg: d.qtyKg,
  dealAt: iso(d.dealAtMs),
  deliveryDays: d.deliveryDays,
  paymentDays: d.paymentDays,
  affiliated: d.affiliated,
  pricedOnIndex: d.pricedOnIndex,
  spec: d.spec,
  baseUsed: d.baseUsed,
  baseConvention: d.baseConvention,
  paymentTerms: d.paymentTerms,
  deliveryTerms: d.deliveryTerms,
  counterpartyType: d.counterpartyType,
  submitter: d.submitter,
  submittedBy: d.submittedBy,
  submittedAt: iso(d.submittedAtMs),
  source: d.source,
  tradeId: d.tradeId,
  synthetic: d.synthetic,
})

export const quoteView = (q: Quote) => ({
  id: q.id,
  series: q.seriesId,
  side: q.side,
  value: q.value,
  qtyKg: q.qtyKg,
  at: iso(q.atMs),
  validUntil: isoOrNull(q.validUntilMs),
  submitter: q.submitter,
  submittedBy: q.submittedBy,
  submittedAt: iso(q.submittedAtMs),
  synthetic: q.synthetic,
})

/** An assessment as analysts see it: the full record, excluded deal and quote ids included. */
export const assessmentView = (a: Assessment) => ({
  id: a.id,
  seriesId: a.seriesId,
  date: a.date,
  windowStart: iso(a.windowStartMs),
  windowEnd: iso(a.windowEndMs),
  revision: a.revision,
  status: a.status,
  record: a.record,
  inputs: a.inputs,
  proposedBy: a.proposedBy,
  proposedAt: iso(a.proposedAtMs),
  approvedBy: a.approvedBy,
  publishedAt: isoOrNull(a.publishedAtMs),
  reason: a.reason,
  correctionOf: a.correctionOf,
  rejectedBy: a.rejectedBy,
  rejectedAt: isoOrNull(a.rejectedAtMs),
  rejectionReason: a.rejectionReason,
  synthetic: a.synthetic,
})

/** How many deals and quotes each reason excluded. */
export function exclusionCounts(record: AssessmentRecord): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const { reason } of record.excluded) counts[reason] = (counts[reason] ?? 0) + 1
  return counts
}

/** A published assessment as the public sees it: the record without any deal or quote id. */
export function publicAssessmentView(a: Assessment) {
  const { excluded: _ids, ...record } = a.record
  return {
    ...record,
    seriesId: a.seriesId,
    date: a.date,
    revision: a.revision,
    windowStart: iso(a.windowStartMs),
    windowEnd: iso(a.windowEndMs),
    publishedAt: isoOrNull(a.publishedAtMs),
    reason: a.reason,
    exclusions: exclusionCounts(a.record),
  }
}

export const referenceView = (r: PriceReference) => ({
  id: r.id,
  name: r.name,
  date: r.date,
  value: r.value,
  source: r.source,
  recordedAt: iso(r.recordedAtMs),
})

export const alertView = (a: Alert) => ({
  id: a.id,
  series: a.seriesId,
  direction: a.direction,
  threshold: a.threshold,
  webhookUrl: a.webhookUrl,
  createdAt: iso(a.createdAtMs),
})

export const alertEventView = (e: AlertEvent) => ({
  id: e.id,
  alertId: e.alertId,
  seriesId: e.seriesId,
  date: e.date,
  revision: e.revision,
  value: e.value,
  previousValue: e.previousValue,
  threshold: e.threshold,
  direction: e.direction,
  at: iso(e.atMs),
  webhookStatus: e.webhookStatus,
  webhookHttpStatus: e.webhookHttpStatus,
})
