import { describe, expect, it } from 'vitest'
import { DEFAULT_PROGRAMMES } from './defaults.ts'
import { eligibilityRecord, evaluateProgramme, thresholdOf } from './eligibility.ts'
import type { EnterpriseFacts, Rule } from './rules.ts'

/** Passes every rule of the four defaults: revenue 300 M (3 % tiers), R&D 15 M (5 %). */
const BASE: EnterpriseFacts = {
  revenueCny: 300_000_000,
  rdExpenseCny: 15_000_000,
  highTechRevenueShare: 0.7,
  techStaffShare: 0.2,
  yearsInNiche: 5,
  mainBusinessShare: 0.9,
  worstEnergyLevel: 1,
  cleanEnergyShare: 0.5,
}

const failed = (id: string, change: Partial<EnterpriseFacts>) => {
  const programme = eligibilityRecord(DEFAULT_PROGRAMMES, { ...BASE, ...change }).programmes.find(
    (p) => p.id === id,
  )!
  expect(programme.eligible).toBe(programme.failed.length === 0)
  return programme.failed
}

describe('the default programmes', () => {
  it('come in the order of the record, and the base facts pass them all', () => {
    const record = eligibilityRecord(DEFAULT_PROGRAMMES, BASE)
    expect(record).toEqual({
      programmes: [
        { id: 'high_tech', eligible: true, failed: [] },
        { id: 'specialised_new', eligible: true, failed: [] },
        { id: 'little_giant', eligible: true, failed: [] },
        { id: 'green_upgrade', eligible: true, failed: [] },
      ],
    })
  })

  it('list every failed rule, in the programme’s order, with exactly rule, required and actual', () => {
    const zero: EnterpriseFacts = {
      revenueCny: 0,
      rdExpenseCny: 0,
      highTechRevenueShare: 0,
      techStaffShare: 0,
      yearsInNiche: 0,
      mainBusinessShare: 0,
      worstEnergyLevel: 4,
      cleanEnergyShare: 0,
    }
    // Revenue 0: R&D intensity is 0 (not NaN), judged against the first tier (revenue ≤ 50 M).
    expect(eligibilityRecord(DEFAULT_PROGRAMMES, zero)).toEqual({
      programmes: [
        {
          id: 'high_tech',
          eligible: false,
          failed: [
            { rule: 'rd_intensity', required: 0.05, actual: 0 },
            { rule: 'high_tech_revenue_share', required: 0.6, actual: 0 },
            { rule: 'tech_staff_share', required: 0.1, actual: 0 },
          ],
        },
        {
          id: 'specialised_new',
          eligible: false,
          failed: [
            { rule: 'years_in_niche', required: 2, actual: 0 },
            { rule: 'rd_expense', required: 1_000_000, actual: 0 },
            { rule: 'rd_intensity', required: 0.03, actual: 0 },
            { rule: 'revenue', required: 10_000_000, actual: 0 },
          ],
        },
        {
          id: 'little_giant',
          eligible: false,
          failed: [
            { rule: 'main_business_share', required: 0.7, actual: 0 },
            { rule: 'revenue', required: 50_000_000, actual: 0 },
            { rule: 'rd_intensity', required: 0.06, actual: 0 },
          ],
        },
        {
          id: 'green_upgrade',
          eligible: false,
          failed: [
            { rule: 'energy_level', required: 2, actual: 4 },
            { rule: 'clean_energy_share', required: 0.3, actual: 0 },
          ],
        },
      ],
    })
    for (const p of eligibilityRecord(DEFAULT_PROGRAMMES, zero).programmes)
      for (const f of p.failed) expect(Object.keys(f)).toEqual(['rule', 'required', 'actual'])
  })

  it('give R&D intensity 0 with revenue 0, even with R&D spent', () => {
    expect(failed('high_tech', { revenueCny: 0, rdExpenseCny: 2_000_000 })).toEqual([
      { rule: 'rd_intensity', required: 0.05, actual: 0 },
    ])
  })

  it('report the R&D intensity unrounded', () => {
    // 2,560,000 / 80,000,000 = 0.032 (below the 4 % of the 50–200 M band)
    expect(failed('high_tech', { revenueCny: 80_000_000, rdExpenseCny: 2_560_000 })).toEqual([
      { rule: 'rd_intensity', required: 0.04, actual: 2_560_000 / 80_000_000 },
    ])
    // 1 / 3 of revenue: reported as the double itself, not 0.333
    expect(failed('high_tech', { revenueCny: 90_000_000, rdExpenseCny: 30_000_000 })).toEqual([])
  })
})

describe('high_tech', () => {
  it('R&D intensity ≥ 5 % up to 50 M revenue: at, below and above 2.5 M of 50 M', () => {
    expect(failed('high_tech', { revenueCny: 50_000_000, rdExpenseCny: 2_500_000 })).toEqual([])
    // 2,499,999 / 50,000,000 = 0.04999998
    expect(failed('high_tech', { revenueCny: 50_000_000, rdExpenseCny: 2_499_999 })).toEqual([
      { rule: 'rd_intensity', required: 0.05, actual: 0.04999998 },
    ])
    expect(failed('high_tech', { revenueCny: 50_000_000, rdExpenseCny: 2_500_001 })).toEqual([])
  })

  it('revenue 50 M + 1 falls in the 4 % band', () => {
    // 2,100,000 / 50,000,001 ≈ 0.042: fails 5 %, passes 4 %
    expect(failed('high_tech', { revenueCny: 50_000_001, rdExpenseCny: 2_100_000 })).toEqual([])
    const f = failed('high_tech', { revenueCny: 50_000_001, rdExpenseCny: 1_900_000 })
    expect(f.map((x) => [x.rule, x.required])).toEqual([['rd_intensity', 0.04]])
  })

  it('R&D intensity ≥ 4 % in the 50–200 M band: at, below and above 4 M of 100 M', () => {
    expect(failed('high_tech', { revenueCny: 100_000_000, rdExpenseCny: 4_000_000 })).toEqual([])
    expect(failed('high_tech', { revenueCny: 100_000_000, rdExpenseCny: 3_999_999 })).toEqual([
      { rule: 'rd_intensity', required: 0.04, actual: 0.03999999 },
    ])
    expect(failed('high_tech', { revenueCny: 100_000_000, rdExpenseCny: 4_000_001 })).toEqual([])
  })

  it('revenue exactly 200 M is still in the 4 % band; 200 M + 1 in the 3 % band', () => {
    expect(failed('high_tech', { revenueCny: 200_000_000, rdExpenseCny: 8_000_000 })).toEqual([])
    // 7,999,999 / 200 M = 0.039999995: would pass 3 %, fails 4 %
    expect(failed('high_tech', { revenueCny: 200_000_000, rdExpenseCny: 7_999_999 })).toEqual([
      { rule: 'rd_intensity', required: 0.04, actual: 0.039999995 },
    ])
    // 6,100,000 / 200,000,001 ≈ 0.0305: passes the 3 % band
    expect(failed('high_tech', { revenueCny: 200_000_001, rdExpenseCny: 6_100_000 })).toEqual([])
    const f = failed('high_tech', { revenueCny: 200_000_001, rdExpenseCny: 5_000_000 })
    expect(f.map((x) => [x.rule, x.required])).toEqual([['rd_intensity', 0.03]])
  })

  it('R&D intensity ≥ 3 % above 200 M: at, below and above 9 M of 300 M', () => {
    expect(failed('high_tech', { rdExpenseCny: 9_000_000 })).toEqual([])
    expect(failed('high_tech', { rdExpenseCny: 8_999_999 })).toEqual([
      { rule: 'rd_intensity', required: 0.03, actual: 8_999_999 / 300_000_000 },
    ])
    expect(failed('high_tech', { rdExpenseCny: 9_000_001 })).toEqual([])
  })

  it('high-tech revenue share ≥ 60 %', () => {
    expect(failed('high_tech', { highTechRevenueShare: 0.6 })).toEqual([])
    expect(failed('high_tech', { highTechRevenueShare: 0.5999 })).toEqual([
      { rule: 'high_tech_revenue_share', required: 0.6, actual: 0.5999 },
    ])
    expect(failed('high_tech', { highTechRevenueShare: 0.6001 })).toEqual([])
  })

  it('technical staff ≥ 10 %', () => {
    expect(failed('high_tech', { techStaffShare: 0.1 })).toEqual([])
    expect(failed('high_tech', { techStaffShare: 0.0999 })).toEqual([
      { rule: 'tech_staff_share', required: 0.1, actual: 0.0999 },
    ])
    expect(failed('high_tech', { techStaffShare: 0.1001 })).toEqual([])
  })
})

describe('specialised_new', () => {
  it('years in the niche ≥ 2', () => {
    expect(failed('specialised_new', { yearsInNiche: 2 })).toEqual([])
    expect(failed('specialised_new', { yearsInNiche: 1.99 })).toEqual([
      { rule: 'years_in_niche', required: 2, actual: 1.99 },
    ])
    expect(failed('specialised_new', { yearsInNiche: 2.01 })).toEqual([])
  })

  it('R&D expense ≥ 1 M CNY (revenue 20 M keeps the intensity ≈ 5 %)', () => {
    const at = { revenueCny: 20_000_000 }
    expect(failed('specialised_new', { ...at, rdExpenseCny: 1_000_000 })).toEqual([])
    expect(failed('specialised_new', { ...at, rdExpenseCny: 999_999 })).toEqual([
      { rule: 'rd_expense', required: 1_000_000, actual: 999_999 },
    ])
    expect(failed('specialised_new', { ...at, rdExpenseCny: 1_000_001 })).toEqual([])
  })

  it('R&D intensity ≥ 3 %: at, below and above 1.5 M of 50 M', () => {
    const at = { revenueCny: 50_000_000 }
    expect(failed('specialised_new', { ...at, rdExpenseCny: 1_500_000 })).toEqual([])
    expect(failed('specialised_new', { ...at, rdExpenseCny: 1_499_999 })).toEqual([
      { rule: 'rd_intensity', required: 0.03, actual: 0.02999998 },
    ])
    expect(failed('specialised_new', { ...at, rdExpenseCny: 1_500_001 })).toEqual([])
  })

  it('revenue ≥ 10 M CNY (R&D 1 M keeps the intensity ≈ 10 %)', () => {
    const rd = { rdExpenseCny: 1_000_000 }
    expect(failed('specialised_new', { ...rd, revenueCny: 10_000_000 })).toEqual([])
    expect(failed('specialised_new', { ...rd, revenueCny: 9_999_999 })).toEqual([
      { rule: 'revenue', required: 10_000_000, actual: 9_999_999 },
    ])
    expect(failed('specialised_new', { ...rd, revenueCny: 10_000_001 })).toEqual([])
  })
})

describe('little_giant', () => {
  it('main business ≥ 70 % of revenue', () => {
    expect(failed('little_giant', { mainBusinessShare: 0.7 })).toEqual([])
    expect(failed('little_giant', { mainBusinessShare: 0.6999 })).toEqual([
      { rule: 'main_business_share', required: 0.7, actual: 0.6999 },
    ])
    expect(failed('little_giant', { mainBusinessShare: 0.7001 })).toEqual([])
  })

  it('revenue ≥ 50 M CNY (R&D 3.1 M keeps the intensity above 6 %)', () => {
    const rd = { rdExpenseCny: 3_100_000 }
    expect(failed('little_giant', { ...rd, revenueCny: 50_000_000 })).toEqual([])
    expect(failed('little_giant', { ...rd, revenueCny: 49_999_999 })).toEqual([
      { rule: 'revenue', required: 50_000_000, actual: 49_999_999 },
    ])
    expect(failed('little_giant', { ...rd, revenueCny: 50_000_001 })).toEqual([])
  })

  it('R&D intensity ≥ 6 % up to 100 M revenue, inclusive: at, below and above 6 M of 100 M', () => {
    const at = { revenueCny: 100_000_000 }
    expect(failed('little_giant', { ...at, rdExpenseCny: 6_000_000 })).toEqual([])
    expect(failed('little_giant', { ...at, rdExpenseCny: 5_999_999 })).toEqual([
      { rule: 'rd_intensity', required: 0.06, actual: 0.05999999 },
    ])
    expect(failed('little_giant', { ...at, rdExpenseCny: 6_000_001 })).toEqual([])
  })

  it('revenue 100 M + 1 falls in the 3 % band', () => {
    // 3,500,000 / 100,000,001 ≈ 0.035: fails 6 %, passes 3 %
    expect(failed('little_giant', { revenueCny: 100_000_001, rdExpenseCny: 3_500_000 })).toEqual([])
    const f = failed('little_giant', { revenueCny: 100_000_001, rdExpenseCny: 2_900_000 })
    expect(f.map((x) => [x.rule, x.required])).toEqual([['rd_intensity', 0.03]])
  })

  it('R&D intensity ≥ 3 % above 100 M: at, below and above 9 M of 300 M', () => {
    expect(failed('little_giant', { rdExpenseCny: 9_000_000 })).toEqual([])
    expect(failed('little_giant', { rdExpenseCny: 8_999_999 }).map((f) => f.rule)).toEqual(['rd_intensity'])
    expect(failed('little_giant', { rdExpenseCny: 9_000_001 })).toEqual([])
  })
})

describe('green_upgrade', () => {
  it('every line at energy level 2 or better: 2 passes, 3 fails, 1 passes', () => {
    expect(failed('green_upgrade', { worstEnergyLevel: 2 })).toEqual([])
    expect(failed('green_upgrade', { worstEnergyLevel: 3 })).toEqual([
      { rule: 'energy_level', required: 2, actual: 3 },
    ])
    expect(failed('green_upgrade', { worstEnergyLevel: 1 })).toEqual([])
    expect(failed('green_upgrade', { worstEnergyLevel: 4 })).toEqual([
      { rule: 'energy_level', required: 2, actual: 4 },
    ])
  })

  it('no energy records: energy_level fails with actual null', () => {
    expect(failed('green_upgrade', { worstEnergyLevel: null })).toEqual([
      { rule: 'energy_level', required: 2, actual: null },
    ])
    expect(failed('green_upgrade', { worstEnergyLevel: null, cleanEnergyShare: null })).toEqual([
      { rule: 'energy_level', required: 2, actual: null },
      { rule: 'clean_energy_share', required: 0.3, actual: null },
    ])
  })

  it('clean-energy share ≥ 30 %', () => {
    expect(failed('green_upgrade', { cleanEnergyShare: 0.3 })).toEqual([])
    expect(failed('green_upgrade', { cleanEnergyShare: 0.2999 })).toEqual([
      { rule: 'clean_energy_share', required: 0.3, actual: 0.2999 },
    ])
    expect(failed('green_upgrade', { cleanEnergyShare: 0.3001 })).toEqual([])
  })
})

describe('an operator’s programme', () => {
  it('is judged by the same evaluator, with its own rules, comparisons and tiers', () => {
    const rules: Rule[] = [
      { rule: 'tech_staff_share', comparison: '<=', threshold: 0.5 },
      {
        rule: 'rd_expense',
        comparison: '>=',
        tiers: [
          { revenueUpToCny: 1_000_000, threshold: 10 },
          { revenueUpToCny: null, threshold: 1_000 },
        ],
      },
    ]
    const check = evaluateProgramme(
      { id: 'mine', rules },
      { ...BASE, techStaffShare: 0.6, rdExpenseCny: 500 },
    )
    expect(check.eligible).toBe(false)
    expect(check.checks).toEqual([
      {
        rule: 'tech_staff_share',
        comparison: '<=',
        required: 0.5,
        actual: 0.6,
        passed: false,
        tier: null,
      },
      {
        rule: 'rd_expense',
        comparison: '>=',
        required: 1_000,
        actual: 500,
        passed: false,
        tier: { revenueOverCny: 1_000_000, revenueUpToCny: null },
      },
    ])
  })

  it('takes the last band above every bound when the last band is not open-ended', () => {
    const rule: Rule = {
      rule: 'rd_intensity',
      comparison: '>=',
      tiers: [
        { revenueUpToCny: 10, threshold: 0.5 },
        { revenueUpToCny: 20, threshold: 0.2 },
      ],
    }
    expect(thresholdOf(rule, 10)).toEqual({
      required: 0.5,
      tier: { revenueOverCny: null, revenueUpToCny: 10 },
    })
    expect(thresholdOf(rule, 11).required).toBe(0.2)
    expect(thresholdOf(rule, 99).required).toBe(0.2)
  })
})
