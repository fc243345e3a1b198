import { type Kysely, sql } from 'kysely'
import { seedDemoInstruments } from '../instruments/index.ts'
import type { Database } from '../platform/index.ts'
import { insertCatalogue, insertEnterprises } from '../registry/index.ts'
import { generateCluster } from './generate.ts'

export const DEFAULT_SEED = 1

/** Progress of a long load: `done` of `total` units, with what is being done now. */
export type ProgressListener = (done: number, total: number, step: string) => void

export interface SeedReport {
  seed: number
  enterprises: number
  catalogueItems: number
  /** Demo instruments listed by this run: 0 when the center already had instruments. */
  instruments: number
}

const SEED_META_KEY = 'demo_cluster'

/**
 * Writes the deterministic demo cluster, all in one transaction: a crash half-way leaves the
 * database as it was. With `replace`, the registry's rows are deleted first, in the same transaction.
 * The demo instruments are listed too when the center has none (instruments and their receipts in
 * the ledger are never deleted, so a replace keeps the ones there are).
 */
export async function seedDemoCluster(
  db: Kysely<Database>,
  seed: number,
  onProgress: ProgressListener = () => {},
  options: { replace?: boolean } = {},
): Promise<SeedReport> {
  onProgress(0, 100, 'generate')
  const cluster = generateCluster(seed)
  const total = cluster.enterprises.length + cluster.catalogue.length
  const CHUNK = 200
  const instruments = await db.transaction().execute(async (tx) => {
    if (options.replace) {
      await tx.deleteFrom('catalogue_item').execute()
      await tx.deleteFrom('enterprise_capacity').execute()
      await tx.deleteFrom('enterprise').execute()
    }
    let done = 0
    for (let i = 0; i < cluster.enterprises.length; i += CHUNK) {
      const batch = cluster.enterprises.slice(i, i + CHUNK)
      await insertEnterprises(tx, batch)
      done += batch.length
      onProgress(Math.round((done / total) * 100), 100, 'enterprises')
    }
    for (let i = 0; i < cluster.catalogue.length; i += CHUNK) {
      const batch = cluster.catalogue.slice(i, i + CHUNK)
      await insertCatalogue(tx, batch)
      done += batch.length
      onProgress(Math.round((done / total) * 100), 100, 'catalogues')
    }
    const value = JSON.stringify({ seed, synthetic: true, enterprises: cluster.enterprises.length })
    await tx
      .insertInto('app_meta')
      .values({ key: SEED_META_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: sql`now()` }))
      .execute()
    return seedDemoInstruments(tx)
  })
  onProgress(100, 100, 'done')
  return {
    seed,
    enterprises: cluster.enterprises.length,
    catalogueItems: cluster.catalogue.length,
    instruments,
  }
}

/** The seed the database was filled from, or null when it holds no demo cluster. */
export async function demoSeedOf(db: Kysely<Database>): Promise<number | null> {
  const row = await db
    .selectFrom('app_meta')
    .select('value')
    .where('key', '=', SEED_META_KEY)
    .executeTakeFirst()
  const value = row?.value as { seed?: unknown } | undefined
  return typeof value?.seed === 'number' ? value.seed : null
}
