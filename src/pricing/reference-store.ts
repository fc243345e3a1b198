/**
 * SQL for analysts' external references (SHFE settlement, SMM A00, …), each with its source.
 * @module
 */
import type { Selectable } from 'kysely'
import type { PricingReferenceTable } from '../platform/db/schema-pricing.ts'
import type { PriceReference } from './records.ts'
import type { Db } from './store.ts'

const referenceFromRow = (r: Selectable<PricingReferenceTable>): PriceReference => ({
  id: String(r.id),
  name: r.name,
  date: r.ref_date,
  value: Number(r.value_cny_per_t),
  source: r.source,
  recordedBy: r.recorded_by,
  recordedAtMs: r.recorded_at.getTime(),
  synthetic: r.synthetic,
})

export async function insertReferences(
  db: Db,
  references: readonly Omit<PriceReference, 'id'>[],
): Promise<PriceReference[]> {
  if (references.length === 0) return []
  const rows = await db
    .insertInto('pricing_reference')
    .values(
      references.map((r) => ({
        name: r.name,
        ref_date: r.date,
        value_cny_per_t: r.value,
        source: r.source,
        recorded_by: r.recordedBy,
        recorded_at: new Date(r.recordedAtMs),
        synthetic: r.synthetic,
      })),
    )
    .returningAll()
    .execute()
  return rows.map(referenceFromRow)
}

/** References by name and date range (dates included), newest date first. */
export async function findReferences(
  db: Db,
  f: { name?: string; from?: string; to?: string; limit: number },
): Promise<PriceReference[]> {
  let q = db.selectFrom('pricing_reference').selectAll()
  if (f.name !== undefined) q = q.where('name', '=', f.name)
  if (f.from !== undefined) q = q.where('ref_date', '>=', f.from)
  if (f.to !== undefined) q = q.where('ref_date', '<=', f.to)
  const rows = await q.orderBy('ref_date', 'desc').orderBy('id', 'desc').limit(f.limit).execute()
  return rows.map(referenceFromRow)
}
