/**
 * Call auction uncross (集合竞价). The price is chosen among the resting limit prices: the most
 * executable volume; then the smallest surplus; then, if every remaining candidate has its surplus on
 * the buy side the highest, on the sell side the lowest; then the closest to the last trade price; then
 * the lower. The buy and sell queues (market orders first) are paired in priority order at that price,
 * then market orders still resting are cancelled `unfilled`.
 * @module
 */

import type { Book } from './book.ts'
import { Aggressor, NO_PRICE } from './codes.ts'
import type { EngineCore } from './core.ts'
import { NIL, O_HANDLE, O_LEVEL, O_QTY } from './pools.ts'

/** The chosen uncross: price in ticks (-1 when nothing can execute) and volume in kg. */
export interface UncrossPoint {
  ticks: number
  qtyKg: number
}

/** Finds the uncross price and volume of `book` without changing it. */
export function findUncross(core: EngineCore, book: Book): UncrossPoint {
  const levels = core.levels
  const marketBuyKg = levels.qtyKg[book.marketQueue[0]!]!
  const marketSellKg = levels.qtyKg[book.marketQueue[1]!]!
  const bids = book.levels(0)
  const asks = book.levels(1)
  let totalBidKg = 0
  for (const level of bids) totalBidKg += levels.qtyKg[level]!
  const count = bids.length + asks.length
  const candTicks = new Float64Array(count)
  const candVolKg = new Float64Array(count)
  const candSurplusKg = new Float64Array(count)
  // Candidates in ascending price: bids from the worst up, asks from the best up, merged.
  let n = 0
  let nextBid = bids.length - 1
  let nextAsk = 0
  let bid = nextBid >= 0 ? bids[nextBid]! : NIL
  let ask = asks.length > 0 ? asks[0]! : NIL
  let bidsBelowKg = 0
  let asksUpToKg = 0
  let maxVolKg = 0
  while (bid !== NIL || ask !== NIL) {
    const bidTicks = bid === NIL ? Number.POSITIVE_INFINITY : levels.ticks[bid]!
    const askTicks = ask === NIL ? Number.POSITIVE_INFINITY : levels.ticks[ask]!
    const ticks = Math.min(bidTicks, askTicks)
    if (askTicks === ticks) {
      asksUpToKg += levels.qtyKg[ask]!
      ask = ++nextAsk < asks.length ? asks[nextAsk]! : NIL
    }
    const demandKg = marketBuyKg + totalBidKg - bidsBelowKg
    const supplyKg = marketSellKg + asksUpToKg
    const volKg = Math.min(demandKg, supplyKg)
    candTicks[n] = ticks
    candVolKg[n] = volKg
    candSurplusKg[n] = demandKg - supplyKg
    n++
    if (volKg > maxVolKg) maxVolKg = volKg
    if (bidTicks === ticks) {
      bidsBelowKg += levels.qtyKg[bid]!
      bid = --nextBid >= 0 ? bids[nextBid]! : NIL
    }
  }
  if (maxVolKg === 0) return { ticks: -1, qtyKg: 0 }
  let minSurplusKg = Number.POSITIVE_INFINITY
  for (let i = 0; i < n; i++) {
    if (candVolKg[i] === maxVolKg) minSurplusKg = Math.min(minSurplusKg, Math.abs(candSurplusKg[i]!))
  }
  // The remaining candidates: most volume, then smallest surplus (ascending price order).
  const keep = (i: number): boolean =>
    candVolKg[i] === maxVolKg && Math.abs(candSurplusKg[i]!) === minSurplusKg
  let allBuySurplus = true
  let allSellSurplus = true
  let lowest = -1
  let highest = -1
  for (let i = 0; i < n; i++) {
    if (!keep(i)) continue
    if (lowest === -1) lowest = i
    highest = i
    if (candSurplusKg[i]! <= 0) allBuySurplus = false
    if (candSurplusKg[i]! >= 0) allSellSurplus = false
  }
  let chosen = lowest
  if (allBuySurplus) chosen = highest
  else if (!allSellSurplus && book.lastTradeTicks >= 0) {
    const last = book.lastTradeTicks
    for (let i = lowest + 1; i <= highest; i++) {
      if (keep(i) && Math.abs(candTicks[i]! - last) < Math.abs(candTicks[chosen]! - last)) chosen = i
    }
  }
  return { ticks: candTicks[chosen]!, qtyKg: maxVolKg }
}

/** Uncrosses `book`: reports the point, trades at it, then cancels the market orders left. */
export function uncrossBook(core: EngineCore, book: Book): void {
  const { levels, orders, sink } = core
  const point = findUncross(core, book)
  if (point.qtyKg === 0) {
    sink.uncross(book.instrument, NO_PRICE, 0)
    core.cancelMarketOrders(book)
    return
  }
  const price = point.ticks * book.tickSize
  sink.uncross(book.instrument, price, point.qtyKg)
  const buyMarket = book.marketQueue[0]!
  const sellMarket = book.marketQueue[1]!
  for (let leftKg = point.qtyKg; leftKg > 0; ) {
    const buyLevel = levels.head[buyMarket] !== NIL ? buyMarket : book.best[0]!
    const sellLevel = levels.head[sellMarket] !== NIL ? sellMarket : book.best[1]!
    const buy = levels.head[buyLevel]!
    const sell = levels.head[sellLevel]!
    const qtyKg = Math.min(orders.qty(buy), orders.qty(sell))
    sink.trade(orders.field(buy, O_HANDLE), orders.field(sell, O_HANDLE), price, qtyKg, Aggressor.Auction)
    fill(core, buy, qtyKg)
    fill(core, sell, qtyKg)
    leftKg -= qtyKg
  }
  book.lastTradeTicks = point.ticks
  core.cancelMarketOrders(book)
}

/** Takes `qtyKg` off a resting order, removing it when nothing is left. */
function fill(core: EngineCore, slot: number, qtyKg: number): void {
  const orders = core.orders
  if (orders.qty(slot) === qtyKg) {
    core.remove(slot)
    return
  }
  orders.qtyKg[(slot << 2) + O_QTY]! -= qtyKg
  core.levels.qtyKg[orders.field(slot, O_LEVEL)]! -= qtyKg
}
