import type { ColumnType, Generated } from 'kysely'

type Int8 = ColumnType<bigint, bigint | string | number, bigint | string | number>
type NullableInt8 = ColumnType<
  bigint | null,
  bigint | string | number | null | undefined,
  bigint | string | number | null
>
type Id = ColumnType<bigint, never, never>
type Instant = ColumnType<Date, Date | string, Date | string>
type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
/** jsonb: written as JSON text, read back parsed. */
type Json = ColumnType<unknown, string, string>

/** The pricing center's tables (migration 0006_pricing, written by src/pricing). */
export interface PricingTables {
  pricing_deal: PricingDealTable
  pricing_quote: PricingQuoteTable
  pricing_assessment: PricingAssessmentTable
  pricing_reference: PricingReferenceTable
  pricing_alert: PricingAlertTable
  pricing_alert_event: PricingAlertEventTable
}

export interface PricingDealTable {
  id: Id
  series_id: string
  /** The enterprise that reports the deal (for the trading center's trades: the seller). */
  submitter_id: string
  /** The user who sent it; null for deals that entered from the trading center. */
  submitted_by: string | null
  source: 'member' | 'trading'
  trade_id: NullableInt8
  value_cny_per_t: Int8
  qty_kg: Int8
  deal_at: Instant
  delivery_days: number
  payment_days: number
  affiliated: boolean
  priced_on_index: boolean
  spec: string
  base_used_cny_per_t: NullableInt8
  base_convention: string | null
  payment_terms: string
  delivery_terms: string
  counterparty_type: string | null
  submitted_at: Instant
  synthetic: Generated<boolean>
}

export interface PricingQuoteTable {
  id: Id
  series_id: string
  submitter_id: string
  submitted_by: string | null
  side: 'bid' | 'offer'
  value_cny_per_t: Int8
  qty_kg: Int8
  quoted_at: Instant
  valid_until: NullableInstant
  submitted_at: Instant
  synthetic: Generated<boolean>
}

export interface PricingAssessmentTable {
  id: Id
  series_id: string
  /** The period's publication date, `YYYY-MM-DD` (Asia/Shanghai). */
  period_date: string
  window_start: Instant
  window_end: Instant
  revision: number
  status: 'proposed' | 'published' | 'rejected'
  current: Generated<boolean>
  value_cny_per_t: NullableInt8
  /** The method's AssessmentRecord. */
  record: Json
  /** What the record was computed from: deal and quote ids, previous value, judgement. */
  inputs: Json
  correction_of: number | null
  reason: string | null
  proposed_by: string
  proposed_at: Instant
  approved_by: string | null
  published_at: NullableInstant
  rejected_by: string | null
  rejected_at: NullableInstant
  rejection_reason: string | null
  synthetic: Generated<boolean>
}

export interface PricingReferenceTable {
  id: Id
  name: string
  ref_date: string
  value_cny_per_t: Int8
  source: string
  recorded_by: string
  recorded_at: Instant
  synthetic: Generated<boolean>
}

export interface PricingAlertTable {
  id: Id
  user_id: string
  series_id: string
  direction: 'above' | 'below'
  threshold_cny_per_t: Int8
  webhook_url: string | null
  created_at: Instant
  deleted_at: NullableInstant
}

export interface PricingAlertEventTable {
  id: Id
  alert_id: Int8
  series_id: string
  period_date: string
  revision: number
  value_cny_per_t: Int8
  previous_cny_per_t: NullableInt8
  threshold_cny_per_t: Int8
  direction: 'above' | 'below'
  at: Instant
  webhook_status: 'pending' | 'delivered' | 'failed' | null
  webhook_http_status: number | null
}
