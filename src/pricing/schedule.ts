/**
 * When each period of a series is assessed: the window its deals must fall in and the moment it is
 * published. Pure arithmetic on instants (epoch ms) and Asia/Shanghai calendar dates (`YYYY-MM-DD`);
 * no clock. China keeps no daylight saving time, so Shanghai is always UTC+8.
 *
 * - Weekly (fees): the period of Thursday D runs from Friday D−6 15:00 to Thursday D 15:00 and is
 *   published on D at 17:00, as issue 5 fixes it. The day from Thursday 15:00 to Friday 15:00 lies in
 *   no weekly window: a deal done then counts for no fee period (the method marks it outside_window).
 * - Daily (base): publication days are Monday to Friday (public holidays are not modelled). The
 *   period of D runs from the previous publication day 15:00 to D 15:00 and is published at 17:00,
 *   so Monday's window takes in the weekend.
 *
 * A window's start is included and its end excluded, as the method reads them.
 * @module
 */
import type { Series } from './model.ts'

export type Frequency = Series['frequency']

/** One period: its publication date, its window and when it is published. */
export interface PricingWindow {
  readonly date: string
  readonly startMs: number
  readonly endMs: number
  readonly publishAtMs: number
}

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS
/** Windows close at 15:00 and publications follow at 17:00, Shanghai time. */
export const WINDOW_CLOSE_HOUR = 15
export const PUBLISH_HOUR = 17
const THURSDAY = 4
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real calendar date written `YYYY-MM-DD` (2025-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text)
  if (!m) return false
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return new Date(ms).toISOString().slice(0, 10) === text
}

/** Midnight UTC of a calendar date: the day number times DAY_MS, good for day arithmetic. */
function dayStartUtc(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`)
  return Date.parse(`${date}T00:00:00Z`)
}

const dateOfDayStart = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** The date `days` calendar days after `date` (before it when negative). */
export const addDays = (date: string, days: number): string =>
  dateOfDayStart(dayStartUtc(date) + days * DAY_MS)

/** 0 = Sunday … 6 = Saturday. */
const weekdayOf = (date: string): number => new Date(dayStartUtc(date)).getUTCDay()

/** The Shanghai calendar date of an instant. */
export const shanghaiDateOf = (ms: number): string => dateOfDayStart(ms + SHANGHAI_OFFSET_MS)

/** The instant of `hour`:00 Shanghai time on `date`. */
export const shanghaiInstant = (date: string, hour: number): number =>
  dayStartUtc(date) + hour * HOUR_MS - SHANGHAI_OFFSET_MS

/** Whether a series of this frequency publishes on `date`: Thursdays weekly, weekdays daily. */
export function isPublicationDate(frequency: Frequency, date: string): boolean {
  if (!isCalendarDate(date)) return false
  const weekday = weekdayOf(date)
  return frequency === 'weekly' ? weekday === THURSDAY : weekday >= 1 && weekday <= 5
}

/** The last publication date on or before `date`. */
export function publicationDateOnOrBefore(frequency: Frequency, date: string): string {
  const weekday = weekdayOf(date)
  if (frequency === 'weekly') return addDays(date, -((weekday - THURSDAY + 7) % 7))
  if (weekday === 6) return addDays(date, -1)
  if (weekday === 0) return addDays(date, -2)
  return date
}

/** The publication date before the one of `date` (which must be a publication date). */
export function previousPublicationDate(frequency: Frequency, date: string): string {
  return publicationDateOnOrBefore(frequency, addDays(date, -1))
}

/** The next publication date after `date` (any date). */
export function nextPublicationDate(frequency: Frequency, date: string): string {
  // Exactly one Thursday lies in the seven days after any date.
  if (frequency === 'weekly') return publicationDateOnOrBefore(frequency, addDays(date, 7))
  let next = addDays(date, 1)
  while (!isPublicationDate(frequency, next)) next = addDays(next, 1)
  return next
}

/**
 * The period published on `date`, or null when the series publishes nothing that day.
 *
 * @example windowOf('weekly', '2025-06-12') // start Fri 2025-06-06 07:00Z, end Thu 2025-06-12 07:00Z
 */
export function windowOf(frequency: Frequency, date: string): PricingWindow | null {
  if (!isPublicationDate(frequency, date)) return null
  const opensOn = frequency === 'weekly' ? addDays(date, -6) : previousPublicationDate(frequency, date)
  return {
    date,
    startMs: shanghaiInstant(opensOn, WINDOW_CLOSE_HOUR),
    endMs: shanghaiInstant(date, WINDOW_CLOSE_HOUR),
    publishAtMs: shanghaiInstant(date, PUBLISH_HOUR),
  }
}

/** The latest period whose window has closed at instant `ms` (its end at or before `ms`). */
export function latestClosedWindow(frequency: Frequency, ms: number): PricingWindow {
  let date = publicationDateOnOrBefore(frequency, shanghaiDateOf(ms))
  if (shanghaiInstant(date, WINDOW_CLOSE_HOUR) > ms) date = previousPublicationDate(frequency, date)
  return windowOf(frequency, date)!
}

/** The period whose window contains instant `ms`; null in the weekly gap (Thursday 15:00 to Friday 15:00). */
export function windowContaining(frequency: Frequency, ms: number): PricingWindow | null {
  const next = windowOf(frequency, nextPublicationDate(frequency, latestClosedWindow(frequency, ms).date))!
  return next.startMs <= ms ? next : null
}

/** Every publication date from `from` to `to`, both included, oldest first. */
export function publicationDates(frequency: Frequency, from: string, to: string): string[] {
  const dates: string[] = []
  let date = isPublicationDate(frequency, from) ? from : nextPublicationDate(frequency, from)
  while (date <= to) {
    dates.push(date)
    date = nextPublicationDate(frequency, date)
  }
  return dates
}
