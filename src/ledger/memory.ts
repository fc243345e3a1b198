import type { Result } from '../kernel/index.ts'
import { type AccountBalance, type AccountKey, accountId, type LedgerEvent } from './model.ts'
import { compareAccounts, post } from './postings.ts'
import { checkLedger, type LedgerReport, type RecordedTransaction } from './report.ts'

export interface MemoryPosted {
  readonly transactionId: number
  readonly posting: RecordedTransaction
  readonly balances: readonly AccountBalance[]
}

/**
 * The ledger in memory, with the same rules as the database: for property tests, simulations and
 * the trading service's unit tests. A refused event changes nothing.
 */
export class InMemoryLedger {
  readonly #balances = new Map<string, AccountBalance>()
  readonly #transactions: RecordedTransaction[] = []

  post(event: LedgerEvent): Result<MemoryPosted> {
    const result = post(event, (a) => this.balance(a))
    if (!result.ok) return result
    const transactionId = this.#transactions.length + 1
    const posting: RecordedTransaction = { ...result.value.posting, id: transactionId }
    this.#transactions.push(posting)
    for (const b of result.value.balances) this.#balances.set(accountId(b), b)
    return { ok: true, value: { transactionId, posting, balances: result.value.balances } }
  }

  balance(account: AccountKey): bigint {
    return this.#balances.get(accountId(account))?.amount ?? 0n
  }

  /** Every account ever touched, in account order. */
  balances(): AccountBalance[] {
    return [...this.#balances.values()].sort(compareAccounts)
  }

  transactions(): readonly RecordedTransaction[] {
    return this.#transactions
  }

  verify(): LedgerReport {
    return checkLedger(this.#transactions, this.balances())
  }
}
