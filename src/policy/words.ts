/**
 * Eligibility in words, Chinese and English, for the applicant's screens: one sentence per rule
 * ("R&D intensity 3.2 % is below the 4 % required for revenue over 50 M up to 200 M CNY.") and one
 * for the programme. Pure: the numbers come from the check, nothing is looked up.
 *
 * A figure is shown to one decimal (percent, years, millions), with more decimals only when it
 * would otherwise read the same as the threshold it misses: 4.99 % is never shown as "5.0 %" beside
 * a 5 % bound.
 * @module
 */
import type { AppliedTier, ProgrammeCheck, RuleCheck } from './eligibility.ts'
import { type Comparison, FACT_KIND, type RuleId } from './rules.ts'

export interface Words {
  readonly en: string
  readonly zh: string
}

export interface ProgrammeWords {
  readonly summary: Words
  /** One per rule, in the programme's order. */
  readonly rules: readonly (Words & { readonly rule: RuleId; readonly passed: boolean })[]
}

export const RULE_NAMES: Readonly<Record<RuleId, Words>> = {
  rd_intensity: { en: 'R&D intensity', zh: '研发投入强度' },
  rd_expense: { en: 'R&D expense', zh: '研发费用' },
  revenue: { en: 'Revenue', zh: '营业收入' },
  high_tech_revenue_share: { en: 'High-tech revenue share', zh: '高新技术产品（服务）收入占比' },
  tech_staff_share: { en: 'Technical staff share', zh: '科技人员占比' },
  years_in_niche: { en: 'Years in the niche market', zh: '从事细分市场年限' },
  main_business_share: { en: 'Main business share of revenue', zh: '主营业务收入占比' },
  energy_level: { en: 'Worst energy level of the lines', zh: '生产线最差能效等级' },
  clean_energy_share: { en: 'Clean-energy share', zh: '清洁能源占比' },
}

/** `value` with `decimals` places, trailing zeros dropped ("4.00" → "4", "3.20" → "3.2"). */
const trimmed = (value: number, decimals: number) => {
  const text = value.toFixed(decimals)
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}

/**
 * The actual figure in `scale` units, one decimal, more (up to 6) while it would read the same as
 * the required figure it differs from.
 */
function distinct(actual: number, required: number, scale: number): string {
  for (let d = 1; d <= 6; d++) {
    const a = (actual / scale).toFixed(d)
    if (actual === required || Number(a) !== Number((required / scale).toFixed(d))) return a
  }
  return (actual / scale).toFixed(6)
}

/** Thousands separators in the whole part of a decimal text: "17041.6" → "17,041.6". */
const grouped = (text: string) => text.replace(/^\d+/, (whole) => Number(whole).toLocaleString('en-US'))

const M = 1_000_000
const WAN = 10_000
const YI = 100_000_000

/** A threshold in CNY, English: "50 M CNY", "850,000 CNY". */
function enCny(cny: number, unit = true): string {
  const text = cny >= M ? `${grouped(trimmed(cny / M, 2))} M` : Math.round(cny).toLocaleString('en-US')
  return unit ? `${text} CNY` : text
}

/** A threshold in CNY, Chinese: "2 亿元", "5000 万元", "800 元". */
function zhCny(cny: number): string {
  if (cny >= YI) return `${trimmed(cny / YI, 4)} 亿元`
  if (cny >= WAN) return `${trimmed(cny / WAN, 2)} 万元`
  return `${trimmed(cny, 2)} 元`
}

/** The enterprise's figure of a rule, shown against the required one. */
function actualText(rule: RuleId, actual: number, required: number): Words {
  switch (FACT_KIND[rule]) {
    case 'fraction': {
      const pct = distinct(actual, required, 0.01)
      return { en: `${pct} %`, zh: `${pct}%` }
    }
    case 'years': {
      const years = distinct(actual, required, 1)
      return { en: `${years} years`, zh: `${years} 年` }
    }
    case 'level':
      return { en: `level ${actual}`, zh: `${actual} 级` }
    case 'cny':
      return {
        en: actual >= M ? `${grouped(distinct(actual, required, M))} M CNY` : enCny(actual),
        zh:
          actual >= YI
            ? `${distinct(actual, required, YI)} 亿元`
            : actual >= WAN
              ? `${distinct(actual, required, WAN)} 万元`
              : zhCny(actual),
      }
  }
}

/** The required figure; for a level, with its direction ("level 2 or better"). */
function requiredText(rule: RuleId, comparison: Comparison, required: number): Words {
  switch (FACT_KIND[rule]) {
    case 'fraction':
      return { en: `${trimmed(required * 100, 4)} %`, zh: `${trimmed(required * 100, 4)}%` }
    case 'years':
      return { en: `${trimmed(required, 2)} years`, zh: `${trimmed(required, 2)} 年` }
    case 'level':
      return comparison === '<='
        ? { en: `level ${required} or better`, zh: `${required} 级或更优` }
        : { en: `level ${required} or worse`, zh: `${required} 级或更差` }
    case 'cny':
      return { en: enCny(required), zh: zhCny(required) }
  }
}

/** The revenue band of a tiered threshold: " for revenue over 50 M up to 200 M CNY" / "营业收入…时". */
function tierText(tier: AppliedTier | null): Words {
  if (!tier) return { en: '', zh: '' }
  const { revenueOverCny: over, revenueUpToCny: upTo } = tier
  if (over === null && upTo === null) return { en: '', zh: '' }
  if (over === null)
    return { en: ` for revenue up to ${enCny(upTo!)}`, zh: `营业收入 ${zhCny(upTo!)}及以下时` }
  if (upTo === null) return { en: ` for revenue over ${enCny(over)}`, zh: `营业收入 ${zhCny(over)}以上时` }
  return {
    en: ` for revenue over ${enCny(over, false)} up to ${enCny(upTo)}`,
    zh: `营业收入 ${zhCny(over)}以上至 ${zhCny(upTo)}（含）时`,
  }
}

/** One rule's check in a sentence, in both languages. */
export function explainCheck(check: RuleCheck): Words {
  const name = RULE_NAMES[check.rule]
  const required = requiredText(check.rule, check.comparison, check.required)
  const tier = tierText(check.tier)
  const level = FACT_KIND[check.rule] === 'level'
  const zhBound = level ? required.zh : `${check.comparison === '>=' ? '不低于' : '不高于'} ${required.zh}`
  if (check.actual === null)
    return {
      en: `${name.en}: no figure on record (no month in the energy ledger), so the ${required.en} required${tier.en} is not met.`,
      zh: `${name.zh}：无数据（能耗台账中没有该企业的月度记录），未满足${tier.zh}“${zhBound}”的要求。`,
    }
  const actual = actualText(check.rule, check.actual, check.required)
  if (check.passed)
    return {
      en: `${name.en} ${actual.en} meets the ${required.en} required${tier.en}.`,
      zh: `${name.zh} ${actual.zh}，满足${tier.zh}“${zhBound}”的要求。`,
    }
  const en = level
    ? `${name.en} ${actual.en} does not meet the ${required.en} required${tier.en}.`
    : check.comparison === '>='
      ? `${name.en} ${actual.en} is below the ${required.en} required${tier.en}.`
      : `${name.en} ${actual.en} is above the ${required.en} allowed${tier.en}.`
  return { en, zh: `${name.zh} ${actual.zh}，未满足${tier.zh}“${zhBound}”的要求。` }
}

/** A programme's check in words: the verdict, then every rule. */
export function explainProgramme(check: ProgrammeCheck): ProgrammeWords {
  const n = check.checks.length
  const failed = check.checks.filter((c) => !c.passed).length
  const summary: Words = check.eligible
    ? { en: `Eligible: all ${n} rules are met.`, zh: `符合条件：${n} 项规则全部满足。` }
    : {
        en: `Not eligible: ${failed} of ${n} rules ${failed === 1 ? 'is' : 'are'} not met.`,
        zh: `不符合条件：${n} 项规则中有 ${failed} 项未满足。`,
      }
  return {
    summary,
    rules: check.checks.map((c) => ({ rule: c.rule, passed: c.passed, ...explainCheck(c) })),
  }
}
