/**
 * One WebSocket to /api/v1/stream for the whole page, shared by every live panel.
 *
 * Each subscription (channel + instrument) gets a snapshot and then deltas with consecutive
 * sequence numbers. A delta that skips a number means something was lost: the subscription is
 * dropped and taken again, and the next snapshot replaces the listener's state. A closed socket
 * is reopened with exponential backoff and every subscription is taken again.
 * @module
 */

export type Channel = 'book' | 'trades' | 'orders'
export type StreamStatus = 'idle' | 'connecting' | 'live' | 'reconnecting'

/** A snapshot or a delta, after the sequence check. */
export interface FeedMessage {
  type: 'snapshot' | 'delta'
  channel: Channel
  instrument?: string
  seq: number
  [field: string]: unknown
}

export interface FeedError {
  code: string
  detail: string
}

export interface Listener {
  onMessage: (msg: FeedMessage) => void
  onError?: (err: FeedError) => void
}

/** What to do with a message, given the last sequence number applied (null: waiting for a snapshot). */
export type SeqVerdict = 'accept' | 'ignore' | 'gap'

export function checkSeq(last: number | null, type: 'snapshot' | 'delta', seq: number): SeqVerdict {
  if (type === 'snapshot') return 'accept'
  if (last === null || seq <= last) return 'ignore'
  return seq === last + 1 ? 'accept' : 'gap'
}

/** Milliseconds before reconnect attempt n (0-based): 0.5 s doubling to 15 s, with jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** Math.min(attempt, 10))
  return Math.round(base * (0.5 + random() / 2))
}

interface Subscription {
  channel: Channel
  instrument: string | null
  listeners: Set<Listener>
  seq: number | null
}

const keyOf = (channel: Channel, instrument: string | null) => `${channel}\u0000${instrument ?? ''}`

export class MarketStream {
  readonly #url: () => string
  readonly #subs = new Map<string, Subscription>()
  readonly #statusListeners = new Set<(s: StreamStatus) => void>()
  #socket: WebSocket | null = null
  #status: StreamStatus = 'idle'
  #attempt = 0
  #timer: ReturnType<typeof setTimeout> | null = null

  constructor(url: () => string) {
    this.#url = url
  }

  get status(): StreamStatus {
    return this.#status
  }

  onStatus(listener: (s: StreamStatus) => void): () => void {
    this.#statusListeners.add(listener)
    return () => this.#statusListeners.delete(listener)
  }

  /** Listens to a channel; the returned function stops listening. */
  subscribe(channel: Channel, instrument: string | null, listener: Listener): () => void {
    const key = keyOf(channel, instrument)
    let sub = this.#subs.get(key)
    if (!sub) {
      sub = { channel, instrument, listeners: new Set(), seq: null }
      this.#subs.set(key, sub)
      sub.listeners.add(listener)
      this.#send('subscribe', sub)
    } else {
      sub.listeners.add(listener)
      // A late listener needs a snapshot of its own: take the subscription again.
      this.#resubscribe(sub)
    }
    this.#ensureOpen()
    return () => {
      const current = this.#subs.get(key)
      if (!current) return
      current.listeners.delete(listener)
      if (current.listeners.size > 0) return
      this.#subs.delete(key)
      this.#send('unsubscribe', current)
      if (this.#subs.size === 0) this.#close()
    }
  }

  /** Reconnects now, e.g. after a login or logout, so the socket carries the new session. */
  restart(): void {
    this.#close()
    if (this.#subs.size > 0) this.#ensureOpen()
  }

  #setStatus(s: StreamStatus): void {
    if (s === this.#status) return
    this.#status = s
    for (const l of this.#statusListeners) l(s)
  }

  #ensureOpen(): void {
    if (this.#socket || this.#timer) return
    this.#connect()
  }

  #connect(): void {
    this.#timer = null
    this.#setStatus(this.#attempt === 0 ? 'connecting' : 'reconnecting')
    let socket: WebSocket
    try {
      socket = new WebSocket(this.#url())
    } catch {
      this.#scheduleReconnect()
      return
    }
    this.#socket = socket
    socket.onopen = () => {
      this.#attempt = 0
      this.#setStatus('live')
      for (const sub of this.#subs.values()) {
        sub.seq = null
        this.#send('subscribe', sub)
      }
    }
    socket.onmessage = (ev) => this.#receive(ev.data)
    socket.onclose = () => {
      if (this.#socket !== socket) return
      this.#socket = null
      this.#scheduleReconnect()
    }
  }

  #scheduleReconnect(): void {
    if (this.#subs.size === 0) {
      this.#setStatus('idle')
      return
    }
    this.#setStatus('reconnecting')
    this.#timer = setTimeout(() => this.#connect(), backoffMs(this.#attempt++))
  }

  #close(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    this.#attempt = 0
    const socket = this.#socket
    this.#socket = null
    if (socket) {
      socket.onclose = null
      socket.onmessage = null
      socket.close()
    }
    this.#setStatus('idle')
  }

  #send(op: 'subscribe' | 'unsubscribe', sub: Subscription): void {
    const socket = this.#socket
    if (!socket || socket.readyState !== WebSocket.OPEN) return // sent again on open
    const msg: Record<string, string> = { op, channel: sub.channel }
    if (sub.instrument) msg.instrument = sub.instrument
    socket.send(JSON.stringify(msg))
  }

  #resubscribe(sub: Subscription): void {
    sub.seq = null
    this.#send('unsubscribe', sub)
    this.#send('subscribe', sub)
  }

  #receive(data: unknown): void {
    if (typeof data !== 'string') return
    let msg: Record<string, unknown>
    try {
      msg = JSON.parse(data) as Record<string, unknown>
    } catch {
      return
    }
    if (msg.type === 'error') {
      this.#routeError(msg)
      return
    }
    if ((msg.type !== 'snapshot' && msg.type !== 'delta') || typeof msg.seq !== 'number') return
    const channel = msg.channel as Channel
    const instrument = typeof msg.instrument === 'string' && channel !== 'orders' ? msg.instrument : null
    const sub = this.#subs.get(keyOf(channel, instrument))
    if (!sub) return
    const verdict = checkSeq(sub.seq, msg.type, msg.seq)
    if (verdict === 'gap') {
      this.#resubscribe(sub)
      return
    }
    if (verdict === 'ignore') return
    sub.seq = msg.seq
    for (const l of sub.listeners) l.onMessage(msg as FeedMessage)
  }

  /**
   * An error names its channel when it can. Without one: UNAUTHENTICATED can only be about the
   * orders channel, INSTRUMENT_NOT_FOUND only about book or trades; anything else goes to everyone.
   */
  #routeError(msg: Record<string, unknown>): void {
    const err: FeedError = { code: String(msg.code ?? 'STREAM_ERROR'), detail: String(msg.detail ?? '') }
    const instrument = typeof msg.instrument === 'string' ? msg.instrument : null
    const concerns = (sub: Subscription): boolean => {
      if (typeof msg.channel === 'string') return sub.channel === msg.channel
      if (err.code === 'UNAUTHENTICATED') return sub.channel === 'orders'
      if (err.code === 'INSTRUMENT_NOT_FOUND') return sub.channel !== 'orders'
      return true
    }
    for (const sub of this.#subs.values()) {
      if (!concerns(sub) || (instrument && sub.instrument !== instrument)) continue
      for (const l of sub.listeners) l.onError?.(err)
    }
  }
}

/** The page's one stream, on the same origin as the page. */
export const marketStream = new MarketStream(() => {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}/api/v1/stream`
})
