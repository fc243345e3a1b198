/**
 * The engine's shared state: the pools, the books, the order-handle index and the sink. The matching
 * and auction modules work on it directly; `MatchingEngine` is the public face.
 * @module
 */

import { Book } from './book.ts'
import { CancelReason } from './codes.ts'
import {
  LevelPool,
  NIL,
  O_ACCOUNT,
  O_FLAGS,
  O_HANDLE,
  O_LEVEL,
  O_NEXT,
  O_PREV,
  O_QTY,
  OrderPool,
} from './pools.ts'
import type { EngineSink } from './sink.ts'

/** `slotOf` value of a handle that was never accepted. */
export const HANDLE_FREE = 0
/** `slotOf` value of a handle whose order was accepted and is no longer (or never was) resting. */
export const HANDLE_TAKEN = -1

export class EngineCore {
  readonly orders: OrderPool
  readonly levels: LevelPool
  readonly books: (Book | undefined)[] = []
  readonly sink: EngineSink
  readonly defaultTickSize: number
  /** Per order handle: resting slot + 1, `HANDLE_TAKEN` or `HANDLE_FREE`. */
  slotOf: Int32Array
  /** Times `slotOf` grew. */
  handleGrowths = 0

  constructor(sink: EngineSink, defaultTickSize: number, initialOrders: number, initialHandles: number) {
    this.sink = sink
    this.defaultTickSize = defaultTickSize
    this.orders = new OrderPool(initialOrders)
    this.levels = new LevelPool(Math.max(64, initialOrders >>> 2))
    this.slotOf = new Int32Array(initialHandles)
  }

  /** Makes `slotOf` long enough for `handle`. */
  reserveHandle(handle: number): void {
    if (handle < this.slotOf.length) return
    let n = this.slotOf.length * 2
    while (n <= handle) n *= 2
    const grown = new Int32Array(n)
    grown.set(this.slotOf)
    this.slotOf = grown
    this.handleGrowths++
  }

  /** The book of `instrument`, created (continuous, default tick) on first use. */
  book(instrument: number, tickSize = this.defaultTickSize): Book {
    let book = this.books[instrument]
    if (book === undefined) {
      book = new Book(instrument, tickSize, this.levels)
      this.books[instrument] = book
    }
    return book
  }

  /**
   * Puts an accepted order at the back of its queue: price level `ticks`, or the market queue (-1).
   * Written flat (record fields in order, the level's FIFO linked inline): it runs for most orders.
   */
  rest(book: Book, handle: number, account: number, flags: number, ticks: number, qtyKg: number): void {
    const { orders, levels } = this
    const slot = orders.alloc()
    const o = orders.ints
    const side = flags & 1
    let level: number
    if (ticks < 0) {
      level = book.marketQueue[side]!
    } else {
      // The common case inline: the price is in the ladder's window and its level has orders.
      const ladder = book.ladders[side as 0 | 1]
      const i = ticks - ladder.baseTicks
      level = i >= 0 && i < ladder.sizeTicks ? ladder.slots[i]! - 1 : NIL
      if (level === NIL || levels.count[level] === 0) level = book.levelFor(side, ticks)
    }
    const at = slot << 3
    const tail = levels.tail[level]!
    o[at + O_NEXT] = NIL
    o[at + O_PREV] = tail
    o[at + O_LEVEL] = level
    o[at + O_ACCOUNT] = account
    o[at + O_HANDLE] = handle
    o[at + O_FLAGS] = flags
    orders.qtyKg[(slot << 2) + O_QTY] = qtyKg
    if (tail === NIL) levels.head[level] = slot
    else o[(tail << 3) + O_NEXT] = slot
    levels.tail[level] = slot
    levels.count[level]!++
    levels.qtyKg[level]! += qtyKg
    this.slotOf[handle] = slot + 1
  }

  /**
   * Takes a resting order out of its queue (dropping a price level left empty) and frees its slot;
   * its handle stays taken.
   */
  remove(slot: number): void {
    const { orders, levels } = this
    const o = orders.ints
    const at = slot << 3
    const level = o[at + O_LEVEL]!
    const prev = o[at + O_PREV]!
    const next = o[at + O_NEXT]!
    if (prev === NIL) levels.head[level] = next
    else o[(prev << 3) + O_NEXT] = next
    if (next === NIL) levels.tail[level] = prev
    else o[(next << 3) + O_PREV] = prev
    levels.qtyKg[level]! -= orders.qtyKg[(slot << 2) + O_QTY]!
    if (--levels.count[level]! === 0 && levels.ticks[level]! >= 0) {
      this.books[levels.book[level]!]!.removeLevel(o[at + O_FLAGS]! & 1, level)
    }
    this.slotOf[o[at + O_HANDLE]!] = HANDLE_TAKEN
    orders.release(slot)
  }

  /** Removes a resting order and reports it cancelled with `reason`. */
  cancelResting(slot: number, reason: number): void {
    const handle = this.orders.ints[(slot << 3) + O_HANDLE]!
    const remaining = this.orders.qtyKg[(slot << 2) + O_QTY]!
    this.remove(slot)
    this.sink.cancelled(handle, remaining, reason as 0 | 1 | 2 | 3)
  }

  /** Cancels every market order resting in `book` (buy queue, then sell queue), reason `unfilled`. */
  cancelMarketOrders(book: Book): void {
    for (let side = 0; side < 2; side++) {
      const queue = book.marketQueue[side]!
      for (let slot = this.levels.head[queue]!; slot !== NIL; slot = this.levels.head[queue]!) {
        this.cancelResting(slot, CancelReason.Unfilled)
      }
    }
  }
}
