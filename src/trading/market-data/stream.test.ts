import { Compile } from 'typebox/compile'
import { describe, expect, it } from 'vitest'
import { at } from '../../instruments/fixtures.test-util.ts'
import type { Applied, OrderState, TradeRecord } from '../service/index.ts'
import { MarketData, ServerMessage } from './index.ts'
import { DEFAULT_STREAM_LIMITS, StreamSession, type StreamSocket } from './stream.ts'

const CODE = 'AL-A00-GY'
const checkServerMessage = Compile(ServerMessage)

class FakeSocket implements StreamSocket {
  bufferedAmount = 0
  terminated = false
  readonly sent: ServerMessage[] = []
  send(data: string): void {
    const message: unknown = JSON.parse(data)
    if (!checkServerMessage.Check(message)) throw new Error(`not a server message: ${data}`)
    this.sent.push(message)
  }
  terminate(): void {
    this.terminated = true
  }
  /** Every message sent since the last call. */
  take(): ServerMessage[] {
    return this.sent.splice(0)
  }
}

const applied = (seq: number, parts: Partial<Applied>): Applied => ({
  seq,
  atMs: at('2025-03-03 10:00'),
  command: { op: 'cancel', at: 0, order: 0 },
  orders: [],
  trades: [],
  contracts: [],
  ledger: [],
  levels: [],
  uncross: null,
  ...parts,
})

const trade = (id: number): TradeRecord => ({
  id,
  seq: id,
  instrument: CODE,
  priceCnyPerT: 19_000,
  allInCnyPerT: 19_000,
  qtyKg: 25_000,
  buyOrderId: 1,
  sellOrderId: 2,
  buyerId: 'b-001',
  sellerId: 'p-001',
  aggressor: 'sell',
  notionalFen: 47_500_000n,
  buyerFeeFen: 0n,
  sellerFeeFen: 0n,
  atMs: at('2025-03-03 10:00') + id,
})

const bid = (price: number, deltaKg: number, deltaOrders: number) => ({
  levels: [{ instrument: CODE, side: 'buy' as const, priceCnyPerT: price, deltaKg, deltaOrders }],
})

const openOrder = (id: number, enterpriseId: string): OrderState => ({
  id,
  enterpriseId,
  userId: 'u',
  idempotencyKey: `k${id}`,
  requestHash: 'h',
  instrument: CODE,
  side: 'sell',
  type: 'limit',
  tif: 'GTC',
  postOnly: false,
  stp: 'cancel_resting',
  priceCnyPerT: 19_100,
  reservePriceCnyPerT: 19_100,
  baseCnyPerT: null,
  qtyKg: 25_000,
  filledKg: 0,
  remainingKg: 25_000,
  status: 'open',
  cancelReason: null,
  reserved: 25_000n,
  filledNotionalFen: 0n,
  prioritySeq: id,
  createdSeq: id,
  createdAtMs: 0,
  updatedAtMs: 0,
  placementTradeIds: [],
})

function setup(enterpriseId: string | null = null, limits = DEFAULT_STREAM_LIMITS) {
  const marketData = new MarketData({ instruments: [CODE] })
  const socket = new FakeSocket()
  const session = new StreamSession(socket, marketData, enterpriseId, limits)
  const send = (message: unknown) => session.receive(Buffer.from(JSON.stringify(message)))
  return { marketData, socket, session, send }
}

describe('StreamSession', () => {
  it('sends a book snapshot, then deltas with consecutive sequence numbers', () => {
    const { marketData, socket, send } = setup()
    marketData.apply(applied(1, bid(19_000, 5000, 1)))
    send({ op: 'subscribe', channel: 'book', instrument: CODE })
    expect(socket.take()).toEqual([
      {
        type: 'snapshot',
        channel: 'book',
        instrument: CODE,
        seq: 1,
        bids: [{ price: 19_000, qtyKg: 5000, orders: 1 }],
        asks: [],
      },
    ])
    marketData.apply(applied(2, bid(19_000, -5000, -1)))
    marketData.apply(applied(3, bid(19_010, 2000, 1)))
    expect(socket.take()).toEqual([
      {
        type: 'delta',
        channel: 'book',
        instrument: CODE,
        seq: 2,
        changes: [{ side: 'buy', price: 19_000, qtyKg: 0, orders: 0 }],
      },
      {
        type: 'delta',
        channel: 'book',
        instrument: CODE,
        seq: 3,
        changes: [{ side: 'buy', price: 19_010, qtyKg: 2000, orders: 1 }],
      },
    ])
  })

  it('sends the last 50 trades newest first, then new ones oldest first, without the parties', () => {
    const { marketData, socket, send } = setup()
    for (let id = 1; id <= 60; id++) marketData.apply(applied(id, { trades: [trade(id)] }))
    send({ op: 'subscribe', channel: 'trades', instrument: CODE })
    const [snapshot] = socket.take()
    expect(snapshot).toMatchObject({ type: 'snapshot', channel: 'trades', seq: 60 })
    const trades = (snapshot as { trades: { id: string }[] }).trades
    expect(trades).toHaveLength(50)
    expect(trades[0]).toEqual({
      id: '60',
      price: 19_000,
      allInPrice: 19_000,
      qtyKg: 25_000,
      aggressor: 'sell',
      at: new Date(at('2025-03-03 10:00') + 60).toISOString(),
    })
    marketData.apply(applied(61, { trades: [trade(61), trade(62)] }))
    expect(socket.take()).toMatchObject([{ type: 'delta', seq: 61, trades: [{ id: '61' }, { id: '62' }] }])
  })

  it('stops the deltas on unsubscribe and on close', () => {
    const { marketData, socket, session, send } = setup()
    send({ op: 'subscribe', channel: 'book', instrument: CODE })
    send({ op: 'subscribe', channel: 'trades', instrument: CODE })
    expect(marketData.subscriptionCount).toBe(2)
    send({ op: 'unsubscribe', channel: 'book', instrument: CODE })
    expect(marketData.subscriptionCount).toBe(1)
    socket.take()
    marketData.apply(applied(1, bid(19_000, 5000, 1)))
    expect(socket.take()).toEqual([])
    session.close()
    session.close()
    expect(marketData.subscriptionCount).toBe(0)
    marketData.apply(applied(2, { trades: [trade(1)] }))
    expect(socket.take()).toEqual([])
  })

  it('answers a resubscription with a fresh snapshot and keeps one subscription', () => {
    const { marketData, socket, send } = setup()
    send({ op: 'subscribe', channel: 'book', instrument: CODE })
    marketData.apply(applied(1, bid(19_000, 5000, 1)))
    send({ op: 'subscribe', channel: 'book', instrument: CODE })
    expect(socket.take().map((m) => [m.type, 'seq' in m ? m.seq : null])).toEqual([
      ['snapshot', 0],
      ['delta', 1],
      ['snapshot', 1],
    ])
    expect(marketData.subscriptionCount).toBe(1)
  })

  it('gives the orders channel only to a connection with an enterprise, and only its orders', () => {
    const anonymous = setup(null)
    anonymous.send({ op: 'subscribe', channel: 'orders' })
    expect(anonymous.socket.take()).toMatchObject([{ type: 'error', code: 'UNAUTHENTICATED' }])

    const { marketData, socket, send } = setup('p-001')
    marketData.apply(applied(1, { orders: [openOrder(1, 'p-001'), openOrder(2, 'p-002')] }))
    send({ op: 'subscribe', channel: 'orders' })
    expect(socket.take()).toMatchObject([
      { type: 'snapshot', channel: 'orders', seq: 1, orders: [{ id: '1' }] },
    ])
    marketData.apply(applied(2, { orders: [openOrder(3, 'p-002')] }))
    marketData.apply(
      applied(3, { orders: [{ ...openOrder(1, 'p-001'), status: 'cancelled', remainingKg: 0 }] }),
    )
    expect(socket.take()).toMatchObject([
      { type: 'delta', channel: 'orders', seq: 2, orders: [{ id: '1', status: 'cancelled' }] },
    ])
  })

  it('answers bad messages with an error and keeps going', () => {
    const { socket, session, send } = setup()
    session.receive('not json')
    session.receive(Buffer.from('{}'), true)
    send({ op: 'subscribe', channel: 'book' })
    send({ op: 'subscribe', channel: 'book', instrument: CODE, extra: 1 })
    send({ op: 'watch', channel: 'book', instrument: CODE })
    send({ op: 'subscribe', channel: 'book', instrument: 'NOPE' })
    send({ op: 'subscribe', channel: 'book', instrument: 'x'.repeat(2000) })
    send([1, 2])
    expect(socket.take().map((m) => (m.type === 'error' ? m.code : m.type))).toEqual([
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'INSTRUMENT_NOT_FOUND',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
    ])
    send({ op: 'subscribe', channel: 'book', instrument: CODE })
    expect(socket.take()).toMatchObject([{ type: 'snapshot', channel: 'book' }])
    expect(session.closed).toBe(false)
  })

  it('limits the subscriptions of one connection', () => {
    const { marketData, socket, send } = setup('p-001', { ...DEFAULT_STREAM_LIMITS, maxSubscriptions: 2 })
    send({ op: 'subscribe', channel: 'book', instrument: CODE })
    send({ op: 'subscribe', channel: 'trades', instrument: CODE })
    send({ op: 'subscribe', channel: 'orders' })
    send({ op: 'subscribe', channel: 'trades', instrument: CODE })
    expect(socket.take().map((m) => (m.type === 'error' ? m.code : `${m.type} ${m.channel}`))).toEqual([
      'snapshot book',
      'snapshot trades',
      'VALIDATION_FAILED',
      'snapshot trades',
    ])
    expect(marketData.subscriptionCount).toBe(2)
  })

  it('disconnects a client that reads too slowly instead of buffering without end', () => {
    const { marketData, socket, session, send } = setup(null, {
      ...DEFAULT_STREAM_LIMITS,
      maxBufferedBytes: 1000,
    })
    send({ op: 'subscribe', channel: 'book', instrument: CODE })
    marketData.apply(applied(1, bid(19_000, 5000, 1)))
    expect(socket.take()).toHaveLength(2)
    socket.bufferedAmount = 1001
    marketData.apply(applied(2, bid(19_000, 5000, 1)))
    expect(socket.terminated).toBe(true)
    expect(socket.take()).toEqual([])
    expect(session.closed).toBe(true)
    expect(marketData.subscriptionCount).toBe(0)
  })
})
