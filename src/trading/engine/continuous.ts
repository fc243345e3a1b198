/**
 * Continuous trading: an incoming order trades against the best opposite orders, in price-time
 * priority, while prices cross; trades are at the resting order's price. Self-trade prevention follows
 * the incoming order's mode. A FOK order first checks it can fill completely, and otherwise changes
 * nothing. Nothing here allocates.
 * @module
 */
import { CancelReason, Stp, TimeInForce } from './codes.ts'
import type { Book } from './book.ts'
import { type EngineCore, HANDLE_TAKEN } from './core.ts'
import { FLAG_MARKET, NIL } from './pools.ts'

/** The limit, in ticks, of a market order of `side`: any price is acceptable. */
export const marketLimitTicks = (side: number): number => (side === 0 ? Number.POSITIVE_INFINITY : 0)

/**
 * Runs an accepted order through continuous trading: FOK check, matching, then the remainder rests
 * (limit GTC) or is cancelled `unfilled` (IOC, FOK, market).
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
  if (tif === TimeInForce.FOK && !canFillCompletely(core, book, account, side, limitTicks, qtyKg, stp)) {
    core.sink.cancelled(handle, qtyKg, CancelReason.Fok)
    return
  }
  const remaining = match(core, book, handle, account, side, limitTicks, qtyKg, stp)
  if (remaining <= 0) return
  if (tif === TimeInForce.GTC && (flags & FLAG_MARKET) === 0) {
    core.rest(book, handle, account, flags, limitTicks, remaining)
  } else {
    core.sink.cancelled(handle, remaining, CancelReason.Unfilled)
  }
}

/**
 * Trades `qtyKg` of an incoming order against the opposite side while prices cross. Returns the
 * quantity left, or -1 when self-trade prevention cancelled the incoming remainder (already reported).
 */
function match(
  core: EngineCore,
  book: Book,
  handle: number,
  account: number,
  side: number,
  limitTicks: number,
  qtyKg: number,
  stp: number,
): number {
  const opposite = side ^ 1
  const levels = core.levels
  const orders = core.orders
  const sink = core.sink
  const slotOf = core.slotOf
  const tickSize = book.tickSize
  let remaining = qtyKg
  let level = book.best[opposite]!
  while (level !== NIL) {
    const ticks = levels.ticks[level]!
    if (side === 0 ? ticks > limitTicks : ticks < limitTicks) break
    const price = ticks * tickSize
    // Every order met is filled or cancelled, or is the last one touched: the current one is the head.
    let slot = levels.head[level]!
    while (slot !== NIL) {
      if (orders.account[slot] === account) {
        if (stp === Stp.CancelIncoming) {
          sink.cancelled(handle, remaining, CancelReason.Stp)
          return -1
        }
        const next = orders.next[slot]!
        const last = next === NIL
        core.cancelResting(slot, CancelReason.Stp)
        if (stp === Stp.CancelBoth) {
          sink.cancelled(handle, remaining, CancelReason.Stp)
          return -1
        }
        if (last) break // the level is gone with it
        slot = next
        continue
      }
      const restingKg = orders.qtyKg[slot]!
      if (restingKg > remaining) {
        orders.qtyKg[slot] = restingKg - remaining
        levels.qtyKg[level]! -= remaining
        book.lastTradeTicks = ticks
        if (side === 0) sink.trade(handle, orders.handle[slot]!, price, remaining, 0)
        else sink.trade(orders.handle[slot]!, handle, price, remaining, 1)
        return 0
      }
      const restingHandle = orders.handle[slot]!
      book.lastTradeTicks = ticks
      if (side === 0) sink.trade(handle, restingHandle, price, restingKg, 0)
      else sink.trade(restingHandle, handle, price, restingKg, 1)
      remaining -= restingKg
      const next = orders.next[slot]!
      slotOf[restingHandle] = HANDLE_TAKEN
      orders.release(slot)
      if (next === NIL) {
        book.removeLevel(opposite, level)
        break
      }
      orders.prev[next] = NIL
      levels.head[level] = next
      levels.count[level]!--
      levels.qtyKg[level]! -= restingKg
      if (remaining === 0) return 0
      slot = next
    }
    if (remaining === 0) return 0
    level = book.best[opposite]!
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
  limitTicks: number,
  qtyKg: number,
  stp: number,
): boolean {
  const levels = core.levels
  const orders = core.orders
  let needed = qtyKg
  for (let level = book.best[side ^ 1]!; level !== NIL; level = levels.next[level]!) {
    const ticks = levels.ticks[level]!
    if (side === 0 ? ticks > limitTicks : ticks < limitTicks) return false
    for (let slot = levels.head[level]!; slot !== NIL; slot = orders.next[slot]!) {
      if (orders.account[slot] === account) {
        if (stp === Stp.CancelResting) continue
        return false
      }
      needed -= orders.qtyKg[slot]!
      if (needed <= 0) return true
    }
  }
  return false
}
