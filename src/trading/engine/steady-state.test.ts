import { PerformanceObserver } from 'node:perf_hooks'
import { getHeapSpaceStatistics } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { NO_PRICE, OrderType, Stp, TimeInForce } from './codes.ts'
import { MatchingEngine } from './engine.ts'
import type { EngineSink } from './sink.ts'

/** Counts events in number fields only, as a journal writing to a preallocated buffer would. */
class CountingSink implements EngineSink {
  count = 0
  tradedKg = 0
  accepted(): void {
    this.count++
  }
  rejected(): void {
    this.count++
  }
  trade(_b: number, _s: number, _p: number, qtyKg: number): void {
    this.tradedKg += qtyKg
  }
  cancelled(): void {
    this.count++
  }
  amended(): void {
    this.count++
  }
  mode(): void {}
  uncross(): void {}
}

const OPS = 600_000

/**
 * A stationary mixed stream (70 % limit, 20 % cancel of a live order, 10 % market) as typed arrays.
 * Cancels need to know which orders are live, so the stream is generated against a scratch engine.
 */
function workload() {
  const kind = new Uint8Array(OPS)
  const side = new Uint8Array(OPS)
  const price = new Int32Array(OPS)
  const qty = new Int32Array(OPS)
  const target = new Int32Array(OPS)
  let x = 12345
  const next = (n: number): number => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0
    return x % n
  }
  const scratch = new MatchingEngine({ sink: new CountingSink(), tickSize: 10 })
  const live: number[] = []
  for (let i = 0; i < OPS; i++) {
    const r = next(100)
    kind[i] = r < 70 ? 0 : r < 90 ? 1 : 2
    side[i] = next(2)
    // About normal (sum of four uniforms), sigma ≈ 70 ticks, buys 19.5 ticks below the mid, sells above.
    const z = next(100) + next(100) + next(100) + next(100) - 198
    price[i] = (20_000 + 10 * Math.round(z * 1.21 + (side[i] === 0 ? -19.5 : 19.5))) | 0
    qty[i] = 1 + next(50)
    if (kind[i] === 1) {
      while (live.length > 0) {
        const at = next(live.length)
        const id = live[at]!
        live[at] = live[live.length - 1]!
        live.pop()
        if (scratch.view.isResting(id)) {
          target[i] = id
          break
        }
      }
    }
    run(scratch, { kind, side, price, qty, target }, i, i + 1)
    if (kind[i] === 0 && scratch.view.isResting(i)) live.push(i)
  }
  return { kind, side, price, qty, target }
}

function run(engine: MatchingEngine, w: ReturnType<typeof workload>, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const k = w.kind[i]
    const s = w.side[i] as 0 | 1
    if (k === 0) {
      engine.submit(
        i,
        i & 63,
        0,
        s,
        OrderType.Limit,
        w.price[i]!,
        w.qty[i]!,
        TimeInForce.GTC,
        false,
        Stp.CancelResting,
      )
    } else if (k === 1) {
      engine.cancel(w.target[i]!)
    } else {
      engine.submit(
        i,
        i & 63,
        0,
        s,
        OrderType.Market,
        NO_PRICE,
        w.qty[i]!,
        TimeInForce.IOC,
        false,
        Stp.CancelResting,
      )
    }
  }
}

const newSpaceUsed = (): number =>
  getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_used_size ?? 0

/** One measured window: new-space growth (bytes) over ops `from..to`, and collections seen meanwhile. */
async function measure(engine: MatchingEngine, w: ReturnType<typeof workload>, from: number, to: number) {
  await new Promise((resolve) => setTimeout(resolve, 50)) // let pending GC work finish first
  let collections = 0
  const observer = new PerformanceObserver((list) => {
    collections += list.getEntries().length
  })
  observer.observe({ entryTypes: ['gc'] })
  const before = newSpaceUsed()
  run(engine, w, from, to)
  const grownBytes = newSpaceUsed() - before
  await new Promise((resolve) => setTimeout(resolve, 50))
  observer.disconnect()
  return { grownBytes, collections }
}

describe('steady state', () => {
  it('allocates nothing per operation once warm', async () => {
    const w = workload()
    const sink = new CountingSink()
    const engine = new MatchingEngine({ sink, tickSize: 10, initialOrders: 1 << 12, initialHandles: OPS })
    run(engine, w, 0, OPS / 2) // warm-up: pools reach their size, the JIT settles
    const poolsBefore = engine.view.poolStats()
    // Windows of 100,000 operations: one 16-byte object per operation would be 1.6 MB. A collection
    // in a window (the measuring itself may trigger one) voids it, so up to three are tried; an
    // engine that allocated per operation fails every one, by growth or by collections.
    const windows: { grownBytes: number; collections: number }[] = []
    for (let from = OPS / 2; from < OPS && !windows.some((m) => m.collections === 0); from += 100_000) {
      windows.push(await measure(engine, w, from, from + 100_000))
    }
    const clean = windows.find((m) => m.collections === 0)
    expect(clean, `every window saw a collection: ${JSON.stringify(windows)}`).toBeDefined()
    expect(clean!.grownBytes).toBeLessThan(32 * 1024)
    expect(engine.view.poolStats()).toEqual(poolsBefore)
    expect(sink.count).toBeGreaterThan(OPS / 2)
    expect(sink.tradedKg).toBeGreaterThan(0)
    expect(engine.view.integrityErrors()).toEqual([])
  })
})
