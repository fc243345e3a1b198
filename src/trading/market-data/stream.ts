import { Compile } from 'typebox/compile'
import { publicTradeView } from '../service/index.ts'
import type { MarketData } from './market-data.ts'
import { ClientMessage, type ServerMessage } from './schemas.ts'

/** What a stream session needs of a WebSocket (the `ws` socket has it). */
export interface StreamSocket {
  /** Bytes queued but not yet sent. */
  readonly bufferedAmount: number
  send(data: string): void
  /** Drops the connection at once, without a closing handshake. */
  terminate(): void
}

export interface StreamLimits {
  /** Subscriptions one connection may hold. */
  readonly maxSubscriptions: number
  /** Longest client message, bytes; a longer one is answered with an error. */
  readonly maxMessageBytes: number
  /** A client that lets more than this queue up unread is too slow, and is disconnected. */
  readonly maxBufferedBytes: number
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  maxSubscriptions: 50,
  maxMessageBytes: 1024,
  maxBufferedBytes: 4 * 1024 * 1024,
}

/** Trades in a trades snapshot. */
const SNAPSHOT_TRADES = 50

const checkClientMessage = Compile(ClientMessage)

type ErrorCode = Extract<ServerMessage, { type: 'error' }>['code']

/**
 * One /stream connection: reads subscribe and unsubscribe messages, answers each subscription with
 * a snapshot and then forwards its deltas. The orders channel is for a connection that came with
 * credentials, and shows only its enterprise's orders. A bad message gets an error message and the
 * connection stays; a client that reads too slowly is disconnected rather than buffered without end.
 */
export class StreamSession {
  readonly #socket: StreamSocket
  readonly #marketData: MarketData
  readonly #enterpriseId: string | null
  readonly #limits: StreamLimits
  /** Subscription key (`book AL-A00-GY`, `orders`) → its unsubscribe function. */
  readonly #subscriptions = new Map<string, () => void>()
  #closed = false

  constructor(
    socket: StreamSocket,
    marketData: MarketData,
    enterpriseId: string | null,
    limits: StreamLimits = DEFAULT_STREAM_LIMITS,
  ) {
    this.#socket = socket
    this.#marketData = marketData
    this.#enterpriseId = enterpriseId
    this.#limits = limits
  }

  get subscriptionCount(): number {
    return this.#subscriptions.size
  }

  get closed(): boolean {
    return this.#closed
  }

  /** Handles one client message (text frames only). */
  receive(data: Buffer | string, isBinary = false): void {
    if (this.#closed) return
    const message = this.#parse(data, isBinary)
    if (typeof message === 'string') this.#error('VALIDATION_FAILED', message)
    else if (message.op === 'unsubscribe') {
      const key = message.channel === 'orders' ? 'orders' : `${message.channel} ${message.instrument}`
      this.#subscriptions.get(key)?.()
      this.#subscriptions.delete(key)
    } else if (message.channel === 'orders') this.#subscribeOrders()
    else this.#subscribeInstrument(message.channel, message.instrument)
  }

  /** The client message, or why it is not one. */
  #parse(data: Buffer | string, isBinary: boolean): ClientMessage | string {
    if (isBinary) return 'messages are JSON text frames'
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length
    if (size > this.#limits.maxMessageBytes)
      return `a message has at most ${this.#limits.maxMessageBytes} bytes`
    let message: unknown
    try {
      message = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'))
    } catch {
      return 'the message is not valid JSON'
    }
    if (checkClientMessage.Check(message)) return message
    return 'expected {"op":"subscribe"|"unsubscribe","channel":"book"|"trades","instrument":"<code>"} or {"op":"subscribe"|"unsubscribe","channel":"orders"}'
  }

  /** Stops every subscription (the socket closed). Idempotent. */
  close(): void {
    this.#closed = true
    for (const unsubscribe of this.#subscriptions.values()) unsubscribe()
    this.#subscriptions.clear()
  }

  #subscribeInstrument(channel: 'book' | 'trades', code: string): void {
    const marketData = this.#marketData
    if (!marketData.has(code)) {
      this.#error('INSTRUMENT_NOT_FOUND', `no instrument ${code}`)
      return
    }
    const key = `${channel} ${code}`
    if (!this.#makeRoom(key)) return
    // Snapshot and subscription in one tick: the first delta carries the snapshot's seq + 1.
    if (channel === 'book') {
      const book = marketData.book(code)!
      this.#send({
        type: 'snapshot',
        channel,
        instrument: code,
        seq: book.seq,
        bids: book.bids,
        asks: book.asks,
      })
      this.#hold(
        key,
        marketData.subscribe('book', code, (delta) =>
          this.#send({ type: 'delta', channel, instrument: code, seq: delta.seq, changes: delta.changes }),
        ),
      )
      return
    }
    const tape = marketData.trades(code, SNAPSHOT_TRADES)!
    this.#send({
      type: 'snapshot',
      channel,
      instrument: code,
      seq: tape.seq,
      trades: tape.trades.map(publicTradeView),
    })
    this.#hold(
      key,
      marketData.subscribe('trades', code, (delta) =>
        this.#send({
          type: 'delta',
          channel,
          instrument: code,
          seq: delta.seq,
          trades: delta.trades.map(publicTradeView),
        }),
      ),
    )
  }

  #subscribeOrders(): void {
    const enterpriseId = this.#enterpriseId
    if (enterpriseId === null) {
      this.#error('UNAUTHENTICATED', 'the orders channel needs a logged-in session or an API token')
      return
    }
    if (!this.#makeRoom('orders')) return
    const open = this.#marketData.openOrders(enterpriseId)
    this.#send({ type: 'snapshot', channel: 'orders', seq: open.seq, orders: open.orders })
    this.#hold(
      'orders',
      this.#marketData.subscribe('orders', enterpriseId, (delta) =>
        this.#send({ type: 'delta', channel: 'orders', seq: delta.seq, orders: delta.orders }),
      ),
    )
  }

  /** Ends an existing subscription of `key` (a resubscription starts over); false when the limit is reached. */
  #makeRoom(key: string): boolean {
    const existing = this.#subscriptions.get(key)
    if (existing) {
      existing()
      this.#subscriptions.delete(key)
    }
    if (this.#subscriptions.size >= this.#limits.maxSubscriptions) {
      this.#error(
        'VALIDATION_FAILED',
        `a connection holds at most ${this.#limits.maxSubscriptions} subscriptions`,
      )
      return false
    }
    return true
  }

  #hold(key: string, unsubscribe: () => void): void {
    // The snapshot's send may have found the client too slow and closed the session.
    if (this.#closed) unsubscribe()
    else this.#subscriptions.set(key, unsubscribe)
  }

  #error(code: ErrorCode, detail: string): void {
    this.#send({ type: 'error', code, detail })
  }

  #send(message: ServerMessage): void {
    if (this.#closed) return
    if (this.#socket.bufferedAmount > this.#limits.maxBufferedBytes) {
      this.close()
      this.#socket.terminate()
      return
    }
    this.#socket.send(JSON.stringify(message))
  }
}
