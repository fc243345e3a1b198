/**
 * SQL of the energy ledger (migration 0011). A month of a line has one current revision; a
 * correction adds the next one and makes it current, earlier revisions stay as history.
 * @module
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { EnergyRecordTable } from '../../platform/db/schema-ecology.ts'
import type { ProcessLine } from './levels.ts'
import type { EnergyInput, EnergyRecord } from './model.ts'

export type Db = Kysely<Database> | Transaction<Database>

type RecordRow = Selectable<EnergyRecordTable> & { submitted_by_name: string | null }

export function recordFromRow(r: RecordRow): EnergyRecord {
  return {
    enterpriseId: r.enterprise_id,
    month: r.month,
    line: r.line as ProcessLine,
    revision: r.revision,
    current: r.current,
    gridKwh: r.grid_kwh,
    ownPvKwh: r.own_pv_kwh,
    greenCertKwh: r.green_cert_kwh,
    naturalGasNm3: r.natural_gas_nm3,
    otherFuelsKgce: r.other_fuels_kgce,
    otherDirectKgco2: r.other_direct_kgco2,
    outputT: r.output_t,
    reason: r.reason,
    submittedBy: r.submitted_by,
    submittedByName: r.submitted_by_name,
    submittedAtMs: new Date(r.submitted_at).getTime(),
    synthetic: r.synthetic,
  }
}

export interface RecordFilter {
  readonly enterpriseId?: string
  /** Inclusive `YYYY-MM` bounds. */
  readonly from?: string
  readonly to?: string
  readonly line?: ProcessLine
}

const withUser = (db: Db) =>
  db
    .selectFrom('energy_record as r')
    .leftJoin('app_user as u', 'u.id', 'r.submitted_by')
    .selectAll('r')
    .select('u.username as submitted_by_name')

/** The current revision of every month and line matching the filter, by month then line. */
export async function currentRecords(db: Db, filter: RecordFilter): Promise<EnergyRecord[]> {
  let q = withUser(db).where('r.current', '=', true)
  if (filter.enterpriseId !== undefined) q = q.where('r.enterprise_id', '=', filter.enterpriseId)
  if (filter.from !== undefined) q = q.where('r.month', '>=', filter.from)
  if (filter.to !== undefined) q = q.where('r.month', '<=', filter.to)
  if (filter.line !== undefined) q = q.where('r.line', '=', filter.line)
  const rows = await q.orderBy('r.month').orderBy('r.line').orderBy('r.enterprise_id').execute()
  return rows.map(recordFromRow)
}

/** A current month of a line with only what the cluster's figures need. */
export interface ClusterFigures extends EnergyInput {
  readonly enterpriseId: string
  readonly month: string
  readonly line: ProcessLine
  readonly synthetic: boolean
}

/**
 * The current revisions of the cluster's enterprises in [from, to], lean: without the submitter
 * and the history columns (the park and the summary read a year of every enterprise).
 */
export async function clusterFigures(db: Db, from: string, to: string): Promise<ClusterFigures[]> {
  const rows = await db
    .selectFrom('energy_record as r')
    .innerJoin('enterprise as e', 'e.id', 'r.enterprise_id')
    .select([
      'r.enterprise_id',
      'r.month',
      'r.line',
      'r.grid_kwh',
      'r.own_pv_kwh',
      'r.green_cert_kwh',
      'r.natural_gas_nm3',
      'r.other_fuels_kgce',
      'r.other_direct_kgco2',
      'r.output_t',
      'r.synthetic',
    ])
    .where('e.in_cluster', '=', true)
    .where('r.current', '=', true)
    .where('r.month', '>=', from)
    .where('r.month', '<=', to)
    .orderBy('r.enterprise_id')
    .orderBy('r.line')
    .orderBy('r.month')
    .execute()
  return rows.map((r) => ({
    enterpriseId: r.enterprise_id,
    month: r.month,
    line: r.line as ProcessLine,
    gridKwh: r.grid_kwh,
    ownPvKwh: r.own_pv_kwh,
    greenCertKwh: r.green_cert_kwh,
    naturalGasNm3: r.natural_gas_nm3,
    otherFuelsKgce: r.other_fuels_kgce,
    otherDirectKgco2: r.other_direct_kgco2,
    outputT: r.output_t,
    synthetic: r.synthetic,
  }))
}

/**
 * A fingerprint of everything the cluster's figures depend on: every write adds a revision or a
 * grid factor (a correction retires one revision and adds another), so the count of revisions, the
 * latest submission and the latest factor change whenever an answer could.
 */
export async function ledgerVersion(db: Db): Promise<string> {
  const row = await db
    .selectFrom('energy_record')
    .select((eb) => [
      eb.fn.countAll<string>().as('n'),
      eb.fn.max('submitted_at').as('latest'),
      eb
        .selectFrom('ecology_grid_factor')
        .select((f) => f.fn.max('id').as('id'))
        .as('factor'),
    ])
    .executeTakeFirstOrThrow()
  const latest = row.latest === null ? '' : new Date(row.latest).getTime()
  return `${row.n}|${latest}|${row.factor ?? ''}`
}

/** Every revision of one month of one line, oldest first. */
export async function revisionsOf(
  db: Db,
  enterpriseId: string,
  month: string,
  line: ProcessLine,
): Promise<EnergyRecord[]> {
  const rows = await withUser(db)
    .where('r.enterprise_id', '=', enterpriseId)
    .where('r.month', '=', month)
    .where('r.line', '=', line)
    .orderBy('r.revision')
    .execute()
  return rows.map(recordFromRow)
}

export interface NewRevision extends EnergyInput {
  readonly enterpriseId: string
  readonly month: string
  readonly line: ProcessLine
  readonly revision: number
  readonly reason: string | null
  readonly submittedBy: string | null
  readonly submittedAtMs: number
  readonly synthetic: boolean
  /** Default true; the demo writes earlier revisions of a corrected month as not current. */
  readonly current?: boolean
}

export function rowOf(r: NewRevision) {
  return {
    enterprise_id: r.enterpriseId,
    month: r.month,
    line: r.line,
    revision: r.revision,
    current: r.current ?? true,
    grid_kwh: r.gridKwh,
    own_pv_kwh: r.ownPvKwh,
    green_cert_kwh: r.greenCertKwh,
    natural_gas_nm3: r.naturalGasNm3,
    other_fuels_kgce: r.otherFuelsKgce,
    other_direct_kgco2: r.otherDirectKgco2,
    output_t: r.outputT,
    reason: r.reason,
    submitted_by: r.submittedBy,
    submitted_at: new Date(r.submittedAtMs),
    synthetic: r.synthetic,
  }
}

/**
 * Adds the first revision of a month of a line; null when the month of the line is already
 * recorded (the unique keys decide, so two racing submissions store one).
 */
export async function insertFirstRevision(db: Db, r: NewRevision): Promise<EnergyRecord | null> {
  const row = await db
    .insertInto('energy_record')
    .values(rowOf({ ...r, revision: 1 }))
    .onConflict((oc) => oc.doNothing())
    .returning('revision')
    .executeTakeFirst()
  return row ? recordByKey(db, r, 1) : null
}

/**
 * Adds a correction on top of revision `base` (the caller holds a transaction); null when `base`
 * is no longer the current revision, so two racing corrections cannot both build on it.
 */
export async function insertCorrection(
  db: Db,
  base: EnergyRecord,
  r: NewRevision,
): Promise<EnergyRecord | null> {
  const retired = await db
    .updateTable('energy_record')
    .set({ current: false })
    .where('enterprise_id', '=', base.enterpriseId)
    .where('month', '=', base.month)
    .where('line', '=', base.line)
    .where('revision', '=', base.revision)
    .where('current', '=', true)
    .executeTakeFirst()
  if (retired.numUpdatedRows !== 1n) return null
  await db
    .insertInto('energy_record')
    .values(rowOf({ ...r, revision: base.revision + 1 }))
    .execute()
  return recordByKey(db, r, base.revision + 1)
}

async function recordByKey(db: Db, key: NewRevision, revision: number): Promise<EnergyRecord> {
  const row = await withUser(db)
    .where('r.enterprise_id', '=', key.enterpriseId)
    .where('r.month', '=', key.month)
    .where('r.line', '=', key.line)
    .where('r.revision', '=', revision)
    .executeTakeFirstOrThrow()
  return recordFromRow(row)
}

/**
 * Many revisions at once (the demo): one statement over one array per column, which PGlite parses
 * several times faster than a multi-row VALUES list or a jsonb document.
 */
export async function insertRevisions(db: Db, revisions: readonly NewRevision[]): Promise<void> {
  if (revisions.length === 0) return
  const rows = revisions.map(rowOf)
  const arrays = COLUMN_DEFS.map(([column, type]) => {
    const values = rows.map((r) => r[column])
    return sql`${column === 'submitted_at' ? values.map((d) => (d as Date).toISOString()) : values}::${sql.raw(type)}[]`
  })
  await sql`
    insert into energy_record (${sql.join(COLUMN_DEFS.map(([c]) => sql.ref(c)))})
    select * from unnest(${sql.join(arrays)})
  `.execute(db)
}

const COLUMN_DEFS = [
  ['enterprise_id', 'text'],
  ['month', 'text'],
  ['line', 'text'],
  ['revision', 'integer'],
  ['current', 'boolean'],
  ['grid_kwh', 'double precision'],
  ['own_pv_kwh', 'double precision'],
  ['green_cert_kwh', 'double precision'],
  ['natural_gas_nm3', 'double precision'],
  ['other_fuels_kgce', 'double precision'],
  ['other_direct_kgco2', 'double precision'],
  ['output_t', 'double precision'],
  ['reason', 'text'],
  ['submitted_by', 'uuid'],
  ['submitted_at', 'timestamptz'],
  ['synthetic', 'boolean'],
] as const
