/**
 * Continuous trading: an incoming order trades against the best opposite orders, in price-time
 * priority, while prices cross; trades are at the resting order's price. Self-trade prevention follows
 * the incoming order's mode. A FOK order first checks it can fill completely, and otherwise changes
 * nothing. Nothing here allocates.
 * @module
 */

import type { Book } from './book.ts'
import { CancelReason, Stp, TimeInForce } from './codes.ts'
import { type EngineCore, HANDLE_TAKEN } from './core.ts'
import { FLAG_MARKET, NIL, O_ACCOUNT, O_HANDLE, O_NEXT, O_PREV, O_QTY } from './pools.ts'

/**
 * Runs an accepted order through continuous trading: FOK check, matching, then the remainder rests
 * (limit GTC) or is cancelled `unfilled` (IOC, FOK, market). `limitTicks` is ignored for a market
 * order (any price is acceptable; an infinite limit would be a boxed double on every call).
 */
export function enterContinuous(
  core: EngineCore,
  book: Book,
  handle: number,
  account: number,
  flags: number,
  limitTicks: number,
  qtyKg: number,
  tif: number,
  stp: number,
): void {
  const side = flags & 1
  const market = (flags & FLAG_MARKET) !== 0
  if (
    tif === TimeInForce.FOK &&
    !canFillCompletely(core, book, account, side, market, limitTicks, qtyKg, stp)
  ) {
    core.sink.cancelled(handle, qtyKg, CancelReason.Fok)
    return
  }
  // Most resting orders meet nothing: test the opposite best before setting up the matching loop.
  const best = book.best[side ^ 1]!
  let remaining = qtyKg
  if (best !== NIL && (market || book.crosses(side, limitTicks))) {
    remaining = match(core, book, handle, account, side, market, limitTicks, qtyKg, stp)
    if (remaining <= 0) return
  }
  if (tif === TimeInForce.GTC && !market) {
    core.rest(book, handle, account, flags, limitTicks, remaining)
  } else {
    core.sink.cancelled(handle, remaining, CancelReason.Unfilled)
  }
}

/**
 * Trades `qtyKg` of an incoming order against the opposite side while prices cross. Returns the
 * quantity left, or -1 when self-trade prevention cancelled the incoming remainder (already reported).
 * The pools' arrays are read once: nothing below grows them (a sink must not call back into the engine).
 */
function match(
  core: EngineCore,
  book: Book,
  handle: number,
  account: number,
  side: number,
  market: boolean,
  limitTicks: number,
  qtyKg: number,
  stp: number,
): number {
  const opposite = side ^ 1
  const { levels, orders, sink, slotOf } = core
  const o = orders.ints
  const q = orders.qtyKg
  const levelTicks = levels.ticks
  const levelHead = levels.head
  const levelQty = levels.qtyKg
  const levelCount = levels.count
  const best = book.best
  const tickSize = book.tickSize
  // Side-dependent choices made once, so the loop's branches follow the book, not the random side.
  const direction = side === 0 ? 1 : -1
  const buying = side === 0
  let remaining = qtyKg
  let level = best[opposite]!
  while (level !== NIL) {
    const ticks = levelTicks[level]!
    if (!market && (limitTicks - ticks) * direction < 0) break
    const price = ticks * tickSize
    // Every order met is filled or cancelled, or is the last one touched: the current one is the head.
    let slot = levelHead[level]!
    while (slot !== NIL) {
      const at = slot << 3
      if (o[at + O_ACCOUNT] === account) {
        if (stp === Stp.CancelIncoming) {
          sink.cancelled(handle, remaining, CancelReason.Stp)
          return -1
        }
        const next = o[at + O_NEXT]!
        core.cancelResting(slot, CancelReason.Stp)
        if (stp === Stp.CancelBoth) {
          sink.cancelled(handle, remaining, CancelReason.Stp)
          return -1
        }
        if (next === NIL) break // the level went with it
        slot = next
        continue
      }
      const qtyAt = (slot << 2) + O_QTY
      const restingKg = q[qtyAt]!
      const restingHandle = o[at + O_HANDLE]!
      book.lastTradeTicks = ticks
      const buyer = buying ? handle : restingHandle
      const seller = buying ? restingHandle : handle
      if (restingKg > remaining) {
        q[qtyAt] = restingKg - remaining
        levelQty[level]! -= remaining
        sink.trade(buyer, seller, price, remaining, side as 0 | 1)
        return 0
      }
      sink.trade(buyer, seller, price, restingKg, side as 0 | 1)
      remaining -= restingKg
      const next = o[at + O_NEXT]!
      slotOf[restingHandle] = HANDLE_TAKEN
      orders.release(slot)
      if (next === NIL) {
        book.removeLevel(opposite, level)
        break
      }
      o[(next << 3) + O_PREV] = NIL
      levelHead[level] = next
      levelCount[level]!--
      levelQty[level]! -= restingKg
      if (remaining === 0) return 0
      slot = next
    }
    if (remaining === 0) return 0
    level = best[opposite]!
  }
  return remaining
}

/**
 * Whether a FOK order can fill completely from other accounts at acceptable prices: own orders are
 * skipped under cancel_resting (they will be cancelled, not traded); otherwise the first one ends the
 * reachable quantity.
 */
function canFillCompletely(
  core: EngineCore,
  book: Book,
  account: number,
  side: number,
  market: boolean,
  limitTicks: number,
  qtyKg: number,
  stp: number,
): boolean {
  const { levels, orders } = core
  const o = orders.ints
  let needed = qtyKg
  const opposite = side ^ 1
  for (
    let level = book.best[opposite]!;
    level !== NIL;
    level = book.levelAfter(opposite, levels.ticks[level]!)
  ) {
    const ticks = levels.ticks[level]!
    if (!market && (side === 0 ? ticks > limitTicks : ticks < limitTicks)) return false
    for (let slot = levels.head[level]!; slot !== NIL; slot = o[(slot << 3) + O_NEXT]!) {
      if (o[(slot << 3) + O_ACCOUNT] === account) {
        if (stp === Stp.CancelResting) continue
        return false
      }
      needed -= orders.qtyKg[(slot << 2) + O_QTY]!
      if (needed <= 0) return true
    }
  }
  return false
}
