/**
 * Preact hooks over the market stream: the live book, the live tape and the enterprise's open
 * orders. Each starts from the REST answer (so a panel is filled even before the socket is up)
 * and switches to the stream's snapshot as soon as one arrives.
 * @module
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { applyBookChanges, type BookState, type LevelChange, prependTrades, TAPE_LENGTH } from './book.ts'
import { tradingApi } from './client.ts'
import { type FeedError, type FeedMessage, marketStream, type StreamStatus } from './stream.ts'
import type { Level, OrderView, PublicTrade } from './types.ts'

export interface Feed<T> {
  data: T
  /** True once the stream's snapshot has arrived. */
  live: boolean
  error: Problem | null
}

const EMPTY_BOOK: BookState = { bids: [], asks: [] }

const feedProblem = (e: FeedError): Problem => ({ status: 0, code: e.code, title: e.code, detail: e.detail })

export function useStreamStatus(): StreamStatus {
  const [status, setStatus] = useState(marketStream.status)
  useEffect(() => marketStream.onStatus(setStatus), [])
  return status
}

/** The aggregated book of one instrument, live. */
export function useBookFeed(code: string): Feed<BookState> {
  const [feed, setFeed] = useState<Feed<BookState>>({ data: EMPTY_BOOK, live: false, error: null })
  useEffect(() => {
    let snapshot = false
    setFeed({ data: EMPTY_BOOK, live: false, error: null })
    tradingApi.book(code, 50).then(
      (b) => {
        if (!snapshot) setFeed({ data: { bids: b.bids, asks: b.asks }, live: false, error: null })
      },
      (err: unknown) => {
        if (!snapshot) setFeed((f) => ({ ...f, error: toProblem(err) }))
      },
    )
    return marketStream.subscribe('book', code, {
      onMessage: (msg: FeedMessage) => {
        if (msg.type === 'snapshot') {
          snapshot = true
          const data = { bids: (msg.bids as Level[]) ?? [], asks: (msg.asks as Level[]) ?? [] }
          setFeed({ data, live: true, error: null })
        } else {
          const changes = (msg.changes as LevelChange[]) ?? []
          setFeed((f) => ({ ...f, data: applyBookChanges(f.data, changes) }))
        }
      },
      onError: (e) => setFeed((f) => ({ ...f, error: feedProblem(e) })),
    })
  }, [code])
  return feed
}

/** The public trades of one instrument, newest first, live. */
export function useTapeFeed(code: string): Feed<PublicTrade[]> {
  const [feed, setFeed] = useState<Feed<PublicTrade[]>>({ data: [], live: false, error: null })
  useEffect(() => {
    let snapshot = false
    setFeed({ data: [], live: false, error: null })
    tradingApi.trades(code, TAPE_LENGTH).then(
      (page) => {
        if (!snapshot) setFeed({ data: page.items, live: false, error: null })
      },
      (err: unknown) => {
        if (!snapshot) setFeed((f) => ({ ...f, error: toProblem(err) }))
      },
    )
    return marketStream.subscribe('trades', code, {
      onMessage: (msg) => {
        const trades = (msg.trades as PublicTrade[]) ?? []
        if (msg.type === 'snapshot') {
          snapshot = true
          setFeed({ data: trades.slice(0, TAPE_LENGTH), live: true, error: null })
        } else {
          setFeed((f) => ({ ...f, data: prependTrades(f.data, trades) }))
        }
      },
      onError: (e) => setFeed((f) => ({ ...f, error: feedProblem(e) })),
    })
  }, [code])
  return feed
}

/**
 * The open orders of the user's enterprise, live; `onEvent` runs after every change (to refresh
 * balances and fills). Off while nobody is logged in.
 */
export function useOrdersFeed(
  enabled: boolean,
  onEvent: () => void,
): Feed<OrderView[]> & { reload: () => void } {
  const [feed, setFeed] = useState<Feed<OrderView[]>>({ data: [], live: false, error: null })
  const [tick, setTick] = useState(0)
  const onEventRef = useRef(onEvent)
  onEventRef.current = onEvent
  useEffect(() => {
    setFeed({ data: [], live: false, error: null })
    if (!enabled) return
    let snapshot = false
    tradingApi.openOrders().then(
      (page) => {
        if (!snapshot) setFeed({ data: page.items, live: false, error: null })
      },
      (err: unknown) => {
        if (!snapshot) setFeed((f) => ({ ...f, error: toProblem(err) }))
      },
    )
    return marketStream.subscribe('orders', null, {
      onMessage: (msg) => {
        const orders = (msg.orders as OrderView[]) ?? []
        if (msg.type === 'snapshot') {
          snapshot = true
          setFeed({ data: orders.filter((o) => o.status === 'open'), live: true, error: null })
        } else {
          setFeed((f) => ({ ...f, data: mergeOrders(f.data, orders) }))
        }
        onEventRef.current()
      },
      onError: (e) => setFeed((f) => ({ ...f, error: feedProblem(e) })),
    })
  }, [enabled, tick])
  return { ...feed, reload: () => setTick((n) => n + 1) }
}

/** Folds changed orders into the open list: open ones are added or replaced, the others leave. */
export function mergeOrders(open: readonly OrderView[], changed: readonly OrderView[]): OrderView[] {
  const byId = new Map(open.map((o) => [o.id, o]))
  for (const o of changed) {
    if (o.status === 'open') byId.set(o.id, o)
    else byId.delete(o.id)
  }
  return [...byId.values()].sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
  )
}
