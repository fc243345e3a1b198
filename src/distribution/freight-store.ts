/**
 * The stored versions of the freight tariff and of the origin differentials (migration 0007). A
 * version is only ever added; adding the same version again is a no-op, adding other content under
 * an existing id is refused.
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import { type DifferentialTable, sameCoefficients, type Tariff } from './freight/index.ts'

type Db = Kysely<Database>

/** Who added a version, when, and why. */
export interface VersionMeta {
  readonly note: string | null
  /** The user id; null for the migration's default. */
  readonly createdBy: string | null
  readonly createdAtMs: number
}

export type StoredTariff = Tariff & VersionMeta
export type StoredDifferentials = DifferentialTable & VersionMeta

/** What adding a version did. */
export type AddOutcome<T> =
  | { readonly outcome: 'created'; readonly version: T }
  | { readonly outcome: 'unchanged'; readonly version: T }
  | { readonly outcome: 'conflict'; readonly version: T }

const metaOf = (row: { note: string | null; created_by: string | null; created_at: Date }): VersionMeta => ({
  note: row.note,
  createdBy: row.created_by,
  createdAtMs: row.created_at.getTime(),
})

const tariffOf = (row: Selectable<Database['distribution_tariff']>): StoredTariff => ({
  id: row.id,
  effectiveFrom: row.effective_from,
  truck: {
    rateFenPerTKm: row.truck_fen_per_tkm_hundredths / 100,
    minimumFenPerT: row.truck_min_fen_per_t,
    payloadT: row.truck_payload_t,
  },
  molten: {
    rateFenPerTKm: row.molten_fen_per_tkm_hundredths / 100,
    minimumFenPerT: row.molten_min_fen_per_t,
    maxRoadKm: row.molten_max_road_km_tenths / 10,
    payloadT: row.molten_payload_t,
  },
  rail: {
    rateFenPerTKm: row.rail_fen_per_tkm_hundredths / 100,
    terminalFenPerT: row.rail_terminal_fen_per_t,
    minRailKm: row.rail_min_km_tenths / 10,
  },
  ...metaOf(row),
})

/** Every tariff version, in the order they were added. */
export async function listTariffs(db: Db): Promise<StoredTariff[]> {
  const rows = await db.selectFrom('distribution_tariff').selectAll().orderBy('seq').execute()
  return rows.map(tariffOf)
}

/** Adds a version (its content checked by the caller: tariffErrors is empty). */
export async function addTariff(
  db: Db,
  tariff: Tariff,
  meta: Omit<VersionMeta, 'createdAtMs'> & { readonly createdAt: Date },
): Promise<AddOutcome<StoredTariff>> {
  const inserted = await db
    .insertInto('distribution_tariff')
    .values({
      id: tariff.id,
      effective_from: tariff.effectiveFrom,
      truck_fen_per_tkm_hundredths: Math.round(tariff.truck.rateFenPerTKm * 100),
      truck_min_fen_per_t: tariff.truck.minimumFenPerT,
      truck_payload_t: tariff.truck.payloadT,
      molten_fen_per_tkm_hundredths: Math.round(tariff.molten.rateFenPerTKm * 100),
      molten_min_fen_per_t: tariff.molten.minimumFenPerT,
      molten_max_road_km_tenths: Math.round(tariff.molten.maxRoadKm * 10),
      molten_payload_t: tariff.molten.payloadT,
      rail_fen_per_tkm_hundredths: Math.round(tariff.rail.rateFenPerTKm * 100),
      rail_terminal_fen_per_t: tariff.rail.terminalFenPerT,
      rail_min_km_tenths: Math.round(tariff.rail.minRailKm * 10),
      note: meta.note,
      created_by: meta.createdBy,
      created_at: meta.createdAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst()
  if (inserted) return { outcome: 'created', version: tariffOf(inserted) }
  const existing = tariffOf(
    await db
      .selectFrom('distribution_tariff')
      .selectAll()
      .where('id', '=', tariff.id)
      .executeTakeFirstOrThrow(),
  )
  const same = existing.effectiveFrom === tariff.effectiveFrom && sameCoefficients(existing, tariff)
  return { outcome: same ? 'unchanged' : 'conflict', version: existing }
}

const differentialsOf = (row: {
  id: string
  effective_from: string
  cny_per_t: unknown
  note: string | null
  created_by: string | null
  created_at: Date
}): StoredDifferentials => ({
  id: row.id,
  effectiveFrom: row.effective_from,
  cnyPerT: row.cny_per_t as Record<string, number>,
  ...metaOf(row),
})

/** Every differentials version, in the order they were added. */
export async function listDifferentials(db: Db): Promise<StoredDifferentials[]> {
  const rows = await db.selectFrom('distribution_differential').selectAll().orderBy('seq').execute()
  return rows.map(differentialsOf)
}

const sameTable = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0))
}

/** Adds a differentials version (checked by the caller with checkDifferentials). */
export async function addDifferentials(
  db: Db,
  table: DifferentialTable,
  meta: Omit<VersionMeta, 'createdAtMs'> & { readonly createdAt: Date },
): Promise<AddOutcome<StoredDifferentials>> {
  const inserted = await db
    .insertInto('distribution_differential')
    .values({
      id: table.id,
      effective_from: table.effectiveFrom,
      cny_per_t: JSON.stringify(table.cnyPerT),
      note: meta.note,
      created_by: meta.createdBy,
      created_at: meta.createdAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst()
  if (inserted) return { outcome: 'created', version: differentialsOf(inserted) }
  const existing = differentialsOf(
    await db
      .selectFrom('distribution_differential')
      .selectAll()
      .where('id', '=', table.id)
      .executeTakeFirstOrThrow(),
  )
  const same = existing.effectiveFrom === table.effectiveFrom && sameTable(existing.cnyPerT, table.cnyPerT)
  return { outcome: same ? 'unchanged' : 'conflict', version: existing }
}
