/**
 * What the pricing center keeps: submitted deals and quotes, assessments with their revisions,
 * external references and alerts. Values CNY/t, quantities kg, instants epoch ms, dates
 * `YYYY-MM-DD` (Asia/Shanghai). Ids are decimal strings (bigint in SQL).
 * @module
 */
import type { AssessmentRecord } from './model.ts'

export const BASE_CONVENTIONS = ['day', 'monthly_average', 'previous_month_average', 'shfe_point'] as const
/** How the base of a fee deal is fixed: the day's price, a month's average, or point-priced on SHFE. */
export type BaseConvention = (typeof BASE_CONVENTIONS)[number]

export const COUNTERPARTY_TYPES = ['producer', 'trader', 'consumer'] as const
export type CounterpartyType = (typeof COUNTERPARTY_TYPES)[number]

/** `member`: sent by a member enterprise; `trading`: a trade of the center's own market. */
export type DealSource = 'member' | 'trading'

export interface Deal {
  readonly id: string
  readonly seriesId: string
  /** The reporting enterprise (for a trade of the center: the seller). */
  readonly submitter: string
  /** The user who sent it; null when it entered from the trading center. */
  readonly submittedBy: string | null
  readonly source: DealSource
  readonly tradeId: string | null
  readonly value: number
  readonly qtyKg: number
  readonly dealAtMs: number
  readonly deliveryDays: number
  readonly paymentDays: number
  readonly affiliated: boolean
  readonly pricedOnIndex: boolean
  readonly spec: string
  /** Fee deals: the base price used, when it is known at the deal. */
  readonly baseUsed: number | null
  readonly baseConvention: BaseConvention | null
  readonly paymentTerms: string
  readonly deliveryTerms: string
  readonly counterpartyType: CounterpartyType | null
  readonly submittedAtMs: number
  readonly synthetic: boolean
}

export type NewDeal = Omit<Deal, 'id'>

export interface Quote {
  readonly id: string
  readonly seriesId: string
  readonly submitter: string
  readonly submittedBy: string | null
  readonly side: 'bid' | 'offer'
  readonly value: number
  readonly qtyKg: number
  readonly atMs: number
  readonly validUntilMs: number | null
  readonly submittedAtMs: number
  readonly synthetic: boolean
}

export type NewQuote = Omit<Quote, 'id'>

export type AssessmentStatus = 'proposed' | 'published' | 'rejected'

/** What a record was computed from, kept so anyone can re-run the method on the same input. */
export interface AssessmentInputs {
  readonly dealIds: readonly string[]
  readonly quoteIds: readonly string[]
  readonly previous: { readonly value: number | null; readonly rolls: number } | null
  readonly judgement: { readonly value: number; readonly rationale: string } | null
}

/** One revision of one period of one series, from its proposal to its publication or rejection. */
export interface Assessment {
  readonly id: string
  readonly seriesId: string
  /** The period's publication date. */
  readonly date: string
  readonly windowStartMs: number
  readonly windowEndMs: number
  /** 1 for the first publication of the period, n + 1 for the correction of revision n. */
  readonly revision: number
  readonly status: AssessmentStatus
  /** True for the published revision the public sees for its period. */
  readonly current: boolean
  readonly record: AssessmentRecord
  readonly inputs: AssessmentInputs
  /** The revision a correction replaces; null for a first assessment. */
  readonly correctionOf: number | null
  /** Why a correction was made. */
  readonly reason: string | null
  readonly proposedBy: string
  readonly proposedAtMs: number
  readonly approvedBy: string | null
  readonly publishedAtMs: number | null
  readonly rejectedBy: string | null
  readonly rejectedAtMs: number | null
  readonly rejectionReason: string | null
  readonly synthetic: boolean
}

export type NewAssessment = Omit<
  Assessment,
  'id' | 'current' | 'approvedBy' | 'publishedAtMs' | 'rejectedBy' | 'rejectedAtMs' | 'rejectionReason'
>

/** An external price an analyst recorded with its source named (SHFE settlement, SMM A00, …). */
export interface PriceReference {
  readonly id: string
  readonly name: string
  readonly date: string
  readonly value: number
  readonly source: string
  readonly recordedBy: string
  readonly recordedAtMs: number
  readonly synthetic: boolean
}

export type AlertDirection = 'above' | 'below'

export interface Alert {
  readonly id: string
  readonly userId: string
  readonly seriesId: string
  readonly direction: AlertDirection
  readonly threshold: number
  readonly webhookUrl: string | null
  readonly createdAtMs: number
}

export type WebhookStatus = 'pending' | 'delivered' | 'failed'

/** A publication that crossed an alert's threshold. */
export interface AlertEvent {
  readonly id: string
  readonly alertId: string
  readonly seriesId: string
  readonly date: string
  readonly revision: number
  readonly value: number
  readonly previousValue: number | null
  readonly threshold: number
  readonly direction: AlertDirection
  readonly atMs: number
  /** null when the alert has no webhook. */
  readonly webhookStatus: WebhookStatus | null
  readonly webhookHttpStatus: number | null
}
