import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  PROJECTION_BURST_ONSET_MS,
  PROJECTION_HOLD_MAX_COMMANDS,
  PROJECTION_HOLD_MAX_MS,
  projectionPace,
} from './projection-pace.ts'
import { PROJECTION_BATCH as BATCH, PROJECTION_DELAY_MS as DELAY_MS } from './projector.ts'
import { MAX_PROJECTION_BACKLOG } from './service.ts'

interface Arrival {
  readonly atMs: number
  readonly count: number
}

interface Run {
  /** The longest wait of a command from its arrival to its write. */
  maxWaitMs: number
  /** Times at which something was written. */
  readonly writesAtMs: number[]
  maxQueued: number
  written: number
}

/**
 * Drives the rule as projector-thread.ts does, with writes that take no time: arrivals and the
 * rule's own rechecks are the events; a hold that ends writes everything, batch after batch.
 */
function simulate(arrivals: readonly Arrival[]): Run {
  const queue: { arrivedAtMs: number; left: number }[] = []
  const run: Run = { maxWaitMs: 0, writesAtMs: [], maxQueued: 0, written: 0 }
  let queued = 0
  let draining = false
  let recheckAtMs: number | null = null
  const lastMs = (nowMs: number, windowMs: number) =>
    arrivals.filter((a) => a.atMs > nowMs - windowMs && a.atMs <= nowMs).reduce((sum, a) => sum + a.count, 0)
  const pump = (nowMs: number) => {
    for (;;) {
      if (queued === 0) {
        draining = false
        return
      }
      const pace = projectionPace({
        nowMs,
        queued,
        oldestArrivedAtMs: queue[0]!.arrivedAtMs,
        arrivedLastSecondCount: lastMs(nowMs, 1000),
        arrivedOnsetCount: lastMs(nowMs, PROJECTION_BURST_ONSET_MS),
        urgent: draining,
        batchCommands: BATCH,
        delayMs: DELAY_MS,
      })
      if (!pace.write) {
        expect(pace.recheckInMs).toBeGreaterThan(0)
        recheckAtMs = Math.min(recheckAtMs ?? Number.POSITIVE_INFINITY, nowMs + pace.recheckInMs)
        return
      }
      if (pace.endsHold) draining = true
      run.writesAtMs.push(nowMs)
      let room = BATCH
      while (room > 0 && queue.length > 0) {
        const first = queue[0]!
        const taken = Math.min(room, first.left)
        run.maxWaitMs = Math.max(run.maxWaitMs, nowMs - first.arrivedAtMs)
        first.left -= taken
        room -= taken
        queued -= taken
        run.written += taken
        if (first.left === 0) queue.shift()
      }
    }
  }
  let next = 0
  while (next < arrivals.length || recheckAtMs !== null) {
    const arrival = arrivals[next]
    if (arrival !== undefined && (recheckAtMs === null || arrival.atMs <= recheckAtMs)) {
      queue.push({ arrivedAtMs: arrival.atMs, left: arrival.count })
      queued += arrival.count
      run.maxQueued = Math.max(run.maxQueued, queued)
      next++
      pump(arrival.atMs)
    } else {
      const at = recheckAtMs!
      recheckAtMs = null
      pump(at)
    }
  }
  return run
}

/** Arrivals as the order thread hands them over: gaps in ms and commands per handoff. */
const arrivalsOf = (steps: readonly { gapMs: number; count: number }[]): Arrival[] => {
  let atMs = 0
  return steps.map(({ gapMs, count }) => {
    atMs += gapMs
    return { atMs, count }
  })
}
const step = (maxCount: number) =>
  fc.record({ gapMs: fc.integer({ min: 0, max: 400 }), count: fc.integer({ min: 1, max: maxCount }) })

describe('projectionPace', () => {
  it('writes every command, none held past the hold bound, and the backlog stays under its bound', () => {
    fc.assert(
      fc.property(fc.array(step(3_000), { maxLength: 300 }), (steps) => {
        const arrivals = arrivalsOf(steps)
        const run = simulate(arrivals)
        const total = arrivals.reduce((sum, a) => sum + a.count, 0)
        expect(run.written).toBe(total)
        expect(run.maxWaitMs).toBeLessThanOrEqual(PROJECTION_HOLD_MAX_MS)
        const largest = Math.max(0, ...arrivals.map((a) => a.count))
        expect(run.maxQueued).toBeLessThan(PROJECTION_HOLD_MAX_COMMANDS + largest)
      }),
      { numRuns: 200 },
    )
  })

  it('outside bursts, a command waits at most the delay', () => {
    fc.assert(
      fc.property(fc.array(step(49), { maxLength: 300 }), (steps) => {
        // At most 49 commands per handoff, at least 150 ms apart: under 500 a second, and under
        // that rate over any PROJECTION_BURST_ONSET_MS.
        const arrivals = arrivalsOf(steps.map((s) => ({ ...s, gapMs: 150 + s.gapMs })))
        const run = simulate(arrivals)
        expect(run.maxWaitMs).toBeLessThanOrEqual(DELAY_MS)
      }),
    )
  })

  it('holds a burst until it is over or a bound is reached, and never past the bound', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16_000 }),
        fc.integer({ min: 600, max: 12_000 }),
        fc.constantFrom(20, 30, 45),
        (durationMs, perSec, gapMs) => {
          // A handoff every `gapMs` (the order thread gathers for 20 ms) at `perSec` commands a second.
          const count = Math.ceil((perSec * gapMs) / 1000)
          const arrivals = Array.from({ length: Math.ceil(durationMs / gapMs) }, (_, i) => ({
            atMs: i * gapMs,
            count,
          }))
          const total = arrivals.length * count
          const lastAtMs = arrivals[arrivals.length - 1]!.atMs
          const run = simulate(arrivals)
          expect(run.written).toBe(total)
          expect(run.maxWaitMs).toBeLessThanOrEqual(PROJECTION_HOLD_MAX_MS)
          // Within both bounds nothing is written until the stream ends, its first commands included.
          if (total < PROJECTION_HOLD_MAX_COMMANDS && lastAtMs < PROJECTION_HOLD_MAX_MS) {
            for (const atMs of run.writesAtMs) expect(atMs).toBeGreaterThan(lastAtMs)
          }
        },
      ),
    )
  })

  it('a held burst leaves half the backlog bound for catching up', () => {
    expect(PROJECTION_HOLD_MAX_COMMANDS * 2).toBeLessThanOrEqual(MAX_PROJECTION_BACKLOG)
  })

  it('a waiting reader is never made to wait for the burst', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (queued, waitedMs, arrivedLastSecondCount, arrivedOnsetCount) => {
          const pace = projectionPace({
            nowMs: 1e9,
            queued,
            oldestArrivedAtMs: 1e9 - waitedMs,
            arrivedLastSecondCount,
            arrivedOnsetCount,
            urgent: true,
            batchCommands: BATCH,
            delayMs: DELAY_MS,
          })
          expect(pace).toEqual({ write: true, endsHold: false })
        },
      ),
    )
  })
})
