/**
 * One instrument's book: per side, a list of price levels sorted best first (so the next best level is
 * one load away), a price ladder to find a level by tick, and a market-order queue used in call mode.
 * Each level is an intrusive FIFO of order slots. Side 0 is buy (better = higher), side 1 is sell.
 * @module
 */
import { Model, type ModelCode } from './codes.ts'
import { type LevelPool, NIL, type OrderPool } from './pools.ts'
import { PriceLadder } from './price-ladder.ts'

/** True when `a` ticks is a better price than `b` ticks for `side`. */
const better = (side: number, a: number, b: number): boolean => (side === 0 ? a > b : a < b)

export class Book {
  readonly instrument: number
  readonly tickSize: number
  model: ModelCode = Model.Continuous
  /** Price of the last trade in ticks, or -1 before the first. */
  lastTradeTicks = -1
  /** Best level per side, NIL when the side has no limit order. */
  readonly best = new Int32Array([NIL, NIL])
  /** Worst level per side. */
  readonly worst = new Int32Array([NIL, NIL])
  /** Market-order queue per side (a level that is in no list; ticks -1). */
  readonly marketQueue: Int32Array
  readonly ladders: readonly [PriceLadder, PriceLadder] = [new PriceLadder(), new PriceLadder()]
  readonly #levels: LevelPool
  readonly #orders: OrderPool

  constructor(instrument: number, tickSize: number, levels: LevelPool, orders: OrderPool) {
    this.instrument = instrument
    this.tickSize = tickSize
    this.#levels = levels
    this.#orders = orders
    this.marketQueue = new Int32Array([levels.alloc(-1), levels.alloc(-1)])
  }

  /** The level of `side` at `ticks`, created and linked in price order when missing. */
  levelFor(side: number, ticks: number): number {
    const ladder = this.ladders[side as 0 | 1]
    const found = ladder.levelAt(ticks)
    if (found !== NIL) return found
    const levels = this.#levels
    const level = levels.alloc(ticks)
    const best = this.best[side]!
    if (best === NIL) {
      if (!ladder.inWindow(ticks)) ladder.reset(ticks, ticks)
      this.best[side] = level
      this.worst[side] = level
    } else if (better(side, ticks, levels.ticks[best]!)) {
      this.#ensureWindow(side, ticks)
      levels.next[level] = best
      levels.prev[best] = level
      this.best[side] = level
    } else {
      this.#ensureWindow(side, ticks)
      const after = this.#betterNeighbour(side, ticks)
      const next = levels.next[after]!
      levels.prev[level] = after
      levels.next[level] = next
      levels.next[after] = level
      if (next === NIL) this.worst[side] = level
      else levels.prev[next] = level
    }
    ladder.place(ticks, level)
    return level
  }

  /** Unlinks an empty price level and frees it. */
  removeLevel(side: number, level: number): void {
    const levels = this.#levels
    const prev = levels.prev[level]!
    const next = levels.next[level]!
    if (prev === NIL) this.best[side] = next
    else levels.next[prev] = next
    if (next === NIL) this.worst[side] = prev
    else levels.prev[next] = prev
    this.ladders[side as 0 | 1].remove(levels.ticks[level]!)
    levels.release(level)
  }

  /** Appends order `slot` (its `qtyKg` already set) at the back of `level`. */
  append(level: number, slot: number): void {
    const levels = this.#levels
    const orders = this.#orders
    const tail = levels.tail[level]!
    orders.level[slot] = level
    orders.next[slot] = NIL
    orders.prev[slot] = tail
    if (tail === NIL) levels.head[level] = slot
    else orders.next[tail] = slot
    levels.tail[level] = slot
    levels.count[level]!++
    levels.qtyKg[level]! += orders.qtyKg[slot]!
  }

  /** Takes order `slot` out of its level (freeing a price level left empty); the slot stays allocated. */
  unlink(slot: number, side: number): void {
    const levels = this.#levels
    const orders = this.#orders
    const level = orders.level[slot]!
    const prev = orders.prev[slot]!
    const next = orders.next[slot]!
    if (prev === NIL) levels.head[level] = next
    else orders.next[prev] = next
    if (next === NIL) levels.tail[level] = prev
    else orders.prev[next] = prev
    levels.qtyKg[level]! -= orders.qtyKg[slot]!
    if (--levels.count[level]! === 0 && levels.ticks[level]! >= 0) this.removeLevel(side, level)
  }

  /** Whether a limit order of `side` at `ticks` would meet the opposite best price. */
  crosses(side: number, ticks: number): boolean {
    const best = this.best[side ^ 1]!
    if (best === NIL) return false
    const bestTicks = this.#levels.ticks[best]!
    return side === 0 ? bestTicks <= ticks : bestTicks >= ticks
  }

  /** Re-places the ladder window when `ticks` falls outside it and the side still fits in one. */
  #ensureWindow(side: number, ticks: number): void {
    const ladder = this.ladders[side as 0 | 1]
    if (ladder.inWindow(ticks)) return
    const levels = this.#levels
    const a = levels.ticks[this.best[side]!]!
    const b = levels.ticks[this.worst[side]!]!
    const lo = Math.min(a, b, ticks)
    const hi = Math.max(a, b, ticks)
    if (!ladder.canCover(lo, hi)) return
    ladder.reset(lo, hi)
    for (let level = this.best[side]!; level !== NIL; level = levels.next[level]!) {
      ladder.place(levels.ticks[level]!, level)
    }
  }

  /** The nearest level of `side` that is better than `ticks` (one exists: the best is). */
  #betterNeighbour(side: number, ticks: number): number {
    const ladder = this.ladders[side as 0 | 1]
    const levels = this.#levels
    const i = ticks - ladder.baseTicks
    if (i >= 0 && i < ladder.sizeTicks) {
      const found = side === 0 ? ladder.levelAtOrAbove(i + 1) : ladder.levelAtOrBelow(i - 1)
      if (found !== NIL) return found
    } else if (side === 0 ? i < 0 : i >= ladder.sizeTicks) {
      // Beyond the window on the worse side: every windowed level is better, walk from the worst.
      let level = this.worst[side]!
      while (!better(side, levels.ticks[level]!, ticks)) level = levels.prev[level]!
      return level
    }
    // The better neighbour lies beyond the window on the better side: walk the (far) levels from the best.
    let level = this.best[side]!
    for (let next = levels.next[level]!; next !== NIL; next = levels.next[next]!) {
      if (!better(side, levels.ticks[next]!, ticks)) break
      level = next
    }
    return level
  }
}
