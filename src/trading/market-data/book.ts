import type { LevelChange, SideName } from '../service/index.ts'

/** One aggregated price level of a book side: CNY/t in the book's terms, kg open, resting orders. */
export interface BookLevel {
  readonly price: number
  readonly qtyKg: number
  readonly orders: number
}

/** A level's new state after a command; `qtyKg` 0 (and `orders` 0) means the level is gone. */
export interface LevelUpdate {
  readonly side: SideName
  readonly price: number
  readonly qtyKg: number
  readonly orders: number
}

/** One side of an aggregated book: levels by price, plus the prices kept sorted ascending. */
class BookSide {
  readonly levels = new Map<number, { qtyKg: number; orders: number }>()
  /** Ascending; the best bid is the last, the best ask the first. */
  readonly prices: number[] = []

  set(price: number, qtyKg: number, orders: number): void {
    const level = this.levels.get(price)
    if (qtyKg <= 0 || orders <= 0) {
      if (level === undefined) return
      this.levels.delete(price)
      this.prices.splice(indexOf(this.prices, price), 1)
      return
    }
    if (level !== undefined) {
      level.qtyKg = qtyKg
      level.orders = orders
      return
    }
    this.levels.set(price, { qtyKg, orders })
    this.prices.splice(indexOf(this.prices, price), 0, price)
  }
}

/** The index of `price` in ascending `prices`, or where it would be inserted. */
function indexOf(prices: readonly number[], price: number): number {
  let low = 0
  let high = prices.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (prices[mid]! < price) low = mid + 1
    else high = mid
  }
  return low
}

/**
 * The aggregated order book of one instrument as market data shows it: price levels per side, fed
 * by the signed level changes of each applied command, with a sequence number that counts the
 * commands that changed it.
 */
export class AggregatedBook {
  readonly #sides = [new BookSide(), new BookSide()] as const
  #seq = 0

  get seq(): number {
    return this.#seq
  }

  /** Replaces the levels (a snapshot of the engine); the sequence number stays. */
  reset(bids: readonly BookLevel[], asks: readonly BookLevel[]): void {
    for (const [side, levels] of [
      [this.#sides[0], bids],
      [this.#sides[1], asks],
    ] as const) {
      side.levels.clear()
      side.prices.length = 0
      for (const level of levels) side.set(level.price, level.qtyKg, level.orders)
    }
  }

  /**
   * Applies one command's level changes of this instrument. The changes are netted per level
   * first (an amend takes an order out of its level and puts it back), so only the levels whose
   * state differs are returned; the sequence number moves only when one does.
   */
  apply(changes: readonly LevelChange[]): LevelUpdate[] {
    const net = new Map<string, { side: SideName; price: number; qtyKg: number; orders: number }>()
    for (const change of changes) {
      const key = `${change.side}${change.priceCnyPerT}`
      const entry = net.get(key)
      if (entry === undefined)
        net.set(key, {
          side: change.side,
          price: change.priceCnyPerT,
          qtyKg: change.deltaKg,
          orders: change.deltaOrders,
        })
      else {
        entry.qtyKg += change.deltaKg
        entry.orders += change.deltaOrders
      }
    }
    const updates: LevelUpdate[] = []
    for (const { side, price, qtyKg, orders } of net.values()) {
      if (qtyKg === 0 && orders === 0) continue
      const bookSide = this.#sides[side === 'buy' ? 0 : 1]
      const level = bookSide.levels.get(price)
      const newQty = (level?.qtyKg ?? 0) + qtyKg
      const newOrders = (level?.orders ?? 0) + orders
      bookSide.set(price, newQty, newOrders)
      const gone = newQty <= 0 || newOrders <= 0
      if (gone && level === undefined) continue
      updates.push({ side, price, qtyKg: gone ? 0 : newQty, orders: gone ? 0 : newOrders })
    }
    if (updates.length > 0) this.#seq++
    return updates
  }

  /** The best `maxLevels` levels of each side, best first: bids highest first, asks lowest first. */
  depth(maxLevels = Number.POSITIVE_INFINITY): { bids: BookLevel[]; asks: BookLevel[] } {
    const [bidSide, askSide] = this.#sides
    const bids: BookLevel[] = []
    for (let i = bidSide.prices.length - 1; i >= 0 && bids.length < maxLevels; i--) {
      const price = bidSide.prices[i]!
      const level = bidSide.levels.get(price)!
      bids.push({ price, qtyKg: level.qtyKg, orders: level.orders })
    }
    const asks: BookLevel[] = []
    for (let i = 0; i < askSide.prices.length && asks.length < maxLevels; i++) {
      const price = askSide.prices[i]!
      const level = askSide.levels.get(price)!
      asks.push({ price, qtyKg: level.qtyKg, orders: level.orders })
    }
    return { bids, asks }
  }

  get bestBid(): number | null {
    const prices = this.#sides[0].prices
    return prices.length === 0 ? null : prices[prices.length - 1]!
  }

  get bestAsk(): number | null {
    return this.#sides[1].prices[0] ?? null
  }
}
