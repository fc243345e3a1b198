import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { at, demo } from '../../instruments/fixtures.test-util.ts'
import { type Instrument, priceBand } from '../../instruments/index.ts'
import { InMemoryLedger } from '../../ledger/index.ts'
import {
  type Applied,
  type JournalCommand,
  type LevelChange,
  type OrderState,
  type TradeRecord,
  TradingState,
} from '../service/index.ts'
import { type BookDelta, type BookLevel, MarketData, type TradesDelta } from './index.ts'

const CODE = 'AL-A00-GY'
const OTHER = 'SHEET-1060-H24-1.0x1220'

/** An applied command with nothing in it but `parts`. */
const applied = (seq: number, parts: Partial<Applied> = {}): Applied => ({
  seq,
  atMs: parts.atMs ?? at('2025-03-03 10:00'),
  command: { op: 'cancel', at: 0, order: 0 },
  orders: [],
  trades: [],
  contracts: [],
  ledger: [],
  levels: [],
  uncross: null,
  ...parts,
})

let nextTradeId = 1
const trade = (atMs: number, price: number, qtyKg: number, instrument = CODE): TradeRecord => ({
  id: nextTradeId++,
  seq: 0,
  instrument,
  priceCnyPerT: price,
  allInCnyPerT: price,
  qtyKg,
  buyOrderId: 1,
  sellOrderId: 2,
  buyerId: 'b-001',
  sellerId: 'p-001',
  aggressor: 'buy',
  notionalFen: 0n,
  buyerFeeFen: 0n,
  sellerFeeFen: 0n,
  atMs,
})

const order = (id: number, enterpriseId: string, status: OrderState['status']): OrderState => ({
  id,
  enterpriseId,
  userId: 'u',
  idempotencyKey: `k${id}`,
  requestHash: 'h',
  instrument: CODE,
  side: 'buy',
  type: 'limit',
  tif: 'GTC',
  postOnly: false,
  stp: 'cancel_resting',
  priceCnyPerT: 19_000,
  reservePriceCnyPerT: 19_000,
  baseCnyPerT: null,
  qtyKg: 25_000,
  filledKg: 0,
  remainingKg: status === 'open' ? 25_000 : 0,
  status,
  cancelReason: status === 'cancelled' ? 'user' : null,
  reserved: 0n,
  filledNotionalFen: 0n,
  prioritySeq: id,
  createdSeq: id,
  createdAtMs: 0,
  updatedAtMs: 0,
  placementTradeIds: [],
})

/** The book recomputed from scratch: every level change ever applied, summed per level. */
function recompute(
  changes: readonly LevelChange[],
  instrument: string,
): { bids: BookLevel[]; asks: BookLevel[] } {
  const sums = new Map<string, { side: string; price: number; qtyKg: number; orders: number }>()
  for (const c of changes) {
    if (c.instrument !== instrument) continue
    const key = `${c.side} ${c.priceCnyPerT}`
    const level = sums.get(key) ?? { side: c.side, price: c.priceCnyPerT, qtyKg: 0, orders: 0 }
    level.qtyKg += c.deltaKg
    level.orders += c.deltaOrders
    sums.set(key, level)
  }
  const live = [...sums.values()].filter((l) => l.orders > 0)
  const side = (name: string) =>
    live.filter((l) => l.side === name).map(({ price, qtyKg, orders }) => ({ price, qtyKg, orders }))
  return {
    bids: side('buy').sort((a, b) => b.price - a.price),
    asks: side('sell').sort((a, b) => a.price - b.price),
  }
}

/** A client's copy of a book: a snapshot, then deltas applied in order. */
class Replica {
  readonly levels = new Map<string, BookLevel & { side: string }>()
  seq: number
  constructor(snapshot: { seq: number; bids: BookLevel[]; asks: BookLevel[] }) {
    this.seq = snapshot.seq
    for (const l of snapshot.bids) this.levels.set(`buy ${l.price}`, { side: 'buy', ...l })
    for (const l of snapshot.asks) this.levels.set(`sell ${l.price}`, { side: 'sell', ...l })
  }
  apply(delta: BookDelta): void {
    expect(delta.seq).toBe(this.seq + 1)
    this.seq = delta.seq
    for (const c of delta.changes) {
      if (c.qtyKg === 0) this.levels.delete(`${c.side} ${c.price}`)
      else
        this.levels.set(`${c.side} ${c.price}`, {
          side: c.side,
          price: c.price,
          qtyKg: c.qtyKg,
          orders: c.orders,
        })
    }
  }
  book(): { bids: BookLevel[]; asks: BookLevel[] } {
    const side = (name: string) =>
      [...this.levels.values()]
        .filter((l) => l.side === name)
        .map(({ price, qtyKg, orders }) => ({ price, qtyKg, orders }))
    return {
      bids: side('buy').sort((a, b) => b.price - a.price),
      asks: side('sell').sort((a, b) => a.price - b.price),
    }
  }
}

/** Random resting-order life cycles turned into the level changes a command would carry. */
type Op =
  | { kind: 'add'; instrument: number; side: 'buy' | 'sell'; tick: number; lots: number }
  | { kind: 'fill'; pick: number; lots: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'amend'; pick: number; lots: number; tick: number | null }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      instrument: fc.nat(1),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      tick: fc.integer({ min: 0, max: 8 }),
      lots: fc.integer({ min: 1, max: 5 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('fill' as const),
      pick: fc.nat(),
      lots: fc.integer({ min: 1, max: 5 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('amend' as const),
      pick: fc.nat(),
      lots: fc.integer({ min: 1, max: 5 }),
      tick: fc.option(fc.integer({ min: 0, max: 8 })),
    }),
  },
)

interface SimOrder {
  instrument: string
  side: 'buy' | 'sell'
  price: number
  openKg: number
}

function levelChangesOf(ops: readonly Op[], resting: SimOrder[]): LevelChange[] {
  const out: LevelChange[] = []
  const change = (o: SimOrder, deltaKg: number, deltaOrders: number) =>
    out.push({ instrument: o.instrument, side: o.side, priceCnyPerT: o.price, deltaKg, deltaOrders })
  for (const op of ops) {
    if (op.kind === 'add') {
      const o = {
        instrument: [CODE, OTHER][op.instrument]!,
        side: op.side,
        price: 19_000 + op.tick * 10,
        openKg: op.lots * 1000,
      }
      resting.push(o)
      change(o, o.openKg, 1)
      continue
    }
    if (resting.length === 0) continue
    const index = op.pick % resting.length
    const o = resting[index]!
    if (op.kind === 'cancel' || (op.kind === 'fill' && op.lots * 1000 >= o.openKg)) {
      change(o, -o.openKg, -1)
      resting.splice(index, 1)
    } else if (op.kind === 'fill') {
      change(o, -op.lots * 1000, 0)
      o.openKg -= op.lots * 1000
    } else {
      // As the service does it: out of the level first, then back (keeping its place only when smaller).
      const keepsPlace = op.tick === null && op.lots * 1000 <= o.openKg
      change(o, -o.openKg, keepsPlace ? 0 : -1)
      if (op.tick !== null) o.price = 19_000 + op.tick * 10
      o.openKg = op.lots * 1000
      change(o, o.openKg, keepsPlace ? 0 : 1)
    }
  }
  return out
}

describe('MarketData books', () => {
  it('equal the level changes recomputed from scratch, with consecutive deltas that rebuild them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { maxLength: 120, size: 'max' }),
        (commands) => {
          const marketData = new MarketData({ instruments: [CODE, OTHER] })
          const replicas = [CODE, OTHER].map((code) => {
            const replica = new Replica(marketData.book(code)!)
            marketData.subscribe('book', code, (delta) => replica.apply(delta))
            return replica
          })
          const resting: SimOrder[] = []
          const all: LevelChange[] = []
          const seqBefore = [0, 0]
          commands.forEach((ops, i) => {
            const before = [CODE, OTHER].map((code) => recompute(all, code))
            const levels = levelChangesOf(ops, resting)
            all.push(...levels)
            marketData.apply(applied(i + 1, { levels }))
            ;[CODE, OTHER].forEach((code, k) => {
              const expected = recompute(all, code)
              const book = marketData.book(code)!
              expect({ bids: book.bids, asks: book.asks }).toEqual(expected)
              expect(replicas[k]!.book()).toEqual(expected)
              expect(replicas[k]!.seq).toBe(book.seq)
              // The sequence number moves exactly when the book changed.
              const changed = JSON.stringify(expected) !== JSON.stringify(before[k])
              expect(book.seq - (changed ? 1 : 0)).toBe(seqBefore[k])
              seqBefore[k] = book.seq
            })
          })
        },
      ),
      { numRuns: 100 },
    )
  })

  it('orders bids highest first and asks lowest first, and cuts them to the depth asked', () => {
    const marketData = new MarketData({ instruments: [CODE] })
    const levels: LevelChange[] = [19_000, 19_020, 19_010].flatMap((price) => [
      { instrument: CODE, side: 'buy' as const, priceCnyPerT: price - 100, deltaKg: 1000, deltaOrders: 1 },
      { instrument: CODE, side: 'sell' as const, priceCnyPerT: price + 100, deltaKg: 2000, deltaOrders: 2 },
    ])
    marketData.apply(applied(1, { levels }))
    const book = marketData.book(CODE, 2)!
    expect(book.seq).toBe(1)
    expect(book.bids.map((l) => l.price)).toEqual([18_920, 18_910])
    expect(book.asks.map((l) => l.price)).toEqual([19_100, 19_110])
    expect(marketData.top(CODE)).toEqual({ bestBid: 18_920, bestAsk: 19_100 })
    expect(marketData.top('NOPE')).toEqual({ bestBid: null, bestAsk: null })
    expect(marketData.book('NOPE')).toBeUndefined()
  })

  it('skips the level changes a starting snapshot already holds', () => {
    const marketData = new MarketData({
      instruments: [CODE],
      books: new Map([[CODE, { bids: [{ price: 19_000, qtyKg: 5000, orders: 1 }], asks: [] }]]),
      booksAtSeq: 7,
    })
    const add = {
      instrument: CODE,
      side: 'buy' as const,
      priceCnyPerT: 19_000,
      deltaKg: 5000,
      deltaOrders: 1,
    }
    marketData.apply(applied(7, { levels: [add] }))
    expect(marketData.book(CODE)).toEqual({
      instrument: CODE,
      seq: 0,
      bids: [{ price: 19_000, qtyKg: 5000, orders: 1 }],
      asks: [],
    })
    marketData.apply(applied(8, { levels: [add] }))
    expect(marketData.book(CODE)!.bids).toEqual([{ price: 19_000, qtyKg: 10_000, orders: 2 }])
    expect(marketData.book(CODE)!.seq).toBe(1)
  })
})

// ---- against the real trading state: the books equal the matching engine's after every command ----

const INGOT = demo(CODE)
const SHEET = demo(OTHER)
const INSTRUMENTS: Instrument[] = [INGOT, SHEET]
const FIRMS = ['p-001', 'p-002', 'b-001']

function freshState(): TradingState {
  const ledger = new InMemoryLedger()
  for (const firm of FIRMS) {
    ledger.post({ kind: 'deposit', enterprise: firm, amountFen: 5_000_000_000n })
    for (const i of INSTRUMENTS)
      ledger.post({ kind: 'intake', enterprise: firm, instrument: i.code, qtyKg: 500_000n })
  }
  const state = new TradingState(INSTRUMENTS)
  state.restore({
    seq: 0,
    nextOrderId: 1,
    nextTradeId: 1,
    balances: ledger.balances(),
    openOrders: [],
    closedOrders: [],
    keys: [],
    callInstruments: [],
  })
  return state
}

const orderArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('new' as const),
      firm: fc.nat(FIRMS.length - 1),
      instrument: fc.nat(1),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      ticks: fc.integer({ min: -5, max: 5 }),
      lots: fc.integer({ min: 1, max: 4 }),
      ioc: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('amend' as const),
      pick: fc.nat(),
      lots: fc.integer({ min: 1, max: 4 }),
      ticks: fc.option(fc.integer({ min: -5, max: 5 })),
    }),
  },
)

describe('MarketData over the trading state', () => {
  it('keeps books equal to the engine’s, trades in order and open orders per enterprise', () => {
    let traded = 0
    fc.assert(
      fc.property(fc.array(orderArb, { minLength: 1, maxLength: 120, size: 'max' }), (steps) => {
        const state = freshState()
        const marketData = new MarketData({ instruments: INSTRUMENTS.map((i) => i.code) })
        const tradeSeqs = new Map<string, number>()
        const tapes = new Map<string, TradeRecord[]>()
        for (const i of INSTRUMENTS)
          marketData.subscribe('trades', i.code, (delta: TradesDelta) => {
            expect(delta.seq).toBe((tradeSeqs.get(i.code) ?? 0) + 1)
            tradeSeqs.set(i.code, delta.seq)
            tapes.set(i.code, [...(tapes.get(i.code) ?? []), ...delta.trades])
          })
        let atMs = at('2025-03-03 09:30')
        for (const step of steps) {
          atMs += 7_000
          let command: JournalCommand | null = null
          const open = [...state.orders()].filter((o) => o.status === 'open')
          if (step.kind === 'new') {
            const instrument = INSTRUMENTS[step.instrument]!
            const request = {
              instrument: instrument.code,
              side: step.side,
              type: 'limit' as const,
              priceCnyPerT: instrument.referencePriceCnyPerT + step.ticks * instrument.tickCnyPerT,
              qtyKg: step.lots * instrument.lotKg,
              tif: step.ioc ? ('IOC' as const) : ('GTC' as const),
              postOnly: false,
              stp: 'cancel_resting' as const,
            }
            const base = instrument.priceBasis === 'fee' ? (instrument.configuredBaseCnyPerT ?? 0) : null
            const ceiling = priceBand(instrument).highCnyPerT
            const firm = FIRMS[step.firm]!
            if (state.checkNew(firm, request, base, ceiling) === null)
              command = {
                op: 'new',
                at: atMs,
                order: state.nextOrderId,
                enterprise: firm,
                user: 'u',
                key: `k${atMs}`,
                hash: 'h',
                base,
                ceiling,
                request,
              }
          } else if (open.length > 0) {
            const o = open[step.pick % open.length]!
            if (step.kind === 'cancel') command = { op: 'cancel', at: atMs, order: o.id }
            else {
              const instrument = state.instrument(o.instrument)!
              const qtyKg = step.lots * instrument.lotKg
              const price =
                step.ticks === null
                  ? null
                  : instrument.referencePriceCnyPerT + step.ticks * instrument.tickCnyPerT
              if (state.checkAmend(o, qtyKg, price) === null)
                command = { op: 'amend', at: atMs, order: o.id, qtyKg, priceCnyPerT: price }
            }
          }
          if (command === null) continue
          const result = state.apply(state.seq + 1, command)
          traded += result.trades.length
          marketData.apply(result)
          for (const i of INSTRUMENTS) {
            const book = marketData.book(i.code)!
            expect(book.bids).toEqual(state.engine.view.depth(i.handle, 0))
            expect(book.asks).toEqual(state.engine.view.depth(i.handle, 1))
          }
        }
        for (const i of INSTRUMENTS) {
          const tape = tapes.get(i.code) ?? []
          expect(marketData.trades(i.code, 50)!.trades).toEqual(tape.slice(-50).reverse())
          expect(marketData.trades(i.code)!.seq).toBe(tradeSeqs.get(i.code) ?? 0)
        }
        for (const firm of FIRMS) {
          const open = [...state.orders()].filter((o) => o.status === 'open' && o.enterpriseId === firm)
          expect(marketData.openOrders(firm).orders.map((o) => o.id)).toEqual(
            open.map((o) => String(o.id)).sort((a, b) => Number(a) - Number(b)),
          )
        }
      }),
      { numRuns: 60 },
    )
    expect(traded).toBeGreaterThan(50)
  })
})

describe('MarketData trades, bars and day figures', () => {
  it('starts a 1m bar at each new minute and folds trades of the same minute', () => {
    const marketData = new MarketData({ instruments: [CODE] })
    const t0 = at('2025-03-03 09:59')
    marketData.apply(
      applied(1, { trades: [trade(t0 + 1_000, 19_000, 5000), trade(t0 + 59_999, 19_050, 5000)] }),
    )
    marketData.apply(applied(2, { trades: [trade(t0 + 60_000, 18_990, 10_000)] }))
    marketData.apply(applied(3, { trades: [trade(t0 + 61_000, 19_010, 5000)] }))
    expect(marketData.bars(CODE, '1m')).toEqual([
      { t: t0, open: 19_000, high: 19_050, low: 19_000, close: 19_050, volumeKg: 10_000 },
      { t: t0 + 60_000, open: 18_990, high: 19_010, low: 18_990, close: 19_010, volumeKg: 15_000 },
    ])
    expect(marketData.bars(CODE, '1m', 1)).toHaveLength(1)
    expect(marketData.bars(CODE, '1d')).toEqual([
      { t: at('2025-03-03 00:00'), open: 19_000, high: 19_050, low: 18_990, close: 19_010, volumeKg: 25_000 },
    ])
    expect(marketData.trades(CODE)!.seq).toBe(3)
  })

  it('rolls the day over at Shanghai midnight (16:00 UTC), not at UTC midnight', () => {
    const marketData = new MarketData({ instruments: [CODE] })
    marketData.apply(applied(1, { trades: [trade(Date.parse('2025-03-03T15:59:59.999Z'), 19_000, 5000)] }))
    expect(marketData.stats(CODE)).toEqual({
      date: '2025-03-03',
      open: 19_000,
      high: 19_000,
      low: 19_000,
      last: 19_000,
      volumeKg: 5000,
    })
    marketData.apply(applied(2, { trades: [trade(Date.parse('2025-03-03T16:00:00Z'), 19_100, 2000)] }))
    marketData.apply(applied(3, { trades: [trade(Date.parse('2025-03-03T23:59:00Z'), 18_900, 3000)] }))
    expect(marketData.stats(CODE)).toEqual({
      date: '2025-03-04',
      open: 19_100,
      high: 19_100,
      low: 18_900,
      last: 18_900,
      volumeKg: 5000,
    })
    expect(marketData.bars(CODE, '1d')!.map((b) => new Date(b.t).toISOString())).toEqual([
      '2025-03-02T16:00:00.000Z',
      '2025-03-03T16:00:00.000Z',
    ])
    expect(marketData.stats(OTHER)).toBeNull()
  })

  it('keeps the last 500 trades newest first, and folds a trade stamped in the past into the last bar', () => {
    const marketData = new MarketData({ instruments: [CODE] })
    const t0 = at('2025-03-03 10:00')
    for (let i = 0; i < 520; i++)
      marketData.apply(applied(i + 1, { trades: [trade(t0 + i * 1000, 19_000 + i, 1000)] }))
    const tape = marketData.trades(CODE)!.trades
    expect(tape).toHaveLength(500)
    expect(tape[0]!.priceCnyPerT).toBe(19_519)
    expect(tape[499]!.priceCnyPerT).toBe(19_020)
    marketData.apply(applied(521, { trades: [trade(t0, 18_000, 1000)] }))
    const bars = marketData.bars(CODE, '1m')!
    expect(bars[bars.length - 1]).toMatchObject({ low: 18_000, close: 18_000 })
    expect(bars.map((b) => b.t)).toEqual([...bars.map((b) => b.t)].sort((a, b) => a - b))
  })

  it('starts from loaded history and continues it', () => {
    const day = at('2025-03-03 00:00')
    const marketData = new MarketData({
      instruments: [CODE],
      trades: [trade(day + 3_600_000, 19_000, 1000)],
      bars: {
        '1d': new Map([
          [CODE, [{ t: day, open: 19_000, high: 19_200, low: 18_800, close: 19_000, volumeKg: 9000 }]],
        ]),
      },
    })
    marketData.apply(applied(1, { trades: [trade(day + 7_200_000, 19_300, 1000)] }))
    expect(marketData.stats(CODE)).toMatchObject({
      high: 19_300,
      low: 18_800,
      last: 19_300,
      volumeKg: 10_000,
    })
    expect(marketData.trades(CODE)!.trades.map((t) => t.priceCnyPerT)).toEqual([19_300, 19_000])
  })
})

describe('MarketData orders and subscriptions', () => {
  it('keeps each enterprise’s open orders with its own consecutive sequence', () => {
    const marketData = new MarketData({ instruments: [CODE] })
    const seen: string[] = []
    const stop = marketData.subscribe('orders', 'p-001', (d) =>
      seen.push(`${d.seq}:${d.orders.map((o) => `${o.id}/${o.status}`)}`),
    )
    marketData.apply(applied(1, { orders: [order(1, 'p-001', 'open'), order(2, 'b-001', 'open')] }))
    marketData.apply(applied(2, { orders: [order(3, 'p-001', 'open')] }))
    marketData.apply(applied(3, { orders: [order(2, 'b-001', 'cancelled')] }))
    marketData.apply(applied(4, { orders: [order(1, 'p-001', 'filled')] }))
    expect(seen).toEqual(['1:1/open', '2:3/open', '3:1/filled'])
    expect(marketData.openOrders('p-001')).toMatchObject({ seq: 3, orders: [{ id: '3', status: 'open' }] })
    expect(marketData.openOrders('b-001')).toEqual({ enterpriseId: 'b-001', seq: 2, orders: [] })
    expect(marketData.openOrders('nobody')).toEqual({ enterpriseId: 'nobody', seq: 0, orders: [] })
    stop()
    marketData.apply(applied(5, { orders: [order(3, 'p-001', 'cancelled')] }))
    expect(seen).toHaveLength(3)
    expect(marketData.subscriptionCount).toBe(0)
  })

  it('keeps publishing to the others when one subscriber throws', () => {
    const logged: string[] = []
    const marketData = new MarketData({ instruments: [CODE], log: (m) => logged.push(m) })
    const got: number[] = []
    marketData.subscribe('trades', CODE, () => {
      throw new Error('boom')
    })
    marketData.subscribe('trades', CODE, (d) => got.push(d.seq))
    marketData.apply(applied(1, { trades: [trade(at('2025-03-03 10:00'), 19_000, 1000)] }))
    expect(got).toEqual([1])
    expect(logged[0]).toContain('boom')
  })

  it('adds an instrument first seen in a command', () => {
    const marketData = new MarketData({ instruments: [] })
    expect(marketData.has(CODE)).toBe(false)
    marketData.apply(applied(1, { trades: [trade(at('2025-03-03 10:00'), 19_000, 1000)] }))
    expect(marketData.has(CODE)).toBe(true)
  })
})
