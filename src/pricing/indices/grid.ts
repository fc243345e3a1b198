/**
 * The weekly table the indices read: one row per basket product, one column per week that any point
 * names, each value carried forward from the product's last week that had one.
 * @module
 */
import { BASKET } from './basket.ts'
import type { IndexWeekPoint } from './model.ts'

export interface WeekGrid {
  /** YYYY-MM-DD, ascending, no duplicates. */
  readonly weeks: readonly string[]
  /** The calendar year of each week's date. */
  readonly years: readonly number[]
  /** [product in BASKET order][week]; NaN until the product's first value. */
  readonly fee: readonly Float64Array[]
  readonly base: readonly Float64Array[]
  readonly allIn: readonly Float64Array[]
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const PRODUCT_INDEX = new Map(BASKET.map((p, i) => [p.code, i]))

/** The product's row in BASKET order; unknown codes are a caller's bug. */
export function productIndex(code: string): number {
  const at = PRODUCT_INDEX.get(code)
  if (at === undefined) throw new RangeError(`${code} is not a product of the index basket`)
  return at
}

const checkValue = (v: number | null, what: string): number => {
  if (v === null) return Number.NaN
  if (!Number.isFinite(v)) throw new RangeError(`${what} is ${v}, not a number of CNY/t`)
  return v
}

export function buildGrid(points: readonly IndexWeekPoint[]): WeekGrid {
  for (const p of points)
    if (!DATE.test(p.weekEnd)) throw new RangeError(`week end ${p.weekEnd} is not YYYY-MM-DD`)
  const weeks = [...new Set(points.map((p) => p.weekEnd))].sort()
  const column = new Map(weeks.map((w, k) => [w, k]))
  const table = () => BASKET.map(() => new Float64Array(weeks.length).fill(Number.NaN))
  const fee = table()
  const base = table()
  const allIn = table()
  const seen = new Set<string>()
  for (const p of points) {
    const key = `${p.product} ${p.weekEnd}`
    if (seen.has(key)) throw new RangeError(`two points for ${p.product} in the week of ${p.weekEnd}`)
    seen.add(key)
    const j = productIndex(p.product)
    const k = column.get(p.weekEnd)!
    fee[j]![k] = checkValue(p.fee, `${key} fee`)
    base[j]![k] = checkValue(p.base, `${key} base`)
    allIn[j]![k] = checkValue(p.allIn, `${key} all-in`)
  }
  // A product without a value in a week (no point, or a null value: a suspended or empty series)
  // counts at its last value, as a rolled assessment would; each of fee, base and all-in on its own.
  for (const rows of [fee, base, allIn])
    for (const row of rows)
      for (let k = 1; k < row.length; k++) if (Number.isNaN(row[k]!)) row[k] = row[k - 1]!
  return { weeks, years: weeks.map((w) => Number(w.slice(0, 4))), fee, base, allIn }
}
