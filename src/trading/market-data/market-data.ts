import type { Kysely } from 'kysely'
import { tradeDateOf } from '../../instruments/index.ts'
import type { Database } from '../../platform/db/index.ts'
import {
  type Applied,
  type LevelChange,
  type OrderState,
  type OrderView,
  orderView,
  type TradeRecord,
  type TradingService,
} from '../service/index.ts'
import { type Bar, type BarInterval, BarSeries, MAX_BARS } from './bars.ts'
import { AggregatedBook, type BookLevel, type LevelUpdate } from './book.ts'
import { loadHistory } from './store.ts'
import { TAPE_SIZE, TradeTape } from './tape.ts'

/** The book of one instrument at a sequence number; bids highest first, asks lowest first. */
export interface BookSnapshot {
  readonly instrument: string
  readonly seq: number
  readonly bids: BookLevel[]
  readonly asks: BookLevel[]
}

/** The levels one command changed, as their new state (`qtyKg` 0: gone); `seq` is the book's next. */
export interface BookDelta {
  readonly instrument: string
  readonly seq: number
  readonly changes: LevelUpdate[]
}

/** The last trades of one instrument, newest first. */
export interface TradesSnapshot {
  readonly instrument: string
  readonly seq: number
  readonly trades: TradeRecord[]
}

/** The trades of one command, oldest first. */
export interface TradesDelta {
  readonly instrument: string
  readonly seq: number
  readonly trades: TradeRecord[]
}

/** The open orders of one enterprise. */
export interface OrdersSnapshot {
  readonly enterpriseId: string
  readonly seq: number
  readonly orders: OrderView[]
}

/** The orders of one enterprise that one command changed (open or not any more). */
export interface OrdersDelta {
  readonly enterpriseId: string
  readonly seq: number
  readonly orders: OrderView[]
}

/** What each channel publishes; the key is the instrument code (book, trades) or the enterprise id (orders). */
export interface ChannelEvents {
  book: BookDelta
  trades: TradesDelta
  orders: OrdersDelta
}
export type Channel = keyof ChannelEvents

/** The latest Shanghai trading day with trades: its date, OHLC and volume. */
export interface DayStats {
  /** 'YYYY-MM-DD' in Asia/Shanghai. */
  readonly date: string
  readonly open: number
  readonly high: number
  readonly low: number
  readonly last: number
  readonly volumeKg: number
}

export interface MarketDataInit {
  /** Instrument codes; a code first seen in a command is added then. */
  readonly instruments: readonly string[]
  /** The aggregated books to start from (absent: empty). */
  readonly books?: ReadonlyMap<
    string,
    { readonly bids: readonly BookLevel[]; readonly asks: readonly BookLevel[] }
  >
  /** Commands up to this sequence number are in `books` already: their level changes are skipped. */
  readonly booksAtSeq?: number
  /** Past trades, in id order (the tape keeps the last `TAPE_SIZE` of each instrument). */
  readonly trades?: readonly TradeRecord[]
  /** Past bars per instrument, oldest first. */
  readonly bars?: { readonly [I in BarInterval]?: ReadonlyMap<string, readonly Bar[]> }
  /** Open orders to start from, with their enterprise (copies: market data keeps them). */
  readonly openOrders?: readonly { readonly enterpriseId: string; readonly order: OrderState }[]
  /** Where a failing subscriber is reported. */
  readonly log?: (message: string) => void
}

/** The service as market data loads from it. */
export type MarketDataSource = Pick<TradingService, 'state' | 'durableSeq' | 'onApplied' | 'projected'>

class InstrumentMarket {
  readonly book = new AggregatedBook()
  readonly tape = new TradeTape()
  tradesSeq = 0
  readonly bars: Record<BarInterval, BarSeries>

  constructor(bars1m: readonly Bar[] = [], bars1d: readonly Bar[] = []) {
    this.bars = { '1m': new BarSeries('1m', bars1m), '1d': new BarSeries('1d', bars1d) }
  }
}

type Listener<C extends Channel> = (event: ChannelEvents[C]) => void

/** The listeners' key of one channel of one instrument or enterprise. */
const topicOf = (channel: Channel, key: string): string => `${channel}\n${key}`

/**
 * Market data: per instrument the aggregated book, the trade tape, 1-minute and daily bars and the
 * day's figures, and per enterprise its open orders, all kept up to date from the trading service's
 * applied commands, in journal order. Each change is published on a channel (book, trades, orders)
 * with a sequence number per channel and key that moves by one per command, so a subscriber that
 * took a snapshot can apply the deltas after it and see a gap. No I/O and no clock: `load` reads
 * the history once, then everything comes from `apply`.
 *
 * @example
 * const marketData = await MarketData.load(db, service)
 * const book = marketData.book('AL-A00-GY', 20)
 * const stop = marketData.subscribe('book', 'AL-A00-GY', (delta) => send(delta))
 */
export class MarketData {
  readonly #markets = new Map<string, InstrumentMarket>()
  readonly #booksAtSeq: number
  /**
   * Per enterprise its open orders, as the commands left them (copies). Their views are made only
   * for a snapshot or a subscriber: most orders are placed, traded and gone with nobody watching.
   */
  readonly #openOrders = new Map<string, Map<number, OrderState>>()
  readonly #ordersSeq = new Map<string, number>()
  readonly #listeners = new Map<string, Set<Listener<Channel>>>()
  readonly #log: (message: string) => void

  constructor(init: MarketDataInit) {
    this.#booksAtSeq = init.booksAtSeq ?? 0
    this.#log = init.log ?? (() => {})
    for (const code of init.instruments) {
      const market = new InstrumentMarket(init.bars?.['1m']?.get(code), init.bars?.['1d']?.get(code))
      const book = init.books?.get(code)
      if (book) market.book.reset(book.bids, book.asks)
      this.#markets.set(code, market)
    }
    for (const trade of init.trades ?? []) this.#market(trade.instrument).tape.add(trade)
    for (const { enterpriseId, order } of init.openOrders ?? []) {
      if (order.status === 'open') this.#openOf(enterpriseId).set(order.id, order)
    }
  }

  /**
   * Builds market data over a running trading service: the books from its engine, the tape and
   * bars from the `trade` table, then follows its applied commands. Commands applied while the
   * history loads are held and applied after it, so nothing is missed or counted twice.
   */
  static async load(
    db: Kysely<Database>,
    service: MarketDataSource,
    options: { readonly log?: (message: string) => void } = {},
  ): Promise<MarketData> {
    const state = service.state
    const instruments = state.instruments()
    const view = state.engine.view
    const books = new Map(
      instruments.map(
        (i) => [i.code, { bids: view.depth(i.handle, 0), asks: view.depth(i.handle, 1) }] as const,
      ),
    )
    const openOrders = [...state.orders()]
      .filter((o) => o.status === 'open')
      .map((o) => ({ enterpriseId: o.enterpriseId, order: { ...o } }))
    // The engine may be ahead of what was delivered (commands waiting to be durable): their level
    // changes are in the books already. Trades come from SQL up to `delivered`, then from commands.
    const booksAtSeq = state.seq
    const delivered = service.durableSeq
    let marketData: MarketData | null = null
    let held: Applied[] | null = []
    service.onApplied((applied) => {
      if (marketData) marketData.apply(applied)
      else held?.push(applied)
    })
    try {
      await service.projected(delivered)
      const history = await loadHistory(
        db,
        instruments.map((i) => i.code),
        delivered,
      )
      marketData = new MarketData({
        instruments: instruments.map((i) => i.code),
        books,
        booksAtSeq,
        trades: history.trades,
        bars: history.bars,
        openOrders,
        ...(options.log ? { log: options.log } : {}),
      })
      for (const applied of held ?? []) marketData.apply(applied)
      return marketData
    } finally {
      held = null
    }
  }

  /** Folds one applied command in and publishes what changed. Commands come in journal order. */
  apply(applied: Applied): void {
    if (applied.seq > this.#booksAtSeq && applied.levels.length > 0) {
      for (const [code, changes] of groupBy(applied.levels, (l) => l.instrument))
        this.#applyLevels(code, changes)
    }
    if (applied.trades.length > 0) {
      for (const [code, trades] of groupBy(applied.trades, (t) => t.instrument))
        this.#applyTrades(code, trades)
    }
    if (applied.orders.length > 0) {
      for (const [enterpriseId, orders] of groupBy(applied.orders, (o) => o.enterpriseId)) {
        const open = this.#openOf(enterpriseId)
        for (const order of orders) {
          if (order.status === 'open') open.set(order.id, order)
          else open.delete(order.id)
        }
        if (open.size === 0) this.#openOrders.delete(enterpriseId)
        const seq = (this.#ordersSeq.get(enterpriseId) ?? 0) + 1
        this.#ordersSeq.set(enterpriseId, seq)
        if (this.#listeners.has(topicOf('orders', enterpriseId)))
          this.#publish('orders', enterpriseId, { enterpriseId, seq, orders: orders.map(orderView) })
      }
    }
  }

  /**
   * Listens to one channel of one instrument (book, trades) or enterprise (orders). Take the
   * snapshot and subscribe in the same tick: the first delta then has the snapshot's seq + 1.
   * Returns the function that stops listening.
   */
  subscribe<C extends Channel>(
    channel: C,
    key: string,
    listener: (event: ChannelEvents[C]) => void,
  ): () => void {
    const topic = topicOf(channel, key)
    let listeners = this.#listeners.get(topic)
    if (listeners === undefined) {
      listeners = new Set()
      this.#listeners.set(topic, listeners)
    }
    // A wrapper per subscription, so the same function may subscribe twice and stop once.
    const entry: Listener<Channel> = (event) => listener(event as ChannelEvents[C])
    listeners.add(entry)
    return () => {
      listeners.delete(entry)
      if (listeners.size === 0 && this.#listeners.get(topic) === listeners) this.#listeners.delete(topic)
    }
  }

  /** How many subscriptions are open (all channels). */
  get subscriptionCount(): number {
    let n = 0
    for (const listeners of this.#listeners.values()) n += listeners.size
    return n
  }

  has(code: string): boolean {
    return this.#markets.has(code)
  }

  /** The book of `code` with at most `maxLevels` levels a side; undefined for an unknown instrument. */
  book(code: string, maxLevels = Number.POSITIVE_INFINITY): BookSnapshot | undefined {
    const market = this.#markets.get(code)
    if (market === undefined) return undefined
    return { instrument: code, seq: market.book.seq, ...market.book.depth(maxLevels) }
  }

  /** The best bid and ask of `code` (null on an empty side). */
  top(code: string): { bestBid: number | null; bestAsk: number | null } {
    const book = this.#markets.get(code)?.book
    return { bestBid: book?.bestBid ?? null, bestAsk: book?.bestAsk ?? null }
  }

  /** The newest `limit` trades of `code` (at most `TAPE_SIZE`), newest first. */
  trades(code: string, limit = TAPE_SIZE): TradesSnapshot | undefined {
    const market = this.#markets.get(code)
    if (market === undefined) return undefined
    return { instrument: code, seq: market.tradesSeq, trades: market.tape.newest(limit) }
  }

  /** The last `limit` bars of `code` (at most `MAX_BARS`), oldest first. */
  bars(code: string, interval: BarInterval, limit = MAX_BARS): Bar[] | undefined {
    return this.#markets.get(code)?.bars[interval].last(limit)
  }

  /** The latest Shanghai day with a trade of `code`, or null before its first trade. */
  stats(code: string): DayStats | null {
    const bar = this.#markets.get(code)?.bars['1d'].latest
    if (bar === undefined) return null
    return {
      date: tradeDateOf(bar.t),
      open: bar.open,
      high: bar.high,
      low: bar.low,
      last: bar.close,
      volumeKg: bar.volumeKg,
    }
  }

  /** The open orders of one enterprise, oldest first. */
  openOrders(enterpriseId: string): OrdersSnapshot {
    const open = this.#openOrders.get(enterpriseId)
    const orders = open ? [...open.values()].sort((a, b) => a.id - b.id).map(orderView) : []
    return { enterpriseId, seq: this.#ordersSeq.get(enterpriseId) ?? 0, orders }
  }

  #applyLevels(code: string, changes: readonly LevelChange[]): void {
    const book = this.#market(code).book
    const updates = book.apply(changes)
    if (updates.length > 0) this.#publish('book', code, { instrument: code, seq: book.seq, changes: updates })
  }

  #applyTrades(code: string, trades: readonly TradeRecord[]): void {
    const market = this.#market(code)
    for (const trade of trades) {
      market.tape.add(trade)
      market.bars['1m'].add(trade.atMs, trade.priceCnyPerT, trade.qtyKg)
      market.bars['1d'].add(trade.atMs, trade.priceCnyPerT, trade.qtyKg)
    }
    market.tradesSeq++
    this.#publish('trades', code, { instrument: code, seq: market.tradesSeq, trades: [...trades] })
  }

  #market(code: string): InstrumentMarket {
    let market = this.#markets.get(code)
    if (market === undefined) {
      market = new InstrumentMarket()
      this.#markets.set(code, market)
    }
    return market
  }

  #openOf(enterpriseId: string): Map<number, OrderState> {
    let open = this.#openOrders.get(enterpriseId)
    if (open === undefined) {
      open = new Map()
      this.#openOrders.set(enterpriseId, open)
    }
    return open
  }

  #publish<C extends Channel>(channel: C, key: string, event: ChannelEvents[C]): void {
    const listeners = this.#listeners.get(topicOf(channel, key))
    if (listeners === undefined) return
    for (const listener of [...listeners]) {
      try {
        listener(event)
      } catch (error) {
        this.#log(`market data: a ${channel} subscriber of ${key} failed: ${(error as Error).message}`)
      }
    }
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [item])
    else group.push(item)
  }
  return groups
}
