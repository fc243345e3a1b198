import type { ColumnType } from 'kysely'

type Instant = ColumnType<Date, Date | string, Date | string>
/** jsonb: written as JSON text, read back parsed. */
type Json = ColumnType<unknown, string, string>

/** The month's intake plans (migration 0009_intake_plans, written by src/distribution). */
export interface IntakePlanTables {
  distribution_intake_plan: DistributionIntakePlanTable
}

export interface DistributionIntakePlanTable {
  id: ColumnType<bigint, never, never>
  /** `YYYY-MM`. */
  month: string
  /** 1 for the month's first plan, then one more each time the month is saved again. */
  revision: number
  /** The month's latest revision (one per month). */
  current: boolean
  /** The problem as posed: suppliers and plants with their optional names, the unmet penalty. */
  problem: Json
  /** The IntakePlan HiGHS solved for it. */
  result: Json
  total_cost_cny: number
  delivered_t: number
  unmet_t: number
  molten_t: number
  /** Null when nothing is delivered. */
  molten_share: number | null
  gas_saved_m3: number
  synthetic: ColumnType<boolean, boolean | undefined, boolean>
  /** The username of the admin who saved it; null for the demo's plans. */
  created_by: string | null
  created_at: Instant
}
