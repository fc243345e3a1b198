import type { Transaction } from 'kysely'
import { ok, type Refusal, type Result, refuse } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { existingEnterpriseIds } from '../registry/index.ts'
import {
  type AccountBalance,
  type Asset,
  accountId,
  type Entry,
  type EventMeta,
  type Fill,
  type Holding,
  holdingsOf,
  type LedgerEvent,
  type Posting,
} from './model.ts'
import { accountsOf, applyPosting, compareAccounts, planPosting } from './postings.ts'
import { type Db, findBalances, findTransactionByKey, insertPosting, lockBalances } from './store.ts'

export interface Posted {
  readonly transactionId: bigint
  /** True when the idempotency key had already been posted: nothing new was written. */
  readonly replayed: boolean
  readonly entries: readonly Entry[]
  /** The balances of the touched accounts after the posting (now, when replayed). */
  readonly balances: readonly AccountBalance[]
}

/**
 * Posts one business event in one database transaction: locks the touched balance rows, checks
 * the posting against them (pure core), writes the transaction, its entries and the new balances.
 * A refusal (INSUFFICIENT_FUNDS, INSUFFICIENT_RECEIPTS, INSUFFICIENT_RESERVATION, INVALID_AMOUNT,
 * VALIDATION_FAILED, ENTERPRISE_NOT_FOUND, LEDGER_KEY_REUSED) writes nothing.
 *
 * Given a Kysely transaction, it posts inside it (so a settlement commits together with the trade
 * and contract records of the caller); a refusal then leaves at most zero-balance rows of the
 * touched accounts, which change no balance and verify clean.
 */
export async function postLedgerEvent(db: Db, event: LedgerEvent): Promise<Result<Posted>> {
  const planned = planPosting(event)
  if (!planned.ok) return planned
  const posting = planned.value
  if (posting.key !== null) {
    const replay = await replayOf(db, posting)
    if (replay) return replay
  }
  return inTransaction(db, async (trx) => {
    if (event.kind === 'deposit' || event.kind === 'intake') {
      const known = await existingEnterpriseIds(trx, [event.enterprise])
      if (known.length === 0) return refuse('ENTERPRISE_NOT_FOUND', `no enterprise ${event.enterprise}`)
    }
    const locked = await lockBalances(trx, accountsOf(posting))
    const applied = applyPosting(posting, (a) => locked.get(accountId(a)) ?? 0n)
    if (!applied.ok) return applied
    const changes = applied.value.map((after) => ({
      ...after,
      amount: after.amount - (locked.get(accountId(after)) ?? 0n),
    }))
    const written = await insertPosting(trx, posting, changes)
    if (written === null) {
      // Another transaction posted the same key between our look-up and our insert.
      return (await replayOf(trx, posting)) ?? refuse('LEDGER_KEY_REUSED', `key ${posting.key} is taken`)
    }
    return ok({ ...written, replayed: false, entries: posting.entries })
  })
}

type Meta = EventMeta

export const deposit = (db: Db, input: { enterprise: string; amountFen: bigint } & Meta) =>
  postLedgerEvent(db, { kind: 'deposit', ...input })

export const withdraw = (db: Db, input: { enterprise: string; amountFen: bigint } & Meta) =>
  postLedgerEvent(db, { kind: 'withdrawal', ...input })

/** A warehouse intake: receipts of an instrument credited to an enterprise. */
export const intake = (db: Db, input: { enterprise: string; instrument: string; qtyKg: bigint } & Meta) =>
  postLedgerEvent(db, { kind: 'intake', ...input })

/** A delivery (release-out): the goods leave the warehouse, the receipts leave the ledger. */
export const deliver = (db: Db, input: { enterprise: string; instrument: string; qtyKg: bigint } & Meta) =>
  postLedgerEvent(db, { kind: 'delivery', ...input })

/** Available → reserved, for an order: cash (fen) for a buy, receipts (kg) for a sell. */
export const reserve = (db: Db, input: { enterprise: string; asset: Asset; amount: bigint } & Meta) =>
  postLedgerEvent(db, { kind: 'reserve', ...input })

/** Reserved → available: cancel, expiry, or the excess left after the final fill. */
export const release = (db: Db, input: { enterprise: string; asset: Asset; amount: bigint } & Meta) =>
  postLedgerEvent(db, { kind: 'release', ...input })

/** Settles one fill DvP out of both reservations (see `planPosting` for the entries). */
export const settle = (db: Db, input: Fill & Meta) => postLedgerEvent(db, { kind: 'settle', ...input })

/** Balances of every account, or of one owner, in account order. */
export const balances = (db: Db, owner?: string): Promise<AccountBalance[]> => findBalances(db, owner)

/** Holdings (available and reserved per asset) of every owner, or of one. */
export async function holdings(db: Db, owner?: string): Promise<Holding[]> {
  return holdingsOf(await findBalances(db, owner))
}

class Rollback extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.detail)
  }
}

/** Runs work in a transaction of its own (rolled back on a refusal), or in the caller's. */
async function inTransaction<T>(
  db: Db,
  work: (trx: Transaction<Database>) => Promise<Result<T>>,
): Promise<Result<T>> {
  if (db.isTransaction) return work(db as Transaction<Database>)
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await work(trx)
      if (!result.ok) throw new Rollback(result)
      return result
    })
  } catch (error) {
    if (error instanceof Rollback) return error.refusal
    throw error
  }
}

/** The earlier posting of the same key: the same posting again, or a refusal when it differs. */
async function replayOf(db: Db, posting: Posting): Promise<Result<Posted> | null> {
  const existing = await findTransactionByKey(db, posting.key!)
  if (!existing) return null
  const same =
    existing.kind === posting.kind &&
    existing.reference === posting.reference &&
    sameEntries(existing.entries, posting.entries)
  if (!same)
    return refuse(
      'LEDGER_KEY_REUSED',
      `key ${posting.key} was used by transaction ${existing.id} for another ${existing.kind} posting`,
    )
  const touched = new Set(existing.entries.map(accountId))
  const now = (await findBalancesOfOwners(db, existing.entries)).filter((b) => touched.has(accountId(b)))
  return ok({ transactionId: BigInt(existing.id), replayed: true, entries: existing.entries, balances: now })
}

async function findBalancesOfOwners(db: Db, entries: readonly Entry[]): Promise<AccountBalance[]> {
  const found: AccountBalance[] = []
  for (const owner of new Set(entries.map((e) => e.owner))) found.push(...(await findBalances(db, owner)))
  return found.sort(compareAccounts)
}

function sameEntries(a: readonly Entry[], b: readonly Entry[]): boolean {
  const canonical = (list: readonly Entry[]) =>
    list.map((e) => `${e.kind} ${accountId(e)} ${e.amount}`).sort()
  const x = canonical(a)
  const y = canonical(b)
  return x.length === y.length && x.every((line, i) => line === y[i])
}
