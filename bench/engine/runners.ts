/**
 * One timed pass of a workload on each engine, on a fresh book. Both consume every result, and both
 * report the traded quantity and the final book so the run can check they did the same work.
 * @module
 */
import { createRequire } from 'node:module'
import {
  MatchingEngine,
  Model,
  NO_PRICE,
  OrderType,
  Side,
  Stp,
  TimeInForce,
} from '../../src/trading/index.ts'
import { applyOp, OP_CANCEL, OP_LIMIT, TallySink, type Workload } from './workload.ts'

export interface PassResult {
  /** Timed milliseconds (wall clock). */
  readonly ms: number
  readonly opsPerSec: number
  /** Ops per second of process CPU time: less sensitive to other tenants of a shared VM. */
  readonly cpuOpsPerSec: number
  readonly tradedKg: number
  readonly bestBid: number
  readonly bestAsk: number
  readonly restingKg: number
}

/**
 * Pool capacity the engine is configured with (8 MB of order records), as a deployment sizes it for
 * its books, so that no pool doubling lands inside a timed pass. Beyond it the pools still grow.
 */
const POOL_ORDERS = 1 << 18

const now = (): number => Number(process.hrtime.bigint()) / 1e6
const cpuNow = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

const restingKg = (levels: { qtyKg: number }[]): number => levels.reduce((sum, l) => sum + l.qtyKg, 0)

export function runHuiguo(w: Workload): PassResult {
  const sink = new TallySink()
  const engine = new MatchingEngine({ sink, tickSize: 10, initialOrders: POOL_ORDERS, initialHandles: w.n })
  for (let i = 0; i < w.setupOps; i++) applyOp(engine, w, i)
  const tradedBefore = sink.tradedKg
  const start = now()
  const cpuStart = cpuNow()
  for (let i = w.setupOps; i < w.n; i++) applyOp(engine, w, i)
  const ms = now() - start
  const cpuMs = cpuNow() - cpuStart
  const view = engine.view
  return {
    ms,
    opsPerSec: ((w.n - w.setupOps) / ms) * 1000,
    cpuOpsPerSec: ((w.n - w.setupOps) / cpuMs) * 1000,
    tradedKg: sink.tradedKg - tradedBefore,
    bestBid: view.bestBid(0),
    bestAsk: view.bestAsk(0),
    restingKg: restingKg(view.depth(0, Side.Buy)) + restingKg(view.depth(0, Side.Sell)),
  }
}

/** The part of nodejs-order-book's API used here (its package points `types` at a missing file). */
interface PeerResult {
  readonly quantityLeft: number
}
interface PeerBook {
  limit(options: { id: string; side: 'buy' | 'sell'; size: number; price: number }): PeerResult
  market(options: { side: 'buy' | 'sell'; size: number }): PeerResult
  cancel(id: string): unknown
  depth(): [[number, number][], [number, number][]]
}
const { OrderBook } = createRequire(import.meta.url)('nodejs-order-book') as { OrderBook: new () => PeerBook }

/** The peer's string ids, built before timing, one string per op (as parsed off a wire). */
export function peerIds(w: Workload): string[] {
  return Array.from(w.id, (id) => `o${id}`)
}

export function runPeer(w: Workload, ids: string[]): PassResult {
  const book = new OrderBook()
  const sides = ['buy', 'sell'] as const
  let tradedKg = 0
  const apply = (i: number): void => {
    const kind = w.kind[i]
    if (kind === OP_LIMIT) {
      const size = w.qty[i]!
      tradedKg +=
        size - book.limit({ id: ids[i]!, side: sides[w.side[i]!]!, size, price: w.price[i]! }).quantityLeft
    } else if (kind === OP_CANCEL) {
      book.cancel(ids[i]!)
    } else {
      const size = w.qty[i]!
      tradedKg += size - book.market({ side: sides[w.side[i]!]!, size }).quantityLeft
    }
  }
  for (let i = 0; i < w.setupOps; i++) apply(i)
  tradedKg = 0
  const start = now()
  const cpuStart = cpuNow()
  for (let i = w.setupOps; i < w.n; i++) apply(i)
  const ms = now() - start
  const cpuMs = cpuNow() - cpuStart
  const [asks, bids] = book.depth()
  const total = (levels: [number, number][]): number => levels.reduce((sum, [, size]) => sum + size, 0)
  return {
    ms,
    opsPerSec: ((w.n - w.setupOps) / ms) * 1000,
    cpuOpsPerSec: ((w.n - w.setupOps) / cpuMs) * 1000,
    tradedKg,
    bestBid: bids[0]?.[0] ?? NO_PRICE,
    bestAsk: asks[0]?.[0] ?? NO_PRICE,
    restingKg: total(asks) + total(bids),
  }
}

export interface AuctionResult {
  /** Milliseconds to collect the orders (in call mode). */
  readonly collectMs: number
  /** Milliseconds of the one uncross. */
  readonly uncrossMs: number
  readonly tradedKg: number
}

/** Collects the workload's orders in call mode, then times one uncross. */
export function runHuiguoAuction(w: Workload): AuctionResult {
  const sink = new TallySink()
  const engine = new MatchingEngine({ sink, tickSize: 10, initialOrders: POOL_ORDERS, initialHandles: w.n })
  engine.setModel(0, Model.Call)
  const start = now()
  for (let i = 0; i < w.n; i++) {
    const market = w.kind[i] !== OP_LIMIT
    const side = w.side[i] as 0 | 1
    const type = market ? OrderType.Market : OrderType.Limit
    const tif = market ? TimeInForce.IOC : TimeInForce.GTC
    engine.submit(
      i,
      i,
      0,
      side,
      type,
      market ? NO_PRICE : w.price[i]!,
      w.qty[i]!,
      tif,
      false,
      Stp.CancelResting,
    )
  }
  const collected = now()
  engine.uncross(0)
  const done = now()
  return { collectMs: collected - start, uncrossMs: done - collected, tradedKg: sink.tradedKg }
}
