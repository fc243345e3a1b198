import type { ColumnType, Generated } from 'kysely'

/**
 * The ledger's tables (see src/ledger and migration 0003_ledger). Entries and transactions are
 * append-only (a trigger refuses UPDATE, DELETE and TRUNCATE); balances are the running sums of the
 * entries, written in the same database transaction.
 */
export interface LedgerTables {
  ledger_transaction: LedgerTransactionTable
  ledger_entry: LedgerEntryTable
  ledger_balance: LedgerBalanceTable
}

export interface LedgerTransactionTable {
  id: Generated<bigint>
  /** deposit | withdrawal | intake | delivery | reserve | release | settle */
  kind: string
  /** What the transaction is about: an order id, a trade id, a bank slip. */
  reference: string | null
  memo: string | null
  /** Idempotency key, unique when present. */
  key: string | null
  created_at: Generated<Date>
}

export interface LedgerEntryTable {
  id: Generated<bigint>
  transaction_id: ColumnType<bigint, bigint | string, never>
  /** deposit | withdrawal | intake | delivery | reserve | release | settle | fee */
  kind: string
  /** An enterprise id, `center:fees`, `external:bank` or `external:warehouse`. */
  owner: string
  /** `CNY` (fen) or `RCPT:<instrument code>` (kg). */
  asset: string
  /** available | reserved */
  bucket: string
  /** Signed, never zero: + into the account, − out of it. */
  amount: ColumnType<bigint, bigint | string, never>
}

export interface LedgerBalanceTable {
  owner: string
  asset: string
  bucket: string
  /** Never below zero except for the external accounts. */
  amount: ColumnType<bigint, bigint | string, bigint | string>
}
