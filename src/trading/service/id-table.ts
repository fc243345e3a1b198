/**
 * Values by a positive integer id that is handed out in increasing order (an order's id), for the
 * order thread. A `Map` that grows past a power of two copies all its entries into a new table at
 * once: at 65,536 orders that held the thread 11 ms, at 262,144 45 ms. Here ids live in chunks of
 * CHUNK_IDS consecutive ids, so growing is adding a chunk and nothing is ever copied; a chunk goes
 * once its last value does. The chunks are found through a `Map` too, but one with an entry per
 * CHUNK_IDS ids, whose growth copies a few hundred entries at most.
 * @module
 */

const CHUNK_BITS = 12
const CHUNK_IDS = 1 << CHUNK_BITS
const IN_CHUNK = CHUNK_IDS - 1

interface Chunk<T> {
  readonly values: (T | undefined)[]
  count: number
}

export class IdTable<T> {
  readonly #chunks = new Map<number, Chunk<T>>()
  #size = 0

  get size(): number {
    return this.#size
  }

  get(id: number): T | undefined {
    return this.#chunks.get(Math.floor(id / CHUNK_IDS))?.values[id & IN_CHUNK]
  }

  has(id: number): boolean {
    return this.get(id) !== undefined
  }

  set(id: number, value: T): void {
    if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`not an id: ${id}`)
    const chunkIndex = Math.floor(id / CHUNK_IDS)
    let chunk = this.#chunks.get(chunkIndex)
    if (chunk === undefined) {
      chunk = { values: new Array<T | undefined>(CHUNK_IDS).fill(undefined), count: 0 }
      this.#chunks.set(chunkIndex, chunk)
    }
    const at = id & IN_CHUNK
    if (chunk.values[at] === undefined) {
      chunk.count++
      this.#size++
    }
    chunk.values[at] = value
  }

  /** Removes the id's value; true if it had one. */
  delete(id: number): boolean {
    const chunkIndex = Math.floor(id / CHUNK_IDS)
    const chunk = this.#chunks.get(chunkIndex)
    const at = id & IN_CHUNK
    if (chunk === undefined || chunk.values[at] === undefined) return false
    chunk.values[at] = undefined
    this.#size--
    if (--chunk.count === 0) this.#chunks.delete(chunkIndex)
    return true
  }

  /** The values in increasing order of id. */
  *values(): IterableIterator<T> {
    const chunkIndexes = [...this.#chunks.keys()].sort((a, b) => a - b)
    for (const chunkIndex of chunkIndexes) {
      const chunk = this.#chunks.get(chunkIndex)
      if (chunk === undefined) continue // emptied while iterating
      for (const value of chunk.values) if (value !== undefined) yield value
    }
  }
}
