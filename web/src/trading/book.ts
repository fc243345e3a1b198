/**
 * Pure state of the live feeds: the aggregated book and the trade tape, from a snapshot and
 * the deltas that follow it. The stream has already checked that the sequence numbers are
 * consecutive, so these functions only fold.
 * @module
 */
import type { Level, PublicTrade, Side } from './types.ts'

export interface BookState {
  bids: Level[]
  asks: Level[]
}

export interface LevelChange {
  side: Side
  price: number
  qtyKg: number
  orders: number
}

/** Applies level changes: a quantity of 0 removes the level. Bids stay highest first, asks lowest first. */
export function applyBookChanges(book: BookState, changes: readonly LevelChange[]): BookState {
  let bids = book.bids
  let asks = book.asks
  for (const c of changes) {
    if (c.side === 'buy') bids = setLevel(bids, c, (a, b) => b - a)
    else asks = setLevel(asks, c, (a, b) => a - b)
  }
  return { bids, asks }
}

function setLevel(levels: Level[], c: LevelChange, order: (a: number, b: number) => number): Level[] {
  const rest = levels.filter((l) => l.price !== c.price)
  if (c.qtyKg > 0) rest.push({ price: c.price, qtyKg: c.qtyKg, orders: c.orders })
  return rest.sort((a, b) => order(a.price, b.price))
}

/** How many trades the tape keeps. */
export const TAPE_LENGTH = 100

/** Adds new trades (given oldest first) on top of the tape (newest first), without duplicates. */
export function prependTrades(
  tape: readonly PublicTrade[],
  newOldestFirst: readonly PublicTrade[],
): PublicTrade[] {
  const seen = new Set(tape.map((t) => t.id))
  const fresh = newOldestFirst.filter((t) => !seen.has(t.id)).reverse()
  return [...fresh, ...tape].slice(0, TAPE_LENGTH)
}

/** The largest quantity on either side, for the widths of the ladder's bars. */
export function maxLevelQty(book: BookState, depth: number): number {
  let max = 0
  for (const l of book.bids.slice(0, depth)) max = Math.max(max, l.qtyKg)
  for (const l of book.asks.slice(0, depth)) max = Math.max(max, l.qtyKg)
  return max
}
