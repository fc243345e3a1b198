import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LATENCY_BOUNDS_MS, LatencyHistogram, quantileAtMost, since } from './latency-histogram.ts'

const durations = fc.array(fc.double({ min: 0, max: 10_000, noNaN: true }), { maxLength: 300 })

/** The exact q-quantile (nearest rank) of the values. */
const exactQuantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!
}

describe('LatencyHistogram', () => {
  it('puts a value on a bound in that bound’s bucket and the rest above the last bound', () => {
    const h = new LatencyHistogram()
    for (const ms of [0, 0.1, 0.1001, 1, 5000, 5000.5, Number.NaN, -1]) h.record(ms)
    const s = h.snapshot()
    expect(s.count).toBe(6)
    expect(s.counts[0]).toBe(2) // 0 and 0.1
    expect(s.counts[1]).toBe(1) // 0.1001
    expect(s.counts[LATENCY_BOUNDS_MS.indexOf(1)]).toBe(1)
    expect(s.counts[LATENCY_BOUNDS_MS.length - 1]).toBe(1) // 5000
    expect(s.counts[LATENCY_BOUNDS_MS.length]).toBe(1) // 5000.5
    expect(s.maxMs).toBe(5000.5)
  })

  it('property: counts add up, and each quantile is the smallest bound at or above the exact one', () => {
    fc.assert(
      fc.property(durations, fc.double({ min: 0, max: 1, noNaN: true }), (values, q) => {
        const h = new LatencyHistogram()
        for (const v of values) h.record(v)
        const s = h.snapshot()
        expect(s.counts.reduce((a, b) => a + b, 0)).toBe(values.length)
        expect(s.count).toBe(values.length)
        const bound = quantileAtMost(s, q)
        if (values.length === 0) {
          expect(bound).toBeNull()
          return
        }
        const exact = exactQuantile(values, q)
        const smallest = LATENCY_BOUNDS_MS.find((b) => b >= exact) ?? Number.POSITIVE_INFINITY
        expect(bound).toBe(smallest)
      }),
    )
  })

  it('property: the difference of two snapshots is what was recorded between them', () => {
    fc.assert(
      fc.property(durations, durations, (before, between) => {
        const h = new LatencyHistogram()
        for (const v of before) h.record(v)
        const earlier = h.snapshot()
        for (const v of between) h.record(v)
        const alone = new LatencyHistogram()
        for (const v of between) alone.record(v)
        const diff = since(h.snapshot(), earlier)
        expect(diff.counts).toEqual(alone.snapshot().counts)
        expect(diff.count).toBe(between.length)
        expect(diff.sumMs).toBeCloseTo(alone.snapshot().sumMs, 6)
      }),
    )
  })
})
