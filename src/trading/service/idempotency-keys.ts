/**
 * The idempotency keys of a day's orders, as the order thread holds them: per key, its order, the
 * request's hash and when it was placed. A day of orders is hundreds of thousands of keys, kept
 * across every full garbage collection of that thread. As heap objects (a Map entry and two strings
 * a key, about 250 bytes) 400,000 keys took a forced full collection from 11 to 60 ms, and made the
 * order thread's heap 100 MB larger for every collection to mark. Here they live in typed arrays,
 * which the collector does not look into: the characters of each key and its hash in one arena, the
 * rest in columns indexed by slot (slots in insertion order), and an open-addressing table (linear
 * probing) from a key's hash to its slot.
 *
 * The keys are split over SHARDS shards by the high bits of their hash, each with its own slab and
 * table. A slab or table that is full is copied into one twice its size, which takes the order
 * thread for as long as the copy: as one store, 262,144 keys held it 200 ms and a million 660 ms.
 * A shard holds 1/SHARDS of the keys, and shards fill at different moments, so a copy moves a few
 * thousand keys even at a million.
 * @module
 */

/** Shards: a power of two, chosen by the top SHARD_BITS bits of a key's hash. */
const SHARD_BITS = 8
const SHARDS = 1 << SHARD_BITS
/** A shard's first slab: small, since there are SHARDS of them once a few thousand keys came. */
const INITIAL_SLOTS = 32
/** Table entries: 0 is empty, DELETED a key that went; any other value is a slot + 1. */
const EMPTY = 0
const DELETED = -1

export interface KeyEntry {
  readonly orderId: number
  /** The hash of the request that placed the order. */
  readonly hash: string
  readonly createdAtMs: number
}

/** FNV-1a over the UTF-16 code units. */
function hashOfKey(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return h | 0
}

/** `to` with `from` copied into its start. */
function grown<T extends { set(from: ArrayLike<number>): void }>(from: ArrayLike<number>, to: T): T {
  to.set(from)
  return to
}

/** The shard of a key: the top SHARD_BITS bits of its hash (the table's index takes the low ones). */
const shardOf = (keyHash: number): number => keyHash >>> (32 - SHARD_BITS)

/** The smallest power of two that is at least `n`. */
const powerOfTwoAtLeast = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(n, 2)))

export class IdempotencyKeys {
  readonly #hashOfKey: (key: string) => number
  /** Made on a shard's first key. */
  readonly #shards: (KeyShard | undefined)[] = new Array(SHARDS).fill(undefined)

  /** @param options.hashOfKey @internal Tests pass a poor hash here, to make keys collide. */
  constructor(options: { readonly hashOfKey?: (key: string) => number } = {}) {
    this.#hashOfKey = options.hashOfKey ?? hashOfKey
  }

  get size(): number {
    let size = 0
    for (const shard of this.#shards) size += shard?.size ?? 0
    return size
  }

  /** @internal The most keys one copy of a slab or rebuild of a table has moved (the longest pause of `set`). */
  get largestCopyKeys(): number {
    let largest = 0
    for (const shard of this.#shards) largest = Math.max(largest, shard?.largestCopyKeys ?? 0)
    return largest
  }

  /** Remembers `key` (replacing what it held) for the order placed with the request of `hash`. */
  set(key: string, orderId: number, hash: string, createdAtMs: number): void {
    const keyHash = this.#hashOfKey(key) | 0
    const index = shardOf(keyHash)
    const shard = this.#shards[index] ?? new KeyShard()
    this.#shards[index] = shard
    shard.set(key, keyHash, orderId, hash, createdAtMs)
  }

  get(key: string): KeyEntry | undefined {
    const keyHash = this.#hashOfKey(key) | 0
    return this.#shards[shardOf(keyHash)]?.get(key, keyHash)
  }

  /**
   * Forgets keys placed before `beforeMs`, oldest first, except those `keep` holds on to; stops at
   * the first key placed since. Returns how many went.
   */
  forgetBefore(beforeMs: number, keep: (orderId: number) => boolean): number {
    let dropped = 0
    for (const shard of this.#shards) dropped += shard?.forgetBefore(beforeMs, keep) ?? 0
    return dropped
  }
}

/** One shard: its keys in insertion order, and their table. */
class KeyShard {
  // Per slot, in insertion (placement) order.
  #keyHashes = new Int32Array(INITIAL_SLOTS)
  /** Where the slot's characters start in `#text`: the key's, then the request hash's. */
  #textAt = new Float64Array(INITIAL_SLOTS)
  #keyLengths = new Uint32Array(INITIAL_SLOTS)
  #hashLengths = new Uint32Array(INITIAL_SLOTS)
  #orderIds = new Float64Array(INITIAL_SLOTS)
  #createdAtMs = new Float64Array(INITIAL_SLOTS)
  #live = new Uint8Array(INITIAL_SLOTS)
  /** Slots handed out (live or gone): the next one is `#used`. */
  #used = 0
  /** No slot before this one is live. */
  #first = 0
  #size = 0
  #text = new Uint16Array(INITIAL_SLOTS * 64)
  #textUsed = 0
  #table = new Int32Array(INITIAL_SLOTS * 2)
  /** Table entries that are not EMPTY (live and DELETED): probing needs some EMPTY ones. */
  #tableFilled = 0

  largestCopyKeys = 0

  get size(): number {
    return this.#size
  }

  set(key: string, keyHash: number, orderId: number, hash: string, createdAtMs: number): void {
    const found = this.#find(key, keyHash)
    if (found >= 0) this.#remove(found) // a replaced key moves to the end: it was placed last
    if (this.#used === this.#orderIds.length) this.#makeRoom()
    const textLength = key.length + hash.length
    if (this.#textUsed + textLength > this.#text.length) this.#growText(textLength)
    const slot = this.#used++
    const at = this.#textUsed
    const text = this.#text
    for (let i = 0; i < key.length; i++) text[at + i] = key.charCodeAt(i)
    for (let i = 0; i < hash.length; i++) text[at + key.length + i] = hash.charCodeAt(i)
    this.#textUsed = at + textLength
    this.#keyHashes[slot] = keyHash
    this.#textAt[slot] = at
    this.#keyLengths[slot] = key.length
    this.#hashLengths[slot] = hash.length
    this.#orderIds[slot] = orderId
    this.#createdAtMs[slot] = createdAtMs
    this.#live[slot] = 1
    this.#size++
    // A rebuilt table holds every live slot, this one with them.
    if ((this.#tableFilled + 1) * 2 > this.#table.length) this.#rebuildTable()
    else this.#insert(keyHash, slot)
  }

  get(key: string, keyHash: number): KeyEntry | undefined {
    const found = this.#find(key, keyHash)
    if (found < 0) return undefined
    const slot = this.#table[found]! - 1
    const hashAt = this.#textAt[slot]! + this.#keyLengths[slot]!
    return {
      orderId: this.#orderIds[slot]!,
      hash: String.fromCharCode(...this.#text.subarray(hashAt, hashAt + this.#hashLengths[slot]!)),
      createdAtMs: this.#createdAtMs[slot]!,
    }
  }

  forgetBefore(beforeMs: number, keep: (orderId: number) => boolean): number {
    let dropped = 0
    for (let slot = this.#first; slot < this.#used; slot++) {
      if (this.#live[slot] === 0) continue
      if (this.#createdAtMs[slot]! >= beforeMs) break
      if (keep(this.#orderIds[slot]!)) continue
      this.#remove(this.#entryOf(slot))
      dropped++
    }
    while (this.#first < this.#used && this.#live[this.#first] === 0) this.#first++
    return dropped
  }

  /** The table index of `key`'s entry, or -1. */
  #find(key: string, keyHash: number): number {
    const table = this.#table
    const mask = table.length - 1
    for (let i = keyHash & mask; ; i = (i + 1) & mask) {
      const entry = table[i]!
      if (entry === EMPTY) return -1
      if (entry !== DELETED && this.#keyHashes[entry - 1] === keyHash && this.#keyIs(entry - 1, key)) return i
    }
  }

  #keyIs(slot: number, key: string): boolean {
    if (this.#keyLengths[slot] !== key.length) return false
    const at = this.#textAt[slot]!
    const text = this.#text
    for (let i = 0; i < key.length; i++) if (text[at + i] !== key.charCodeAt(i)) return false
    return true
  }

  /** The table index that holds live `slot`. */
  #entryOf(slot: number): number {
    const table = this.#table
    const mask = table.length - 1
    for (let i = this.#keyHashes[slot]! & mask; ; i = (i + 1) & mask) if (table[i] === slot + 1) return i
  }

  #remove(entry: number): void {
    this.#live[this.#table[entry]! - 1] = 0
    this.#table[entry] = DELETED
    this.#size--
  }

  /** Puts `slot` at the first free entry of its probe sequence (its key is in no other entry). */
  #insert(keyHash: number, slot: number): void {
    const table = this.#table
    const mask = table.length - 1
    let i = keyHash & mask
    while (table[i] !== EMPTY && table[i] !== DELETED) i = (i + 1) & mask
    if (table[i] === EMPTY) this.#tableFilled++
    table[i] = slot + 1
  }

  /** A table of the live slots only, at least four entries per live key. */
  #rebuildTable(): void {
    this.largestCopyKeys = Math.max(this.largestCopyKeys, this.#size)
    this.#table = new Int32Array(powerOfTwoAtLeast(Math.max(INITIAL_SLOTS * 2, (this.#size + 1) * 4)))
    this.#tableFilled = 0
    for (let slot = this.#first; slot < this.#used; slot++)
      if (this.#live[slot] === 1) this.#insert(this.#keyHashes[slot]!, slot)
  }

  #growText(needed: number): void {
    const length = Math.max(this.#text.length * 2, this.#textUsed + needed)
    this.#text = grown(this.#text.subarray(0, this.#textUsed), new Uint16Array(length))
  }

  /**
   * At a full slab: doubles it when more than half is live (a copy of each column, slots and table
   * unchanged), else compacts it in place (the live slots moved to the front, the table rebuilt).
   */
  #makeRoom(): void {
    if (this.#size * 2 > this.#orderIds.length) {
      this.largestCopyKeys = Math.max(this.largestCopyKeys, this.#used)
      this.#keyHashes = grown(this.#keyHashes, new Int32Array(this.#used * 2))
      this.#textAt = grown(this.#textAt, new Float64Array(this.#used * 2))
      this.#keyLengths = grown(this.#keyLengths, new Uint32Array(this.#used * 2))
      this.#hashLengths = grown(this.#hashLengths, new Uint32Array(this.#used * 2))
      this.#orderIds = grown(this.#orderIds, new Float64Array(this.#used * 2))
      this.#createdAtMs = grown(this.#createdAtMs, new Float64Array(this.#used * 2))
      this.#live = grown(this.#live, new Uint8Array(this.#used * 2))
      return
    }
    this.largestCopyKeys = Math.max(this.largestCopyKeys, this.#size)
    const capacity = this.#orderIds.length
    const keyHashes = new Int32Array(capacity)
    const textAt = new Float64Array(capacity)
    const keyLengths = new Uint32Array(capacity)
    const hashLengths = new Uint32Array(capacity)
    const orderIds = new Float64Array(capacity)
    const createdAtMs = new Float64Array(capacity)
    const live = new Uint8Array(capacity)
    let liveText = 0
    for (let slot = this.#first; slot < this.#used; slot++)
      if (this.#live[slot] === 1) liveText += this.#keyLengths[slot]! + this.#hashLengths[slot]!
    const text = new Uint16Array(Math.max(INITIAL_SLOTS * 64, liveText * 2))
    let next = 0
    let textUsed = 0
    for (let slot = this.#first; slot < this.#used; slot++) {
      if (this.#live[slot] === 0) continue
      const at = this.#textAt[slot]!
      const length = this.#keyLengths[slot]! + this.#hashLengths[slot]!
      text.set(this.#text.subarray(at, at + length), textUsed)
      keyHashes[next] = this.#keyHashes[slot]!
      textAt[next] = textUsed
      keyLengths[next] = this.#keyLengths[slot]!
      hashLengths[next] = this.#hashLengths[slot]!
      orderIds[next] = this.#orderIds[slot]!
      createdAtMs[next] = this.#createdAtMs[slot]!
      live[next] = 1
      textUsed += length
      next++
    }
    this.#keyHashes = keyHashes
    this.#textAt = textAt
    this.#keyLengths = keyLengths
    this.#hashLengths = hashLengths
    this.#orderIds = orderIds
    this.#createdAtMs = createdAtMs
    this.#live = live
    this.#text = text
    this.#textUsed = textUsed
    this.#used = next
    this.#first = 0
    this.#rebuildTable()
  }
}
