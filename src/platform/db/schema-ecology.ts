import type { ColumnType, Generated } from 'kysely'

type Instant = ColumnType<Date, Date | string | undefined, Date | string>
/** int8 identity: read back as bigint, never written. */
type Identity = ColumnType<bigint, never, never>

/** Tables of migration 0011_ecology, written by src/ecology (issue 7). */
export interface EcologyTables {
  energy_record: EnergyRecordTable
  ecology_grid_factor: EcologyGridFactorTable
}

/** One revision of an enterprise's month of one process line. */
export interface EnergyRecordTable {
  enterprise_id: string
  /** `YYYY-MM`, Asia/Shanghai. */
  month: string
  line: string
  revision: number
  current: boolean
  grid_kwh: number
  own_pv_kwh: number
  green_cert_kwh: number
  natural_gas_nm3: number
  other_fuels_kgce: number
  other_direct_kgco2: number
  output_t: number
  /** Why a correction was made; null on the first revision. */
  reason: string | null
  submitted_by: string | null
  submitted_at: Instant
  synthetic: Generated<boolean>
}

export interface EcologyGridFactorTable {
  id: Identity
  /** `YYYY-MM`: in force from this month on. */
  effective_from: string
  kgco2_per_kwh: number
  note: string | null
  /** The user who set it; null for the migration's default. */
  created_by: string | null
  created_at: Instant
}
