/**
 * Writes what commands did to SQL: orders, trades, contracts and the ledger's transactions,
 * entries and balances, and the journal position, all in one database transaction per batch. A
 * trade's settlement (cash to the seller, receipts to the buyer, fees to the center) and its
 * contract therefore commit together, and a crash leaves the projection at a command boundary
 * that recovery replays from.
 * @module
 */
import { type RawBuilder, sql, type Transaction } from 'kysely'
import { type AccountBalance, accountId, addToBalances, type Posting } from '../../ledger/index.ts'
import type { Database } from '../../platform/db/index.ts'
import type { Applied, OrderState } from './model.ts'

/**
 * Rows per statement. Each statement carries its rows as one JSON parameter (`json_to_recordset`):
 * building a multi-row query per value and handing thousands of parameters to the PGlite worker
 * cost the thread that answers orders more than the rows cost the database.
 */
const CHUNK = 1000

const chunks = <T>(rows: readonly T[]): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK))
  return out
}

/**
 * The rows as a JSON array. Row builders give bigints as decimal strings (exact: PostgreSQL reads
 * them as text); a replacer function would cost a call per value.
 */
const json = (rows: readonly unknown[]): string => JSON.stringify(rows)

/**
 * `select <columns> from json_to_recordset($1)`, in the array's order (serial ids, such as the
 * ledger's transaction ids, are then given in that order).
 */
function recordset(
  columns: readonly (readonly [string, string])[],
  rows: readonly unknown[],
): RawBuilder<unknown> {
  const names = columns.map(([name]) => name).join(', ')
  const types = columns.map(([name, type]) => `${name} ${type}`).join(', ')
  return sql`select ${sql.raw(names)}
    from rows from (json_to_recordset(${json(rows)}::json) as (${sql.raw(types)})) with ordinality as r(${sql.raw(names)}, n)
    order by n`
}

const ORDER_COLUMNS = [
  ['id', 'bigint'],
  ['instrument', 'text'],
  ['enterprise_id', 'text'],
  ['user_id', 'text'],
  ['side', 'text'],
  ['type', 'text'],
  ['tif', 'text'],
  ['post_only', 'boolean'],
  ['stp', 'text'],
  ['price_cny_per_t', 'bigint'],
  ['reserve_price_cny_per_t', 'bigint'],
  ['base_cny_per_t', 'bigint'],
  ['qty_kg', 'bigint'],
  ['filled_kg', 'bigint'],
  ['remaining_kg', 'bigint'],
  ['status', 'text'],
  ['cancel_reason', 'text'],
  ['reserved', 'bigint'],
  ['filled_notional_fen', 'bigint'],
  ['idempotency_key', 'text'],
  ['request_hash', 'text'],
  ['placement_trade_ids', 'bigint[]'],
  ['priority_seq', 'bigint'],
  ['created_seq', 'bigint'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
] as const
/** What a later command may change of an order. */
const ORDER_UPDATES = [
  'price_cny_per_t',
  'reserve_price_cny_per_t',
  'qty_kg',
  'filled_kg',
  'remaining_kg',
  'status',
  'cancel_reason',
  'reserved',
  'filled_notional_fen',
  'priority_seq',
  'updated_at',
]
const ORDER_UPSERT = sql.raw(
  `on conflict (id) do update set ${ORDER_UPDATES.map((c) => `${c} = excluded.${c}`).join(', ')}`,
)

const orderRow = (o: OrderState) => ({
  id: o.id,
  instrument: o.instrument,
  enterprise_id: o.enterpriseId,
  user_id: o.userId,
  side: o.side,
  type: o.type,
  tif: o.tif,
  post_only: o.postOnly,
  stp: o.stp,
  price_cny_per_t: o.priceCnyPerT,
  reserve_price_cny_per_t: o.reservePriceCnyPerT,
  base_cny_per_t: o.baseCnyPerT,
  qty_kg: o.qtyKg,
  filled_kg: o.filledKg,
  remaining_kg: o.remainingKg,
  status: o.status,
  cancel_reason: o.cancelReason,
  reserved: o.reserved.toString(),
  filled_notional_fen: o.filledNotionalFen.toString(),
  idempotency_key: o.idempotencyKey,
  request_hash: o.requestHash,
  placement_trade_ids: o.placementTradeIds,
  priority_seq: o.prioritySeq,
  created_seq: o.createdSeq,
  created_at: new Date(o.createdAtMs).toISOString(),
  updated_at: new Date(o.updatedAtMs).toISOString(),
})

const TRADE_COLUMNS = [
  ['id', 'bigint'],
  ['seq', 'bigint'],
  ['instrument', 'text'],
  ['price_cny_per_t', 'bigint'],
  ['all_in_cny_per_t', 'bigint'],
  ['qty_kg', 'bigint'],
  ['buy_order_id', 'bigint'],
  ['sell_order_id', 'bigint'],
  ['buyer_id', 'text'],
  ['seller_id', 'text'],
  ['aggressor', 'text'],
  ['notional_fen', 'bigint'],
  ['buyer_fee_fen', 'bigint'],
  ['seller_fee_fen', 'bigint'],
  ['traded_at', 'timestamptz'],
] as const

const CONTRACT_COLUMNS = [
  ['id', 'bigint'],
  ['trade_id', 'bigint'],
  ['instrument', 'text'],
  ['buyer_id', 'text'],
  ['seller_id', 'text'],
  ['qty_kg', 'bigint'],
  ['all_in_cny_per_t', 'bigint'],
  ['amount_fen', 'bigint'],
  ['warehouse_id', 'text'],
  ['pickup_from', 'date'],
  ['pickup_to', 'date'],
  ['status', 'text'],
  ['created_at', 'timestamptz'],
] as const

const TRANSACTION_COLUMNS = [
  ['kind', 'text'],
  ['reference', 'text'],
  ['memo', 'text'],
  ['key', 'text'],
] as const

const ENTRY_COLUMNS = [
  ['transaction_id', 'bigint'],
  ['kind', 'text'],
  ['owner', 'text'],
  ['asset', 'text'],
  ['bucket', 'text'],
  ['amount', 'bigint'],
] as const

const columnList = (columns: readonly (readonly [string, string])[]) =>
  sql.raw(columns.map(([name]) => name).join(', '))

/** Writes a batch of applied commands (consecutive, in order) and moves the projected position. */
export async function project(trx: Transaction<Database>, batch: readonly Applied[]): Promise<void> {
  if (batch.length === 0) return
  // The last state of each order in the batch (the objects are live: the latest state wins anyway).
  const orders = new Map<number, OrderState>()
  for (const a of batch) for (const o of a.orders) orders.set(o.id, o)
  for (const rows of chunks([...orders.values()].map(orderRow))) {
    await sql`insert into trading_order (${columnList(ORDER_COLUMNS)})
      ${recordset(ORDER_COLUMNS, rows)} ${ORDER_UPSERT}`.execute(trx)
  }
  const trades = batch.flatMap((a) => a.trades)
  for (const rows of chunks(trades)) {
    const values = rows.map((t) => ({
      id: t.id,
      seq: t.seq,
      instrument: t.instrument,
      price_cny_per_t: t.priceCnyPerT,
      all_in_cny_per_t: t.allInCnyPerT,
      qty_kg: t.qtyKg,
      buy_order_id: t.buyOrderId,
      sell_order_id: t.sellOrderId,
      buyer_id: t.buyerId,
      seller_id: t.sellerId,
      aggressor: t.aggressor,
      notional_fen: t.notionalFen.toString(),
      buyer_fee_fen: t.buyerFeeFen.toString(),
      seller_fee_fen: t.sellerFeeFen.toString(),
      traded_at: new Date(t.atMs).toISOString(),
    }))
    await sql`insert into trade (${columnList(TRADE_COLUMNS)}) ${recordset(TRADE_COLUMNS, values)}`.execute(
      trx,
    )
  }
  const contracts = batch.flatMap((a) => a.contracts.map((c) => ({ c, atMs: a.atMs })))
  for (const rows of chunks(contracts)) {
    const values = rows.map(({ c, atMs }) => ({
      id: c.id,
      trade_id: c.tradeId,
      instrument: c.instrument,
      buyer_id: c.buyerId,
      seller_id: c.sellerId,
      qty_kg: c.qtyKg,
      all_in_cny_per_t: c.allInCnyPerT,
      amount_fen: c.amountFen.toString(),
      warehouse_id: c.warehouseId,
      pickup_from: c.pickupFrom,
      pickup_to: c.pickupTo,
      status: 'settled',
      created_at: new Date(atMs).toISOString(),
    }))
    await sql`insert into contract (${columnList(CONTRACT_COLUMNS)})
      ${recordset(CONTRACT_COLUMNS, values)}`.execute(trx)
  }
  await writeLedger(
    trx,
    batch.flatMap((a) => a.ledger),
  )
  for (const a of batch) {
    if (a.command.op !== 'phase') continue
    const name = `call:${a.command.instrument}`
    const seq = a.command.model === 'call' ? 1 : 0
    await trx
      .insertInto('trading_cursor')
      .values({ name, seq })
      .onConflict((oc) => oc.column('name').doUpdateSet({ seq }))
      .execute()
  }
  const last = batch[batch.length - 1]!.seq
  await trx.updateTable('trading_cursor').set({ seq: last }).where('name', '=', 'projected').execute()
}

/**
 * The ledger's postings of a batch, in bulk: transactions, their entries, and each touched
 * balance moved by its net change (a delta, so a deposit made beside the server is not overwritten).
 */
async function writeLedger(trx: Transaction<Database>, postings: readonly Posting[]) {
  if (postings.length === 0) return
  const idOf = new Map<string, string>()
  for (const rows of chunks(postings)) {
    const values = rows.map((p) => ({ kind: p.kind, reference: p.reference, memo: p.memo, key: p.key }))
    const inserted = await sql<{ id: bigint; key: string | null }>`
      insert into ledger_transaction (${columnList(TRANSACTION_COLUMNS)})
      ${recordset(TRANSACTION_COLUMNS, values)} returning id, key`.execute(trx)
    for (const r of inserted.rows) idOf.set(r.key ?? '', String(r.id))
  }
  const entries: unknown[] = []
  const deltas = new Map<string, AccountBalance>()
  for (const p of postings) {
    const transactionId = idOf.get(p.key ?? '')
    if (transactionId === undefined) throw new Error(`ledger: posting ${p.key} got no id`)
    for (const e of p.entries) {
      entries.push({
        transaction_id: transactionId,
        kind: e.kind,
        owner: e.owner,
        asset: e.asset,
        bucket: e.bucket,
        amount: e.amount.toString(),
      })
      const id = accountId(e)
      const d = deltas.get(id)
      deltas.set(id, {
        owner: e.owner,
        asset: e.asset,
        bucket: e.bucket,
        amount: (d?.amount ?? 0n) + e.amount,
      })
    }
  }
  for (const rows of chunks(entries))
    await sql`insert into ledger_entry (${columnList(ENTRY_COLUMNS)}) ${recordset(ENTRY_COLUMNS, rows)}`.execute(
      trx,
    )
  // Every touched account gets its row, even when the batch nets it to zero: verify expects one.
  const changed = [...deltas.values()]
  for (const rows of chunks(changed)) {
    // Rows first at zero, then moved: a CHECK is tested on the row an INSERT proposes, before ON CONFLICT.
    await trx
      .insertInto('ledger_balance')
      .values(rows.map((d) => ({ owner: d.owner, asset: d.asset, bucket: d.bucket, amount: '0' })))
      .onConflict((oc) => oc.columns(['owner', 'asset', 'bucket']).doNothing())
      .execute()
    await addToBalances(trx, rows)
  }
}
