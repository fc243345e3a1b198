/**
 * One side of a book's price index: tick → level slot. A window of `sizeTicks` consecutive ticks is a
 * plain array (level + 1, 0 = empty) with a bitmap of occupied ticks, so finding a level is one load
 * and finding the nearest occupied tick is a few `clz32`. The window is re-placed (and doubled) when a
 * price falls outside it; a price so far away that the side would span more than `MAX_WINDOW_TICKS`
 * goes to a `Map` instead, so any positive multiple of the tick is accepted.
 * @module
 */
import { NIL } from './pools.ts'

export const INITIAL_WINDOW_TICKS = 4096
export const MAX_WINDOW_TICKS = 1 << 20

const ceilPow2 = (n: number): number => 2 ** Math.ceil(Math.log2(n))

export class PriceLadder {
  /** Tick of window index 0. */
  baseTicks = 0
  sizeTicks = 0
  /** Level slot + 1 per window index; 0 when no level. */
  slots = new Int32Array(0)
  /** One bit per window index, set when a level is there. */
  bits = new Int32Array(0)
  /** Levels outside the window, by tick. */
  readonly far = new Map<number, number>()
  /** Times the window was re-placed. */
  rebuilds = 0

  inWindow(ticks: number): boolean {
    const i = ticks - this.baseTicks
    return i >= 0 && i < this.sizeTicks
  }

  /** The level at `ticks`, or NIL. */
  levelAt(ticks: number): number {
    const i = ticks - this.baseTicks
    if (i >= 0 && i < this.sizeTicks) return this.slots[i]! - 1
    if (this.far.size === 0) return NIL
    return this.far.get(ticks) ?? NIL
  }

  /** Whether a window can hold every tick from `loTicks` to `hiTicks`. */
  canCover(loTicks: number, hiTicks: number): boolean {
    return hiTicks - loTicks < MAX_WINDOW_TICKS
  }

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
    this.far.clear()
    this.rebuilds++
  }

  /** Records `level` at `ticks` (in the window, or in the far map). */
  place(ticks: number, level: number): void {
    const i = ticks - this.baseTicks
    if (i >= 0 && i < this.sizeTicks) {
      this.slots[i] = level + 1
      this.bits[i >>> 5]! |= 1 << (i & 31)
    } else {
      this.far.set(ticks, level)
    }
  }

  remove(ticks: number): void {
    const i = ticks - this.baseTicks
    if (i >= 0 && i < this.sizeTicks) {
      this.slots[i] = 0
      this.bits[i >>> 5]! &= ~(1 << (i & 31))
    } else {
      this.far.delete(ticks)
    }
  }

  /** The level at the lowest occupied window index ≥ `from`, or NIL. */
  levelAtOrAbove(from: number): number {
    if (from < 0) from = 0
    const bits = this.bits
    const words = bits.length
    let w = from >>> 5
    if (w >= words) return NIL
    let m = bits[w]! & (-1 << (from & 31))
    while (m === 0) {
      if (++w === words) return NIL
      m = bits[w]!
    }
    const i = (w << 5) + 31 - Math.clz32(m & -m)
    return this.slots[i]! - 1
  }

  /** The level at the highest occupied window index ≤ `from`, or NIL. */
  levelAtOrBelow(from: number): number {
    if (from < 0) return NIL
    if (from >= this.sizeTicks) from = this.sizeTicks - 1
    const bits = this.bits
    let w = from >>> 5
    let m = bits[w]! & (-1 >>> (31 - (from & 31)))
    while (m === 0) {
      if (--w < 0) return NIL
      m = bits[w]!
    }
    const i = (w << 5) + 31 - Math.clz32(m)
    return this.slots[i]! - 1
  }
}
