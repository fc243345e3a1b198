import { sql } from 'kysely'
import type { Asset } from './model.ts'
import {
  conservation,
  type Discrepancy,
  describeAccount,
  EXTERNAL_OF_KIND,
  type LedgerReport,
  mismatch,
  totalsOf,
} from './report.ts'
import type { Db } from './store.ts'

/** At most this many discrepancies of each kind are listed. */
const LIST_LIMIT = 1000

type AccountRow = { owner: string; asset: Asset; bucket: 'available' | 'reserved' }

/**
 * Checks the whole ledger in SQL, without trusting the balance table:
 * - every balance row equals the sum of its account's entries (and every account with entries has one);
 * - every transaction has two or more entries, summing to zero per asset;
 * - no enterprise or center account was ever below zero after a transaction (running sums);
 * - external accounts are touched only by their kinds (the bank by deposits and withdrawals, the
 *   warehouse by intakes and deliveries), never by trading;
 * - conservation: per asset, Σ over enterprise and center accounts (of the balance rows, and of
 *   the entries) = Σ deposits − withdrawals (cash) or Σ intakes − deliveries (receipts).
 */
export async function verifyLedger(db: Db): Promise<LedgerReport> {
  const discrepancies: Discrepancy[] = []
  const counts = await sql<{ transactions: number; entries: number; accounts: number }>`
    select (select count(*)::int from ledger_transaction) as transactions,
           (select count(*)::int from ledger_entry) as entries,
           (select count(*)::int from ledger_balance) as accounts`.execute(db)

  const mismatches = await sql<AccountRow & { recorded: bigint | null; from_entries: bigint }>`
    select owner, asset, bucket, b.amount as recorded, coalesce(s.amount, 0::bigint) as from_entries
    from ledger_balance b
    full join (select owner, asset, bucket, sum(amount)::bigint as amount
               from ledger_entry group by owner, asset, bucket) s using (owner, asset, bucket)
    where coalesce(b.amount, 0) <> coalesce(s.amount, 0) or (b.amount is null and s.amount is not null)
    order by owner, asset, bucket
    limit ${LIST_LIMIT}`.execute(db)
  for (const r of mismatches.rows) discrepancies.push(mismatch(r, r.recorded, r.from_entries))

  const short = await sql<{ id: bigint; kind: string; n: number }>`
    select t.id, t.kind, count(e.id)::int as n
    from ledger_transaction t left join ledger_entry e on e.transaction_id = t.id
    group by t.id, t.kind having count(e.id) < 2
    order by t.id limit ${LIST_LIMIT}`.execute(db)
  for (const r of short.rows)
    discrepancies.push({
      kind: 'short-transaction',
      detail: `transaction ${r.id} (${r.kind}) has ${r.n} entries`,
    })

  const unbalanced = await sql<{ transaction_id: bigint; kind: string; asset: string; total: bigint }>`
    select e.transaction_id, t.kind, e.asset, sum(e.amount)::bigint as total
    from ledger_entry e join ledger_transaction t on t.id = e.transaction_id
    group by e.transaction_id, t.kind, e.asset having sum(e.amount) <> 0
    order by e.transaction_id, e.asset limit ${LIST_LIMIT}`.execute(db)
  for (const r of unbalanced.rows)
    discrepancies.push({
      kind: 'unbalanced-transaction',
      detail: `transaction ${r.transaction_id} (${r.kind}) sums to ${r.total} for ${r.asset}`,
    })

  // Running sum per account over its transactions (one net change per transaction).
  const negative = await sql<AccountRow & { transaction_id: bigint; running: bigint }>`
    select owner, asset, bucket, transaction_id, running from (
      select owner, asset, bucket, transaction_id,
             (sum(change) over (partition by owner, asset, bucket order by transaction_id))::bigint as running
      from (select owner, asset, bucket, transaction_id, sum(amount)::bigint as change
            from ledger_entry where owner not like 'external:%'
            group by owner, asset, bucket, transaction_id) net
    ) r
    where running < 0
    order by owner, asset, bucket, transaction_id limit ${LIST_LIMIT}`.execute(db)
  for (const r of negative.rows)
    discrepancies.push({
      kind: 'negative-balance',
      detail: `${describeAccount(r)} is ${r.running} after transaction ${r.transaction_id}`,
    })

  const allowed = Object.entries(EXTERNAL_OF_KIND).filter(([, owner]) => owner !== null)
  const misuse = await sql<{ transaction_id: bigint; kind: string; owner: string }>`
    select distinct e.transaction_id, t.kind, e.owner
    from ledger_entry e join ledger_transaction t on t.id = e.transaction_id
    where e.owner like 'external:%'
      and (t.kind, e.owner) not in (${sql.join(allowed.map(([kind, owner]) => sql`(${kind}, ${owner})`))})
    order by e.transaction_id limit ${LIST_LIMIT}`.execute(db)
  for (const r of misuse.rows)
    discrepancies.push({
      kind: 'external-misuse',
      detail: `transaction ${r.transaction_id} (${r.kind}) touches ${r.owner}`,
    })

  const heldRows = await sql<{ asset: Asset; held: bigint }>`
    select asset, sum(amount)::bigint as held from ledger_balance
    where owner not like 'external:%' group by asset`.execute(db)
  const flowRows = await sql<{ asset: Asset; held: bigint; in: bigint; out: bigint }>`
    select asset,
           sum(amount)::bigint as held,
           coalesce(sum(amount) filter (where kind in ('deposit', 'intake')), 0)::bigint as in,
           coalesce(-sum(amount) filter (where kind in ('withdrawal', 'delivery')), 0)::bigint as out
    from ledger_entry where owner not like 'external:%' group by asset`.execute(db)
  const totals = totalsOf(
    new Map(heldRows.rows.map((r) => [r.asset, BigInt(r.held)])),
    new Map(flowRows.rows.map((r) => [r.asset, BigInt(r.held)])),
    new Map(flowRows.rows.map((r) => [r.asset, { in: BigInt(r.in), out: BigInt(r.out) }])),
  )
  discrepancies.push(...conservation(totals))

  const c = counts.rows[0]!
  return {
    ok: discrepancies.length === 0,
    transactions: c.transactions,
    entries: c.entries,
    accounts: c.accounts,
    totals,
    discrepancies,
  }
}
