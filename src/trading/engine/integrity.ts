/**
 * A full structural check of the engine's state, independent of how it got there: links, totals,
 * price order, the ladders, the handle index, and an uncrossed book in continuous mode.
 * @module
 */
import { Model } from './codes.ts'
import type { Book } from './book.ts'
import { type EngineCore, HANDLE_FREE } from './core.ts'
import { FLAG_MARKET, NIL } from './pools.ts'

/** Returns what is wrong with `core` (empty when sound). O(everything): for tests and audits only. */
export function checkIntegrity(core: EngineCore): string[] {
  const errors: string[] = []
  let orderCount = 0
  let levelCount = 0
  for (const book of core.books) {
    if (book === undefined) continue
    for (let side = 0; side < 2; side++) {
      orderCount += checkQueue(core, book, side, book.marketQueue[side]!, true, errors)
      levelCount++
      let prev = NIL
      for (let level = book.best[side]!; level !== NIL; level = core.levels.next[level]!) {
        levelCount++
        const ticks = core.levels.ticks[level]!
        if (core.levels.prev[level] !== prev) errors.push(`level ${level}: bad prev link`)
        if (prev !== NIL) {
          const prevTicks = core.levels.ticks[prev]!
          if (side === 0 ? prevTicks <= ticks : prevTicks >= ticks) errors.push(`book ${book.instrument}: levels out of order`)
        }
        if (book.ladders[side as 0 | 1].levelAt(ticks) !== level) errors.push(`level ${level}: not in the ladder`)
        if (core.levels.count[level] === 0) errors.push(`level ${level}: empty but linked`)
        orderCount += checkQueue(core, book, side, level, false, errors)
        prev = level
      }
      if (book.worst[side] !== prev) errors.push(`book ${book.instrument}: bad worst level`)
    }
    if (book.model === Model.Continuous) {
      const bid = book.best[0]!
      const ask = book.best[1]!
      if (bid !== NIL && ask !== NIL && core.levels.ticks[bid]! >= core.levels.ticks[ask]!) {
        errors.push(`book ${book.instrument}: crossed in continuous mode`)
      }
      for (let side = 0; side < 2; side++) {
        if (core.levels.head[book.marketQueue[side]!] !== NIL) {
          errors.push(`book ${book.instrument}: market order resting in continuous mode`)
        }
      }
    }
  }
  if (orderCount !== core.orders.live) errors.push(`${core.orders.live} order slots live, ${orderCount} in books`)
  if (levelCount !== core.levels.live) errors.push(`${core.levels.live} level slots live, ${levelCount} in books`)
  let resting = 0
  for (let handle = 0; handle < core.slotOf.length; handle++) {
    const value = core.slotOf[handle]!
    if (value > HANDLE_FREE) {
      resting++
      if (core.orders.handle[value - 1] !== handle) errors.push(`handle ${handle}: points at another order`)
    }
  }
  if (resting !== orderCount) errors.push(`${resting} handles resting, ${orderCount} orders in books`)
  return errors
}

/** Checks one FIFO; returns its number of orders. */
function checkQueue(
  core: EngineCore,
  book: Book,
  side: number,
  level: number,
  market: boolean,
  errors: string[],
): number {
  const { orders, levels } = core
  let count = 0
  let totalKg = 0
  let prev = NIL
  for (let slot = levels.head[level]!; slot !== NIL; slot = orders.next[slot]!) {
    count++
    totalKg += orders.qtyKg[slot]!
    const flags = orders.flags[slot]!
    if (orders.prev[slot] !== prev) errors.push(`order ${orders.handle[slot]}: bad prev link`)
    if (orders.level[slot] !== level) errors.push(`order ${orders.handle[slot]}: bad level`)
    if (orders.book[slot] !== book.instrument) errors.push(`order ${orders.handle[slot]}: bad book`)
    if ((flags & 1) !== side) errors.push(`order ${orders.handle[slot]}: on the wrong side`)
    if (((flags & FLAG_MARKET) !== 0) !== market) errors.push(`order ${orders.handle[slot]}: in the wrong queue`)
    if (!(orders.qtyKg[slot]! > 0)) errors.push(`order ${orders.handle[slot]}: no open quantity`)
    if (core.slotOf[orders.handle[slot]!] !== slot + 1) errors.push(`order ${orders.handle[slot]}: not indexed`)
    prev = slot
  }
  if (levels.tail[level] !== prev) errors.push(`level ${level}: bad tail`)
  if (levels.count[level] !== count) errors.push(`level ${level}: count ${levels.count[level]} != ${count}`)
  if (levels.qtyKg[level] !== totalKg) errors.push(`level ${level}: total ${levels.qtyKg[level]} != ${totalKg}`)
  return count
}
