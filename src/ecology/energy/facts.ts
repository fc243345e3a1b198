/**
 * The energy facts other modules judge an enterprise by (the `green_upgrade` programme).
 * @module
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { type EnergyLevel, energyFactsOf } from './levels.ts'
import { latestCompleteMonth, twelveMonthsTo } from './months.ts'
import { currentRecords } from './store.ts'

export interface EnterpriseEnergyFacts {
  readonly worstEnergyLevel: EnergyLevel | null
  readonly cleanEnergyShare: number | null
  /** How many of the 12 months have at least one record. */
  readonly months: number
}

/**
 * The worst line level and the clean-energy share over the 12 months ending with `asOfMonth`
 * (default: the latest complete month in Asia/Shanghai now), from the current revisions.
 */
export async function enterpriseEnergyFacts(
  db: Kysely<Database>,
  enterpriseId: string,
  asOfMonth?: string,
): Promise<EnterpriseEnergyFacts> {
  const window = twelveMonthsTo(asOfMonth ?? latestCompleteMonth(Date.now()))
  const records = await currentRecords(db, { enterpriseId, ...window })
  const facts = energyFactsOf(records)
  return { ...facts, months: new Set(records.map((r) => r.month)).size }
}
