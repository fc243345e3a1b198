/**
 * The trading projections as the API lists them: orders, trades and contracts, newest first,
 * paged by id.
 * @module
 */
import type { Selectable } from 'kysely'
import type { Db } from '../../ledger/index.ts'
import type { TradeTable } from '../../platform/db/schema-trading.ts'
import type { ContractRecord, OrderState, OrderStatus, TradeRecord } from './model.ts'
import { num, orderFromRow } from './store.ts'

export function tradeFromRow(r: Selectable<TradeTable>): TradeRecord {
  return {
    id: num(r.id),
    seq: num(r.seq),
    instrument: r.instrument,
    priceCnyPerT: num(r.price_cny_per_t),
    allInCnyPerT: num(r.all_in_cny_per_t),
    qtyKg: num(r.qty_kg),
    buyOrderId: num(r.buy_order_id),
    sellOrderId: num(r.sell_order_id),
    buyerId: r.buyer_id,
    sellerId: r.seller_id,
    aggressor: r.aggressor as TradeRecord['aggressor'],
    notionalFen: BigInt(r.notional_fen),
    buyerFeeFen: BigInt(r.buyer_fee_fen),
    sellerFeeFen: BigInt(r.seller_fee_fen),
    atMs: new Date(r.traded_at).getTime(),
  }
}

export async function tradesByIds(db: Db, ids: readonly number[]): Promise<TradeRecord[]> {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('trade')
    .selectAll()
    .where('id', 'in', ids.map(BigInt))
    .orderBy('id')
    .execute()
  return rows.map(tradeFromRow)
}

export interface OrderFilter {
  /** Null: every enterprise (risk, admin). */
  readonly enterpriseId: string | null
  readonly status?: OrderStatus
  readonly instrument?: string
  /** Orders with an id below this one (the next page). */
  readonly beforeId?: number
  readonly limit: number
}

export async function listOrders(db: Db, filter: OrderFilter): Promise<OrderState[]> {
  let q = db.selectFrom('trading_order').selectAll()
  if (filter.enterpriseId !== null) q = q.where('enterprise_id', '=', filter.enterpriseId)
  if (filter.status !== undefined) q = q.where('status', '=', filter.status)
  if (filter.instrument !== undefined) q = q.where('instrument', '=', filter.instrument)
  if (filter.beforeId !== undefined) q = q.where('id', '<', BigInt(filter.beforeId))
  const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute()
  return rows.map(orderFromRow)
}

export async function findOrder(db: Db, id: number): Promise<OrderState | null> {
  const row = await db.selectFrom('trading_order').selectAll().where('id', '=', BigInt(id)).executeTakeFirst()
  return row ? orderFromRow(row) : null
}

export interface TradeFilter {
  /** Only trades where this enterprise bought or sold. */
  readonly enterpriseId?: string
  readonly instrument?: string
  readonly orderId?: number
  readonly beforeId?: number
  readonly sinceMs?: number
  readonly limit: number
}

export async function listTrades(db: Db, filter: TradeFilter): Promise<TradeRecord[]> {
  let q = db.selectFrom('trade').selectAll()
  const mine = filter.enterpriseId
  if (mine !== undefined) q = q.where((eb) => eb.or([eb('buyer_id', '=', mine), eb('seller_id', '=', mine)]))
  if (filter.instrument !== undefined) q = q.where('instrument', '=', filter.instrument)
  const order = filter.orderId
  if (order !== undefined)
    q = q.where((eb) =>
      eb.or([eb('buy_order_id', '=', BigInt(order)), eb('sell_order_id', '=', BigInt(order))]),
    )
  if (filter.beforeId !== undefined) q = q.where('id', '<', BigInt(filter.beforeId))
  if (filter.sinceMs !== undefined) q = q.where('traded_at', '>=', new Date(filter.sinceMs))
  const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute()
  return rows.map(tradeFromRow)
}

/** A contract with where it stands (settled, delivered, closed). */
export interface ContractView extends ContractRecord {
  readonly status: string
}

export async function listContracts(
  db: Db,
  enterpriseId: string | null,
  limit: number,
): Promise<ContractView[]> {
  let q = db
    .selectFrom('contract')
    .select((eb) => [
      'id',
      'trade_id',
      'instrument',
      'buyer_id',
      'seller_id',
      'qty_kg',
      'all_in_cny_per_t',
      'amount_fen',
      'warehouse_id',
      'status',
      eb.fn<string>('to_char', ['pickup_from', eb.val('YYYY-MM-DD')]).as('from'),
      eb.fn<string>('to_char', ['pickup_to', eb.val('YYYY-MM-DD')]).as('to'),
    ])
  if (enterpriseId !== null)
    q = q.where((eb) => eb.or([eb('buyer_id', '=', enterpriseId), eb('seller_id', '=', enterpriseId)]))
  const rows = await q.orderBy('id', 'desc').limit(limit).execute()
  return rows.map((r) => ({
    id: num(r.id),
    tradeId: num(r.trade_id),
    instrument: r.instrument,
    buyerId: r.buyer_id,
    sellerId: r.seller_id,
    qtyKg: num(r.qty_kg),
    allInCnyPerT: num(r.all_in_cny_per_t),
    amountFen: BigInt(r.amount_fen),
    warehouseId: r.warehouse_id,
    pickupFrom: r.from,
    pickupTo: r.to,
    status: r.status,
  }))
}
