/** Bar intervals: one minute, and one Shanghai trading day (from Shanghai midnight). */
export const BAR_INTERVALS = ['1m', '1d'] as const
export type BarInterval = (typeof BAR_INTERVALS)[number]

/** An OHLC bar in the book's price terms; `t` is the start of its interval, ms since the epoch. */
export interface Bar {
  readonly t: number
  readonly open: number
  readonly high: number
  readonly low: number
  readonly close: number
  readonly volumeKg: number
}

/** Bars kept per instrument and interval (the most the API returns). */
export const MAX_BARS = 1000

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000
// China has kept UTC+8 all year since 1991: a fixed offset is exact.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** The start of the bar holding the instant `atMs`: its minute, or its Shanghai day's midnight. */
export function barStart(interval: BarInterval, atMs: number): number {
  if (interval === '1m') return Math.floor(atMs / MINUTE_MS) * MINUTE_MS
  return Math.floor((atMs + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS
}

/** The bars of one instrument and interval, oldest first, the last `MAX_BARS` of them. */
export class BarSeries {
  readonly interval: BarInterval
  #bars: Bar[]

  constructor(interval: BarInterval, bars: readonly Bar[] = []) {
    this.interval = interval
    this.#bars = bars.slice(-MAX_BARS)
  }

  /**
   * Folds a trade into its bar. A trade stamped before the last bar's start (a clock stepping
   * back) goes into the last bar, so the series stays ordered.
   */
  add(atMs: number, price: number, qtyKg: number): void {
    const t = barStart(this.interval, atMs)
    const last = this.#bars[this.#bars.length - 1]
    if (last === undefined || t > last.t) {
      this.#bars.push({ t, open: price, high: price, low: price, close: price, volumeKg: qtyKg })
      if (this.#bars.length > 2 * MAX_BARS) this.#bars = this.#bars.slice(-MAX_BARS)
      return
    }
    this.#bars[this.#bars.length - 1] = {
      t: last.t,
      open: last.open,
      high: Math.max(last.high, price),
      low: Math.min(last.low, price),
      close: price,
      volumeKg: last.volumeKg + qtyKg,
    }
  }

  /** The last `limit` bars, oldest first. */
  last(limit = MAX_BARS): Bar[] {
    if (limit <= 0) return []
    return this.#bars.slice(-Math.min(limit, MAX_BARS))
  }

  get latest(): Bar | undefined {
    return this.#bars[this.#bars.length - 1]
  }
}
