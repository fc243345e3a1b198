import type { ColumnType } from 'kysely'

type Instant = ColumnType<Date, Date | string | undefined, Date | string>
/** jsonb: written as JSON text, read back parsed. */
type Json = ColumnType<unknown, string, string>

/** Distribution's freight tables (migration 0007_distribution_freight, written by src/distribution). */
export interface DistributionFreightTables {
  distribution_tariff: DistributionTariffTable
  distribution_differential: DistributionDifferentialTable
}

export interface DistributionTariffTable {
  id: string
  /** Order of addition (int8: read back as bigint). */
  seq: ColumnType<bigint, never, never>
  effective_from: string
  truck_fen_per_tkm_hundredths: number
  truck_min_fen_per_t: number
  truck_payload_t: number
  molten_fen_per_tkm_hundredths: number
  molten_min_fen_per_t: number
  molten_max_road_km_tenths: number
  molten_payload_t: number
  rail_fen_per_tkm_hundredths: number
  rail_terminal_fen_per_t: number
  rail_min_km_tenths: number
  note: string | null
  /** The user who added the version; null for the migration's default. */
  created_by: string | null
  created_at: Instant
}

export interface DistributionDifferentialTable {
  id: string
  seq: ColumnType<bigint, never, never>
  effective_from: string
  /** { [origin id]: whole CNY/t }. */
  cny_per_t: Json
  note: string | null
  created_by: string | null
  created_at: Instant
}
