/**
 * Struct-of-arrays pools for resting orders and price levels. A slot is an index into every array of
 * its pool; freed slots are reused LIFO (the free list is threaded through `next`), and a pool doubles
 * when full, so a book in steady state allocates nothing.
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

/** Resting orders: each lives in one level's FIFO (or a book's market queue). */
export class OrderPool {
  capacity: number
  /** Times the pool doubled (tests use it to prove steady state allocates nothing). */
  growths = 0
  /** Slots in use. */
  live = 0
  handle: Int32Array
  account: Int32Array
  /** Instrument (book) handle. */
  book: Int32Array
  /** Level slot (a price level or a market queue). */
  level: Int32Array
  next: Int32Array
  prev: Int32Array
  /** Open quantity, kg. */
  qtyKg: Float64Array
  flags: Uint8Array
  #freeHead = NIL
  #used = 0

  constructor(capacity: number) {
    this.capacity = capacity
    this.handle = new Int32Array(capacity)
    this.account = new Int32Array(capacity)
    this.book = new Int32Array(capacity)
    this.level = new Int32Array(capacity)
    this.next = new Int32Array(capacity)
    this.prev = new Int32Array(capacity)
    this.qtyKg = new Float64Array(capacity)
    this.flags = new Uint8Array(capacity)
  }

  alloc(): number {
    let slot = this.#freeHead
    if (slot !== NIL) {
      this.#freeHead = this.next[slot]!
    } else {
      if (this.#used === this.capacity) this.#grow()
      slot = this.#used++
    }
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
    this.handle = growInt32(this.handle, n)
    this.account = growInt32(this.account, n)
    this.book = growInt32(this.book, n)
    this.level = growInt32(this.level, n)
    this.next = growInt32(this.next, n)
    this.prev = growInt32(this.prev, n)
    this.qtyKg = growFloat64(this.qtyKg, n)
    const flags = new Uint8Array(n)
    flags.set(this.flags)
    this.flags = flags
    this.capacity = n
    this.growths++
  }
}

/**
 * Price levels (and market queues): a FIFO of order slots with its total, linked into its side's list
 * of levels sorted best first.
 */
export class LevelPool {
  capacity: number
  growths = 0
  live = 0
  head: Int32Array
  tail: Int32Array
  /** Number of orders in the level. */
  count: Int32Array
  /** Better neighbour on the same side, or NIL. */
  prev: Int32Array
  /** Worse neighbour on the same side, or NIL. */
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
    this.prev = new Int32Array(capacity)
    this.next = new Int32Array(capacity)
    this.ticks = new Float64Array(capacity)
    this.qtyKg = new Float64Array(capacity)
  }

  /** A new empty level at `ticks`, not linked anywhere. */
  alloc(ticks: number): number {
    let slot = this.#freeHead
    if (slot !== NIL) {
      this.#freeHead = this.next[slot]!
    } else {
      if (this.#used === this.capacity) this.#grow()
      slot = this.#used++
    }
    this.head[slot] = NIL
    this.tail[slot] = NIL
    this.prev[slot] = NIL
    this.next[slot] = NIL
    this.count[slot] = 0
    this.qtyKg[slot] = 0
    this.ticks[slot] = ticks
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
    this.prev = growInt32(this.prev, n)
    this.next = growInt32(this.next, n)
    this.ticks = growFloat64(this.ticks, n)
    this.qtyKg = growFloat64(this.qtyKg, n)
    this.capacity = n
    this.growths++
  }
}
