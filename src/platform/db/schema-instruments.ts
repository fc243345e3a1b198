import type { ColumnType, Generated } from 'kysely'

/** A session as stored in jsonb: `{"start": "09:00", "end": "11:30"}`, Asia/Shanghai wall time. */
export interface SessionJson {
  start: string
  end: string
}

/** The trading center's instruments (see src/instruments and migration 0004_instruments). */
export interface InstrumentsTables {
  instrument: InstrumentTable
}

export interface InstrumentTable {
  /** Dense from 0, assigned on insert; the matching engine's instrument handle. */
  handle: number
  code: string
  name_zh: string
  name_en: string
  form: string
  spec: string
  lot_kg: number
  tick_cny_per_t: number
  /** all_in | fee */
  price_basis: string
  base_reference: string | null
  configured_base_cny_per_t: number | null
  reference_price_cny_per_t: number
  band_bps: number
  /** continuous | call | listing */
  model: string
  /** Written as JSON text (so `pg` does not turn an array into a PostgreSQL array), read as parsed JSON. */
  opening_call: ColumnType<SessionJson | null, string | null, string | null>
  sessions: ColumnType<SessionJson[], string, string>
  /** open | halted | closed */
  status: string
  buyer_fee_bps: number
  seller_fee_bps: number
  warehouse_enterprise_id: string | null
  delivery_days: number
  synthetic: boolean
  created_at: Generated<Date>
}
