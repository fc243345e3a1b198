import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_PROGRAMMES } from './defaults.ts'
import { evaluateProgramme, thresholdOf } from './eligibility.ts'
import type { EnergyLevel, EnterpriseFacts, RuleId } from './rules.ts'

const share = fc.double({ min: 0, max: 1, noNaN: true })
const facts: fc.Arbitrary<EnterpriseFacts> = fc.record({
  revenueCny: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5_000_000_000 })),
  rdExpenseCny: fc.integer({ min: 0, max: 500_000_000 }),
  highTechRevenueShare: share,
  techStaffShare: share,
  yearsInNiche: fc.double({ min: 0, max: 40, noNaN: true }),
  mainBusinessShare: share,
  worstEnergyLevel: fc.constantFrom<EnergyLevel | null>(1, 2, 3, 4, null),
  cleanEnergyShare: fc.option(share, { nil: null }),
})

/** The fact each ≥ rule reads directly (R&D intensity is raised through the R&D expense). */
const RAISES: Partial<Record<RuleId, keyof EnterpriseFacts>> = {
  rd_intensity: 'rdExpenseCny',
  rd_expense: 'rdExpenseCny',
  revenue: 'revenueCny',
  high_tech_revenue_share: 'highTechRevenueShare',
  tech_staff_share: 'techStaffShare',
  years_in_niche: 'yearsInNiche',
  main_business_share: 'mainBusinessShare',
  clean_energy_share: 'cleanEnergyShare',
}

const passedRules = (f: EnterpriseFacts) =>
  DEFAULT_PROGRAMMES.flatMap((p) =>
    evaluateProgramme(p, f).checks.map((c) => ({ key: `${p.id}/${c.rule}`, ...c })),
  )

describe('eligibility properties', () => {
  it('raising a ≥ rule’s fact (or improving the energy level) never makes a passing rule fail', () => {
    fc.assert(
      fc.property(facts, fc.double({ min: 0, max: 1, noNaN: true }), (f, by) => {
        const before = passedRules(f)
        for (const c of before.filter((x) => x.passed)) {
          const key = RAISES[c.rule]
          let raised: EnterpriseFacts
          if (c.rule === 'energy_level')
            raised = { ...f, worstEnergyLevel: Math.max(1, (f.worstEnergyLevel ?? 1) - 1) as EnergyLevel }
          else if (key) {
            const value = f[key] as number
            const top = key.endsWith('Share') ? 1 : value + by * 1e6
            raised = { ...f, [key]: value + (top - value) * by }
          } else continue
          const after = passedRules(raised).find((x) => x.key === c.key)!
          expect(after.passed, `${c.key} after raising`).toBe(true)
        }
      }),
    )
  })

  it('raising the R&D expense never makes any rule of any programme fail', () => {
    fc.assert(
      fc.property(facts, fc.integer({ min: 1, max: 10_000_000 }), (f, more) => {
        const before = passedRules(f)
        const after = passedRules({ ...f, rdExpenseCny: f.rdExpenseCny + more })
        for (const [i, c] of before.entries()) if (c.passed) expect(after[i]!.passed, c.key).toBe(true)
      }),
    )
  })

  it('is eligible exactly when no rule fails, and checks every rule in order', () => {
    fc.assert(
      fc.property(facts, (f) => {
        for (const p of DEFAULT_PROGRAMMES) {
          const check = evaluateProgramme(p, f)
          expect(check.checks.map((c) => c.rule)).toEqual(p.rules.map((r) => r.rule))
          expect(check.eligible).toBe(check.checks.every((c) => c.passed))
          // A null fact never passes; a passing check holds its comparison.
          for (const c of check.checks)
            if (c.passed)
              expect(c.comparison === '>=' ? c.actual! >= c.required : c.actual! <= c.required).toBe(true)
            else if (c.actual !== null)
              expect(c.comparison === '>=' ? c.actual < c.required : c.actual > c.required).toBe(true)
        }
      }),
    )
  })

  it('the default R&D tiers never ask more of a larger enterprise', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a]
          for (const p of DEFAULT_PROGRAMMES)
            for (const rule of p.rules)
              if ('tiers' in rule)
                expect(thresholdOf(rule, high).required).toBeLessThanOrEqual(thresholdOf(rule, low).required)
        },
      ),
    )
  })
})
