/**
 * Eligibility rules as data: which enterprise fact a rule reads, how it compares, and its threshold
 * (or, for the tiered rules, a threshold per revenue band). The evaluator (eligibility.ts) runs any
 * list of these, so a programme the operator edits is judged by the same code as the defaults.
 * @module
 */

/** The rule ids, stable API strings: each names the fact it reads. */
export const RULE_IDS = [
  'rd_intensity',
  'rd_expense',
  'revenue',
  'high_tech_revenue_share',
  'tech_staff_share',
  'years_in_niche',
  'main_business_share',
  'energy_level',
  'clean_energy_share',
] as const
export type RuleId = (typeof RULE_IDS)[number]

export const isRuleId = (value: string): value is RuleId => (RULE_IDS as readonly string[]).includes(value)

/** `>=`: the fact must be at least the threshold; `<=`: at most. Bounds are inclusive. */
export const COMPARISONS = ['>=', '<='] as const
export type Comparison = (typeof COMPARISONS)[number]

/**
 * One band of a tiered threshold: it applies when revenue ≤ `revenueUpToCny` (and above the band
 * before it); the last band has `revenueUpToCny: null` and covers everything above.
 */
export interface RevenueTier {
  readonly revenueUpToCny: number | null
  readonly threshold: number
}

/** A rule with one threshold, or with tiers over revenue (exactly one of the two). */
export type Rule =
  | { readonly rule: RuleId; readonly comparison: Comparison; readonly threshold: number }
  | { readonly rule: RuleId; readonly comparison: Comparison; readonly tiers: readonly RevenueTier[] }

/** What kind of number a rule's fact is: how it is validated and put in words. */
export type FactKind = 'fraction' | 'cny' | 'years' | 'level'

export const FACT_KIND: Readonly<Record<RuleId, FactKind>> = {
  rd_intensity: 'fraction',
  rd_expense: 'cny',
  revenue: 'cny',
  high_tech_revenue_share: 'fraction',
  tech_staff_share: 'fraction',
  years_in_niche: 'years',
  main_business_share: 'fraction',
  energy_level: 'level',
  clean_energy_share: 'fraction',
}

/**
 * An energy level of GB 21351-2023 for a line: 1 best, 3 the access limit, 4 above the limit (see
 * the ecology module).
 */
export type EnergyLevel = 1 | 2 | 3 | 4

/**
 * The facts the rules read. Money in CNY (the CLI's unit; the store keeps fen and divides), shares
 * as fractions 0..1. The two energy facts come from the energy ledger and are null when it holds no
 * month of the enterprise: a rule over a null fact fails, with `actual: null`.
 */
export interface EnterpriseFacts {
  readonly revenueCny: number
  readonly rdExpenseCny: number
  readonly highTechRevenueShare: number
  readonly techStaffShare: number
  readonly yearsInNiche: number
  readonly mainBusinessShare: number
  readonly worstEnergyLevel: EnergyLevel | null
  readonly cleanEnergyShare: number | null
}

/** R&D expense over revenue; 0 when revenue is 0 (no revenue, no intensity to speak of). */
export const rdIntensityOf = (f: Pick<EnterpriseFacts, 'revenueCny' | 'rdExpenseCny'>): number =>
  f.revenueCny === 0 ? 0 : f.rdExpenseCny / f.revenueCny

/** The number a rule compares: a fact, or the R&D intensity computed from two. */
export function factOf(rule: RuleId, f: EnterpriseFacts): number | null {
  switch (rule) {
    case 'rd_intensity':
      return rdIntensityOf(f)
    case 'rd_expense':
      return f.rdExpenseCny
    case 'revenue':
      return f.revenueCny
    case 'high_tech_revenue_share':
      return f.highTechRevenueShare
    case 'tech_staff_share':
      return f.techStaffShare
    case 'years_in_niche':
      return f.yearsInNiche
    case 'main_business_share':
      return f.mainBusinessShare
    case 'energy_level':
      return f.worstEnergyLevel
    case 'clean_energy_share':
      return f.cleanEnergyShare
  }
}
