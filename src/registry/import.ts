import type { Kysely } from 'kysely'
import { ok, type Result } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { parseEnterprisesCsv } from './csv.ts'
import { existingEnterpriseIds, upsertEnterprises } from './store.ts'

/** Ids are looked up this many at a time (one bind parameter each). */
const LOOKUP_BATCH_IDS = 1000

export interface CsvImportReport {
  /** Enterprises whose id was new. */
  inserted: number
  /** Enterprises whose id existed: every column and the capacities replaced, the catalogue kept. */
  updated: number
}

/**
 * Imports enterprises from CSV text (see csv.ts for the columns). A file with any bad row is
 * refused with every problem and its line number, and nothing is written; a good file is written in
 * one transaction: new ids inserted, existing ids updated.
 */
export async function importEnterprisesCsv(
  db: Kysely<Database>,
  text: string,
): Promise<Result<CsvImportReport>> {
  const parsed = parseEnterprisesCsv(text)
  if (!parsed.ok) return parsed
  const enterprises = parsed.value
  return db.transaction().execute(async (tx) => {
    let updated = 0
    for (let i = 0; i < enterprises.length; i += LOOKUP_BATCH_IDS) {
      const ids = enterprises.slice(i, i + LOOKUP_BATCH_IDS).map((e) => e.id)
      updated += (await existingEnterpriseIds(tx, ids)).length
    }
    await upsertEnterprises(tx, enterprises)
    return ok({ inserted: enterprises.length - updated, updated })
  })
}
