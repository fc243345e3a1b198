/**
 * SQL for assessments. Every revision of every period is a row; the method's record is jsonb beside
 * the columns queries filter on. The published revision the public sees for a period is the one
 * marked `current` (a partial unique index keeps it to one per period).
 * @module
 */
import { type Selectable, sql } from 'kysely'
import type { PricingAssessmentTable } from '../platform/db/schema-pricing.ts'
import type { AssessmentRecord } from './model.ts'
import type { Assessment, AssessmentInputs, AssessmentStatus, NewAssessment } from './records.ts'
import { BASE_SERIES_ID } from './series.ts'
import type { Db } from './store.ts'

const INSERT_BATCH_ROWS = 250

const msOrNull = (v: Date | null): number | null => (v === null ? null : v.getTime())

export function assessmentFromRow(r: Selectable<PricingAssessmentTable>): Assessment {
  return {
    id: String(r.id),
    seriesId: r.series_id,
    date: r.period_date,
    windowStartMs: r.window_start.getTime(),
    windowEndMs: r.window_end.getTime(),
    revision: r.revision,
    status: r.status,
    current: r.current,
    record: r.record as AssessmentRecord,
    inputs: r.inputs as AssessmentInputs,
    correctionOf: r.correction_of,
    reason: r.reason,
    proposedBy: r.proposed_by,
    proposedAtMs: r.proposed_at.getTime(),
    approvedBy: r.approved_by,
    publishedAtMs: msOrNull(r.published_at),
    rejectedBy: r.rejected_by,
    rejectedAtMs: msOrNull(r.rejected_at),
    rejectionReason: r.rejection_reason,
    synthetic: r.synthetic,
  }
}

const assessmentRow = (a: NewAssessment) => ({
  series_id: a.seriesId,
  period_date: a.date,
  window_start: new Date(a.windowStartMs),
  window_end: new Date(a.windowEndMs),
  revision: a.revision,
  status: a.status,
  value_cny_per_t: a.record.value,
  record: JSON.stringify(a.record),
  inputs: JSON.stringify(a.inputs),
  correction_of: a.correctionOf,
  reason: a.reason,
  proposed_by: a.proposedBy,
  proposed_at: new Date(a.proposedAtMs),
  synthetic: a.synthetic,
})

export async function insertAssessment(db: Db, a: NewAssessment): Promise<Assessment> {
  const row = await db
    .insertInto('pricing_assessment')
    .values(assessmentRow(a))
    .returningAll()
    .executeTakeFirstOrThrow()
  return assessmentFromRow(row)
}

/** A published revision for the demo history: approved by `approvedBy` at `publishedAtMs`. */
export interface PublishedAssessment extends Omit<NewAssessment, 'status'> {
  readonly approvedBy: string
  readonly publishedAtMs: number
  /** False for a revision a later one replaced. */
  readonly current: boolean
}

/** Writes already-published revisions in bulk (the demo's history); nothing is checked here. */
export async function insertPublishedAssessments(
  db: Db,
  rows: readonly PublishedAssessment[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH_ROWS) {
    await db
      .insertInto('pricing_assessment')
      .values(
        rows.slice(i, i + INSERT_BATCH_ROWS).map((a) => ({
          ...assessmentRow({ ...a, status: 'published' }),
          current: a.current,
          approved_by: a.approvedBy,
          published_at: new Date(a.publishedAtMs),
        })),
      )
      .execute()
  }
}

export async function findAssessment(db: Db, id: string, forUpdate = false): Promise<Assessment | null> {
  if (!/^[1-9][0-9]{0,17}$/.test(id)) return null
  let q = db.selectFrom('pricing_assessment').selectAll().where('id', '=', BigInt(id))
  if (forUpdate) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  return row ? assessmentFromRow(row) : null
}

export async function listAssessments(
  db: Db,
  f: { status?: AssessmentStatus; seriesId?: string; date?: string; limit: number },
): Promise<Assessment[]> {
  let q = db.selectFrom('pricing_assessment').selectAll()
  if (f.status !== undefined) q = q.where('status', '=', f.status)
  if (f.seriesId !== undefined) q = q.where('series_id', '=', f.seriesId)
  if (f.date !== undefined) q = q.where('period_date', '=', f.date)
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute()
  return rows.map(assessmentFromRow)
}

/** The published revision the public sees for a period, or null. */
export async function currentAssessment(
  db: Db,
  seriesId: string,
  date: string,
  forUpdate = false,
): Promise<Assessment | null> {
  let q = db
    .selectFrom('pricing_assessment')
    .selectAll()
    .where('series_id', '=', seriesId)
    .where('period_date', '=', date)
    .where('current', '=', true)
  if (forUpdate) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  return row ? assessmentFromRow(row) : null
}

/** The current revision of the latest period before `date` that has one. */
export async function currentBefore(db: Db, seriesId: string, date: string): Promise<Assessment | null> {
  const row = await db
    .selectFrom('pricing_assessment')
    .selectAll()
    .where('series_id', '=', seriesId)
    .where('period_date', '<', date)
    .where('current', '=', true)
    .orderBy('period_date', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? assessmentFromRow(row) : null
}

/** Every published revision of a period, oldest first. */
export async function publishedRevisions(db: Db, seriesId: string, date: string): Promise<Assessment[]> {
  const rows = await db
    .selectFrom('pricing_assessment')
    .selectAll()
    .where('series_id', '=', seriesId)
    .where('period_date', '=', date)
    .where('status', '=', 'published')
    .orderBy('revision')
    .execute()
  return rows.map(assessmentFromRow)
}

/** Makes a proposal the current published revision of its period, replacing the one before. */
export async function markPublished(
  db: Db,
  a: Assessment,
  approvedBy: string,
  atMs: number,
): Promise<Assessment> {
  await db
    .updateTable('pricing_assessment')
    .set({ current: false })
    .where('series_id', '=', a.seriesId)
    .where('period_date', '=', a.date)
    .where('current', '=', true)
    .execute()
  const row = await db
    .updateTable('pricing_assessment')
    .set({ status: 'published', current: true, approved_by: approvedBy, published_at: new Date(atMs) })
    .where('id', '=', BigInt(a.id))
    .returningAll()
    .executeTakeFirstOrThrow()
  return assessmentFromRow(row)
}

export async function markRejected(
  db: Db,
  id: string,
  rejectedBy: string,
  atMs: number,
  reason: string,
): Promise<Assessment> {
  const row = await db
    .updateTable('pricing_assessment')
    .set({
      status: 'rejected',
      rejected_by: rejectedBy,
      rejected_at: new Date(atMs),
      rejection_reason: reason,
    })
    .where('id', '=', BigInt(id))
    .returningAll()
    .executeTakeFirstOrThrow()
  return assessmentFromRow(row)
}

/** The current revisions of the latest two periods of every series (for the board's value and change). */
export async function latestTwoPerSeries(db: Db): Promise<Assessment[]> {
  const ranked = db
    .selectFrom('pricing_assessment')
    .selectAll()
    .select(sql<number>`row_number() over (partition by series_id order by period_date desc)`.as('rank'))
    .where('current', '=', true)
    .as('ranked')
  const rows = await db
    .selectFrom(ranked)
    .selectAll()
    .where('rank', '<=', 2)
    .orderBy('series_id')
    .orderBy('period_date', 'desc')
    .execute()
  return rows.map((r) => assessmentFromRow(r as unknown as Selectable<PricingAssessmentTable>))
}

/** The current revision of every period of a series in [from, to] (dates included), oldest first. */
export async function currentHistory(
  db: Db,
  seriesId: string,
  from?: string,
  to?: string,
): Promise<Assessment[]> {
  let q = db
    .selectFrom('pricing_assessment')
    .selectAll()
    .where('series_id', '=', seriesId)
    .where('current', '=', true)
  if (from !== undefined) q = q.where('period_date', '>=', from)
  if (to !== undefined) q = q.where('period_date', '<=', to)
  const rows = await q.orderBy('period_date').execute()
  return rows.map(assessmentFromRow)
}

/** The published base value of each of these dates that has one. */
export async function baseValuesOn(db: Db, dates: readonly string[]): Promise<Map<string, number | null>> {
  if (dates.length === 0) return new Map()
  const rows = await db
    .selectFrom('pricing_assessment')
    .select(['period_date', 'value_cny_per_t'])
    .where('series_id', '=', BASE_SERIES_ID)
    .where('current', '=', true)
    .where('period_date', 'in', [...new Set(dates)])
    .execute()
  return new Map(
    rows.map((r) => [r.period_date, r.value_cny_per_t === null ? null : Number(r.value_cny_per_t)]),
  )
}

/** A published correction with the value it replaced. */
export interface Correction {
  readonly assessment: Assessment
  readonly previousValue: number | null
}

/** Published corrections, newest first. */
export async function publishedCorrections(db: Db, limit: number): Promise<Correction[]> {
  const rows = await db
    .selectFrom('pricing_assessment as c')
    .leftJoin('pricing_assessment as p', (join) =>
      join
        .onRef('p.series_id', '=', 'c.series_id')
        .onRef('p.period_date', '=', 'c.period_date')
        .onRef('p.revision', '=', 'c.correction_of')
        .on('p.status', '=', 'published'),
    )
    .selectAll('c')
    .select('p.value_cny_per_t as previous_value')
    .where('c.status', '=', 'published')
    .where('c.correction_of', 'is not', null)
    .orderBy('c.published_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map(({ previous_value, ...r }) => ({
    assessment: assessmentFromRow(r),
    previousValue: previous_value === null ? null : Number(previous_value),
  }))
}

/** The value of the latest published base period that has one (a suspended period has none); null before the first. */
export async function latestBaseValue(db: Db): Promise<number | null> {
  const row = await db
    .selectFrom('pricing_assessment')
    .select('value_cny_per_t')
    .where('series_id', '=', BASE_SERIES_ID)
    .where('current', '=', true)
    .where('value_cny_per_t', 'is not', null)
    .orderBy('period_date', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.value_cny_per_t == null ? null : Number(row.value_cny_per_t)
}
