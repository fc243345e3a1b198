/**
 * Small pure helpers of the pricing screens: names in the UI language, value formatting and the
 * date arithmetic of the chart ranges. Nothing here touches the DOM.
 * @module
 */
import { formatInteger, groupDigits, type Lang, NONE } from '../format.ts'
import type { SessionUser } from '../trading/types.ts'
import type { Bilingual, Family, IndexUnit } from './types.ts'

/** A bilingual name in the UI language. */
export const nameIn = (name: Bilingual | undefined, lang: Lang): string => (name ? name[lang] : NONE)

/** An integer CNY/t value with separators; the dash for none. */
export const formatCny = (value: number | null | undefined): string =>
  value === null || value === undefined ? NONE : formatInteger(value)

/** An index value: one decimal for points, an integer for CNY/t. */
export function formatIndexValue(value: number | null | undefined, unit: IndexUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE
  if (unit !== 'points') return formatInteger(value)
  const fixed = Math.abs(value).toFixed(1)
  const [int, frac] = fixed.split('.') as [string, string]
  return `${value < 0 && fixed !== '0.0' ? '-' : ''}${groupDigits(int)}.${frac}`
}

/** A signed index change: "+12.3" / "-40". */
export function formatIndexChange(change: number | null | undefined, unit: IndexUnit): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return NONE
  const text = formatIndexValue(change, unit)
  return change > 0 && text !== '0.0' && text !== '0' ? `+${text}` : text
}

/** The minimum lot of each family (issue 5), for the words that explain a `below_min_lot` exclusion. */
export const MIN_LOT_KG: Readonly<Record<Family, number>> = {
  ingot: 20_000,
  sheet: 20_000,
  foil: 5_000,
  battery_foil: 5_000,
  can_stock: 100_000,
}

/** Analysts and admins may open the console. */
export const isAnalyst = (user: SessionUser | null | undefined): boolean =>
  !!user && user.roles.some((r) => r === 'analyst' || r === 'admin')

/** Whether an assessment's `proposedBy` or `approvedBy` (a user id; a username is accepted too) is this user. */
export const isSelf = (user: SessionUser | null | undefined, userId: string): boolean =>
  !!user && (user.id === userId || user.username === userId)

export type RangeKey = '3m' | '1y' | 'all'
export const RANGES: readonly RangeKey[] = ['3m', '1y', 'all']

/**
 * The first date of a range ending on `anchor` (YYYY-MM-DD): three months or one year back, on the
 * same day of the month (clamped to the month's last day). `all` and a missing anchor give null.
 */
export function rangeFrom(range: RangeKey, anchor: string | null | undefined): string | null {
  if (range === 'all' || !anchor) return null
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(anchor)
  if (!m) return null
  const months = range === '3m' ? 3 : 12
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) - months
  const year = Math.floor(total / 12)
  const month = total % 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const day = Math.min(Number(m[3]), lastDay)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${year}-${p(month + 1)}-${p(day)}`
}

/** Today's date in Asia/Shanghai (UTC+8, no daylight saving), shifted by whole days. */
export function shanghaiDate(offsetDays = 0, now = Date.now()): string {
  return new Date(now + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10)
}

/** Parses an integer typed by a person ("18,250", "-40"); null when it is not one. */
export function parseWhole(text: string): number | null {
  const clean = text.replace(/[,\s，]/g, '')
  if (!/^-?\d{1,9}$/.test(clean)) return null
  return Number(clean)
}

/** An instant as its Beijing date and time: "2025-06-12 17:00". */
export function formatWhen(iso: string | null | undefined): string {
  const ms = iso ? Date.parse(iso) : Number.NaN
  if (!Number.isFinite(ms)) return NONE
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}

/** The Beijing calendar date of an instant (for a date filter); undefined for none. */
export function dayOf(iso: string | null | undefined): string | undefined {
  const ms = iso ? Date.parse(iso) : Number.NaN
  return Number.isFinite(ms) ? new Date(ms + 8 * 3600_000).toISOString().slice(0, 10) : undefined
}
