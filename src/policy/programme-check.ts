/**
 * What makes a programme an administrator saves valid, beyond its JSON shape: rules the evaluator
 * can run (known facts, thresholds in range, tiers ascending and open-ended), an award, a budget
 * and real calendar dates in order. Pure; every problem is named by its JSON pointer.
 * @module
 */
import { type FieldError, ok, type Result, refuse } from '../kernel/index.ts'
import type { ProgrammeInput, ProgrammeStatus } from './model.ts'
import { type Comparison, FACT_KIND, type Rule, type RuleId } from './rules.ts'

/** A programme as the API receives it: money as decimal strings of fen. */
export interface ProgrammeBody {
  readonly nameZh: string
  readonly nameEn: string
  readonly descriptionZh: string
  readonly descriptionEn: string
  readonly rules: readonly {
    readonly rule: RuleId
    readonly comparison: Comparison
    readonly threshold?: number
    readonly tiers?: readonly { readonly revenueUpToCny: number | null; readonly threshold: number }[]
  }[]
  readonly amountFen: string
  readonly budgetFen: string
  readonly opensOn: string
  readonly closesOn: string
  readonly status: ProgrammeStatus
  readonly noteZh?: string | null
  readonly noteEn?: string | null
}

/** True for a real calendar day `YYYY-MM-DD`. */
export function isCalendarDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === text
}

function thresholdProblem(rule: RuleId, value: number): string | null {
  if (!Number.isFinite(value) || value < 0) return 'must be a number of at least 0'
  switch (FACT_KIND[rule]) {
    case 'fraction':
      return value > 1 ? 'is a share: at most 1' : null
    case 'level':
      return Number.isInteger(value) && value >= 1 && value <= 4 ? null : 'must be an energy level 1 to 4'
    default:
      return null
  }
}

function checkRules(rules: ProgrammeBody['rules'], errors: FieldError[]): Rule[] {
  if (rules.length === 0) errors.push({ field: '/rules', message: 'needs at least one rule' })
  const seen = new Set<RuleId>()
  return rules.map((r, i): Rule => {
    const at = `/rules/${i}`
    if (seen.has(r.rule)) errors.push({ field: `${at}/rule`, message: `${r.rule} is already a rule` })
    seen.add(r.rule)
    const hasThreshold = r.threshold !== undefined
    if (hasThreshold === (r.tiers !== undefined)) {
      errors.push({ field: at, message: 'give a threshold or tiers, not both' })
      return { rule: r.rule, comparison: r.comparison, threshold: 0 }
    }
    if (hasThreshold) {
      const problem = thresholdProblem(r.rule, r.threshold!)
      if (problem) errors.push({ field: `${at}/threshold`, message: problem })
      return { rule: r.rule, comparison: r.comparison, threshold: r.threshold! }
    }
    const tiers = r.tiers!
    if (tiers.length === 0) errors.push({ field: `${at}/tiers`, message: 'needs at least one tier' })
    let previous = -1
    for (const [j, t] of tiers.entries()) {
      const last = j === tiers.length - 1
      const problem = thresholdProblem(r.rule, t.threshold)
      if (problem) errors.push({ field: `${at}/tiers/${j}/threshold`, message: problem })
      if (last && t.revenueUpToCny !== null)
        errors.push({
          field: `${at}/tiers/${j}/revenueUpToCny`,
          message: 'the last tier covers all above: null',
        })
      if (!last && (t.revenueUpToCny === null || t.revenueUpToCny <= previous))
        errors.push({
          field: `${at}/tiers/${j}/revenueUpToCny`,
          message: 'must be a revenue above the tier before it (only the last tier is open-ended)',
        })
      if (t.revenueUpToCny !== null) previous = t.revenueUpToCny
    }
    return { rule: r.rule, comparison: r.comparison, tiers: tiers.map((t) => ({ ...t })) }
  })
}

/**
 * The programme to store, or PROGRAMME_INVALID with every problem.
 *
 * @example checkProgramme({ ...body, opensOn: '2026-02-30' }) // PROGRAMME_INVALID, /opensOn is not a calendar day
 */
export function checkProgramme(body: ProgrammeBody): Result<ProgrammeInput> {
  const errors: FieldError[] = []
  const rules = checkRules(body.rules, errors)
  for (const key of ['opensOn', 'closesOn'] as const)
    if (!isCalendarDay(body[key]))
      errors.push({ field: `/${key}`, message: 'is not a calendar day YYYY-MM-DD' })
  if (isCalendarDay(body.opensOn) && isCalendarDay(body.closesOn) && body.closesOn < body.opensOn)
    errors.push({ field: '/closesOn', message: 'is before opensOn' })
  const amountFen = BigInt(body.amountFen)
  const budgetFen = BigInt(body.budgetFen)
  if (amountFen <= 0n) errors.push({ field: '/amountFen', message: 'must be more than 0' })
  if (errors.length > 0) return refuse('PROGRAMME_INVALID', 'the programme is not valid', errors)
  return ok({
    nameZh: body.nameZh.trim(),
    nameEn: body.nameEn.trim(),
    descriptionZh: body.descriptionZh.trim(),
    descriptionEn: body.descriptionEn.trim(),
    rules,
    amountFen,
    budgetFen,
    opensOn: body.opensOn,
    closesOn: body.closesOn,
    status: body.status,
    noteZh: body.noteZh?.trim() || null,
    noteEn: body.noteEn?.trim() || null,
  })
}
