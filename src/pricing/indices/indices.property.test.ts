import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BASKET } from './basket.ts'
import { computeIndices } from './compute.ts'
import { weeksAfter } from './fixtures.test-util.ts'
import type { IndexId, IndexInput, IndexSeries, IndexWeekPoint, IndexYearWeight } from './model.ts'

const CODES = BASKET.map((p) => p.code)
const MAX_WEEKS = 16
/** A Thursday, 8 weeks before 2025: histories lie in 2024, in 2025, or across the link. */
const FIRST = '2024-11-07'
const POINT_INDICES: IndexId[] = [
  'ALLIN',
  'ALLIN-SHEET_STRIP',
  'ALLIN-FOIL',
  'ALLIN-HIGH_END',
  'ALLIN-EXBASE',
]
const ALL_IN_INDICES: IndexId[] = ['ALLIN', 'ALLIN-SHEET_STRIP', 'ALLIN-FOIL', 'ALLIN-HIGH_END']

interface History {
  readonly products: readonly string[]
  readonly weeks: readonly string[]
  /** [product][week]: [base, fee], or null for a week without a value. */
  readonly prices: readonly (readonly ([number, number] | null)[])[]
  /** The 2023 and 2024 surveys (weighing 2024 and 2025). */
  readonly weights: readonly IndexYearWeight[]
}

const survey = fc.record({
  outputT: fc.integer({ min: 1, max: 1_000 }),
  avgAllIn: fc.integer({ min: 10_000, max: 40_000 }),
})

/** A random basket and history; `gaps` leaves some weeks of some products without a value. */
const history = (gaps: boolean): fc.Arbitrary<History> =>
  fc
    .record({
      products: fc.subarray(CODES, { minLength: 1 }),
      start: fc.integer({ min: 0, max: 12 }),
      nWeeks: fc.integer({ min: 2, max: MAX_WEEKS }),
      bases: fc.array(fc.integer({ min: 18_000, max: 22_000 }), {
        minLength: MAX_WEEKS,
        maxLength: MAX_WEEKS,
      }),
      fees: fc.array(fc.integer({ min: -500, max: 20_000 }), {
        minLength: CODES.length * MAX_WEEKS,
        maxLength: CODES.length * MAX_WEEKS,
      }),
      holes: fc.array(fc.integer({ min: 0, max: 9 }), {
        minLength: CODES.length * MAX_WEEKS,
        maxLength: CODES.length * MAX_WEEKS,
      }),
      surveys: fc.array(survey, { minLength: 2 * CODES.length, maxLength: 2 * CODES.length }),
    })
    .map(({ products, start, nWeeks, bases, fees, holes, surveys }) => ({
      products,
      weeks: Array.from({ length: nWeeks }, (_, k) => weeksAfter(FIRST, start + k)),
      prices: products.map((_, j) =>
        Array.from({ length: nWeeks }, (_, k): [number, number] | null =>
          gaps && holes[j * MAX_WEEKS + k] === 0 ? null : [bases[k]!, fees[j * MAX_WEEKS + k]!],
        ),
      ),
      weights: products.flatMap((product, j) =>
        [2023, 2024].map((year, y) => ({ year, product, ...surveys[y * CODES.length + j]! })),
      ),
    }))

const toInput = (h: History): IndexInput => ({
  weights: h.weights,
  points: h.products.flatMap((product, j) =>
    h.weeks.map((weekEnd, k): IndexWeekPoint => {
      const p = h.prices[j]![k]!
      return { product, weekEnd, base: p?.[0] ?? null, fee: p?.[1] ?? null, allIn: p ? p[0] + p[1] : null }
    }),
  ),
})

const byId = (series: readonly IndexSeries[]): Record<IndexId, Map<string, number>> =>
  Object.fromEntries(series.map((s) => [s.id, new Map(s.points.map((p) => [p.date, p.value]))])) as Record<
    IndexId,
    Map<string, number>
  >

describe('index invariants', () => {
  it('all prices constant: every index stays at 1000 and the barometer moves only with the weights', () => {
    fc.assert(
      fc.property(history(false), (h) => {
        const flat = { ...h, prices: h.prices.map((row) => row.map(() => row[0]!)) }
        const out = computeIndices(toInput(flat))
        for (const s of out) {
          // The barometer is a level: it moves only where the weights do, at the turn of the year.
          if (s.id === 'FEE-BAROMETER')
            for (const year of ['2024', '2025'])
              expect(
                new Set(s.points.filter((p) => p.date.startsWith(year)).map((p) => p.value)).size,
              ).toBeLessThanOrEqual(1)
          else for (const p of s.points) expect(p.value).toBe(1000)
        }
        expect(out.find((s) => s.id === 'ALLIN')!.points).toHaveLength(h.weeks.length)
      }),
    )
  })

  it('prices in other units (every price and average × k): the same index levels, the barometer × k', () => {
    fc.assert(
      fc.property(history(true), fc.constantFrom(0.5, 2, 4, 8), (h, k) => {
        // Powers of two scale floating point exactly, so equal levels must come out equal.
        const scaled: History = {
          ...h,
          prices: h.prices.map((row) => row.map((p) => (p ? [p[0] * k, p[1] * k] : null))),
          weights: h.weights.map((w) => ({ ...w, avgAllIn: w.avgAllIn * k })),
        }
        const a = byId(computeIndices(toInput(h)))
        const b = byId(computeIndices(toInput(scaled)))
        for (const id of POINT_INDICES) expect(b[id]).toEqual(a[id])
        for (const [date, fee] of a['FEE-BAROMETER'])
          expect(Math.abs(b['FEE-BAROMETER'].get(date)! - k * fee)).toBeLessThanOrEqual((k + 1) / 2)
      }),
    )
  })

  it('every all-in price × k from one week to the next: every all-in index × k', () => {
    fc.assert(
      fc.property(history(false), fc.double({ min: 0.5, max: 2, noNaN: true }), (h, k) => {
        const last = h.weeks.length - 1
        const next = weeksAfter(h.weeks[last]!, 1)
        const moved: History = {
          ...h,
          weeks: [...h.weeks, next],
          prices: h.prices.map((row) => [...row, [row[last]![0] * k, row[last]![1] * k]]),
        }
        const out = byId(computeIndices(toInput(moved)))
        for (const id of ALL_IN_INDICES) {
          const before = out[id].get(h.weeks[last]!)
          if (before === undefined) continue // no product of the group in the basket
          // Both points are rounded to 0.1: each is within 0.05 of its level.
          expect(Math.abs(out[id].get(next)! - k * before)).toBeLessThanOrEqual(0.05 * (1 + k) + 1e-9)
        }
      }),
    )
  })

  it('an all-in index moves by a weighted mean of its products’ relatives to the link week', () => {
    fc.assert(
      fc.property(history(false), (h) => {
        const out = byId(computeIndices(toInput(h)))
        const year = (k: number) => h.weeks[k]!.slice(0, 4)
        const allIn = (j: number, k: number) => h.prices[j]![k]![0] + h.prices[j]![k]![1]
        for (let k = 1; k < h.weeks.length; k++) {
          let link = 0
          for (let l = 0; l < k; l++) if (year(l) < year(k)) link = l
          const relatives = h.products.map((_, j) => allIn(j, k) / allIn(j, link))
          const level = out.ALLIN.get(h.weeks[k]!)!
          const linkLevel = out.ALLIN.get(h.weeks[link]!)!
          const slack = 0.05 + 0.05 * Math.max(...relatives) + 1e-9
          expect(level).toBeGreaterThanOrEqual(linkLevel * Math.min(...relatives) - slack)
          expect(level).toBeLessThanOrEqual(linkLevel * Math.max(...relatives) + slack)
        }
      }),
    )
  })

  it('the barometer lies between the lowest and the highest fee of the week', () => {
    fc.assert(
      fc.property(history(false), (h) => {
        const out = byId(computeIndices(toInput(h)))
        h.weeks.forEach((date, k) => {
          const fees = h.prices.map((row) => row[k]![1])
          const value = out['FEE-BAROMETER'].get(date)!
          expect(value).toBeGreaterThanOrEqual(Math.min(...fees) - 0.5)
          expect(value).toBeLessThanOrEqual(Math.max(...fees) + 0.5)
        })
      }),
    )
  })

  it('new weeks never change published points (no rebasing, no revision)', () => {
    fc.assert(
      fc.property(history(true), fc.nat(), (h, cut) => {
        const c = cut % h.weeks.length
        const full = computeIndices(toInput(h))
        const prefix = computeIndices(toInput({ ...h, weeks: h.weeks.slice(0, c + 1) }))
        const upTo = h.weeks[c]!
        full.forEach((s, i) => {
          expect(prefix[i]!.points).toEqual(s.points.filter((p) => p.date <= upTo))
        })
      }),
    )
  })

  it('re-weighting for the next year leaves every point up to its link week as it was', () => {
    fc.assert(
      fc.property(
        history(true),
        fc.array(survey, { minLength: CODES.length, maxLength: CODES.length }),
        (h, other) => {
          const reweighted: History = {
            ...h,
            weights: h.weights.map((w) =>
              w.year === 2024 ? { ...w, ...other[CODES.indexOf(w.product)]! } : w,
            ),
          }
          const a = computeIndices(toInput(h))
          const b = computeIndices(toInput(reweighted))
          const in2024 = (s: IndexSeries) => s.points.filter((p) => p.date < '2025-01-01')
          a.forEach((s, i) => {
            expect(in2024(b[i]!)).toEqual(in2024(s))
          })
        },
      ),
    )
  })
})
