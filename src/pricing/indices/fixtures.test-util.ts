import { computeIndices } from './compute.ts'
import type { IndexId, IndexInput, IndexWeekPoint, IndexYearWeight } from './model.ts'

/** One week's points: product → [base, fee] (all-in is their sum), or null for a week without a value. */
export const week = (
  weekEnd: string,
  prices: Readonly<Record<string, readonly [number, number] | null>>,
): IndexWeekPoint[] =>
  Object.entries(prices).map(([product, p]) => ({
    product,
    weekEnd,
    base: p ? p[0] : null,
    fee: p ? p[1] : null,
    allIn: p ? p[0] + p[1] : null,
  }))

export const weight = (
  year: number,
  product: string,
  outputT: number,
  avgAllIn: number,
): IndexYearWeight => ({
  year,
  product,
  outputT,
  avgAllIn,
})

/** Every index as date → value, for short assertions. */
export function run(input: IndexInput): Record<IndexId, Record<string, number>> {
  const out = {} as Record<IndexId, Record<string, number>>
  for (const s of computeIndices(input))
    out[s.id] = Object.fromEntries(s.points.map((p) => [p.date, p.value]))
  return out
}

/** The Thursday `n` weeks after `first` (YYYY-MM-DD). */
export const weeksAfter = (first: string, n: number): string =>
  new Date(Date.parse(`${first}T00:00:00Z`) + n * 7 * 86_400_000).toISOString().slice(0, 10)
