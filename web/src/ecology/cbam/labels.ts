/**
 * How the CBAM pages write numbers: tCO2e per tonne to three decimals, tonnes grouped, euros to
 * the cent. The method's numbers are unrounded; only the page rounds them.
 * @module
 */
import type { Lang } from '../../format.ts'

const NONE = '—'

const format = (n: number, lang: Lang, digits: number) =>
  Number.isFinite(n)
    ? new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(n)
    : NONE

/** tCO2e/t, three decimals: 4.532 */
export const formatSee = (n: number, lang: Lang) => format(n, lang, 3)
/** Tonnes or tCO2e, at most two decimals: 12,000 or 2,486.3 */
export const formatQty = (n: number, lang: Lang) =>
  Number.isFinite(n)
    ? new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 2 }).format(n)
    : NONE
/** Euros to the cent: €232.86 */
export const formatEur = (n: number, lang: Lang) => (Number.isFinite(n) ? `€${format(n, lang, 2)}` : NONE)
/** Whole euros: €233 */
export const formatEurRounded = (n: number, lang: Lang) =>
  Number.isFinite(n) ? `€${format(n, lang, 0)}` : NONE
/** A share as a percentage: 84 % */
export const formatShare = (share: number | null, lang: Lang) =>
  share === null || !Number.isFinite(share) ? NONE : `${format(share * 100, lang, 0)}%`

/** A number typed in a form, or null when it is not one (the API then names the field). */
export function numberOf(text: string): number | null {
  const trimmed = text.trim().replace(/,/g, '')
  if (trimmed === '') return null
  const n = Number(trimmed)
  return Number.isFinite(n) ? n : null
}

/** A date-time as Beijing sees it, to the minute. */
export const formatBeijingTime = (iso: string) =>
  new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16)
