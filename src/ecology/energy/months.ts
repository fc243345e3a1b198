/**
 * Calendar months as `YYYY-MM` text, in Asia/Shanghai. Pure: the clock is passed in.
 * @module
 */

export const MONTH_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])$/

export function isMonth(value: string): boolean {
  return MONTH_PATTERN.test(value)
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

/** The Asia/Shanghai month of an instant (China keeps UTC+8 all year). */
export function shanghaiMonth(nowMs: number): string {
  return new Date(nowMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7)
}

/** `month` moved by `n` months (negative goes back). */
export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n
  const year = Math.floor(index / 12)
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** The last month that has ended at `nowMs` in Shanghai. */
export function latestCompleteMonth(nowMs: number): string {
  return addMonths(shanghaiMonth(nowMs), -1)
}

/** The 12 months ending with `to`, inclusive. */
export function twelveMonthsTo(to: string): { from: string; to: string } {
  return { from: addMonths(to, -11), to }
}

/** Every month from `from` to `to`, inclusive, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m)
  return out
}
