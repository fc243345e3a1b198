// Pure parts of the trading screen (formatting, book and tape folding, candles, the stream's
// sequence checks and reconnects): no browser needed, so they run with the main suite.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  fenToYuan,
  formatBps,
  formatFen,
  formatKg,
  formatKgAsTonnes,
  formatShanghaiTime,
  formatSigned,
  kgToTonnes,
} from '../web/src/format.ts'
import { bucketOf, compareIds, foldTrade, toCandle } from '../web/src/trading/bars.ts'
import { applyBookChanges, prependTrades, TAPE_LENGTH } from '../web/src/trading/book.ts'
import { mergeOrders } from '../web/src/trading/feeds.ts'
import { backoffMs, checkSeq, type FeedMessage, MarketStream } from '../web/src/trading/stream.ts'
import type { OrderView, PublicTrade } from '../web/src/trading/types.ts'

describe('money and quantities', () => {
  it('formats fen strings exactly, without floats', () => {
    expect(fenToYuan('1234567')).toBe('12345.67')
    expect(fenToYuan('5')).toBe('0.05')
    expect(fenToYuan('-250')).toBe('-2.50')
    expect(fenToYuan('12.5')).toBeNull()
    expect(formatFen('1234567', 'zh')).toBe('12,345.67 元')
    expect(formatFen('1234567', 'en')).toBe('CNY 12,345.67')
    expect(formatFen('-100', 'en')).toBe('-CNY 1.00')
    // 2^63 fen is far beyond a double's exact range.
    expect(formatFen('9223372036854775807', 'en')).toBe('CNY 92,233,720,368,547,758.07')
    expect(formatFen('abc', 'zh')).toBe('—')
  })

  it('formats kilograms and tonnes', () => {
    expect(formatKg(5000, 'en')).toBe('5,000 kg')
    expect(formatKg('125000', 'zh')).toBe('125,000 千克')
    expect(formatKgAsTonnes(12_500, 'en')).toBe('12.5 t')
    expect(formatKgAsTonnes('1', 'zh')).toBe('0.001 吨')
    expect(kgToTonnes(2_000_000)).toBe('2,000')
    expect(formatKg(1.5, 'en')).toBe('—')
  })

  it('formats signed changes and basis points on integers', () => {
    expect(formatSigned(120)).toBe('+120')
    expect(formatSigned(-40)).toBe('-40')
    expect(formatSigned(0)).toBe('0')
    expect(formatBps(62)).toBe('+0.62%')
    expect(formatBps(-1250)).toBe('-12.50%')
    expect(formatBps(0)).toBe('0.00%')
    expect(formatBps(5, false)).toBe('0.05%')
  })

  it('shows Beijing time', () => {
    expect(formatShanghaiTime('2026-03-02T01:05:09.000Z')).toBe('09:05:09')
    expect(formatShanghaiTime('2026-03-02T17:00:00Z', true)).toBe('03-03 01:00:00')
  })
})

describe('book and tape', () => {
  it('applies level changes and keeps both sides sorted', () => {
    const book = {
      bids: [
        { price: 100, qtyKg: 5, orders: 1 },
        { price: 90, qtyKg: 5, orders: 1 },
      ],
      asks: [{ price: 110, qtyKg: 5, orders: 1 }],
    }
    const next = applyBookChanges(book, [
      { side: 'buy', price: 95, qtyKg: 10, orders: 2 },
      { side: 'buy', price: 100, qtyKg: 0, orders: 0 },
      { side: 'sell', price: 105, qtyKg: 3, orders: 1 },
      { side: 'sell', price: 110, qtyKg: 8, orders: 2 },
    ])
    expect(next.bids.map((l) => l.price)).toEqual([95, 90])
    expect(next.asks).toEqual([
      { price: 105, qtyKg: 3, orders: 1 },
      { price: 110, qtyKg: 8, orders: 2 },
    ])
    expect(book.bids).toHaveLength(2) // the old state is untouched
  })

  it('puts new trades on top, newest first, once', () => {
    const tr = (id: number): PublicTrade => ({
      id: String(id),
      price: 100,
      allInPrice: 100,
      qtyKg: 1,
      aggressor: 'buy',
      at: '2026-03-02T01:00:00Z',
    })
    const tape = [tr(2), tr(1)]
    expect(prependTrades(tape, [tr(2), tr(3), tr(4)]).map((t) => t.id)).toEqual(['4', '3', '2', '1'])
    const long = Array.from({ length: TAPE_LENGTH }, (_, i) => tr(TAPE_LENGTH - i))
    expect(prependTrades(long, [tr(TAPE_LENGTH + 1)])).toHaveLength(TAPE_LENGTH)
  })

  it('keeps only open orders, newest first', () => {
    const o = (id: string, status: OrderView['status'], createdAt: string) =>
      ({ id, status, createdAt }) as OrderView
    const open = [o('1', 'open', '2026-01-01T00:00:01Z')]
    const merged = mergeOrders(open, [o('2', 'open', '2026-01-01T00:00:02Z'), o('1', 'filled', 'x')])
    expect(merged.map((x) => x.id)).toEqual(['2'])
  })
})

describe('candles', () => {
  it('shifts bars to Beijing wall time; a 1d bar starts at 00:00', () => {
    const c = toCandle({ t: '2026-03-01T16:00:00Z', open: 1, high: 2, low: 1, close: 2, volumeKg: 5 })
    expect(c!.time % 86_400).toBe(0)
    expect(bucketOf('2026-03-02T01:05:09Z', '1m')! % 60).toBe(0)
    expect(bucketOf('2026-03-02T15:59:59Z', '1d')).toBe(c!.time)
  })

  it('folds trades into the last candle or a new one', () => {
    const first = foldTrade(null, { price: 100, at: '2026-03-02T01:05:09Z' }, '1m')!
    const same = foldTrade(first, { price: 120, at: '2026-03-02T01:05:40Z' }, '1m')!
    expect(same).toEqual({ time: first.time, open: 100, high: 120, low: 100, close: 120 })
    const next = foldTrade(same, { price: 90, at: '2026-03-02T01:06:00Z' }, '1m')!
    expect(next).toEqual({ time: first.time + 60, open: 90, high: 90, low: 90, close: 90 })
    expect(foldTrade(next, { price: 1, at: '2026-03-02T01:05:59Z' }, '1m')).toBeNull()
  })

  it('compares decimal ids as integers', () => {
    expect(compareIds('9', '10')).toBeLessThan(0)
    expect(compareIds('123', '123')).toBe(0)
    expect(compareIds('1000', '999')).toBeGreaterThan(0)
  })
})

describe('stream sequence and backoff', () => {
  it('accepts snapshots, consecutive deltas, and detects gaps', () => {
    expect(checkSeq(null, 'snapshot', 7)).toBe('accept')
    expect(checkSeq(null, 'delta', 8)).toBe('ignore')
    expect(checkSeq(7, 'delta', 8)).toBe('accept')
    expect(checkSeq(7, 'delta', 7)).toBe('ignore')
    expect(checkSeq(7, 'delta', 9)).toBe('gap')
  })

  it('backs off exponentially up to a ceiling, with jitter', () => {
    expect(backoffMs(0, () => 1)).toBe(500)
    expect(backoffMs(0, () => 0)).toBe(250)
    expect(backoffMs(3, () => 1)).toBe(4000)
    expect(backoffMs(50, () => 1)).toBe(15_000)
  })
})

/** A stand-in for the browser's WebSocket that records what the client sends. */
class FakeSocket {
  static readonly OPEN = 1
  static all: FakeSocket[] = []
  readyState = 0
  sent: Record<string, string>[] = []
  onopen: (() => void) | null = null
  onmessage: ((ev: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  constructor(readonly url: string) {
    FakeSocket.all.push(this)
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, string>)
  }
  close() {
    this.readyState = 3
  }
  open() {
    this.readyState = FakeSocket.OPEN
    this.onopen?.()
  }
  receive(msg: object) {
    this.onmessage?.({ data: JSON.stringify(msg) })
  }
  drop() {
    this.readyState = 3
    this.onclose?.()
  }
}

describe('MarketStream', () => {
  beforeEach(() => {
    FakeSocket.all = []
    vi.stubGlobal('WebSocket', FakeSocket)
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('subscribes on open, delivers in order, and resubscribes on a gap', () => {
    const stream = new MarketStream(() => 'ws://test/api/v1/stream')
    const got: FeedMessage[] = []
    const stop = stream.subscribe('book', 'AL-A00-GY', { onMessage: (m) => got.push(m) })
    const ws = FakeSocket.all[0]!
    ws.open()
    expect(ws.sent).toEqual([{ op: 'subscribe', channel: 'book', instrument: 'AL-A00-GY' }])
    const base = { channel: 'book', instrument: 'AL-A00-GY' }
    ws.receive({ ...base, type: 'snapshot', seq: 5, bids: [], asks: [] })
    ws.receive({ ...base, type: 'delta', seq: 6, changes: [] })
    ws.receive({ ...base, type: 'delta', seq: 8, changes: [] }) // 7 is lost
    expect(got.map((m) => m.seq)).toEqual([5, 6])
    expect(ws.sent.slice(1)).toEqual([
      { op: 'unsubscribe', channel: 'book', instrument: 'AL-A00-GY' },
      { op: 'subscribe', channel: 'book', instrument: 'AL-A00-GY' },
    ])
    ws.receive({ ...base, type: 'delta', seq: 9, changes: [] }) // before the new snapshot: dropped
    ws.receive({ ...base, type: 'snapshot', seq: 12, bids: [], asks: [] })
    ws.receive({ ...base, type: 'delta', seq: 13, changes: [] })
    expect(got.map((m) => m.seq)).toEqual([5, 6, 12, 13])
    stop()
    expect(ws.sent.at(-1)).toEqual({ op: 'unsubscribe', channel: 'book', instrument: 'AL-A00-GY' })
    expect(stream.status).toBe('idle')
  })

  it('reconnects with backoff and takes every subscription again', () => {
    const stream = new MarketStream(() => 'ws://test/api/v1/stream')
    const errors: string[] = []
    stream.subscribe('trades', 'AL-A00-GY', { onMessage: () => undefined })
    stream.subscribe('orders', null, { onMessage: () => undefined, onError: (e) => errors.push(e.code) })
    FakeSocket.all[0]!.open()
    FakeSocket.all[0]!.receive({ type: 'error', code: 'UNAUTHENTICATED', detail: 'log in' })
    expect(errors).toEqual(['UNAUTHENTICATED'])
    FakeSocket.all[0]!.drop()
    expect(stream.status).toBe('reconnecting')
    expect(FakeSocket.all).toHaveLength(1)
    vi.advanceTimersByTime(500)
    expect(FakeSocket.all).toHaveLength(2)
    FakeSocket.all[1]!.open()
    expect(stream.status).toBe('live')
    expect(FakeSocket.all[1]!.sent).toEqual([
      { op: 'subscribe', channel: 'trades', instrument: 'AL-A00-GY' },
      { op: 'subscribe', channel: 'orders' },
    ])
  })
})
