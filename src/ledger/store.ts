import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import type { LedgerEntryTable, LedgerTransactionTable } from '../platform/db/schema-ledger.ts'
import {
  type AccountBalance,
  type AccountKey,
  type Asset,
  accountId,
  type Bucket,
  type Entry,
  type EntryKind,
  type Posting,
  type TransactionKind,
} from './model.ts'
import { compareAccounts } from './postings.ts'
import type { RecordedTransaction } from './report.ts'

export type Db = Kysely<Database> | Transaction<Database>

/**
 * Locks the balance rows of the given accounts (creating missing ones at zero first) and returns
 * their amounts. Rows are created and locked in one order (owner, asset, bucket), so concurrent
 * postings on overlapping accounts queue behind each other instead of deadlocking; on PostgreSQL
 * `FOR UPDATE` makes the second wait until the first commits and then read its result.
 */
export async function lockBalances(trx: Transaction<Database>, accounts: readonly AccountKey[]) {
  const sorted = [...accounts].sort(compareAccounts)
  await trx
    .insertInto('ledger_balance')
    .values(sorted.map((a) => ({ owner: a.owner, asset: a.asset, bucket: a.bucket, amount: '0' })))
    .onConflict((oc) => oc.columns(['owner', 'asset', 'bucket']).doNothing())
    .execute()
  const rows = await trx
    .selectFrom('ledger_balance')
    .select(['owner', 'asset', 'bucket', 'amount'])
    .where((eb) =>
      eb(
        eb.refTuple('owner', 'asset', 'bucket'),
        'in',
        sorted.map((a) => eb.tuple(a.owner, a.asset, a.bucket)),
      ),
    )
    .orderBy('owner')
    .orderBy('asset')
    .orderBy('bucket')
    .forUpdate()
    .execute()
  return new Map(rows.map((r) => [accountId(toBalance(r)), BigInt(r.amount)]))
}

/**
 * Writes a posting: the transaction, its entries and the balance changes (the rows must be locked
 * by `lockBalances`). Returns null, writing nothing, when another transaction already holds the
 * posting's idempotency key.
 */
export async function insertPosting(
  trx: Transaction<Database>,
  posting: Posting,
  changes: readonly AccountBalance[],
): Promise<{ transactionId: bigint; balances: AccountBalance[] } | null> {
  const inserted = await trx
    .insertInto('ledger_transaction')
    .values({ kind: posting.kind, reference: posting.reference, memo: posting.memo, key: posting.key })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) return null
  const transactionId = BigInt(inserted.id)
  await insertEntries(
    trx,
    posting.entries.map((e) => ({ ...e, transactionId })),
  )
  const balances = await addToBalances(trx, changes)
  if (balances.length !== changes.length)
    throw new Error(`ledger: ${changes.length - balances.length} balance rows were not locked`)
  return { transactionId, balances: balances.sort(compareAccounts) }
}

/** Writes entries of transactions already inserted. */
export async function insertEntries(
  trx: Transaction<Database>,
  entries: readonly (Entry & { readonly transactionId: bigint })[],
): Promise<void> {
  if (entries.length === 0) return
  await trx
    .insertInto('ledger_entry')
    .values(
      entries.map((e) => ({
        transaction_id: e.transactionId,
        kind: e.kind,
        owner: e.owner,
        asset: e.asset,
        bucket: e.bucket,
        amount: e.amount,
      })),
    )
    .execute()
}

/**
 * Adds signed changes to existing balance rows (a delta, never an overwrite) and returns the rows
 * it moved; a change whose row does not exist moves nothing and is missing from the answer.
 */
export async function addToBalances(
  trx: Transaction<Database>,
  changes: readonly AccountBalance[],
): Promise<AccountBalance[]> {
  if (changes.length === 0) return []
  const values = sql.join(
    changes.map((c) => sql`(${c.owner}, ${c.asset}, ${c.bucket}, ${c.amount.toString()}::bigint)`),
  )
  const updated = await sql<{ owner: string; asset: string; bucket: string; amount: bigint }>`
    update ledger_balance as b set amount = b.amount + v.delta
    from (values ${values}) as v(owner, asset, bucket, delta)
    where b.owner = v.owner and b.asset = v.asset and b.bucket = v.bucket
    returning b.owner, b.asset, b.bucket, b.amount`.execute(trx)
  return updated.rows.map(toBalance)
}

/** The transaction holding an idempotency key, with its entries; null when none does. */
export async function findTransactionByKey(db: Db, key: string): Promise<RecordedTransaction | null> {
  const row = await db.selectFrom('ledger_transaction').selectAll().where('key', '=', key).executeTakeFirst()
  if (!row) return null
  const [found] = await withEntries(db, [row])
  return found ?? null
}

export interface TransactionFilter {
  /** Only transactions touching this owner's accounts. */
  owner?: string
  reference?: string
  /** Keyset pagination: only transactions after this id. */
  afterId?: bigint
  limit: number
}

export interface StoredTransaction extends RecordedTransaction {
  readonly id: bigint
  readonly createdAt: Date
}

/** Transactions in posting order, each with its entries. */
export async function findTransactions(db: Db, filter: TransactionFilter): Promise<StoredTransaction[]> {
  let query = db.selectFrom('ledger_transaction').selectAll().orderBy('id').limit(filter.limit)
  if (filter.reference !== undefined) query = query.where('reference', '=', filter.reference)
  if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId)
  if (filter.owner !== undefined) {
    const owner = filter.owner
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('ledger_entry as e')
          .select('e.id')
          .whereRef('e.transaction_id', '=', 'ledger_transaction.id')
          .where('e.owner', '=', owner),
      ),
    )
  }
  return withEntries(db, await query.execute())
}

/** Balances of every account, or of one owner's accounts, in account order. */
export async function findBalances(db: Db, owner?: string): Promise<AccountBalance[]> {
  let query = db.selectFrom('ledger_balance').select(['owner', 'asset', 'bucket', 'amount'])
  if (owner !== undefined) query = query.where('owner', '=', owner)
  const rows = await query.execute()
  return rows.map(toBalance).sort(compareAccounts)
}

async function withEntries(
  db: Db,
  rows: readonly Selectable<LedgerTransactionTable>[],
): Promise<StoredTransaction[]> {
  if (rows.length === 0) return []
  const entries = await db
    .selectFrom('ledger_entry')
    .selectAll()
    .where(
      'transaction_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('id')
    .execute()
  const byTransaction = new Map<bigint, Entry[]>()
  for (const e of entries) {
    const id = BigInt(e.transaction_id)
    const list = byTransaction.get(id) ?? []
    list.push(toEntry(e))
    byTransaction.set(id, list)
  }
  return rows.map((r) => ({
    id: BigInt(r.id),
    kind: r.kind as TransactionKind,
    reference: r.reference,
    memo: r.memo,
    key: r.key,
    createdAt: r.created_at,
    entries: byTransaction.get(BigInt(r.id)) ?? [],
  }))
}

const toBalance = (r: { owner: string; asset: string; bucket: string; amount: bigint | string }) => ({
  owner: r.owner,
  asset: r.asset as Asset,
  bucket: r.bucket as Bucket,
  amount: BigInt(r.amount),
})

const toEntry = (r: Selectable<LedgerEntryTable>): Entry => ({
  kind: r.kind as EntryKind,
  owner: r.owner,
  asset: r.asset as Asset,
  bucket: r.bucket as Bucket,
  amount: BigInt(r.amount),
})
