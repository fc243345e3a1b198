/**
 * The engine's shared state: the pools, the books, the order-handle index and the sink. The matching
 * and auction modules work on it directly; `MatchingEngine` is the public face.
 * @module
 */
import { CancelReason } from './codes.ts'
import { Book } from './book.ts'
import { LevelPool, NIL, OrderPool } from './pools.ts'
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

  constructor(sink: EngineSink, defaultTickSize: number, initialOrders: number) {
    this.sink = sink
    this.defaultTickSize = defaultTickSize
    this.orders = new OrderPool(initialOrders)
    this.levels = new LevelPool(Math.max(64, initialOrders >>> 2))
    this.slotOf = new Int32Array(initialOrders)
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
      book = new Book(instrument, tickSize, this.levels, this.orders)
      this.books[instrument] = book
    }
    return book
  }

  /** Puts an accepted order at the back of its queue: price level `ticks`, or the market queue. */
  rest(book: Book, handle: number, account: number, flags: number, ticks: number, qtyKg: number): void {
    const orders = this.orders
    const slot = orders.alloc()
    orders.handle[slot] = handle
    orders.account[slot] = account
    orders.book[slot] = book.instrument
    orders.flags[slot] = flags
    orders.qtyKg[slot] = qtyKg
    const side = flags & 1
    book.append(ticks < 0 ? book.marketQueue[side]! : book.levelFor(side, ticks), slot)
    this.slotOf[handle] = slot + 1
  }

  /** Takes a resting order out of the book and frees its slot; its handle stays taken. */
  remove(slot: number): void {
    const orders = this.orders
    const book = this.books[orders.book[slot]!]!
    book.unlink(slot, orders.flags[slot]! & 1)
    this.slotOf[orders.handle[slot]!] = HANDLE_TAKEN
    orders.release(slot)
  }

  /** Removes a resting order and reports it cancelled with `reason`. */
  cancelResting(slot: number, reason: number): void {
    const handle = this.orders.handle[slot]!
    const remaining = this.orders.qtyKg[slot]!
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
