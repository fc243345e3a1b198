/**
 * Pre-generated engine workloads, as typed arrays, so the timed loops only replay them. Generation is
 * seeded (mulberry32, Box-Muller normals) and runs against a scratch Huiguo engine, because a cancel
 * must name a live order and which orders are live depends on matching.
 * @module
 */
import {
  type EngineSink,
  MatchingEngine,
  NO_PRICE,
  OrderType,
  Side,
  Stp,
  TimeInForce,
} from '../../src/trading/index.ts'

export const OP_LIMIT = 0
export const OP_CANCEL = 1
export const OP_MARKET = 2

/** Ops `[0, setupOps)` build the book untimed; the rest are timed. `id` is the order (or target) id. */
export interface Workload {
  readonly name: string
  readonly n: number
  readonly setupOps: number
  readonly kind: Uint8Array
  readonly side: Uint8Array
  readonly qty: Int32Array
  readonly price: Int32Array
  readonly id: Int32Array
}

/** Sums what a journal would need, in numbers only. The one sink class of the process (as in a
 * deployment), so the engine's calls to it stay monomorphic. */
export class TallySink implements EngineSink {
  tradedKg = 0
  events = 0
  accepted(): void {
    this.events++
  }
  rejected(): void {
    this.events++
  }
  trade(_b: number, _s: number, _p: number, qtyKg: number): void {
    this.tradedKg += qtyKg
  }
  cancelled(): void {
    this.events++
  }
  amended(): void {
    this.events++
  }
  mode(): void {}
  uncross(): void {}
}

const MID = 20_000
const TICK = 10

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function normals(rnd: () => number): () => number {
  let spare = Number.NaN
  return () => {
    if (!Number.isNaN(spare)) {
      const z = spare
      spare = Number.NaN
      return z
    }
    const u = 1 - rnd()
    const v = rnd()
    const r = Math.sqrt(-2 * Math.log(u))
    spare = r * Math.sin(2 * Math.PI * v)
    return r * Math.cos(2 * Math.PI * v)
  }
}

function allocate(name: string, n: number, setupOps: number): Workload {
  return {
    name,
    n,
    setupOps,
    kind: new Uint8Array(n),
    side: new Uint8Array(n),
    qty: new Int32Array(n),
    price: new Int32Array(n),
    id: new Int32Array(n),
  }
}

/** Applies op `i` of `w` to a Huiguo engine (instrument 0, account = order id, so no self-trades). */
export function applyOp(engine: MatchingEngine, w: Workload, i: number): void {
  const kind = w.kind[i]
  const id = w.id[i]!
  if (kind === OP_LIMIT) {
    const side = w.side[i] as 0 | 1
    engine.submit(
      id,
      id,
      0,
      side,
      OrderType.Limit,
      w.price[i]!,
      w.qty[i]!,
      TimeInForce.GTC,
      false,
      Stp.CancelResting,
    )
  } else if (kind === OP_CANCEL) {
    engine.cancel(id)
  } else {
    const side = w.side[i] as 0 | 1
    engine.submit(
      id,
      id,
      0,
      side,
      OrderType.Market,
      NO_PRICE,
      w.qty[i]!,
      TimeInForce.IOC,
      false,
      Stp.CancelResting,
    )
  }
}

/**
 * 70 % limit orders around the mid (buys `skew` ticks below, sells above, spread `sigma` ticks),
 * 20 % cancels of a random live order, 10 % market orders; quantities 1–50. `prefill` resting orders
 * (about 350 per level on both sides) come first, untimed.
 */
function generate(
  name: string,
  n: number,
  seed: number,
  sigma: number,
  skew: number,
  prefill: number,
): Workload {
  const w = allocate(name, prefill + n, prefill)
  const rnd = mulberry32(seed)
  const normal = normals(rnd)
  const scratch = new MatchingEngine({
    sink: new TallySink(),
    initialOrders: 1 << 16,
    initialHandles: prefill + n,
  })
  const live: number[] = []
  const levels = Math.max(1, Math.round(prefill / 700))
  for (let i = 0; i < prefill; i++) {
    const side = i & 1
    const level = 1 + ((i >> 1) % levels)
    w.kind[i] = OP_LIMIT
    w.side[i] = side
    w.qty[i] = 1 + Math.floor(rnd() * 50)
    w.price[i] = MID + (side === Side.Buy ? -TICK : TICK) * level
    w.id[i] = i
    applyOp(scratch, w, i)
    live.push(i)
  }
  for (let i = prefill; i < prefill + n; i++) {
    const r = rnd()
    w.id[i] = i
    if (r < 0.7 || (r < 0.9 && live.length === 0)) {
      const side = rnd() < 0.5 ? Side.Buy : Side.Sell
      w.kind[i] = OP_LIMIT
      w.side[i] = side
      w.qty[i] = 1 + Math.floor(rnd() * 50)
      w.price[i] = MID + TICK * Math.round(sigma * normal() + (side === Side.Buy ? -skew : skew))
    } else if (r < 0.9) {
      w.kind[i] = OP_CANCEL
      // Lazy deletion: draw until a live order comes up, dropping filled ones.
      for (;;) {
        const at = Math.floor(rnd() * live.length)
        const id = live[at]!
        live[at] = live[live.length - 1]!
        live.pop()
        if (scratch.view.isResting(id) || live.length === 0) {
          w.id[i] = id
          break
        }
      }
    } else {
      w.kind[i] = OP_MARKET
      w.side[i] = rnd() < 0.5 ? Side.Buy : Side.Sell
      w.qty[i] = 1 + Math.floor(rnd() * 50)
    }
    applyOp(scratch, w, i)
    if (w.kind[i] === OP_LIMIT && scratch.view.isResting(i)) live.push(i)
  }
  return w
}

/** (a) The mixed workload: about 200 live price levels and 500 live orders. */
export const mixedWorkload = (n: number): Workload => generate('mixed', n, 42, 70, 19, 0)

/** (b) The deep book: 120,000 resting orders (about 350 per level) first, then the same mix. */
export const deepWorkload = (n: number, prefill = 120_000): Workload =>
  generate('deep', n, 42, 40, 40, prefill)

/** (c) A call auction: `n` orders (5 % market) with crossing prices, collected before one uncross. */
export function auctionWorkload(n: number): Workload {
  const w = allocate('auction', n, 0)
  const rnd = mulberry32(7)
  const normal = normals(rnd)
  for (let i = 0; i < n; i++) {
    const side = rnd() < 0.5 ? Side.Buy : Side.Sell
    w.kind[i] = rnd() < 0.05 ? OP_MARKET : OP_LIMIT
    w.side[i] = side
    w.qty[i] = 1 + Math.floor(rnd() * 50)
    w.price[i] = MID + TICK * Math.round(60 * normal() + (side === Side.Buy ? 10 : -10))
    w.id[i] = i
  }
  return w
}
