import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely'
import { registryMigration } from './0001-registry.ts'
import { accountsMigration } from './0002-accounts.ts'
import { ledgerMigration } from './0003-ledger.ts'
import { instrumentsMigration } from './0004-instruments.ts'
import { tradingMigration } from './0005-trading.ts'
import { pricingMigration } from './0006-pricing.ts'
import { distributionFreightMigration } from './0007-distribution.ts'
import { shipmentsMigration } from './0008-shipments.ts'
import { intakePlansMigration } from './0009-intake-plans.ts'
import { energyRoleMigration } from './0010-energy-role.ts'
import { ecologyMigration } from './0011-ecology.ts'
import { policyMigration } from './0012-policy.ts'
import { cbamMigration } from './0013-cbam.ts'

/**
 * Migrations live in code (not in files found at run time), so the same list runs from a clone, a
 * test or the bundled build. Append only: a shipped migration is never edited, a name never reused.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_registry': registryMigration,
  '0002_accounts': accountsMigration,
  '0003_ledger': ledgerMigration,
  '0004_instruments': instrumentsMigration,
  '0005_trading': tradingMigration,
  '0006_pricing': pricingMigration,
  '0007_distribution_freight': distributionFreightMigration,
  '0008_shipments': shipmentsMigration,
  '0009_intake_plans': intakePlansMigration,
  '0010_energy_role': energyRoleMigration,
  '0011_ecology': ecologyMigration,
  '0012_policy': policyMigration,
  '0013_cbam': cbamMigration,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

/** Brings the schema to the latest migration; throws with the failing migration's error. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before (and regardless of) the typed schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw new Error('database migration failed', { cause: error })
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
