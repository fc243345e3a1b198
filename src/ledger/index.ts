/**
 * The ledger: a double-entry book of cash (fen) and warehouse receipts (kg per instrument) per
 * enterprise, available and reserved, with the center's fees and the outside world (bank,
 * warehouses). Orders reserve, cancels release, fills settle DvP; the sums over all accounts change
 * only by deposits, withdrawals, intakes and deliveries. The CLI (`huiguo ledger`) is in cli.ts.
 * @module
 */
export {
  buyReservationFen,
  divRoundHalfUp,
  feeFen,
  fillFeeFen,
  MAX_FEE_BPS,
  MAX_POSTING_AMOUNT,
  notionalFen,
  parseKg,
} from './amounts.ts'
export { InMemoryLedger, type MemoryPosted } from './memory.ts'
export * from './model.ts'
export {
  accountsOf,
  applyPosting,
  type BalanceLookup,
  compareAccounts,
  formatAmount,
  isBalanced,
  netChanges,
  planPosting,
  post,
} from './postings.ts'
export {
  type AssetTotal,
  checkLedger,
  type Discrepancy,
  type DiscrepancyKind,
  formatReport,
  type LedgerReport,
  type RecordedTransaction,
} from './report.ts'
export {
  balances,
  deliver,
  deposit,
  holdings,
  intake,
  type Posted,
  postLedgerEvent,
  release,
  reserve,
  settle,
  withdraw,
} from './service.ts'
export {
  addToBalances,
  type Db,
  findTransactions,
  insertEntries,
  type StoredTransaction,
  type TransactionFilter,
} from './store.ts'
export { verifyLedger } from './verify.ts'
