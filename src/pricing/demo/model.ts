/**
 * What the demo history is made of: submitted deals and quotes with the fields a member sends, the
 * assessments the method made of them, and the output weights of the indices.
 * @module
 */
import type { IndexYearWeight } from '../indices/index.ts'
import type { AssessmentRecord, MethodDeal, MethodQuote } from '../model.ts'
import type { BaseConvention, CounterpartyType } from '../records.ts'

/**
 * A deal as a member submits it: the method's fields and the rest of the form. Ids are `D<n>`, as
 * the store writes them, numbered 1, 2, 3 … in the order of the history's `deals`.
 */
export interface DemoDeal extends MethodDeal {
  readonly seriesId: string
  /** The submitting enterprise; every demo deal has one (the same id as `submitter`). */
  readonly submitterEnterpriseId?: string
  readonly spec: string
  /** CNY/t, the base the invoice used; null for the base series itself (an ingot deal has none). */
  readonly baseUsed: number | null
  readonly baseConvention: BaseConvention
  readonly paymentTerms: string
  readonly deliveryTerms: string
  readonly counterpartyType: CounterpartyType
  /**
   * ISO 8601, when the center received it: always inside the deal's period window, so a store that
   * takes a window's deals by deal time or submission time finds exactly the period's `dealIds`.
   */
  readonly submittedAt: string
}

/** A firm bid or offer as a member submits it; ids are `Q<n>`, numbered like the deals. */
export interface DemoQuote extends MethodQuote {
  readonly seriesId: string
  readonly submitterEnterpriseId?: string
  /** ISO 8601: the quote is firm until then. */
  readonly validUntil: string
  /** ISO 8601, inside the quote's period window. */
  readonly submittedAt: string
}

/** One published period of one series, made by the method from the period's deals and quotes. */
export interface DemoAssessment {
  readonly seriesId: string
  /** YYYY-MM-DD, the publication date (Asia/Shanghai). */
  readonly date: string
  /** ISO 8601; start included, end excluded. */
  readonly windowStart: string
  readonly windowEnd: string
  readonly publishedAt: string
  /**
   * The method's input besides the window and the previous record: the ids of the deals and quotes
   * in the order given to the method (by time, then id; a few were dealt before the window and
   * reported in it) and the assessor's judgement, so that anyone can re-run the record.
   */
  readonly dealIds: readonly string[]
  readonly quoteIds: readonly string[]
  readonly judgement: { readonly value: number; readonly rationale: string } | null
  readonly record: AssessmentRecord
}

export interface DemoHistoryOptions {
  /** Epoch ms: every period published at or before this instant is in the history. */
  readonly endAt: number
  /** Weekly periods of each fee series (DEFAULT_WEEKS); the base gets five business days a week. */
  readonly weeks?: number
  readonly seed: number
  /** Enterprise ids that submit deals and quotes (DEFAULT_SUBMITTERS); at least three, distinct. */
  readonly submitters?: readonly string[]
}

export interface DemoHistory {
  /** By series (SERIES order), then by time. */
  readonly deals: readonly DemoDeal[]
  readonly quotes: readonly DemoQuote[]
  /** By series (SERIES order), then by date. */
  readonly assessments: readonly DemoAssessment[]
  /**
   * Output and average all-in per product and year, for the years the indices weigh the history
   * with: the year before the first week's through the year before the last week's.
   */
  readonly weights: readonly IndexYearWeight[]
}
