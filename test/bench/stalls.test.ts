import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Stall, summarizeStalls } from '../../bench/api/stalls.ts'

const stall = (atUnixMs: number, ms: number): Stall => ({ atUnixMs, ms })

describe('summarizeStalls', () => {
  it('counts the stalls of at least minMs that began in the window, and those on every core at once', () => {
    const byCore = [
      [stall(90, 5), stall(100, 3), stall(200, 1.5), stall(300, 10), stall(400, 2)],
      [stall(105, 4), stall(250, 2), stall(305, 2), stall(500, 9)],
    ]
    const summary = summarizeStalls(byCore, 100, 500, 2)
    // In [100, 500) and ≥ 2 ms: core 0 at 100, 300, 400; core 1 at 105, 250, 305.
    expect(summary.count).toBe(6)
    expect(summary.totalMs).toBe(3 + 10 + 2 + 4 + 2 + 2)
    expect(summary.longestMs).toBe(10)
    // 100+3 overlaps 105? no (103 < 105). 300..310 overlaps 305..307 both ways: 2 stalls at once.
    expect(summary.onAllCoresAtOnce).toBe(2)
  })

  it('on one core no stall is on every other core at once, and the totals add up', () => {
    const stalls = fc.array(
      fc.record({
        atUnixMs: fc.integer({ min: 0, max: 10_000 }),
        ms: fc.double({ min: 0, max: 50, noNaN: true }),
      }),
    )
    fc.assert(
      fc.property(
        stalls,
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 5 }),
        (s, from, minMs) => {
          const summary = summarizeStalls([s], from, from + 1000, minMs)
          const kept = s.filter((x) => x.ms >= minMs && x.atUnixMs >= from && x.atUnixMs < from + 1000)
          expect(summary.count).toBe(kept.length)
          expect(summary.totalMs).toBeCloseTo(
            kept.reduce((sum, x) => sum + x.ms, 0),
            9,
          )
          expect(summary.onAllCoresAtOnce).toBe(0)
        },
      ),
    )
  })

  it('a stall is at once on every core only if each other core had one overlapping it', () => {
    const byCore = [[stall(0, 10)], [stall(5, 1)], [stall(20, 5)]]
    expect(summarizeStalls(byCore, 0, 100, 1).onAllCoresAtOnce).toBe(0)
    const all = [[stall(0, 10)], [stall(5, 1)], [stall(9, 5)]]
    // Core 0's overlaps both others; core 1's (5..6) misses core 2's (9..14); core 2's overlaps core 0's but not core 1's.
    expect(summarizeStalls(all, 0, 100, 1).onAllCoresAtOnce).toBe(1)
  })
})
