import type { ColumnType } from 'kysely'

/** int8 identity: read back as bigint, never written. */
type Identity = ColumnType<bigint, never, never>
type Int8 = ColumnType<bigint, bigint | string | number, bigint | string | number>
type NullableInt8 = ColumnType<
  bigint | null,
  bigint | string | number | null | undefined,
  bigint | string | number | null
>
type Instant = ColumnType<Date, Date | string, Date | string>
type Flag = ColumnType<boolean, boolean | undefined, boolean>

/** Tables of migration 0013_cbam, written by src/ecology/cbam (issue 7). */
export interface CbamTables {
  cbam_declaration: CbamDeclarationTable
  cbam_communication: CbamCommunicationTable
  cbam_communication_good: CbamCommunicationGoodTable
  cbam_communication_precursor: CbamCommunicationPrecursorTable
}

/** A smelter's declared SEE of one CN code for a year (or one quarter of it); never updated. */
export interface CbamDeclarationTable {
  id: Identity
  enterprise_id: string
  /** Digits only, 4 to 10 of them. */
  cn_code: string
  year: number
  /** 1–4, or null for the whole year. */
  quarter: number | null
  see_tco2e_per_t: number
  route: 'primary' | 'secondary'
  verifier: string | null
  evidence: string | null
  /** The declaring user; null only for rows written without one. */
  declared_by: string | null
  declared_at: Instant
  synthetic: Flag
}

export interface CbamCommunicationTable {
  id: Identity
  shipment_id: Int8
  method: 'v1'
  importer_name: string
  importer_country: string
  importer_eori: string
  installation_name: string
  installation_address: string
  installation_country: string
  installation_unlocode: string | null
  installation_enterprise_id: string
  year: number
  /** `YYYY-MM-DD`. */
  period_start: string
  period_end: string
  eur_cents_per_tco2: number
  created_by: string | null
  created_at: Instant
  synthetic: Flag
}

/** One good (8-digit CN code) of a communication, with the installation's data attributed to it. */
export interface CbamCommunicationGoodTable {
  id: Identity
  communication_id: Int8
  position: number
  cn_code: string
  description: string | null
  output_t: number
  shipped_t: number
  natural_gas_nm3: number
  other_direct_tco2e: number
  electricity_kwh: number
  grid_kgco2_per_kwh: number
  scrap_t: number
}

/** A precursor of a good: of a declaration, or on the EU default when `declaration_id` is null. */
export interface CbamCommunicationPrecursorTable {
  id: Identity
  good_id: Int8
  position: number
  cn_code: string
  tonnes: number
  origin: string | null
  declaration_id: NullableInt8
}
