/**
 * Judging an enterprise: its facts of a year from the store, its energy facts from the ecology
 * module's ledger, the programmes' rules through the pure evaluator, and the words.
 * @module
 */
import type { Kysely } from 'kysely'
import { enterpriseEnergyFacts } from '../ecology/index.ts'
import type { Database } from '../platform/db/index.ts'
import { evaluateProgramme } from './eligibility.ts'
import type { Eligibility, EnergyFacts, Programme, YearFacts } from './model.ts'
import type { EnterpriseFacts } from './rules.ts'
import { explainProgramme } from './words.ts'

/** Where an enterprise's energy facts come from (the ecology module; tests may give their own). */
export type EnergyFactsSource = (db: Kysely<Database>, enterpriseId: string) => Promise<EnergyFacts>

export const ledgerEnergyFacts: EnergyFactsSource = (db, enterpriseId) =>
  enterpriseEnergyFacts(db, enterpriseId)

/** The facts the rules read: the year's (money fen → CNY) and the energy ledger's. */
export const factsOf = (y: YearFacts, energy: EnergyFacts): EnterpriseFacts => ({
  revenueCny: Number(y.revenueFen) / 100,
  rdExpenseCny: Number(y.rdExpenseFen) / 100,
  highTechRevenueShare: y.highTechRevenueShare,
  techStaffShare: y.techStaffShare,
  yearsInNiche: y.yearsInNiche,
  mainBusinessShare: y.mainBusinessShare,
  worstEnergyLevel: energy.worstEnergyLevel,
  cleanEnergyShare: energy.cleanEnergyShare,
})

/** Every programme judged on one enterprise's facts of a year. */
export function judge(year: YearFacts, energy: EnergyFacts, programmes: readonly Programme[]): Eligibility {
  const facts = factsOf(year, energy)
  return {
    enterpriseId: year.enterpriseId,
    year: year.year,
    facts,
    energy,
    programmes: programmes.map((p) => {
      const check = evaluateProgramme(p, facts)
      return { programmeId: p.id, check, words: explainProgramme(check) }
    }),
  }
}
