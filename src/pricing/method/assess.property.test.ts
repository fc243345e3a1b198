import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type AssessmentInput, FAMILIES, FAMILY_RULES, type MethodDeal, type MethodQuote } from '../model.ts'
import { assess } from './assess.ts'
import { roundToTen } from './numbers.ts'

const START = Date.parse('2026-11-20T07:00:00.000Z')
const END = Date.parse('2026-11-27T07:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString()

const dealArb = fc.record({
  submitter: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
  affiliated: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  pricedOnIndex: fc.constant(false),
  qtyKg: fc.integer({ min: 1_000, max: 400_000 }),
  value: fc.integer({ min: -500, max: 20_000 }),
  deliveryDays: fc.integer({ min: 0, max: 60 }),
  paymentDays: fc.integer({ min: 0, max: 120 }),
  dealAt: fc.integer({ min: START - 86_400_000, max: END + 86_400_000 }).map(iso),
})
const quoteArb = fc.record({
  submitter: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
  side: fc.constantFrom('bid' as const, 'offer' as const),
  value: fc.integer({ min: -500, max: 20_000 }),
  qtyKg: fc.integer({ min: 1_000, max: 200_000 }),
  at: fc.integer({ min: START - 86_400_000, max: END + 86_400_000 }).map(iso),
})
const inputArb = fc
  .record({
    family: fc.constantFrom(...FAMILIES),
    previous: fc.option(
      fc.record({
        value: fc.option(fc.integer({ min: -500, max: 20_000 })),
        rolls: fc.integer({ min: 0, max: 6 }),
      }),
    ),
    deals: fc.array(dealArb, { maxLength: 25 }),
    quotes: fc.array(quoteArb, { maxLength: 6 }),
    judgement: fc.option(
      fc.record({
        value: fc.integer({ min: 0, max: 20_000 }),
        rationale: fc.constantFrom('', ' ', 'spread'),
      }),
    ),
  })
  .map(
    (r): AssessmentInput => ({
      series: { id: 'S', family: r.family },
      window: { start: iso(START), end: iso(END) },
      previous: r.previous,
      deals: r.deals.map((d, i): MethodDeal => ({ ...d, id: `d${i}` })),
      quotes: r.quotes.map((q, i): MethodQuote => ({ ...q, id: `q${i}` })),
      judgement: r.judgement,
    }),
  )

describe('the method v1: invariants', () => {
  it('accounts for every deal and quote: used or excluded, never both', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = assess(input)
        const excludedIds = new Set(r.excluded.map((e) => e.id))
        expect(excludedIds.size).toBe(r.excluded.length)
        const dealsLeft = input.deals.filter((d) => !excludedIds.has(d.id))
        const quotesLeft = input.quotes.filter((q) => !excludedIds.has(q.id))
        if (r.tier === 1 || r.tier === 2) {
          expect(r.nDeals).toBe(dealsLeft.length)
          expect(r.volumeKg).toBe(dealsLeft.reduce((s, d) => s + d.qtyKg, 0))
          expect(r.nSubmitters).toBe(new Set(dealsLeft.map((d) => d.submitter)).size)
        }
        if (r.tier === 2) expect(r.nQuotes).toBe(quotesLeft.length)
        // a deal left in a window has passed every rule of step 1
        const { minLotKg } = FAMILY_RULES[input.series.family]
        for (const d of dealsLeft) {
          expect(d.affiliated || d.deliveryDays > 45 || d.paymentDays > 90 || d.qtyKg < minLotKg).toBe(false)
          expect(Date.parse(d.dealAt) >= START && Date.parse(d.dealAt) < END).toBe(true)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('gives a Tier 1 value inside the deals used and no submitter above 35 %', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = assess(input)
        if (r.tier !== 1) return
        expect(r.value!).toBeGreaterThanOrEqual(r.low!)
        expect(r.value!).toBeLessThanOrEqual(r.high!)
        expect(r.topSubmitterShare!).toBeLessThanOrEqual(0.35 + 1e-9)
        expect(r.nDeals).toBeGreaterThanOrEqual(5)
        expect(r.nSubmitters).toBeGreaterThanOrEqual(3)
      }),
      { numRuns: 400 },
    )
  })

  it('does not depend on the order deals and quotes arrive in (only the exclusion list does)', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const out = [...xs]
          let s = seed >>> 0
          for (let i = out.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0
            const j = s % (i + 1)
            ;[out[i], out[j]] = [out[j]!, out[i]!]
          }
          return out
        }
        const a = assess(input)
        const b = assess({ ...input, deals: shuffle(input.deals), quotes: shuffle(input.quotes) })
        const { excluded: ea, topSubmitterShare: ta, ...restA } = a
        const { excluded: eb, topSubmitterShare: tb, ...restB } = b
        expect(restB).toEqual(restA)
        if (ta === null) expect(tb).toBeNull()
        else expect(tb!).toBeCloseTo(ta, 9)
        const key = (e: { id: string; reason: string }) => `${e.id}:${e.reason}`
        expect(eb.map(key).sort()).toEqual(ea.map(key).sort())
      }),
      { numRuns: 300 },
    )
  })

  it('publishes only values on the 10 CNY/t grid', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = assess(input)
        for (const v of [r.value, r.low, r.high, r.median]) if (v !== null) expect(roundToTen(v)).toBe(v)
      }),
      { numRuns: 200 },
    )
  })
})
