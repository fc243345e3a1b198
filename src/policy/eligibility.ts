/**
 * The eligibility evaluator, pure: a programme's rules (data) over an enterprise's facts. Every rule
 * is checked, in the programme's order, and every failed one is reported, not just the first.
 * Comparisons are plain and inclusive (no rounding, no tolerance), so a ratio exactly at its bound
 * passes: 2,500,000 / 50,000,000 is the same double as 0.05.
 * @module
 */
import { type Comparison, type EnterpriseFacts, factOf, type Rule, type RuleId } from './rules.ts'

/** The revenue band a tiered threshold was taken from: above `overCny` (exclusive) up to `upToCny`. */
export interface AppliedTier {
  readonly revenueOverCny: number | null
  readonly revenueUpToCny: number | null
}

/** One rule checked: the threshold that applied, the enterprise's number, and whether it passes. */
export interface RuleCheck {
  readonly rule: RuleId
  readonly comparison: Comparison
  readonly required: number
  /** null when the fact is unknown (no energy records): the rule then fails. */
  readonly actual: number | null
  readonly passed: boolean
  /** For a tiered rule, the band that applied; null for a plain threshold. */
  readonly tier: AppliedTier | null
}

export interface ProgrammeCheck {
  readonly id: string
  readonly eligible: boolean
  /** Every rule, in the programme's order. */
  readonly checks: readonly RuleCheck[]
}

/** The failed rule as the `huiguo eligibility` record lists it: exactly these three keys. */
export interface FailedRule {
  readonly rule: RuleId
  readonly required: number
  readonly actual: number | null
}

export interface EligibilityRecord {
  readonly programmes: readonly {
    readonly id: string
    readonly eligible: boolean
    readonly failed: FailedRule[]
  }[]
}

/**
 * The threshold of a rule for a revenue: its own, or the first tier whose band holds the revenue
 * (bands are ascending; the last is open-ended). Programme validation guarantees an open-ended
 * last band; should one be missing, the last band applies above it.
 */
export function thresholdOf(rule: Rule, revenueCny: number): { required: number; tier: AppliedTier | null } {
  if ('threshold' in rule) return { required: rule.threshold, tier: null }
  let over: number | null = null
  for (const [i, t] of rule.tiers.entries()) {
    if (t.revenueUpToCny === null || revenueCny <= t.revenueUpToCny || i === rule.tiers.length - 1)
      return { required: t.threshold, tier: { revenueOverCny: over, revenueUpToCny: t.revenueUpToCny } }
    over = t.revenueUpToCny
  }
  throw new Error(`rule ${rule.rule} has no tiers`)
}

const holds = (comparison: Comparison, actual: number, required: number) =>
  comparison === '>=' ? actual >= required : actual <= required

/** One rule over the facts. */
export function checkRule(rule: Rule, facts: EnterpriseFacts): RuleCheck {
  const { required, tier } = thresholdOf(rule, facts.revenueCny)
  const actual = factOf(rule.rule, facts)
  const passed = actual !== null && holds(rule.comparison, actual, required)
  return { rule: rule.rule, comparison: rule.comparison, required, actual, passed, tier }
}

/**
 * Every rule of a programme over the facts.
 *
 * @example evaluateProgramme({ id: 'x', rules: [{ rule: 'revenue', comparison: '>=', threshold: 1e7 }] }, facts)
 *   // { id: 'x', eligible: facts.revenueCny >= 1e7, checks: [ … ] }
 */
export function evaluateProgramme(
  programme: { readonly id: string; readonly rules: readonly Rule[] },
  facts: EnterpriseFacts,
): ProgrammeCheck {
  const checks = programme.rules.map((rule) => checkRule(rule, facts))
  return { id: programme.id, eligible: checks.every((c) => c.passed), checks }
}

/** The failed rules of a check, as the record lists them. */
export const failedOf = (check: ProgrammeCheck): FailedRule[] =>
  check.checks.filter((c) => !c.passed).map((c) => ({ rule: c.rule, required: c.required, actual: c.actual }))

/** The `huiguo eligibility` record of some programmes over one enterprise's facts. */
export function eligibilityRecord(
  programmes: readonly { readonly id: string; readonly rules: readonly Rule[] }[],
  facts: EnterpriseFacts,
): EligibilityRecord {
  return {
    programmes: programmes.map((p) => {
      const check = evaluateProgramme(p, facts)
      return { id: check.id, eligible: check.eligible, failed: failedOf(check) }
    }),
  }
}
