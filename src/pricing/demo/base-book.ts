/**
 * The simulated base by day, for the base a fee deal's invoice used: the day's level, or a month's
 * average. Looked up by Shanghai day number, since every fee deal asks.
 * @module
 */

const DAY_MS = 86_400_000
const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** Days since 1970-01-01 of the Shanghai date of an instant. */
const dayNumberOf = (ms: number): number => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS)
/** Months since year 0 of a day number: one key per calendar month. */
const monthNumberOf = (day: number): number => {
  const d = new Date(day * DAY_MS)
  return d.getUTCFullYear() * 12 + d.getUTCMonth()
}

export class BaseBook {
  readonly #firstDay: number
  /** Per calendar day from the first to the last: the day's level (a weekend takes Friday's). */
  readonly #day: Int32Array
  /** Per calendar day: the average of its month and of the month before. */
  readonly #month: Int32Array
  readonly #previousMonth: Int32Array

  /** `dates` are business days (`YYYY-MM-DD`), oldest first, `levels` the base on each. */
  constructor(dates: readonly string[], levels: readonly number[]) {
    if (dates.length === 0 || dates.length !== levels.length) throw new RangeError('a base book needs levels')
    const days = dates.map((date) => Date.parse(`${date}T00:00:00Z`) / DAY_MS)
    this.#firstDay = days[0]!
    const length = days[days.length - 1]! - this.#firstDay + 1
    this.#day = new Int32Array(length)
    const sums = new Map<number, [number, number]>()
    days.forEach((day, i) => {
      this.#day[day - this.#firstDay] = levels[i]!
      const month = monthNumberOf(day)
      const sum = sums.get(month) ?? [0, 0]
      sums.set(month, [sum[0] + levels[i]!, sum[1] + 1])
    })
    // a month outside the book takes its nearest end's level
    const averageOf = (month: number, day: number): number => {
      const sum = sums.get(month)
      if (sum) return Math.round(sum[0] / sum[1])
      return day - this.#firstDay < length / 2 ? levels[0]! : levels[levels.length - 1]!
    }
    this.#month = new Int32Array(length)
    this.#previousMonth = new Int32Array(length)
    for (let i = 0; i < length; i++) {
      if (i > 0 && this.#day[i] === 0) this.#day[i] = this.#day[i - 1]!
      const month = monthNumberOf(this.#firstDay + i)
      this.#month[i] = averageOf(month, this.#firstDay + i)
      this.#previousMonth[i] = averageOf(month - 1, this.#firstDay + i)
    }
  }

  #index(ms: number): number {
    return Math.min(this.#day.length - 1, Math.max(0, dayNumberOf(ms) - this.#firstDay))
  }

  /** The base of the Shanghai day of instant `ms` (a weekend takes Friday's; outside the book, its end's). */
  dayLevel(ms: number): number {
    return this.#day[this.#index(ms)]!
  }

  /** The average of the month of `ms` (`monthsBack` 0) or of the month before it (1). */
  monthAverage(ms: number, monthsBack: 0 | 1 = 0): number {
    return (monthsBack === 0 ? this.#month : this.#previousMonth)[this.#index(ms)]!
  }
}
