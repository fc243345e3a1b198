/**
 * Read-only queries on the engine's books, for market data, projections and tests. Prices are CNY/t
 * (`NO_PRICE` where there is none), quantities kg.
 * @module
 */
import { findUncross } from './auction.ts'
import { Model, type ModelCode, NO_PRICE } from './codes.ts'
import { type EngineCore, HANDLE_FREE } from './core.ts'
import { checkIntegrity } from './integrity.ts'
import { FLAG_MARKET, NIL, O_ACCOUNT, O_FLAGS, O_HANDLE, O_LEVEL, O_NEXT } from './pools.ts'

/** One aggregated price level. */
export interface DepthLevel {
  readonly price: number
  readonly qtyKg: number
  readonly orders: number
}

/** Receives resting orders in priority order. `price` is `NO_PRICE` for a market order. */
export type RestingVisitor = (order: number, account: number, price: number, qtyKg: number) => void

export class EngineView {
  readonly #core: EngineCore

  constructor(core: EngineCore) {
    this.#core = core
  }

  /** Whether an order with this handle was ever accepted (its id is then taken for good). */
  isTaken(order: number): boolean {
    const slotOf = this.#core.slotOf
    return (order | 0) === order && order >= 0 && order < slotOf.length && slotOf[order] !== HANDLE_FREE
  }

  isResting(order: number): boolean {
    return this.#slot(order) >= 0
  }

  /** Open quantity of a resting order; 0 when it is not resting. */
  openQty(order: number): number {
    const slot = this.#slot(order)
    return slot < 0 ? 0 : this.#core.orders.qty(slot)
  }

  /** Limit price of a resting order; `NO_PRICE` for a market order or one not resting. */
  price(order: number): number {
    const slot = this.#slot(order)
    const { orders, levels, books } = this.#core
    if (slot < 0 || (orders.field(slot, O_FLAGS) & FLAG_MARKET) !== 0) return NO_PRICE
    const level = orders.field(slot, O_LEVEL)
    return levels.ticks[level]! * books[levels.book[level]!]!.tickSize
  }

  /** Resting orders over all instruments. */
  get restingCount(): number {
    return this.#core.orders.live
  }

  model(instrument: number): ModelCode {
    return this.#core.books[instrument]?.model ?? Model.Continuous
  }

  tickSize(instrument: number): number {
    return this.#core.books[instrument]?.tickSize ?? this.#core.defaultTickSize
  }

  bestBid(instrument: number): number {
    return this.#bestPrice(instrument, 0)
  }

  bestAsk(instrument: number): number {
    return this.#bestPrice(instrument, 1)
  }

  lastTradePrice(instrument: number): number {
    const book = this.#core.books[instrument]
    return book === undefined || book.lastTradeTicks < 0 ? NO_PRICE : book.lastTradeTicks * book.tickSize
  }

  /** Visits the resting orders of one side in priority order (market orders first, in call mode). */
  forEachResting(instrument: number, side: number, visit: RestingVisitor): void {
    const book = this.#core.books[instrument]
    if (book === undefined) return
    const { orders, levels } = this.#core
    const visitLevel = (level: number, price: number): void => {
      for (let slot = levels.head[level]!; slot !== NIL; slot = orders.field(slot, O_NEXT)) {
        visit(orders.field(slot, O_HANDLE), orders.field(slot, O_ACCOUNT), price, orders.qty(slot))
      }
    }
    visitLevel(book.marketQueue[side]!, NO_PRICE)
    for (const level of book.levels(side)) visitLevel(level, levels.ticks[level]! * book.tickSize)
  }

  /** The best `maxLevels` limit price levels of one side, best first. */
  depth(instrument: number, side: number, maxLevels = Number.POSITIVE_INFINITY): DepthLevel[] {
    const book = this.#core.books[instrument]
    const out: DepthLevel[] = []
    if (book === undefined) return out
    const levels = this.#core.levels
    for (
      let level = book.best[side]!;
      level !== NIL && out.length < maxLevels;
      level = book.levelAfter(side, levels.ticks[level]!)
    ) {
      out.push({
        price: levels.ticks[level]! * book.tickSize,
        qtyKg: levels.qtyKg[level]!,
        orders: levels.count[level]!,
      })
    }
    return out
  }

  /** What an uncross would do now (indicative price and volume in a call auction). */
  indicativeUncross(instrument: number): { readonly price: number; readonly qtyKg: number } {
    const book = this.#core.books[instrument]
    if (book === undefined) return { price: NO_PRICE, qtyKg: 0 }
    const point = findUncross(this.#core, book)
    return { price: point.qtyKg === 0 ? NO_PRICE : point.ticks * book.tickSize, qtyKg: point.qtyKg }
  }

  /** Pool sizes and how often they grew (a steady state shows no growth). */
  poolStats(): {
    readonly orderCapacity: number
    readonly levelCapacity: number
    readonly handleCapacity: number
    readonly growths: number
  } {
    const { orders, levels, slotOf, handleGrowths } = this.#core
    return {
      orderCapacity: orders.capacity,
      levelCapacity: levels.capacity,
      handleCapacity: slotOf.length,
      growths: orders.growths + levels.growths + handleGrowths,
    }
  }

  /** A full structural self-check; returns what is wrong (empty when sound). For tests and audits. */
  integrityErrors(): string[] {
    return checkIntegrity(this.#core)
  }

  #slot(order: number): number {
    const slotOf = this.#core.slotOf
    return (order | 0) === order && order >= 0 && order < slotOf.length ? slotOf[order]! - 1 : -1
  }

  #bestPrice(instrument: number, side: number): number {
    const book = this.#core.books[instrument]
    const level = book === undefined ? NIL : book.best[side]!
    return level === NIL ? NO_PRICE : this.#core.levels.ticks[level]! * book!.tickSize
  }
}
