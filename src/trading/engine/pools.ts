/**
 * Typed-array pools for resting orders and price levels, addressed by slot. Freed slots are reused
 * LIFO (the free list is threaded through the `next` link), and a pool doubles when full, so a book in
 * steady state allocates nothing.
 * @module
 */

/** `flags` bits of an order slot. */
export const FLAG_SELL = 1
export const FLAG_MARKET = 2
export const FLAG_POST_ONLY = 4
/** The STP code sits in bits 3..4 of `flags`. */
export const STP_SHIFT = 3

/** The "none" link in every list. */
export const NIL = -1

const growInt32 = (a: Int32Array, n: number): Int32Array => {
  const b = new Int32Array(n)
  b.set(a)
  return b
}
const growFloat64 = (a: Float64Array, n: number): Float64Array => {
  const b = new Float64Array(n)
  b.set(a)
  return b
}

/** Int32 fields of an order record: 8 ints (32 bytes), so one order never straddles a cache line. */
export const O_NEXT = 0
export const O_PREV = 1
/** Level slot (a price level or a market queue). */
export const O_LEVEL = 2
export const O_ACCOUNT = 3
export const O_HANDLE = 4
export const O_FLAGS = 5
/** The open quantity (kg) fills the record's last 8 bytes: `qtyKg[(slot << 2) + O_QTY]`. */
export const O_QTY = 3

/**
 * Resting orders, each one 32-byte record (array of structs): a cancel or a fill in a deep book then
 * touches one cache line per order instead of one per field. `ints` and `qtyKg` view the same buffer.
 */
export class OrderPool {
  capacity: number
  /** Times the pool doubled (tests use it to prove steady state allocates nothing). */
  growths = 0
  /** Slots in use. */
  live = 0
  ints: Int32Array
  qtyKg: Float64Array
  #freeHead = NIL
  #used = 0

  constructor(capacity: number) {
    this.capacity = capacity
    this.ints = new Int32Array(capacity << 3)
    this.qtyKg = new Float64Array(this.ints.buffer)
  }

  alloc(): number {
    let slot = this.#freeHead
    if (slot !== NIL) {
      this.#freeHead = this.ints[slot << 3]!
    } else {
      if (this.#used === this.capacity) this.#grow()
      slot = this.#used++
    }
    this.live++
    return slot
  }

  release(slot: number): void {
    this.ints[slot << 3] = this.#freeHead
    this.#freeHead = slot
    this.live--
  }

  /** Reads an int field of `slot` (cold paths; hot loops index `ints` directly). */
  field(slot: number, field: number): number {
    return this.ints[(slot << 3) + field]!
  }

  /** Open quantity of `slot`, kg. */
  qty(slot: number): number {
    return this.qtyKg[(slot << 2) + O_QTY]!
  }

  #grow(): void {
    const ints = new Int32Array(this.capacity << 4)
    ints.set(this.ints)
    this.ints = ints
    this.qtyKg = new Float64Array(ints.buffer)
    this.capacity *= 2
    this.growths++
  }
}

/** Price levels (and market queues): a FIFO of order slots with its count and total. */
export class LevelPool {
  capacity: number
  growths = 0
  live = 0
  head: Int32Array
  tail: Int32Array
  /** Number of orders in the level. */
  count: Int32Array
  /** Instrument (book) handle. */
  book: Int32Array
  /** Free-list link. */
  next: Int32Array
  /** Price in ticks (price / tick size); -1 for a market queue. */
  ticks: Float64Array
  /** Sum of the open quantities, kg. */
  qtyKg: Float64Array
  #freeHead = NIL
  #used = 0

  constructor(capacity: number) {
    this.capacity = capacity
    this.head = new Int32Array(capacity)
    this.tail = new Int32Array(capacity)
    this.count = new Int32Array(capacity)
    this.book = new Int32Array(capacity)
    this.next = new Int32Array(capacity)
    this.ticks = new Float64Array(capacity)
    this.qtyKg = new Float64Array(capacity)
  }

  /** A new empty level of `book` at `ticks`, not linked anywhere. */
  alloc(book: number, ticks: number): number {
    let slot = this.#freeHead
    if (slot !== NIL) {
      this.#freeHead = this.next[slot]!
    } else {
      if (this.#used === this.capacity) this.#grow()
      slot = this.#used++
    }
    this.head[slot] = NIL
    this.tail[slot] = NIL
    this.count[slot] = 0
    this.qtyKg[slot] = 0
    this.ticks[slot] = ticks
    this.book[slot] = book
    this.live++
    return slot
  }

  release(slot: number): void {
    this.next[slot] = this.#freeHead
    this.#freeHead = slot
    this.live--
  }

  #grow(): void {
    const n = this.capacity * 2
    this.head = growInt32(this.head, n)
    this.tail = growInt32(this.tail, n)
    this.count = growInt32(this.count, n)
    this.book = growInt32(this.book, n)
    this.next = growInt32(this.next, n)
    this.ticks = growFloat64(this.ticks, n)
    this.qtyKg = growFloat64(this.qtyKg, n)
    this.capacity = n
    this.growths++
  }
}
