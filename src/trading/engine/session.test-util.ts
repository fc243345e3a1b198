/** Test support: drive the JSON edge command by command and read events and queues back. */
import { NO_PRICE, Side } from './codes.ts'
import { DEFAULT_INSTRUMENT, JsonLinesEngine } from './json-lines.ts'

export type Command = Record<string, unknown> | string
export type Event = Record<string, unknown>

/** A limit order command. */
export const limit = (
  id: string,
  account: string,
  side: 'buy' | 'sell',
  price: number,
  qty: number,
  extra: Record<string, unknown> = {},
): Command => ({ op: 'new', id, account, side, type: 'limit', price, qty, ...extra })

/** A market order command. */
export const market = (
  id: string,
  account: string,
  side: 'buy' | 'sell',
  qty: number,
  extra: Record<string, unknown> = {},
): Command => ({ op: 'new', id, account, side, type: 'market', qty, ...extra })

export class Session {
  readonly edge: JsonLinesEngine

  constructor(tick = 10) {
    this.edge = new JsonLinesEngine({ tickSize: tick })
  }

  /** Applies the commands; returns the events of all of them. */
  send(...commands: Command[]): Event[] {
    for (const c of commands) this.edge.applyLine(typeof c === 'string' ? c : JSON.stringify(c))
    return this.edge
      .takeOutput()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Event)
  }

  /** One side's resting orders in priority order, as `id:price:qty` (`mkt` for a market order). */
  queue(side: 'buy' | 'sell', instrument = DEFAULT_INSTRUMENT): string[] {
    const handle = this.edge.instrumentHandle(instrument)
    const out: string[] = []
    if (handle === undefined) return out
    this.edge.engine.view.forEachResting(
      handle,
      side === 'buy' ? Side.Buy : Side.Sell,
      (order, _a, price, qty) => {
        out.push(`${this.edge.orderId(order)}:${price === NO_PRICE ? 'mkt' : price}:${qty}`)
      },
    )
    return out
  }
}

export const accepted = (id: string): Event => ({ type: 'accepted', id })
export const rejected = (id: unknown, reason: string): Event => ({ type: 'rejected', id, reason })
export const trade = (buy: string, sell: string, price: number, qty: number, aggressor: string): Event => ({
  type: 'trade',
  buy,
  sell,
  price,
  qty,
  aggressor,
})
export const cancelled = (id: string, remaining: number, reason: string): Event => ({
  type: 'cancelled',
  id,
  remaining,
  reason,
})
export const amended = (id: string, price: number | null, qty: number): Event => ({
  type: 'amended',
  id,
  price,
  qty,
})
export const modeEvent = (model: string, instrument = DEFAULT_INSTRUMENT): Event => ({
  type: 'mode',
  instrument,
  model,
})
export const uncrossEvent = (price: number | null, qty: number, instrument = DEFAULT_INSTRUMENT): Event => ({
  type: 'uncross',
  instrument,
  price,
  qty,
})
