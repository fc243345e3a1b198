import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lateBehindStalls, type Stall, summarizeStalls } from '../../bench/api/stalls.ts'

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

describe('lateBehindStalls', () => {
  it('counts late answers due from 10 ms before to 60 ms after a stall began, and the share of the pass so', () => {
    // Windows [990, 1060] and [1020, 1090] merge into [990, 1090]: 100 ms of a 10 s pass.
    const result = lateBehindStalls([995, 1089, 1091, 5000], [1030, 1000, 20_000], 0, 10_000)
    expect(result).toEqual({ late: 4, share: 0.5, chance: 0.01 })
    expect(lateBehindStalls([], [], 0, 1000)).toEqual({ late: 0, share: 0, chance: 0 })
  })

  it('agrees with a look at every stall for each answer, and with the pass counted ms by ms', () => {
    const from = 1000
    const to = 3000
    const inPass = fc.integer({ min: from, max: to - 1 })
    fc.assert(
      fc.property(
        fc.array(inPass, { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 4000 }), { maxLength: 30 }),
        (lateDue, starts) => {
          const result = lateBehindStalls(lateDue, starts, from, to)
          const started = starts.filter((s) => s >= from && s < to)
          const behind = lateDue.filter((due) => started.some((s) => s - 10 <= due && due <= s + 60))
          expect(result.late).toBe(lateDue.length)
          expect(result.share).toBeCloseTo(lateDue.length === 0 ? 0 : behind.length / lateDue.length, 12)
          let coveredMs = 0
          for (let t = from; t < to; t++)
            if (started.some((s) => Math.max(from, s - 10) <= t && t + 1 <= Math.min(to, s + 60))) coveredMs++
          expect(result.chance).toBeCloseTo(coveredMs / (to - from), 12)
        },
      ),
    )
  })
})
