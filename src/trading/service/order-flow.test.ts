import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OrderFlow } from './order-flow.ts'
import { isBurst, PROJECTION_BURST_PER_SEC, PROJECTION_BURST_ONSET_MS as SLOT_MS } from './projection-pace.ts'

/** Records `count` commands evenly over [fromMs, fromMs + spanMs). */
function spread(flow: OrderFlow, fromMs: number, spanMs: number, count: number): void {
  for (let i = 0; i < count; i++) flow.record(fromMs + (i * spanMs) / count)
}

/** The rule from every arrival, slot by slot: what OrderFlow keeps in ten counters. */
function bruteForce(arrivalsMs: readonly number[], nowMs: number): boolean {
  const slot = Math.floor(nowMs / SLOT_MS)
  const slotOf = (ms: number) => Math.floor(ms / SLOT_MS)
  const inSlot = (s: number) => arrivalsMs.filter((ms) => slotOf(ms) === s).length
  const lastSecond = arrivalsMs.filter(
    (ms) => slot - slotOf(ms) >= 0 && slot - slotOf(ms) < 1000 / SLOT_MS,
  ).length
  return isBurst(lastSecond, Math.max(inSlot(slot), inSlot(slot - 1)))
}

describe('OrderFlow', () => {
  const perSlot = (PROJECTION_BURST_PER_SEC * SLOT_MS) / 1000

  it('sees a burst from its first slot of the rate, not from one below it', () => {
    const burst = new OrderFlow()
    spread(burst, 10_000, SLOT_MS, perSlot)
    expect(burst.streaming(10_000 + SLOT_MS - 1)).toBe(true)
    const trickle = new OrderFlow()
    spread(trickle, 10_000, SLOT_MS, perSlot - 1)
    expect(trickle.streaming(10_000 + SLOT_MS - 1)).toBe(false)
  })

  it('keeps seeing a second of the rate after the last slots fell below it', () => {
    const flow = new OrderFlow()
    spread(flow, 20_000, 5 * SLOT_MS, PROJECTION_BURST_PER_SEC)
    // Two quiet slots later the onset sees nothing, the last second still sees the rate.
    expect(flow.streaming(20_000 + 7 * SLOT_MS)).toBe(true)
    const fewer = new OrderFlow()
    spread(fewer, 20_000, 5 * SLOT_MS, PROJECTION_BURST_PER_SEC - 1)
    expect(fewer.streaming(20_000 + 7 * SLOT_MS)).toBe(false)
  })

  it('lets a burst go once its slot is ten slots old', () => {
    const flow = new OrderFlow()
    spread(flow, 30_000, SLOT_MS, PROJECTION_BURST_PER_SEC)
    expect(flow.streaming(30_000 + 9 * SLOT_MS)).toBe(true)
    expect(flow.streaming(30_000 + 10 * SLOT_MS)).toBe(false)
  })

  it('agrees with the rule computed from every arrival', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 120 })), {
          maxLength: 40,
        }),
        fc.integer({ min: 0, max: 2500 }),
        (steps, afterMs) => {
          // Arrivals in time order (a monotonic clock): gaps of 0-400 ms, 0-120 commands at each.
          const flow = new OrderFlow()
          const arrivals: number[] = []
          let atMs = 1_000_000
          for (const [gapMs, count] of steps) {
            atMs += gapMs
            for (let i = 0; i < count; i++) {
              flow.record(atMs)
              arrivals.push(atMs)
            }
            expect(flow.streaming(atMs)).toBe(bruteForce(arrivals, atMs))
          }
          expect(flow.streaming(atMs + afterMs)).toBe(bruteForce(arrivals, atMs + afterMs))
        },
      ),
    )
  })
})
