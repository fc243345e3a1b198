/**
 * One side of a book's price index. A window of `sizeTicks` consecutive ticks is a plain array
 * (level + 1, 0 = none) with a bitmap of the ticks that have orders, so finding a level is one load
 * and finding the next level is a few `clz32`. A window level stays allocated while the window stays
 * put (a price that empties and fills again costs no allocation). The window is re-placed (and
 * doubled) when a price falls outside it; a price so far away that the side would span more than
 * `MAX_WINDOW_TICKS` goes to a short sorted `far` list instead, so any positive multiple of the tick
 * is accepted.
 * @module
 */
export const INITIAL_WINDOW_TICKS = 4096
export const MAX_WINDOW_TICKS = 1 << 20

const ceilPow2 = (n: number): number => 2 ** Math.ceil(Math.log2(n))

export class PriceLadder {
  /** Tick of window index 0. */
  baseTicks = 0
  sizeTicks = 0
  /** Level slot + 1 per window index; 0 when no level is allocated there. */
  slots = new Int32Array(0)
  /** One bit per window index, set when the level there has orders. */
  bits = new Int32Array(0)
  /** Levels with orders outside the window, best first. */
  readonly far: number[] = []
  /** Times the window was re-placed. */
  rebuilds = 0

  /** Empties the index and centres a window on `loTicks..hiTicks`, with room to grow on both sides. */
  reset(loTicks: number, hiTicks: number): void {
    const span = hiTicks - loTicks + 1
    // Never shrinks: a side that empties and refills elsewhere reuses its arrays.
    const wanted = Math.max(INITIAL_WINDOW_TICKS, this.sizeTicks, ceilPow2(span * 2))
    const size = Math.min(MAX_WINDOW_TICKS, wanted)
    if (size !== this.sizeTicks) {
      this.slots = new Int32Array(size)
      this.bits = new Int32Array(size >>> 5)
      this.sizeTicks = size
    } else {
      this.slots.fill(0)
      this.bits.fill(0)
    }
    this.baseTicks = loTicks - Math.floor((size - span) / 2)
    this.far.length = 0
    this.rebuilds++
  }

  /** Whether a window can hold every tick from `loTicks` to `hiTicks`. */
  canCover(loTicks: number, hiTicks: number): boolean {
    return hiTicks - loTicks < MAX_WINDOW_TICKS
  }

  /** The lowest window index with orders, or -1. */
  lowestSet(): number {
    const bits = this.bits
    for (let w = 0; w < bits.length; w++) {
      const m = bits[w]!
      if (m !== 0) return (w << 5) + 31 - Math.clz32(m & -m)
    }
    return -1
  }

  /** The highest window index with orders, or -1. */
  highestSet(): number {
    const bits = this.bits
    for (let w = bits.length - 1; w >= 0; w--) {
      const m = bits[w]!
      if (m !== 0) return (w << 5) + 31 - Math.clz32(m)
    }
    return -1
  }

  /** The lowest window index ≥ `from` with orders, or -1. */
  setAtOrAbove(from: number): number {
    if (from >= this.sizeTicks) return -1 // before `>>>`, which would wrap a far index
    if (from < 0) from = 0
    const bits = this.bits
    const words = bits.length
    let w = from >>> 5
    if (w >= words) return -1
    let m = bits[w]! & (-1 << (from & 31))
    while (m === 0) {
      if (++w === words) return -1
      m = bits[w]!
    }
    return (w << 5) + 31 - Math.clz32(m & -m)
  }

  /** The highest window index ≤ `from` with orders, or -1. */
  setAtOrBelow(from: number): number {
    if (from < 0) return -1
    if (from >= this.sizeTicks) from = this.sizeTicks - 1
    const bits = this.bits
    let w = from >>> 5
    let m = bits[w]! & (-1 >>> (31 - (from & 31)))
    while (m === 0) {
      if (--w < 0) return -1
      m = bits[w]!
    }
    return (w << 5) + 31 - Math.clz32(m)
  }

  markSet(i: number): void {
    this.bits[i >>> 5]! |= 1 << (i & 31)
  }

  markEmpty(i: number): void {
    this.bits[i >>> 5]! &= ~(1 << (i & 31))
  }

  isSet(i: number): boolean {
    return (this.bits[i >>> 5]! & (1 << (i & 31))) !== 0
  }
}
