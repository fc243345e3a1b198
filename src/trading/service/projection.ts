/**
 * Writes what commands did to SQL: orders, trades, contracts and the ledger's transactions,
 * entries and balances, and the journal position, all in one database transaction per batch. A
 * trade's settlement (cash to the seller, receipts to the buyer, fees to the center) and its
 * contract therefore commit together, and a crash leaves the projection at a command boundary
 * that recovery replays from.
 * @module
 */
import type { Transaction } from 'kysely'
import {
  type AccountBalance,
  accountId,
  addToBalances,
  type Entry,
  insertEntries,
  type Posting,
} from '../../ledger/index.ts'
import type { Database } from '../../platform/db/index.ts'
import type { Applied, OrderState } from './model.ts'

/** Rows per multi-row statement: far below PostgreSQL's 65,535 parameters at ≤ 25 columns. */
const CHUNK = 1000

const chunks = <T>(rows: readonly T[]): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK))
  return out
}

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
  reserved: o.reserved,
  filled_notional_fen: o.filledNotionalFen,
  idempotency_key: o.idempotencyKey,
  request_hash: o.requestHash,
  placement_trade_ids: o.placementTradeIds.map(String),
  priority_seq: o.prioritySeq,
  created_seq: o.createdSeq,
  created_at: new Date(o.createdAtMs),
  updated_at: new Date(o.updatedAtMs),
})

/** Writes a batch of applied commands (consecutive, in order) and moves the projected position. */
export async function project(trx: Transaction<Database>, batch: readonly Applied[]): Promise<void> {
  if (batch.length === 0) return
  // The last state of each order in the batch (the objects are live: the latest state wins anyway).
  const orders = new Map<number, OrderState>()
  for (const a of batch) for (const o of a.orders) orders.set(o.id, o)
  for (const rows of chunks([...orders.values()].map(orderRow))) {
    await trx
      .insertInto('trading_order')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          price_cny_per_t: eb.ref('excluded.price_cny_per_t'),
          reserve_price_cny_per_t: eb.ref('excluded.reserve_price_cny_per_t'),
          qty_kg: eb.ref('excluded.qty_kg'),
          filled_kg: eb.ref('excluded.filled_kg'),
          remaining_kg: eb.ref('excluded.remaining_kg'),
          status: eb.ref('excluded.status'),
          cancel_reason: eb.ref('excluded.cancel_reason'),
          reserved: eb.ref('excluded.reserved'),
          filled_notional_fen: eb.ref('excluded.filled_notional_fen'),
          priority_seq: eb.ref('excluded.priority_seq'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute()
  }
  const trades = batch.flatMap((a) => a.trades)
  for (const rows of chunks(trades)) {
    await trx
      .insertInto('trade')
      .values(
        rows.map((t) => ({
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
          notional_fen: t.notionalFen,
          buyer_fee_fen: t.buyerFeeFen,
          seller_fee_fen: t.sellerFeeFen,
          traded_at: new Date(t.atMs),
        })),
      )
      .execute()
  }
  const contracts = batch.flatMap((a) => a.contracts.map((c) => ({ c, atMs: a.atMs })))
  for (const rows of chunks(contracts)) {
    await trx
      .insertInto('contract')
      .values(
        rows.map(({ c, atMs }) => ({
          id: c.id,
          trade_id: c.tradeId,
          instrument: c.instrument,
          buyer_id: c.buyerId,
          seller_id: c.sellerId,
          qty_kg: c.qtyKg,
          all_in_cny_per_t: c.allInCnyPerT,
          amount_fen: c.amountFen,
          warehouse_id: c.warehouseId,
          pickup_from: c.pickupFrom,
          pickup_to: c.pickupTo,
          status: 'settled',
          created_at: new Date(atMs),
        })),
      )
      .execute()
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
  const idOf = new Map<string, bigint>()
  for (const rows of chunks(postings)) {
    const inserted = await trx
      .insertInto('ledger_transaction')
      .values(rows.map((p) => ({ kind: p.kind, reference: p.reference, memo: p.memo, key: p.key })))
      .returning(['id', 'key'])
      .execute()
    for (const r of inserted) idOf.set(r.key ?? '', BigInt(r.id))
  }
  const entries: (Entry & { transactionId: bigint })[] = []
  const deltas = new Map<string, AccountBalance>()
  for (const p of postings) {
    const transactionId = idOf.get(p.key ?? '')
    if (transactionId === undefined) throw new Error(`ledger: posting ${p.key} got no id`)
    for (const e of p.entries) {
      entries.push({ ...e, transactionId })
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
  for (const rows of chunks(entries)) await insertEntries(trx, rows)
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
