/**
 * The saved intake plans (migration 0009). A month has one current plan; saving the month again
 * adds the next revision and makes it current, the earlier ones stay as history.
 * @module
 */
import { type Kysely, type Selectable, sql } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import type { IntakePlan, IntakePlant, IntakeSupplier, MetalForm } from './intake/index.ts'

type Db = Kysely<Database>

/** One smelter offer as posed, with the name a client gave it. */
export interface PosedSupplier extends IntakeSupplier {
  readonly name: string | null
}

/** One plant as posed, both forms of demand present (0 for none). */
export interface PosedPlant extends IntakePlant {
  readonly demandT: Readonly<Record<MetalForm, number>>
  readonly name: string | null
}

/** The problem a plan was solved for, with every default filled in. */
export interface PosedIntakeProblem {
  readonly suppliers: readonly PosedSupplier[]
  readonly plants: readonly PosedPlant[]
  readonly unmetPenaltyCnyPerT: number
}

/** What a plan delivers and saves, derived from its flows and unmet tonnes. */
export interface IntakeFigures {
  readonly totalCostCny: number
  readonly deliveredT: number
  readonly unmetT: number
  readonly moltenT: number
  /** moltenT / deliveredT; null when nothing is delivered. */
  readonly moltenShare: number | null
  readonly gasSavedM3: number
}

/** A month's plan to save. */
export interface NewIntakePlan extends IntakeFigures {
  readonly month: string
  readonly problem: PosedIntakeProblem
  readonly result: IntakePlan
  readonly synthetic: boolean
  readonly createdBy: string | null
  readonly createdAtMs: number
}

/** A month's plan as listed. */
export interface IntakePlanSummary extends IntakeFigures {
  readonly month: string
  readonly revision: number
  readonly synthetic: boolean
  readonly createdBy: string | null
  readonly createdAtMs: number
}

/** A saved plan with its problem and solution. */
export interface StoredIntakePlan extends IntakePlanSummary {
  readonly problem: PosedIntakeProblem
  readonly result: IntakePlan
}

type Row = Selectable<Database['distribution_intake_plan']>

const SUMMARY_COLUMNS = [
  'month',
  'revision',
  'total_cost_cny',
  'delivered_t',
  'unmet_t',
  'molten_t',
  'molten_share',
  'gas_saved_m3',
  'synthetic',
  'created_by',
  'created_at',
] as const

const summaryOf = (row: Pick<Row, (typeof SUMMARY_COLUMNS)[number]>): IntakePlanSummary => ({
  month: row.month,
  revision: row.revision,
  totalCostCny: row.total_cost_cny,
  deliveredT: row.delivered_t,
  unmetT: row.unmet_t,
  moltenT: row.molten_t,
  moltenShare: row.molten_share,
  gasSavedM3: row.gas_saved_m3,
  synthetic: row.synthetic,
  createdBy: row.created_by,
  createdAtMs: row.created_at.getTime(),
})

async function insertRevision(trx: Db, plan: NewIntakePlan): Promise<StoredIntakePlan> {
  // Two saves of one month queue here, so each gets its own revision number.
  await sql`select pg_advisory_xact_lock(hashtext(${`distribution_intake_plan:${plan.month}`}))`.execute(trx)
  const last = await trx
    .selectFrom('distribution_intake_plan')
    .select(({ fn }) => fn.max('revision').as('revision'))
    .where('month', '=', plan.month)
    .executeTakeFirst()
  await trx
    .updateTable('distribution_intake_plan')
    .set({ current: false })
    .where('month', '=', plan.month)
    .where('current', '=', true)
    .execute()
  const row = await trx
    .insertInto('distribution_intake_plan')
    .values({
      month: plan.month,
      revision: (last?.revision ?? 0) + 1,
      current: true,
      problem: JSON.stringify(plan.problem),
      result: JSON.stringify(plan.result),
      total_cost_cny: plan.totalCostCny,
      delivered_t: plan.deliveredT,
      unmet_t: plan.unmetT,
      molten_t: plan.moltenT,
      molten_share: plan.moltenShare,
      gas_saved_m3: plan.gasSavedM3,
      synthetic: plan.synthetic,
      created_by: plan.createdBy,
      created_at: new Date(plan.createdAtMs),
    })
    .returning(SUMMARY_COLUMNS)
    .executeTakeFirstOrThrow()
  return { ...summaryOf(row), problem: plan.problem, result: plan.result }
}

/** Saves the month's plan as its next revision (in the caller's transaction when given one). */
export function saveIntakePlan(db: Db, plan: NewIntakePlan): Promise<StoredIntakePlan> {
  if (db.isTransaction) return insertRevision(db, plan)
  return db.transaction().execute((trx) => insertRevision(trx, plan))
}

/** The current plan of every month, newest month first. */
export async function listIntakePlans(db: Db): Promise<IntakePlanSummary[]> {
  const rows = await db
    .selectFrom('distribution_intake_plan')
    .select(SUMMARY_COLUMNS)
    .where('current', '=', true)
    .orderBy('month', 'desc')
    .execute()
  return rows.map(summaryOf)
}

/** The month's current plan, or null. */
export async function findIntakePlan(db: Db, month: string): Promise<StoredIntakePlan | null> {
  const row = await db
    .selectFrom('distribution_intake_plan')
    .selectAll()
    .where('month', '=', month)
    .where('current', '=', true)
    .executeTakeFirst()
  if (!row) return null
  return {
    ...summaryOf(row),
    problem: row.problem as PosedIntakeProblem,
    result: row.result as IntakePlan,
  }
}

/** The current plan of the latest month saved before `month`, or null. */
export async function previousIntakePlan(db: Db, month: string): Promise<IntakePlanSummary | null> {
  const row = await db
    .selectFrom('distribution_intake_plan')
    .select(SUMMARY_COLUMNS)
    .where('month', '<', month)
    .where('current', '=', true)
    .orderBy('month', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? summaryOf(row) : null
}
