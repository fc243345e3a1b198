/**
 * The JSON shapes of the pricing API (/work/notes/pricing-api.md). Values are integer CNY/t,
 * quantities integer kg, dates `YYYY-MM-DD` (Asia/Shanghai), times ISO 8601.
 * @module
 */

export type Tier = 1 | 2 | 3 | 4
export type Track = 'spot' | 'contract'
export type SeriesKind = 'base' | 'fee'
export type Family = 'ingot' | 'sheet' | 'foil' | 'battery_foil' | 'can_stock'

export interface Bilingual {
  en: string
  zh: string
}

export interface SeriesInfo {
  id: string
  kind: SeriesKind
  family: Family
  track: Track
  frequency: 'daily' | 'weekly'
  name: Bilingual
  spec: string
  group: string | null
}

/** One line of the board: the latest published value of a series. */
export interface PriceRow extends SeriesInfo {
  date: string | null
  windowStart: string | null
  windowEnd: string | null
  publishedAt: string | null
  value: number | null
  change: number | null
  tier: Tier | null
  rolled: boolean
  suspended: boolean
  nDeals: number
  revision: number
  baseValue: number | null
  allIn: number | null
}

export interface PricesAnswer {
  synthetic: boolean
  asOf: string | null
  series: PriceRow[]
}

export interface HistoryPoint {
  date: string
  windowStart: string
  windowEnd: string
  value: number | null
  tier: Tier | null
  rolled: boolean
  suspended: boolean
  revision: number
  allIn: number | null
  low: number | null
  high: number | null
  median: number | null
  nDeals: number
}

export interface HistoryAnswer {
  synthetic: boolean
  series: SeriesInfo
  points: HistoryPoint[]
}

export interface Correction {
  seriesId: string
  date: string
  revision: number
  previousValue: number | null
  value: number | null
  reason: string
  publishedAt: string
}

export type IndexUnit = 'points' | 'CNY/t'

export interface IndexRow {
  id: string
  name: Bilingual
  unit: IndexUnit
  date: string | null
  value: number | null
  change: number | null
}

export interface IndexHistoryAnswer {
  synthetic: boolean
  index: { id: string; name: Bilingual; unit: IndexUnit }
  points: { date: string; value: number | null }[]
}

export interface MethodologySection {
  id: string
  title: Bilingual
  body: Bilingual
}

export interface Methodology {
  version: string
  publishedOn: string
  sections: MethodologySection[]
}

export interface Reference {
  id: string
  name: string
  date: string
  value: number
  source: string
  recordedAt: string
}

// ---- members and analysts ----

export interface Deal {
  id: string
  series: string
  value: number
  qtyKg: number
  dealAt: string
  deliveryDays: number
  paymentDays: number
  affiliated: boolean
  pricedOnIndex: boolean
  spec?: string
  baseUsed?: number | null
  baseConvention?: string
  paymentTerms?: string
  deliveryTerms?: string
  counterpartyType?: string
  submitter: string
  submittedBy: string
  submittedAt: string
}

export interface Quote {
  id: string
  series: string
  side: 'bid' | 'offer'
  value: number
  qtyKg: number
  at: string
  validUntil?: string | null
  submitter: string
  submittedBy?: string
}

export type ExclusionReason =
  | 'affiliated'
  | 'priced_on_index'
  | 'late_delivery'
  | 'long_payment'
  | 'below_min_lot'
  | 'outside_window'
  | 'sanity_band'
  | 'outlier'

/** What the method says about one window (src/pricing/model.ts `AssessmentRecord`). */
export interface AssessmentRecord {
  seriesId: string
  value: number | null
  tier: Tier | null
  rolled: boolean
  rolls: number
  suspended: boolean
  low: number | null
  high: number | null
  median: number | null
  nDeals: number
  nQuotes: number
  nSubmitters: number
  volumeKg: number
  topSubmitterShare: number | null
  excluded: { id: string; reason: ExclusionReason }[]
  methodologyVersion: string
}

export type AssessmentStatus = 'proposed' | 'published' | 'rejected'

export interface Assessment {
  id: string
  seriesId: string
  date: string
  windowStart: string
  windowEnd: string
  revision: number
  status: AssessmentStatus
  record: AssessmentRecord
  proposedBy: string
  proposedByName: string
  proposedAt: string
  approvedBy: string | null
  approvedByName: string | null
  publishedAt: string | null
  reason: string | null
  correctionOf: number | null
  /** Rejected proposals: who rejected and why, when the server sends them. */
  rejectedBy?: string | null
  rejectionReason?: string | null
}

export interface ProposeRequest {
  series: string
  date?: string
  judgement?: { value: number; rationale: string }
}

export interface CorrectionRequest {
  series: string
  date: string
  value: number
  reason: string
}

export interface ReferenceRequest {
  name: string
  date: string
  value: number
  source: string
}

// ---- alerts ----

export type Direction = 'above' | 'below'

export interface Alert {
  id: string
  /** The contract's request names it `series`; the stored alert may call it `seriesId`. */
  seriesId?: string
  series?: string
  direction: Direction
  threshold: number
  webhookUrl?: string | null
  createdAt?: string
}

export interface AlertEvent {
  id: string
  alertId: string
  seriesId: string
  date: string
  value: number
  threshold: number
  direction: Direction
  at: string
  webhookStatus: string | number | null
}

export interface AlertRequest {
  series: string
  direction: Direction
  threshold: number
  webhookUrl?: string
}
