/**
 * A full structural check of the engine's state, independent of how it got there: links, totals,
 * price order, the ladders, the handle index, and an uncrossed book in continuous mode.
 * @module
 */

import type { Book } from './book.ts'
import { Model } from './codes.ts'
import { type EngineCore, HANDLE_FREE } from './core.ts'
import { FLAG_MARKET, NIL, O_FLAGS, O_HANDLE, O_LEVEL, O_NEXT, O_PREV } from './pools.ts'

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
      const ladder = book.ladders[side as 0 | 1]
      const walked = book.levels(side)
      let inWindow = 0
      walked.forEach((level, k) => {
        const ticks = core.levels.ticks[level]!
        const previous = walked[k - 1]
        if (previous !== undefined) {
          const previousTicks = core.levels.ticks[previous]!
          if (side === 0 ? previousTicks <= ticks : previousTicks >= ticks) {
            errors.push(`book ${book.instrument}: levels out of order`)
          }
        }
        const i = ticks - ladder.baseTicks
        if (i >= 0 && i < ladder.sizeTicks) {
          inWindow++
          if (ladder.slots[i] !== level + 1 || !ladder.isSet(i))
            errors.push(`level ${level}: not in the ladder`)
        } else if (!ladder.far.includes(level)) {
          errors.push(`level ${level}: outside the window and not in the far list`)
        }
        if (core.levels.count[level] === 0) errors.push(`level ${level}: empty but listed`)
        if (core.levels.book[level] !== book.instrument) errors.push(`level ${level}: of another book`)
        orderCount += checkQueue(core, book, side, level, false, errors)
      })
      let allocated = ladder.far.length
      let marked = 0
      for (let i = 0; i < ladder.sizeTicks; i++) {
        const level = ladder.slots[i]! - 1
        if (level === NIL) continue
        allocated++
        if (ladder.isSet(i)) marked++
        else if (
          core.levels.count[level] !== 0 ||
          core.levels.head[level] !== NIL ||
          core.levels.qtyKg[level] !== 0
        ) {
          errors.push(`level ${level}: unmarked but not empty`)
        }
      }
      if (marked !== inWindow)
        errors.push(`book ${book.instrument}: ${marked} marked levels, ${inWindow} reached`)
      if (walked.length - inWindow !== ladder.far.length)
        errors.push(`book ${book.instrument}: far list mismatch`)
      levelCount += allocated
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
  if (orderCount !== core.orders.live)
    errors.push(`${core.orders.live} order slots live, ${orderCount} in books`)
  if (levelCount !== core.levels.live)
    errors.push(`${core.levels.live} level slots live, ${levelCount} in books`)
  let resting = 0
  for (let handle = 0; handle < core.slotOf.length; handle++) {
    const value = core.slotOf[handle]!
    if (value > HANDLE_FREE) {
      resting++
      if (core.orders.field(value - 1, O_HANDLE) !== handle)
        errors.push(`handle ${handle}: points at another order`)
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
  for (let slot = levels.head[level]!; slot !== NIL; slot = orders.field(slot, O_NEXT)) {
    count++
    const qtyKg = orders.qty(slot)
    totalKg += qtyKg
    const flags = orders.field(slot, O_FLAGS)
    const handle = orders.field(slot, O_HANDLE)
    const problem = (what: string): void => {
      errors.push(`order ${handle}: ${what}`)
    }
    if (orders.field(slot, O_PREV) !== prev) problem('bad prev link')
    if (orders.field(slot, O_LEVEL) !== level) problem('bad level')
    if (levels.book[level] !== book.instrument) problem('level of another book')
    if ((flags & 1) !== side) problem('on the wrong side')
    if (((flags & FLAG_MARKET) !== 0) !== market) problem('in the wrong queue')
    if (!(qtyKg > 0)) problem('no open quantity')
    if (core.slotOf[handle] !== slot + 1) problem('not indexed')
    prev = slot
  }
  if (levels.tail[level] !== prev) errors.push(`level ${level}: bad tail`)
  if (levels.count[level] !== count) errors.push(`level ${level}: count ${levels.count[level]} != ${count}`)
  if (levels.qtyKg[level] !== totalKg)
    errors.push(`level ${level}: total ${levels.qtyKg[level]} != ${totalKg}`)
  return count
}
