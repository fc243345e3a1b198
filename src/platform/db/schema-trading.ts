import type { ColumnType } from 'kysely'

type Int8 = ColumnType<bigint, bigint | string | number, bigint | string | number>
type NullableInt8 = ColumnType<
  bigint | null,
  bigint | string | number | null,
  bigint | string | number | null
>

/** The trading center's projections (migration 0005_trading, written by src/trading/service). */
export interface TradingTables {
  trading_cursor: { name: string; seq: Int8 }
  trading_order: TradingOrderTable
  trade: TradeTable
  contract: ContractTable
}

export interface TradingOrderTable {
  id: Int8
  instrument: string
  enterprise_id: string
  user_id: string
  side: string
  type: string
  tif: string
  post_only: boolean
  stp: string
  price_cny_per_t: NullableInt8
  reserve_price_cny_per_t: Int8
  base_cny_per_t: NullableInt8
  qty_kg: Int8
  filled_kg: Int8
  remaining_kg: Int8
  status: string
  cancel_reason: string | null
  /** Fen for a buy, kg for a sell. */
  reserved: Int8
  filled_notional_fen: Int8
  idempotency_key: string
  request_hash: string
  placement_trade_ids: ColumnType<bigint[], string[] | bigint[], string[] | bigint[]>
  priority_seq: Int8
  created_seq: Int8
  created_at: ColumnType<Date, Date | string, Date | string>
  updated_at: ColumnType<Date, Date | string, Date | string>
}

export interface TradeTable {
  id: Int8
  seq: Int8
  instrument: string
  price_cny_per_t: Int8
  all_in_cny_per_t: Int8
  qty_kg: Int8
  buy_order_id: Int8
  sell_order_id: Int8
  buyer_id: string
  seller_id: string
  aggressor: string
  notional_fen: Int8
  buyer_fee_fen: Int8
  seller_fee_fen: Int8
  traded_at: ColumnType<Date, Date | string, Date | string>
}

export interface ContractTable {
  id: Int8
  trade_id: Int8
  instrument: string
  buyer_id: string
  seller_id: string
  qty_kg: Int8
  all_in_cny_per_t: Int8
  amount_fen: Int8
  warehouse_id: string | null
  pickup_from: ColumnType<string, string, string>
  pickup_to: ColumnType<string, string, string>
  status: string
  created_at: ColumnType<Date, Date | string, Date | string>
}
