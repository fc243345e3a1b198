/**
 * Reads the trading projections: the snapshot recovery starts from, and the order and trade lists
 * the API serves.
 * @module
 */
import type { Selectable } from 'kysely'
import type { Db } from '../../ledger/index.ts'
import type { TradingOrderTable } from '../../platform/db/schema-trading.ts'
import type { CancelReasonName, OrderState, OrderStatus, SideName, StpName, TifName } from './model.ts'
import type { Snapshot } from './state.ts'

/** An int8 (or a count) read back from SQL as a number: ids, kg and prices fit in 2^53. */
export const num = (v: bigint | number | string): number => Number(v)
const numOrNull = (v: bigint | number | string | null): number | null => (v === null ? null : Number(v))

export function orderFromRow(r: Selectable<TradingOrderTable>): OrderState {
  return {
    id: num(r.id),
    enterpriseId: r.enterprise_id,
    userId: r.user_id,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    instrument: r.instrument,
    side: r.side as SideName,
    type: r.type as 'limit' | 'market',
    tif: r.tif as TifName,
    postOnly: r.post_only,
    stp: r.stp as StpName,
    priceCnyPerT: numOrNull(r.price_cny_per_t),
    reservePriceCnyPerT: num(r.reserve_price_cny_per_t),
    baseCnyPerT: numOrNull(r.base_cny_per_t),
    qtyKg: num(r.qty_kg),
    filledKg: num(r.filled_kg),
    remainingKg: num(r.remaining_kg),
    status: r.status as OrderStatus,
    cancelReason: r.cancel_reason as CancelReasonName | null,
    reserved: BigInt(r.reserved),
    filledNotionalFen: BigInt(r.filled_notional_fen),
    prioritySeq: num(r.priority_seq),
    createdSeq: num(r.created_seq),
    createdAtMs: new Date(r.created_at).getTime(),
    updatedAtMs: new Date(r.updated_at).getTime(),
    placementTradeIds: r.placement_trade_ids.map(num),
  }
}

/**
 * The projection as a snapshot: balances, open orders in queue priority, and the orders placed
 * since `keysSinceMs` (whose idempotency keys are still remembered).
 */
export async function loadSnapshot(db: Db, keysSinceMs: number): Promise<Snapshot> {
  const cursor = await db
    .selectFrom('trading_cursor')
    .select('seq')
    .where('name', '=', 'projected')
    .executeTakeFirstOrThrow()
  const balances = await db
    .selectFrom('ledger_balance')
    .select(['owner', 'asset', 'bucket', 'amount'])
    .execute()
  const open = await db
    .selectFrom('trading_order')
    .selectAll()
    .where('status', '=', 'open')
    .orderBy('priority_seq')
    .orderBy('id')
    .execute()
  const recent = await db
    .selectFrom('trading_order')
    .selectAll()
    .where('status', '<>', 'open')
    .where('created_at', '>=', new Date(keysSinceMs))
    .orderBy('id')
    .execute()
  const maxIds = await db
    .selectFrom('trading_order')
    .select((eb) => eb.fn.coalesce(eb.fn.max('id'), eb.lit(0)).as('order'))
    .executeTakeFirstOrThrow()
  const maxTrade = await db
    .selectFrom('trade')
    .select((eb) => eb.fn.coalesce(eb.fn.max('id'), eb.lit(0)).as('trade'))
    .executeTakeFirstOrThrow()
  const calls = await db
    .selectFrom('trading_cursor')
    .select('name')
    .where('name', 'like', 'call:%')
    .where('seq', '=', 1n)
    .execute()
  const openOrders = open.map(orderFromRow)
  const recentOrders = recent.map(orderFromRow)
  const keys = [...openOrders, ...recentOrders].map((o) => ({
    enterpriseId: o.enterpriseId,
    key: o.idempotencyKey,
    orderId: o.id,
    hash: o.requestHash,
    createdAtMs: o.createdAtMs,
  }))
  return {
    seq: num(cursor.seq),
    nextOrderId: num(maxIds.order) + 1,
    nextTradeId: num(maxTrade.trade) + 1,
    balances: balances.map((b) => ({
      owner: b.owner,
      asset: b.asset as `RCPT:${string}`,
      bucket: b.bucket as 'available' | 'reserved',
      amount: BigInt(b.amount),
    })),
    openOrders,
    closedOrders: recentOrders,
    keys,
    callInstruments: calls.map((c) => c.name.slice('call:'.length)),
  }
}
