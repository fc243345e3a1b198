/**
 * Small pure helpers of the policy screens: money in fen, thresholds by the kind of fact, status
 * badges, and reading what a user types (CNY with two decimals, percentages).
 * @module
 */
import { fenToYuan, formatMoney, type Lang, NONE } from '../format.ts'
import type { ApplicationStatus, Rule, RuleId } from './types.ts'

/** Fen (a decimal string) as money with a unit: "30000000" → "30.00万元" / "CNY 300,000". */
export const fenMoney = (fen: string | null, lang: Lang): string => {
  const yuan = fen === null ? null : fenToYuan(fen)
  return yuan === null ? NONE : formatMoney(yuan, lang)
}

/** Parses CNY as typed ("300000", "1,234.5") into a decimal string of fen; null when it is not one. */
export function yuanToFen(text: string): string | null {
  const m = /^\s*(\d{1,16})(?:\.(\d{1,2}))?\s*$/.exec(text.replaceAll(',', ''))
  if (!m) return null
  return (BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'))).toString()
}

/** Fen as CNY for an input field: "30000000" → "300000", "12345" → "123.45". */
export function fenToInput(fen: string): string {
  const yuan = fenToYuan(fen)
  return yuan === null ? '' : yuan.replace(/\.00$/, '')
}

const FRACTION_RULES: readonly RuleId[] = [
  'rd_intensity',
  'high_tech_revenue_share',
  'tech_staff_share',
  'main_business_share',
  'clean_energy_share',
]

/** Whether a rule's fact is a share (shown and typed as a percentage). */
export const isFraction = (rule: RuleId) => FRACTION_RULES.includes(rule)

const trim = (x: number, places: number) => String(Number(x.toFixed(places)))

/** A round amount of CNY without the zero decimals: "5,000万元", "2亿元", "CNY 50 m". */
export const cnyRound = (cny: number, lang: Lang): string =>
  formatMoney(String(cny), lang).replace(/\.0+(?=万元|亿元| m| bn)/, '')

/** A threshold as people read it: "5 %", "CNY 1 m" / "100万元", "2 years", "level 2". */
export function thresholdText(rule: RuleId, value: number, lang: Lang): string {
  if (isFraction(rule)) return lang === 'zh' ? `${trim(value * 100, 4)}%` : `${trim(value * 100, 4)} %`
  if (rule === 'revenue' || rule === 'rd_expense') return cnyRound(value, lang)
  if (rule === 'years_in_niche') return lang === 'zh' ? `${trim(value, 2)} 年` : `${trim(value, 2)} years`
  return lang === 'zh' ? `${value} 级` : `level ${value}`
}

/** A rule in one line: "≥ 5 % (revenue ≤ CNY 50.0 m), 4 % (≤ CNY 200.0 m), 3 % above". */
export function ruleBound(rule: Rule, lang: Lang): string {
  const sign = rule.comparison === '>=' ? '≥' : '≤'
  if (rule.threshold !== undefined) return `${sign} ${thresholdText(rule.rule, rule.threshold, lang)}`
  const tiers = (rule.tiers ?? []).map((t) =>
    t.revenueUpToCny === null
      ? `${thresholdText(rule.rule, t.threshold, lang)}${lang === 'zh' ? '（以上）' : ' above'}`
      : `${thresholdText(rule.rule, t.threshold, lang)} (${lang === 'zh' ? '营业收入' : 'revenue'} ≤ ${cnyRound(t.revenueUpToCny, lang)})`,
  )
  return `${sign} ${tiers.join(lang === 'zh' ? '；' : '; ')}`
}

/** The badge class of an application's status. */
export const APP_BADGE: Readonly<Record<ApplicationStatus, string>> = {
  draft: 'badge badge-grey',
  submitted: 'badge badge-blue',
  under_review: 'badge badge-amber',
  approved: 'badge badge-green',
  rejected: 'badge badge-grey',
  disbursed: 'badge badge-green',
}

/** A share 0..1 as a percentage for display: 0.1234 → "12.3 %" (zh "12.3%"). */
export function percent(share: number | null, lang: Lang): string {
  if (share === null || !Number.isFinite(share)) return NONE
  const text = (share * 100).toFixed(1)
  return lang === 'zh' ? `${text}%` : `${text} %`
}

/** A percentage as typed ("12.5") as a share 0..1; null unless it is a number from 0 to 100. */
export function shareOfPercent(text: string): number | null {
  const m = /^\s*(\d{1,3}(?:\.\d{1,4})?)\s*$/.exec(text)
  if (!m) return null
  const v = Number(m[1])
  return v <= 100 ? Math.round(v * 1e4) / 1e6 : null
}

/** A File's bytes in base64, for the upload body. */
export async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
