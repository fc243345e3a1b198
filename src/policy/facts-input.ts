/**
 * Reads an enterprise's facts from untrusted JSON (`huiguo eligibility`): every field checked, every
 * problem named by its JSON pointer, nothing guessed. Keys not listed are ignored.
 *
 * `worstEnergyLevel` may be null: an enterprise with no month in the energy ledger has no level,
 * and the energy_level rule then fails with `actual: null`. Every other fact is required as a
 * number (the CLI judges facts as given; it has no ledger to fall back on).
 * @module
 */
import type { EnergyLevel, EnterpriseFacts } from './rules.ts'

export interface InputProblem {
  readonly field: string
  readonly message: string
}

const FRACTIONS = ['highTechRevenueShare', 'techStaffShare', 'mainBusinessShare', 'cleanEnergyShare'] as const
const AMOUNTS = ['revenueCny', 'rdExpenseCny', 'yearsInNiche'] as const

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The facts, or every problem with them. */
export function readFacts(
  json: unknown,
): { ok: true; value: EnterpriseFacts } | { ok: false; problems: InputProblem[] } {
  if (!isObject(json)) return { ok: false, problems: [{ field: '', message: 'must be an object' }] }
  const problems: InputProblem[] = []
  const number = (key: string): number => {
    const v = json[key]
    if (v === undefined) problems.push({ field: `/${key}`, message: 'is required' })
    else if (typeof v !== 'number' || !Number.isFinite(v))
      problems.push({ field: `/${key}`, message: 'must be a number' })
    else if (v < 0) problems.push({ field: `/${key}`, message: 'must not be negative' })
    else return v
    return Number.NaN
  }
  const values: Record<string, number> = {}
  for (const key of AMOUNTS) values[key] = number(key)
  for (const key of FRACTIONS) {
    const v = number(key)
    if (v > 1) problems.push({ field: `/${key}`, message: 'is a share: at most 1' })
    values[key] = v
  }
  let worstEnergyLevel: EnergyLevel | null = null
  const level = json.worstEnergyLevel
  if (level === undefined) problems.push({ field: '/worstEnergyLevel', message: 'is required (or null)' })
  else if (level !== null) {
    if (level === 1 || level === 2 || level === 3 || level === 4) worstEnergyLevel = level
    else problems.push({ field: '/worstEnergyLevel', message: 'must be an integer from 1 to 4, or null' })
  }
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    value: {
      revenueCny: values.revenueCny!,
      rdExpenseCny: values.rdExpenseCny!,
      highTechRevenueShare: values.highTechRevenueShare!,
      techStaffShare: values.techStaffShare!,
      yearsInNiche: values.yearsInNiche!,
      mainBusinessShare: values.mainBusinessShare!,
      worstEnergyLevel,
      cleanEnergyShare: values.cleanEnergyShare!,
    },
  }
}
