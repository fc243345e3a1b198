/**
 * What `verifyLedger` finds, and the pure check that finds it over transactions held in memory.
 * The SQL verification (verify.ts) computes the same report with queries over the tables.
 * @module
 */

import {
  type AccountBalance,
  type AccountKey,
  type Asset,
  accountId,
  compareText,
  EXTERNAL_BANK,
  EXTERNAL_WAREHOUSE,
  isExternalOwner,
  type Posting,
  type TransactionKind,
} from './model.ts'
import { formatAmount } from './postings.ts'

export type DiscrepancyKind =
  /** A balance row differs from the sum of its account's entries (or one of the two is missing). */
  | 'balance-mismatch'
  /** A transaction whose entries do not sum to zero for some asset. */
  | 'unbalanced-transaction'
  /** A transaction with fewer than two entries. */
  | 'short-transaction'
  /** An enterprise or center account went below zero after some transaction. */
  | 'negative-balance'
  /** An external account touched by a transaction that is not its kind (e.g. trading moved cash to the bank). */
  | 'external-misuse'
  /** Σ held by enterprises and the center ≠ what came in minus what went out. */
  | 'conservation'

export interface Discrepancy {
  readonly kind: DiscrepancyKind
  readonly detail: string
}

/** Per asset: what enterprises and the center hold, and what came in and went out. */
export interface AssetTotal {
  readonly asset: Asset
  /** Σ of the balances of enterprise and center accounts (both buckets). */
  readonly held: bigint
  /** The same Σ computed from the entries instead of the balance table. */
  readonly heldByEntries: bigint
  /** Σ deposits (cash) or intakes (receipts). */
  readonly in: bigint
  /** Σ withdrawals (cash) or deliveries (receipts). */
  readonly out: bigint
}

export interface LedgerReport {
  readonly ok: boolean
  readonly transactions: number
  readonly entries: number
  readonly accounts: number
  readonly totals: readonly AssetTotal[]
  readonly discrepancies: readonly Discrepancy[]
}

/** The external owner each transaction kind may touch (none: trading never touches the outside). */
export const EXTERNAL_OF_KIND: Record<TransactionKind, string | null> = {
  deposit: EXTERNAL_BANK,
  withdrawal: EXTERNAL_BANK,
  intake: EXTERNAL_WAREHOUSE,
  delivery: EXTERNAL_WAREHOUSE,
  reserve: null,
  release: null,
  settle: null,
}

export interface RecordedTransaction extends Posting {
  readonly id: number | bigint
}

/**
 * Checks transactions (in the order they were posted) against recorded balances: every rule that
 * `verifyLedger` checks in SQL.
 */
export function checkLedger(
  transactions: readonly RecordedTransaction[],
  balances: readonly AccountBalance[],
): LedgerReport {
  const discrepancies: Discrepancy[] = []
  const running = new Map<string, AccountBalance>()
  const flows = new Map<Asset, { in: bigint; out: bigint }>()
  let entries = 0
  for (const t of transactions) {
    entries += t.entries.length
    if (t.entries.length < 2)
      discrepancies.push({
        kind: 'short-transaction',
        detail: `transaction ${t.id} (${t.kind}) has ${t.entries.length} entries`,
      })
    const sums = new Map<Asset, bigint>()
    for (const e of t.entries) {
      sums.set(e.asset, (sums.get(e.asset) ?? 0n) + e.amount)
      const id = accountId(e)
      running.set(id, { ...key(e), amount: (running.get(id)?.amount ?? 0n) + e.amount })
      if (isExternalOwner(e.owner) && EXTERNAL_OF_KIND[t.kind] !== e.owner)
        discrepancies.push({
          kind: 'external-misuse',
          detail: `transaction ${t.id} (${t.kind}) touches ${e.owner}`,
        })
      if (!isExternalOwner(e.owner)) {
        const flow = flows.get(e.asset) ?? { in: 0n, out: 0n }
        if (e.kind === 'deposit' || e.kind === 'intake') flow.in += e.amount
        if (e.kind === 'withdrawal' || e.kind === 'delivery') flow.out -= e.amount
        flows.set(e.asset, flow)
      }
    }
    for (const [asset, sum] of sums)
      if (sum !== 0n)
        discrepancies.push({
          kind: 'unbalanced-transaction',
          detail: `transaction ${t.id} (${t.kind}) sums to ${sum} for ${asset}`,
        })
    for (const e of t.entries) {
      const now = running.get(accountId(e))!.amount
      if (now < 0n && !isExternalOwner(e.owner))
        discrepancies.push({
          kind: 'negative-balance',
          detail: `${describeAccount(e)} is ${now} after transaction ${t.id}`,
        })
    }
  }
  const recorded = new Map(balances.map((b) => [accountId(b), b]))
  for (const id of new Set([...recorded.keys(), ...running.keys()])) {
    const r = recorded.get(id)
    const e = running.get(id)
    if (r === undefined ? e !== undefined : r.amount !== (e?.amount ?? 0n))
      discrepancies.push(mismatch((r ?? e)!, r?.amount ?? null, e?.amount ?? 0n))
  }
  const held = new Map<Asset, bigint>()
  for (const b of balances)
    if (!isExternalOwner(b.owner)) held.set(b.asset, (held.get(b.asset) ?? 0n) + b.amount)
  const heldByEntries = new Map<Asset, bigint>()
  for (const b of running.values())
    if (!isExternalOwner(b.owner)) heldByEntries.set(b.asset, (heldByEntries.get(b.asset) ?? 0n) + b.amount)
  const totals = totalsOf(held, heldByEntries, flows)
  discrepancies.push(...conservation(totals))
  return {
    ok: discrepancies.length === 0,
    transactions: transactions.length,
    entries,
    accounts: recorded.size,
    totals,
    discrepancies: dedupe(discrepancies),
  }
}

export function totalsOf(
  held: ReadonlyMap<Asset, bigint>,
  heldByEntries: ReadonlyMap<Asset, bigint>,
  flows: ReadonlyMap<Asset, { in: bigint; out: bigint }>,
): AssetTotal[] {
  const assets = [...new Set([...held.keys(), ...heldByEntries.keys(), ...flows.keys()])].sort(compareText)
  return assets.map((asset) => ({
    asset,
    held: held.get(asset) ?? 0n,
    heldByEntries: heldByEntries.get(asset) ?? 0n,
    in: flows.get(asset)?.in ?? 0n,
    out: flows.get(asset)?.out ?? 0n,
  }))
}

/** Σ held (by the balances, and by the entries) = Σ in − Σ out, per asset. */
export function conservation(totals: readonly AssetTotal[]): Discrepancy[] {
  const found: Discrepancy[] = []
  for (const t of totals) {
    const flows = `${formatAmount(t.asset, t.in)} came in and ${formatAmount(t.asset, t.out)} went out`
    for (const [by, held] of [
      ['balances', t.held],
      ['entries', t.heldByEntries],
    ] as const)
      if (held !== t.in - t.out)
        found.push({
          kind: 'conservation',
          detail: `${t.asset}: by the ${by}, enterprises and the center hold ${formatAmount(t.asset, held)}, but ${flows}`,
        })
  }
  return found
}

export function mismatch(account: AccountKey, recorded: bigint | null, fromEntries: bigint): Discrepancy {
  return {
    kind: 'balance-mismatch',
    detail: `${describeAccount(account)}: balance ${recorded === null ? 'missing' : recorded}, entries sum to ${fromEntries}`,
  }
}

export const describeAccount = (a: AccountKey): string => `${a.owner} ${a.asset} ${a.bucket}`

/** One line when the ledger balances; else a line per discrepancy after a heading. */
export function formatReport(report: LedgerReport): string {
  const totals = report.totals.map((t) => formatAmount(t.asset, t.held)).join(', ')
  const counts = `${report.transactions} transactions, ${report.entries} entries, ${report.accounts} accounts`
  if (report.ok) return `Ledger balanced: ${counts}${totals ? `; held ${totals}` : ''}\n`
  const lines = report.discrepancies.map((d) => `  ${d.kind}: ${d.detail}`)
  return `Ledger NOT balanced: ${report.discrepancies.length} discrepancies (${counts})\n${lines.join('\n')}\n`
}

const key = (a: AccountKey): AccountKey => ({ owner: a.owner, asset: a.asset, bucket: a.bucket })

function dedupe(list: readonly Discrepancy[]): Discrepancy[] {
  const seen = new Set<string>()
  return list.filter((d) => {
    const id = `${d.kind} ${d.detail}`
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}
