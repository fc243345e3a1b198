/**
 * The pricing center's vocabulary: series and their families, the method's input and record, the
 * published assessment and the indices. Values are CNY per tonne (integers once published), quantities
 * kg, times ISO 8601 strings at the boundary and epoch milliseconds inside.
 * @module
 */

/** A family sets a series' minimum lot and the volume a Tier 1 assessment needs. */
export type Family = 'ingot' | 'sheet' | 'foil' | 'battery_foil' | 'can_stock'

export interface FamilyRule {
  readonly minLotKg: number
  readonly tier1VolumeKg: number
}

export const FAMILY_RULES: Readonly<Record<Family, FamilyRule>> = {
  ingot: { minLotKg: 20_000, tier1VolumeKg: 300_000 },
  sheet: { minLotKg: 20_000, tier1VolumeKg: 300_000 },
  foil: { minLotKg: 5_000, tier1VolumeKg: 100_000 },
  battery_foil: { minLotKg: 5_000, tier1VolumeKg: 50_000 },
  can_stock: { minLotKg: 100_000, tier1VolumeKg: 300_000 },
}

export const FAMILIES = Object.keys(FAMILY_RULES) as Family[]

/** `spot`: contracted in the window for delivery within 45 days; `contract`: quarterly or annual fee fixings. */
export type Track = 'spot' | 'contract'

/** `base`: the ingot price itself (daily); `fee`: a processing fee over the base (weekly). */
export type SeriesKind = 'base' | 'fee'

/** The product groups of the all-in index's sub-indices. */
export type IndexGroup = 'sheet_strip' | 'foil' | 'high_end'

export interface Series {
  readonly id: string
  readonly kind: SeriesKind
  readonly family: Family
  readonly track: Track
  readonly frequency: 'daily' | 'weekly'
  readonly name: { readonly en: string; readonly zh: string }
  /** The specification assessed, in words (alloy, temper, gauge range). */
  readonly spec: string
  /** Fee series only: the group it counts in for the sub-indices. */
  readonly group: IndexGroup | null
}

// ---- the method (v1) ----

export interface MethodDeal {
  readonly id: string
  readonly submitter: string
  readonly affiliated: boolean
  readonly pricedOnIndex: boolean
  readonly qtyKg: number
  /** CNY/t: the fee for a fee series, the price for the base. */
  readonly value: number
  readonly deliveryDays: number
  readonly paymentDays: number
  readonly dealAt: string
}

export interface MethodQuote {
  readonly id: string
  readonly submitter: string
  readonly side: 'bid' | 'offer'
  readonly value: number
  readonly qtyKg: number
  readonly at: string
}

export interface AssessmentInput {
  readonly series: { readonly id: string; readonly family: Family }
  /** Start included, end excluded. */
  readonly window: { readonly start: string; readonly end: string }
  readonly previous: { readonly value: number | null; readonly rolls: number } | null
  readonly deals: readonly MethodDeal[]
  readonly quotes: readonly MethodQuote[]
  readonly judgement: { readonly value: number; readonly rationale: string } | null
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

export type Tier = 1 | 2 | 3 | 4

/** What the method says about one window: the value, how it was reached, and every exclusion. */
export interface AssessmentRecord {
  readonly seriesId: string
  /** CNY/t rounded to 10; null when suspended or with nothing at all. */
  readonly value: number | null
  /** null with nothing at all to assess from. */
  readonly tier: Tier | null
  readonly rolled: boolean
  readonly rolls: number
  readonly suspended: boolean
  /** Of the deals used (null when none was). */
  readonly low: number | null
  readonly high: number | null
  readonly median: number | null
  readonly nDeals: number
  readonly nQuotes: number
  readonly nSubmitters: number
  readonly volumeKg: number
  /** The largest submitter's share of the deals' weight (0–1), null when no deal was used. */
  readonly topSubmitterShare: number | null
  readonly excluded: readonly { readonly id: string; readonly reason: ExclusionReason }[]
  readonly methodologyVersion: string
}
