import { describe, expect, it } from 'vitest'
import {
  Aggressor,
  CancelReason,
  Model,
  NO_ORDER,
  NO_PRICE,
  OrderType,
  RejectReason,
  Side,
  Stp,
  TimeInForce,
} from './codes.ts'
import { MatchingEngine } from './engine.ts'
import type { EngineSink } from './sink.ts'

/** Records every sink call as a tuple. */
class RecordingSink implements EngineSink {
  events: unknown[][] = []
  accepted(order: number): void {
    this.events.push(['accepted', order])
  }
  rejected(order: number, reason: number): void {
    this.events.push(['rejected', order, reason])
  }
  trade(buy: number, sell: number, price: number, qtyKg: number, aggressor: number): void {
    this.events.push(['trade', buy, sell, price, qtyKg, aggressor])
  }
  cancelled(order: number, remainingKg: number, reason: number): void {
    this.events.push(['cancelled', order, remainingKg, reason])
  }
  amended(order: number, price: number, qtyKg: number): void {
    this.events.push(['amended', order, price, qtyKg])
  }
  mode(instrument: number, model: number): void {
    this.events.push(['mode', instrument, model])
  }
  uncross(instrument: number, price: number, qtyKg: number): void {
    this.events.push(['uncross', instrument, price, qtyKg])
  }
  take(): unknown[][] {
    const out = this.events
    this.events = []
    return out
  }
}

function setup(tickSize = 10) {
  const sink = new RecordingSink()
  const engine = new MatchingEngine({ sink, tickSize })
  const limit = (order: number, account: number, side: 0 | 1, price: number, qty: number, instrument = 0) =>
    engine.submit(
      order,
      account,
      instrument,
      side,
      OrderType.Limit,
      price,
      qty,
      TimeInForce.GTC,
      false,
      Stp.CancelResting,
    )
  return { sink, engine, limit }
}

describe('MatchingEngine (integer API)', () => {
  it('reports events with numeric fields to the sink and returns Ok', () => {
    const { sink, engine, limit } = setup()
    expect(limit(1, 7, Side.Sell, 20_000, 5)).toBe(RejectReason.Ok)
    const code = engine.submit(
      2,
      8,
      0,
      Side.Buy,
      OrderType.Market,
      NO_PRICE,
      8,
      TimeInForce.IOC,
      false,
      Stp.CancelResting,
    )
    expect(code).toBe(RejectReason.Ok)
    expect(sink.take()).toEqual([
      ['accepted', 1],
      ['accepted', 2],
      ['trade', 2, 1, 20_000, 5, Aggressor.Buy],
      ['cancelled', 2, 3, CancelReason.Unfilled],
    ])
  })

  it('returns and reports refusals; mode and uncross refusals name no order', () => {
    const { sink, engine, limit } = setup()
    expect(limit(-1, 1, Side.Buy, 100, 1)).toBe(RejectReason.Invalid)
    expect(limit(1.5, 1, Side.Buy, 100, 1)).toBe(RejectReason.Invalid)
    expect(limit(1, 1.5, Side.Buy, 100, 1)).toBe(RejectReason.Invalid)
    expect(limit(1, 1, 2 as 0, 100, 1)).toBe(RejectReason.Invalid)
    expect(limit(1, 1, Side.Buy, 100, 1, -3)).toBe(RejectReason.Invalid)
    expect(engine.cancel(99)).toBe(RejectReason.UnknownOrder)
    expect(engine.cancel(-4)).toBe(RejectReason.UnknownOrder)
    expect(engine.amend(99, 1)).toBe(RejectReason.UnknownOrder)
    expect(engine.setModel(0, 5 as 0)).toBe(RejectReason.Invalid)
    expect(engine.uncross(0)).toBe(RejectReason.Invalid)
    expect(engine.uncross(1 << 20)).toBe(RejectReason.Invalid)
    expect(sink.take().slice(-3)).toEqual([
      ['rejected', NO_ORDER, RejectReason.Invalid],
      ['rejected', NO_ORDER, RejectReason.Invalid],
      ['rejected', NO_ORDER, RejectReason.Invalid],
    ])
  })

  it('grows the handle index for large handles', () => {
    const { engine, limit } = setup()
    expect(limit(5_000_000, 1, Side.Buy, 100, 1)).toBe(RejectReason.Ok)
    expect(engine.view.isResting(5_000_000)).toBe(true)
    expect(limit(5_000_000, 1, Side.Buy, 100, 1)).toBe(RejectReason.DuplicateId)
  })

  it('gives each instrument its own tick when defined', () => {
    const { engine, limit } = setup()
    engine.defineInstrument(3, 5)
    expect(limit(1, 1, Side.Buy, 105, 1, 3)).toBe(RejectReason.Ok)
    expect(limit(2, 1, Side.Buy, 105, 1, 0)).toBe(RejectReason.InvalidPrice)
    expect(() => engine.defineInstrument(3, 10)).toThrow(RangeError)
    expect(() => new MatchingEngine({ sink: new RecordingSink(), tickSize: 0 })).toThrow(RangeError)
  })

  it('answers read-only queries on the books', () => {
    const { engine, limit } = setup()
    const view = engine.view
    limit(1, 1, Side.Buy, 100, 4)
    limit(2, 2, Side.Buy, 100, 6)
    limit(3, 1, Side.Buy, 90, 1)
    limit(4, 3, Side.Sell, 120, 2)
    expect(view.bestBid(0)).toBe(100)
    expect(view.bestAsk(0)).toBe(120)
    expect(view.bestAsk(9)).toBe(NO_PRICE)
    expect(view.depth(0, Side.Buy)).toEqual([
      { price: 100, qtyKg: 10, orders: 2 },
      { price: 90, qtyKg: 1, orders: 1 },
    ])
    expect(view.depth(0, Side.Buy, 1)).toHaveLength(1)
    expect(view.openQty(2)).toBe(6)
    expect(view.price(2)).toBe(100)
    expect(view.price(77)).toBe(NO_PRICE)
    expect(view.restingCount).toBe(4)
    expect(view.isTaken(4)).toBe(true)
    expect(view.isTaken(5)).toBe(false)
    expect(view.lastTradePrice(0)).toBe(NO_PRICE)
    expect(view.model(0)).toBe(Model.Continuous)
    expect(view.tickSize(0)).toBe(10)
    engine.setModel(0, Model.Call)
    limit(5, 4, Side.Sell, 90, 5)
    expect(view.indicativeUncross(0)).toEqual({ price: 100, qtyKg: 5 })
    expect(view.integrityErrors()).toEqual([])
  })
})

describe('price ladder', () => {
  /** Deterministic shuffle (LCG), so the test needs no randomness source. */
  function shuffled<T>(items: T[], seed: number): T[] {
    const out = [...items]
    let x = seed
    for (let i = out.length - 1; i > 0; i--) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0
      const j = x % (i + 1)
      ;[out[i], out[j]] = [out[j]!, out[i]!]
    }
    return out
  }

  it('keeps price order over prices spread across many scales (window moves and far levels)', () => {
    const ticks = [1, 2, 3, 31, 32, 33, 4096, 5000, 70_000, 1_048_575, 1_048_577, 3_000_000, 1e9, 2 ** 45]
    for (const seed of [1, 2, 3, 4]) {
      const { engine, limit } = setup()
      shuffled(ticks, seed).forEach((t, i) => {
        limit(i + 1, 1, Side.Buy, t * 10, 1)
        limit(1000 + i, 2, Side.Sell, (t + 2 ** 46) * 10, 1)
      })
      const bids = engine.view.depth(0, Side.Buy).map((l) => l.price / 10)
      const asks = engine.view.depth(0, Side.Sell).map((l) => l.price / 10 - 2 ** 46)
      expect(bids).toEqual([...ticks].sort((a, b) => b - a))
      expect(asks).toEqual([...ticks].sort((a, b) => a - b))
      expect(engine.view.integrityErrors()).toEqual([])
      // Sweep both sides: every level is reached in price order and freed.
      engine.submit(
        9000,
        3,
        0,
        Side.Sell,
        OrderType.Market,
        NO_PRICE,
        100,
        TimeInForce.IOC,
        false,
        Stp.CancelResting,
      )
      engine.submit(
        9001,
        3,
        0,
        Side.Buy,
        OrderType.Market,
        NO_PRICE,
        100,
        TimeInForce.IOC,
        false,
        Stp.CancelResting,
      )
      expect(engine.view.restingCount).toBe(0)
      expect(engine.view.integrityErrors()).toEqual([])
    }
  })

  it('reuses levels and re-centres as the price drifts', () => {
    const { engine, limit } = setup()
    let order = 1
    for (let step = 0; step < 200; step++) {
      const mid = 1000 + step * 50_000
      for (let k = 0; k < 5; k++) limit(order++, 1, Side.Buy, (mid - k) * 10, 1)
      for (let k = 0; k < 5; k++) limit(order++, 2, Side.Sell, (mid + 1 + k) * 10, 1)
      // Lift all asks and the bids: the book ends each step empty.
      engine.submit(
        order++,
        3,
        0,
        Side.Buy,
        OrderType.Market,
        NO_PRICE,
        5,
        TimeInForce.IOC,
        false,
        Stp.CancelResting,
      )
      engine.submit(
        order++,
        3,
        0,
        Side.Sell,
        OrderType.Market,
        NO_PRICE,
        5,
        TimeInForce.IOC,
        false,
        Stp.CancelResting,
      )
      expect(engine.view.restingCount).toBe(0)
    }
    expect(engine.view.integrityErrors()).toEqual([])
  })
})
