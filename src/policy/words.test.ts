import { describe, expect, it } from 'vitest'
import { DEFAULT_PROGRAMMES } from './defaults.ts'
import { checkRule, evaluateProgramme } from './eligibility.ts'
import type { EnterpriseFacts, Rule } from './rules.ts'
import { explainCheck, explainProgramme } from './words.ts'

const FACTS: EnterpriseFacts = {
  revenueCny: 80_000_000,
  rdExpenseCny: 2_560_000,
  highTechRevenueShare: 0.5,
  techStaffShare: 0.12,
  yearsInNiche: 3,
  mainBusinessShare: 0.8,
  worstEnergyLevel: 3,
  cleanEnergyShare: 0.35,
}
const HIGH_TECH_RD = DEFAULT_PROGRAMMES[0]!.rules[0]!

describe('eligibility in words', () => {
  it('says which band a tiered threshold came from, in both languages', () => {
    // 2.56 M / 80 M = 3.2 %, the 50–200 M band asks 4 %
    expect(explainCheck(checkRule(HIGH_TECH_RD, FACTS))).toEqual({
      en: 'R&D intensity 3.2 % is below the 4 % required for revenue over 50 M up to 200 M CNY.',
      zh: '研发投入强度 3.2%，未满足营业收入 5000 万元以上至 2 亿元（含）时“不低于 4%”的要求。',
    })
    expect(explainCheck(checkRule(HIGH_TECH_RD, { ...FACTS, revenueCny: 40_000_000 })).en).toBe(
      'R&D intensity 6.4 % meets the 5 % required for revenue up to 50 M CNY.',
    )
    expect(explainCheck(checkRule(HIGH_TECH_RD, { ...FACTS, revenueCny: 400_000_000 })).zh).toBe(
      '研发投入强度 0.6%，未满足营业收入 2 亿元以上时“不低于 3%”的要求。',
    )
  })

  it('never shows a missed bound as if it were met', () => {
    // 2,499,999 / 50 M = 4.999998 %: one decimal would read "5.0 %"
    const words = explainCheck(
      checkRule(HIGH_TECH_RD, { ...FACTS, revenueCny: 50_000_000, rdExpenseCny: 2_499_999 }),
    )
    expect(words.en).toBe('R&D intensity 4.999998 % is below the 5 % required for revenue up to 50 M CNY.')
    const rd: Rule = { rule: 'rd_expense', comparison: '>=', threshold: 1_000_000 }
    expect(explainCheck(checkRule(rd, { ...FACTS, rdExpenseCny: 999_999 }))).toEqual({
      en: 'R&D expense 999,999 CNY is below the 1 M CNY required.',
      zh: '研发费用 99.9999 万元，未满足“不低于 100 万元”的要求。',
    })
  })

  it('puts levels, years, money and missing energy records in words', () => {
    const [level, clean] = DEFAULT_PROGRAMMES[3]!.rules as [Rule, Rule]
    expect(explainCheck(checkRule(level, FACTS))).toEqual({
      en: 'Worst energy level of the lines level 3 does not meet the level 2 or better required.',
      zh: '生产线最差能效等级 3 级，未满足“2 级或更优”的要求。',
    })
    expect(explainCheck(checkRule(level, { ...FACTS, worstEnergyLevel: null })).en).toBe(
      'Worst energy level of the lines: no figure on record (no month in the energy ledger), so the level 2 or better required is not met.',
    )
    expect(explainCheck(checkRule(clean, FACTS)).en).toBe(
      'Clean-energy share 35.0 % meets the 30 % required.',
    )
    const years: Rule = { rule: 'years_in_niche', comparison: '>=', threshold: 2 }
    expect(explainCheck(checkRule(years, { ...FACTS, yearsInNiche: 1.5 })).zh).toBe(
      '从事细分市场年限 1.5 年，未满足“不低于 2 年”的要求。',
    )
    const revenue: Rule = { rule: 'revenue', comparison: '>=', threshold: 50_000_000 }
    expect(explainCheck(checkRule(revenue, { ...FACTS, revenueCny: 17_041_640_000 }))).toEqual({
      en: 'Revenue 17,041.6 M CNY meets the 50 M CNY required.',
      zh: '营业收入 170.4 亿元，满足“不低于 5000 万元”的要求。',
    })
    const most: Rule = { rule: 'tech_staff_share', comparison: '<=', threshold: 0.1 }
    expect(explainCheck(checkRule(most, FACTS)).en).toBe(
      'Technical staff share 12.0 % is above the 10 % allowed.',
    )
  })

  it('sums a programme up and explains every rule in order', () => {
    const words = explainProgramme(evaluateProgramme(DEFAULT_PROGRAMMES[0]!, FACTS))
    expect(words.summary).toEqual({
      en: 'Not eligible: 2 of 3 rules are not met.',
      zh: '不符合条件：3 项规则中有 2 项未满足。',
    })
    expect(words.rules.map((r) => [r.rule, r.passed])).toEqual([
      ['rd_intensity', false],
      ['high_tech_revenue_share', false],
      ['tech_staff_share', true],
    ])
    const ok = explainProgramme(evaluateProgramme(DEFAULT_PROGRAMMES[1]!, FACTS))
    expect(ok.summary.en).toBe('Eligible: all 4 rules are met.')
  })
})
