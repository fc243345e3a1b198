import type { FieldError } from '../../kernel/index.ts'
import { COMPETING_ORIGINS } from '../geo/index.ts'
import { isCalendarDate, VERSION_ID_PATTERN } from './tariff.ts'

/**
 * How much a competing origin's all-in price (base + processing fee, CNY/t) differs from Gongyi's
 * for the same product, by origin id. These are ASSUMPTIONS, not assessments: the pricing center
 * publishes Gongyi's prices only, so another centre's all-in is taken as Gongyi's plus this figure
 * (0 by default: the same metal and the same fee, and only freight tells the origins apart). An
 * operator who knows better (e.g. SMM's Wuxi–Gongyi ingot spread) adds a version.
 */
export interface DifferentialTable {
  readonly id: string
  /** Asia/Shanghai date from which the version is in force, YYYY-MM-DD. */
  readonly effectiveFrom: string
  /** Whole CNY/t per competing origin id; every competing origin is present. */
  readonly cnyPerT: Readonly<Record<string, number>>
}

export const DIFFERENTIALS_NOTE =
  "Competing origins' all-in prices are Gongyi's published all-in plus an assumed differential, not assessed prices."

/** Every competing origin at 0; migration 0007 seeds it as `default-v1`, in force from 2000-01-01. */
export const DEFAULT_DIFFERENTIALS: DifferentialTable = {
  id: 'default-v1',
  effectiveFrom: '2000-01-01',
  cnyPerT: Object.fromEntries(COMPETING_ORIGINS.map((o) => [o.id, 0])),
}

const MAX_DIFFERENTIAL = 100_000

/**
 * The table with every competing origin present (origins it leaves out at 0), or why it is not
 * acceptable: unknown origins, non-integers, more than ±100 000 CNY/t, a bad id or date.
 */
export function checkDifferentials(
  table: DifferentialTable,
): { ok: true; value: DifferentialTable } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = []
  if (!new RegExp(VERSION_ID_PATTERN).test(table.id))
    errors.push({ field: '/id', message: `must match ${VERSION_ID_PATTERN}` })
  if (!isCalendarDate(table.effectiveFrom))
    errors.push({ field: '/effectiveFrom', message: 'must be a calendar date YYYY-MM-DD' })
  const known = new Set(COMPETING_ORIGINS.map((o) => o.id))
  for (const [origin, value] of Object.entries(table.cnyPerT)) {
    if (!known.has(origin))
      errors.push({
        field: `/cnyPerT/${origin}`,
        message: `is not a competing origin; they are ${[...known].join(', ')}`,
      })
    else if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_DIFFERENTIAL)
      errors.push({
        field: `/cnyPerT/${origin}`,
        message: `must be a whole CNY/t within ±${MAX_DIFFERENTIAL}`,
      })
  }
  if (errors.length > 0) return { ok: false, errors }
  const cnyPerT = Object.fromEntries(COMPETING_ORIGINS.map((o) => [o.id, table.cnyPerT[o.id] ?? 0]))
  return { ok: true, value: { id: table.id, effectiveFrom: table.effectiveFrom, cnyPerT } }
}
