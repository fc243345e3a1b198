/**
 * Writes what commands did to SQL: orders, trades, contracts and the ledger's transactions,
 * entries and balances, and the journal position, all in one database transaction per batch. A
 * trade's settlement (cash to the seller, receipts to the buyer, fees to the center) and its
 * contract therefore commit together, and a crash leaves the projection at a command boundary
 * that recovery replays from.
 *
 * Each command is encoded for SQL (a JSON text per row) as it is added, on the thread that answers
 * orders, a few dozen microseconds at a time; writing a batch then only joins those texts. Built
 * all at once, a batch of a few hundred commands held that thread for milliseconds, which every
 * order waiting behind it paid in latency, and kept the commands' objects alive for the garbage
 * collector to trace until they were written.
 * @module
 */
import { type RawBuilder, sql, type Transaction } from 'kysely'
import { type AccountBalance, accountId, addToBalances } from '../../ledger/index.ts'
import type { Database } from '../../platform/db/index.ts'
import type { Applied, ContractRecord, OrderState, TradeRecord } from './model.ts'

/**
 * `select <columns> from json_to_recordset($1)`, in the array's order (serial ids, such as the
 * ledger's entry ids, are then given in that order). `rows` are JSON texts of objects, one per row:
 * each statement carries its rows as one parameter, whatever their number.
 */
function recordset(
  columns: readonly (readonly [string, string])[],
  rows: readonly string[],
): RawBuilder<unknown> {
  return sql`select ${columnList(columns)} from ${numbered(columns, rows)} order by n`
}

/** The rows as a table `r` of the columns and `n`, each row's place in the array. */
function numbered(
  columns: readonly (readonly [string, string])[],
  rows: readonly string[],
): RawBuilder<unknown> {
  const types = columns.map(([name, type]) => `${name} ${type}`).join(', ')
  return sql`rows from (json_to_recordset(${`[${rows.join(',')}]`}::json) as (${sql.raw(types)})) with ordinality as r(${columnList(columns)}, n)`
}

const columnList = (columns: readonly (readonly [string, string])[]) =>
  sql.raw(columns.map(([name]) => name).join(', '))

const iso = (ms: number): string => new Date(ms).toISOString()

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
  created_at: iso(o.createdAtMs),
  updated_at: iso(o.updatedAtMs),
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

/** An entry's columns besides its transaction's id. */
const ENTRY_COLUMNS = [
  ['kind', 'text'],
  ['owner', 'text'],
  ['asset', 'text'],
  ['bucket', 'text'],
  ['amount', 'bigint'],
] as const

/** Row builders give bigints as decimal strings: exact, and PostgreSQL reads them as text. */
const tradeRow = (t: TradeRecord): string =>
  JSON.stringify({
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
    traded_at: iso(t.atMs),
  })

const contractRow = (c: ContractRecord, atMs: number): string =>
  JSON.stringify({
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
    created_at: iso(atMs),
  })

/**
 * Consecutive applied commands, encoded for SQL as they are added, and written by `write` in one
 * database transaction that also moves the projected position to the last of them.
 */
export class ProjectionBatch {
  /** The latest row of each order the batch touched (an order is upserted once per statement). */
  readonly #orders = new Map<number, string>()
  readonly #trades: string[] = []
  readonly #contracts: string[] = []
  readonly #transactions: string[] = []
  /** Entries name their transaction by its key (unique): their ids come from the same statement. */
  readonly #entries: string[] = []
  /** Each touched balance's net change over the batch. */
  readonly #balances = new Map<string, AccountBalance>()
  /** Call-period cursors set by phase commands, by name (the last one wins). */
  readonly #phases = new Map<string, number>()
  #commands = 0
  #lastSeq = 0

  /** Commands added. */
  get size(): number {
    return this.#commands
  }
  /** The last command added (0 while empty). */
  get lastSeq(): number {
    return this.#lastSeq
  }

  /** Adds the next command (its seq must follow the last one added). */
  add(applied: Applied): void {
    if (this.#commands > 0 && applied.seq !== this.#lastSeq + 1)
      throw new Error(`projection: command ${applied.seq} does not follow ${this.#lastSeq}`)
    this.#commands++
    this.#lastSeq = applied.seq
    // The orders are copies as this command left them: encoding them now is encoding that state.
    for (const o of applied.orders) this.#orders.set(o.id, JSON.stringify(orderRow(o)))
    for (const t of applied.trades) this.#trades.push(tradeRow(t))
    for (const c of applied.contracts) this.#contracts.push(contractRow(c, applied.atMs))
    for (const p of applied.ledger) {
      if (p.key === null) throw new Error(`projection: a trading posting (${p.kind}) has no key`)
      this.#transactions.push(
        JSON.stringify({ kind: p.kind, reference: p.reference, memo: p.memo, key: p.key }),
      )
      for (const e of p.entries) {
        this.#entries.push(
          JSON.stringify({
            transaction_key: p.key,
            kind: e.kind,
            owner: e.owner,
            asset: e.asset,
            bucket: e.bucket,
            amount: e.amount.toString(),
          }),
        )
        const id = accountId(e)
        const before = this.#balances.get(id)?.amount ?? 0n
        this.#balances.set(id, {
          owner: e.owner,
          asset: e.asset,
          bucket: e.bucket,
          amount: before + e.amount,
        })
      }
    }
    const command = applied.command
    if (command.op === 'phase')
      this.#phases.set(`call:${command.instrument}`, command.model === 'call' ? 1 : 0)
  }

  /** Writes the batch and moves the projected position to its last command. */
  async write(trx: Transaction<Database>): Promise<void> {
    if (this.#commands === 0) return
    if (this.#orders.size > 0)
      await sql`insert into trading_order (${columnList(ORDER_COLUMNS)})
        ${recordset(ORDER_COLUMNS, [...this.#orders.values()])} ${ORDER_UPSERT}`.execute(trx)
    if (this.#trades.length > 0)
      await sql`insert into trade (${columnList(TRADE_COLUMNS)})
        ${recordset(TRADE_COLUMNS, this.#trades)}`.execute(trx)
    if (this.#contracts.length > 0)
      await sql`insert into contract (${columnList(CONTRACT_COLUMNS)})
        ${recordset(CONTRACT_COLUMNS, this.#contracts)}`.execute(trx)
    if (this.#transactions.length > 0) {
      // One statement: the transactions, then their entries joined to the ids they were given.
      await sql`with t as (
          insert into ledger_transaction (${columnList(TRANSACTION_COLUMNS)})
          ${recordset(TRANSACTION_COLUMNS, this.#transactions)}
          returning id, key
        )
        insert into ledger_entry (transaction_id, ${columnList(ENTRY_COLUMNS)})
        select t.id, ${sql.raw(ENTRY_COLUMNS.map(([name]) => `r.${name}`).join(', '))}
        from ${numbered([['transaction_key', 'text'], ...ENTRY_COLUMNS], this.#entries)}
        join t on t.key = r.transaction_key
        order by r.n`.execute(trx)
      // Every touched account gets its row, even when the batch nets it to zero: verify expects one.
      const changed = [...this.#balances.values()]
      // Rows first at zero, then moved: a CHECK is tested on the row an INSERT proposes, before ON CONFLICT.
      await trx
        .insertInto('ledger_balance')
        .values(changed.map((d) => ({ owner: d.owner, asset: d.asset, bucket: d.bucket, amount: '0' })))
        .onConflict((oc) => oc.columns(['owner', 'asset', 'bucket']).doNothing())
        .execute()
      await addToBalances(trx, changed)
    }
    for (const [name, seq] of this.#phases)
      await trx
        .insertInto('trading_cursor')
        .values({ name, seq })
        .onConflict((oc) => oc.column('name').doUpdateSet({ seq }))
        .execute()
    await trx
      .updateTable('trading_cursor')
      .set({ seq: this.#lastSeq })
      .where('name', '=', 'projected')
      .execute()
  }
}
