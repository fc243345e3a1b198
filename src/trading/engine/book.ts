/**
 * One instrument's book: per side, a price ladder (tick → level) whose bitmap orders the levels, the
 * best level kept incrementally, and a market-order queue used in call mode. Each level heads an
 * intrusive FIFO of order slots (linked by `EngineCore`). Side 0 is buy (better = higher), side 1 sell.
 * @module
 */
import { Model, type ModelCode } from './codes.ts'
import { type LevelPool, NIL } from './pools.ts'
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
  /** Market-order queue per side (a level outside the ladders; ticks -1). */
  readonly marketQueue: Int32Array
  readonly ladders: readonly [PriceLadder, PriceLadder] = [new PriceLadder(), new PriceLadder()]
  readonly #levels: LevelPool

  constructor(instrument: number, tickSize: number, levels: LevelPool) {
    this.instrument = instrument
    this.tickSize = tickSize
    this.#levels = levels
    this.marketQueue = new Int32Array([levels.alloc(instrument, -1), levels.alloc(instrument, -1)])
  }

  /** The level of `side` at `ticks` to append an order to (found or created, counted among the live). */
  levelFor(side: number, ticks: number): number {
    const ladder = this.ladders[side as 0 | 1]
    const i = ticks - ladder.baseTicks
    if (i < 0 || i >= ladder.sizeTicks) return this.#levelOutsideWindow(side, ticks)
    let level = ladder.slots[i]! - 1
    if (level === NIL) {
      level = this.#levels.alloc(this.instrument, ticks)
      ladder.slots[i] = level + 1
    }
    if (this.#levels.count[level] === 0) {
      ladder.markSet(i)
      const best = this.best[side]!
      if (best === NIL || better(side, ticks, this.#levels.ticks[best]!)) this.best[side] = level
    }
    return level
  }

  /** Drops a level that just lost its last order; the best moves to the next level if it was the best. */
  removeLevel(side: number, level: number): void {
    const levels = this.#levels
    const ladder = this.ladders[side as 0 | 1]
    const ticks = levels.ticks[level]!
    levels.head[level] = NIL
    levels.tail[level] = NIL
    levels.count[level] = 0
    levels.qtyKg[level] = 0
    const i = ticks - ladder.baseTicks
    if (i >= 0 && i < ladder.sizeTicks) {
      ladder.markEmpty(i) // the level stays allocated for the next order at this price
    } else {
      ladder.far.splice(ladder.far.indexOf(level), 1)
      levels.release(level)
    }
    if (this.best[side] === level) this.best[side] = this.levelAfter(side, ticks)
  }

  /** The best level of `side` strictly worse than `ticks`, or NIL. */
  levelAfter(side: number, ticks: number): number {
    const ladder = this.ladders[side as 0 | 1]
    const i = ticks - ladder.baseTicks
    const j = side === 0 ? ladder.setAtOrBelow(i - 1) : ladder.setAtOrAbove(i + 1)
    const inWindow = j < 0 ? NIL : ladder.slots[j]! - 1
    const far = ladder.far
    if (far.length === 0) return inWindow
    const levels = this.#levels
    for (const level of far) {
      const farTicks = levels.ticks[level]!
      if (better(side, ticks, farTicks)) {
        return inWindow !== NIL && better(side, levels.ticks[inWindow]!, farTicks) ? inWindow : level
      }
    }
    return inWindow
  }

  /** The levels of `side` with orders, best first (for cold paths: auctions, views, checks). */
  levels(side: number): number[] {
    const out: number[] = []
    const ticks = this.#levels.ticks
    for (let level = this.best[side]!; level !== NIL; level = this.levelAfter(side, ticks[level]!))
      out.push(level)
    return out
  }

  /** Whether a limit order of `side` at `ticks` would meet the opposite best price. */
  crosses(side: number, ticks: number): boolean {
    const best = this.best[side ^ 1]!
    if (best === NIL) return false
    const bestTicks = this.#levels.ticks[best]!
    return side === 0 ? bestTicks <= ticks : bestTicks >= ticks
  }

  /** A price outside the window: re-place the window over the side if it fits, else a far level. */
  #levelOutsideWindow(side: number, ticks: number): number {
    const ladder = this.ladders[side as 0 | 1]
    const levels = this.#levels
    const far = ladder.far
    for (const level of far) if (levels.ticks[level] === ticks) return level
    let lo = ticks
    let hi = ticks
    const low = ladder.lowestSet()
    if (low >= 0) {
      lo = Math.min(lo, ladder.baseTicks + low)
      hi = Math.max(hi, ladder.baseTicks + ladder.highestSet())
    }
    for (const level of far) {
      lo = Math.min(lo, levels.ticks[level]!)
      hi = Math.max(hi, levels.ticks[level]!)
    }
    if (ladder.canCover(lo, hi)) {
      this.#replaceWindow(side, lo, hi)
      return this.levelFor(side, ticks)
    }
    const level = levels.alloc(this.instrument, ticks)
    let at = 0
    while (at < far.length && better(side, levels.ticks[far[at]!]!, ticks)) at++
    far.splice(at, 0, level)
    const best = this.best[side]!
    if (best === NIL || better(side, ticks, levels.ticks[best]!)) this.best[side] = level
    return level
  }

  /** Moves the side's window over `loTicks..hiTicks`: live levels move along, empty ones are freed. */
  #replaceWindow(side: number, loTicks: number, hiTicks: number): void {
    const ladder = this.ladders[side as 0 | 1]
    const levels = this.#levels
    const live: number[] = [...ladder.far]
    for (let i = 0; i < ladder.sizeTicks; i++) {
      const level = ladder.slots[i]! - 1
      if (level === NIL) continue
      if (ladder.isSet(i)) live.push(level)
      else levels.release(level)
    }
    ladder.reset(loTicks, hiTicks)
    for (const level of live) {
      const ticks = levels.ticks[level]!
      const i = ticks - ladder.baseTicks
      if (i >= 0 && i < ladder.sizeTicks) {
        ladder.slots[i] = level + 1
        ladder.markSet(i)
      } else {
        let at = 0
        while (at < ladder.far.length && better(side, levels.ticks[ladder.far[at]!]!, ticks)) at++
        ladder.far.splice(at, 0, level)
      }
    }
  }
}
