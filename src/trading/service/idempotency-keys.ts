/**
 * The idempotency keys of a day's orders, as the order thread holds them: per key, its order, the
 * request's hash and when it was placed. A day of orders is hundreds of thousands of keys, kept
 * across every full garbage collection of that thread: an object per key, with its hash as a string
 * and its time as a boxed number, made those collections trace four objects a key (and stall the
 * order path for 100+ ms in the API benchmark). Here a key costs two strings (itself and its
 * hash: leaves, which the collector marks without tracing); the order ids and times live in typed
 * arrays, which it does not look into.
 * @module
 */

const INITIAL_SLOTS = 1024

export interface KeyEntry {
  readonly orderId: number
  /** The hash of the request that placed the order. */
  readonly hash: string
  readonly createdAtMs: number
}

export class IdempotencyKeys {
  /** Key → slot, in insertion order (placement order, as orders are added). */
  readonly #slots = new Map<string, number>()
  #orderIds = new Float64Array(INITIAL_SLOTS)
  #createdAtMs = new Float64Array(INITIAL_SLOTS)
  #hashes: string[] = []
  /** Slots handed out (live or freed): the next one is `#used`. */
  #used = 0

  get size(): number {
    return this.#slots.size
  }

  /** Remembers `key` (replacing what it held) for the order placed with the request of `hash`. */
  set(key: string, orderId: number, hash: string, createdAtMs: number): void {
    const replaced = this.#slots.get(key)
    if (replaced !== undefined) this.#hashes[replaced] = ''
    this.#slots.delete(key) // a replaced key moves to the end: it was placed last
    if (this.#used === this.#orderIds.length) this.#makeRoom()
    const slot = this.#used++
    this.#orderIds[slot] = orderId
    this.#createdAtMs[slot] = createdAtMs
    this.#hashes[slot] = hash
    this.#slots.set(key, slot)
  }

  get(key: string): KeyEntry | undefined {
    const slot = this.#slots.get(key)
    if (slot === undefined) return undefined
    return {
      orderId: this.#orderIds[slot]!,
      hash: this.#hashes[slot]!,
      createdAtMs: this.#createdAtMs[slot]!,
    }
  }

  /**
   * Forgets keys placed before `beforeMs`, oldest first, except those `keep` holds on to; stops at
   * the first key placed since. Returns how many went.
   */
  forgetBefore(beforeMs: number, keep: (orderId: number) => boolean): number {
    let dropped = 0
    for (const [key, slot] of this.#slots) {
      if (this.#createdAtMs[slot]! >= beforeMs) break
      if (keep(this.#orderIds[slot]!)) continue
      this.#slots.delete(key)
      this.#hashes[slot] = ''
      dropped++
    }
    return dropped
  }

  /** At a full slab: compacts it when at most half is live, else doubles it. */
  #makeRoom(): void {
    const live = this.#slots.size
    const capacity = live * 2 <= this.#orderIds.length ? this.#orderIds.length : this.#orderIds.length * 2
    const orderIds = new Float64Array(capacity)
    const createdAtMs = new Float64Array(capacity)
    const hashes: string[] = []
    let next = 0
    for (const [key, slot] of this.#slots) {
      orderIds[next] = this.#orderIds[slot]!
      createdAtMs[next] = this.#createdAtMs[slot]!
      hashes.push(this.#hashes[slot]!)
      this.#slots.set(key, next++)
    }
    this.#orderIds = orderIds
    this.#createdAtMs = createdAtMs
    this.#hashes = hashes
    this.#used = next
  }
}
