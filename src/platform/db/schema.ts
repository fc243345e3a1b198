import type { ColumnType, Generated } from 'kysely'
import type { AccountsTables } from './schema-accounts.ts'
import type { CbamTables } from './schema-cbam.ts'
import type { DistributionFreightTables } from './schema-distribution.ts'
import type { EcologyTables } from './schema-ecology.ts'
import type { InstrumentsTables } from './schema-instruments.ts'
import type { IntakePlanTables } from './schema-intake.ts'
import type { LedgerTables } from './schema-ledger.ts'
import type { PolicyTables } from './schema-policy.ts'
import type { PricingTables } from './schema-pricing.ts'
import type { ShipmentsTables } from './schema-shipments.ts'
import type { TradingTables } from './schema-trading.ts'

/**
 * The SQL schema as Kysely sees it. int8 columns are parsed to bigint on both backends (see
 * connect.ts), so money reads back exactly.
 */
export interface Database
  extends AccountsTables,
    LedgerTables,
    InstrumentsTables,
    TradingTables,
    PricingTables,
    DistributionFreightTables,
    ShipmentsTables,
    IntakePlanTables,
    EcologyTables,
    PolicyTables,
    CbamTables {
  enterprise: EnterpriseTable
  enterprise_capacity: EnterpriseCapacityTable
  catalogue_item: CatalogueItemTable
  app_meta: AppMetaTable
}

export interface EnterpriseTable {
  id: string
  name_zh: string
  name_en: string
  kind: string
  category: string | null
  stages: string[]
  place: string
  province: string
  lat: number
  lon: number
  annual_revenue_fen: ColumnType<bigint, bigint | string, bigint | string>
  employees: number
  certifications: string[]
  in_cluster: boolean
  top_ten_sheet_strip: boolean
  synthetic: boolean
  created_at: Generated<Date>
}

export interface EnterpriseCapacityTable {
  enterprise_id: string
  form: string
  tonnes_per_year: number
}

export interface CatalogueItemTable {
  id: string
  enterprise_id: string
  form: string
  alloy: string
  temper: string
  thickness_min_um: number
  thickness_max_um: number
  width_min_mm: number
  width_max_mm: number
  application: string | null
  monthly_capacity_t: number
}

export interface AppMetaTable {
  key: string
  value: ColumnType<unknown, string, string>
  updated_at: Generated<Date>
}
