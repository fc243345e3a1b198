/**
 * The pure core of the ledger: the entries of each business event, and the check that applying
 * them leaves no enterprise or center account below zero. No I/O, no clock.
 *
 * Posting rules (amounts in fen for CNY, kg for receipts; + into an account, − out of it):
 *
 * | event      | entries                                                                           |
 * |------------|-----------------------------------------------------------------------------------|
 * | deposit    | external:bank CNY −N; enterprise CNY available +N                                 |
 * | withdrawal | enterprise CNY available −N; external:bank CNY +N                                 |
 * | intake     | external:warehouse RCPT:X −kg; enterprise RCPT:X available +kg                    |
 * | delivery   | enterprise RCPT:X available −kg; external:warehouse RCPT:X +kg (release-out)      |
 * | reserve    | enterprise A available −N; enterprise A reserved +N                               |
 * | release    | enterprise A reserved −N; enterprise A available +N                               |
 * | settle     | buyer CNY reserved −notional → seller CNY available +notional;                    |
 * |            | buyer CNY reserved −buyerFee → center:fees +buyerFee;                             |
 * |            | seller CNY available −sellerFee → center:fees +sellerFee;                         |
 * |            | seller RCPT:X reserved −kg → buyer RCPT:X available +kg;                          |
 * |            | optional releases of the reservations' excess (reserved → available) on each side |
 *
 * Every transaction's entries sum to zero per asset. Zero amounts are left out.
 * @module
 */
import { type FieldError, fenToYuanString, ok, type Refusal, type Result, refuse } from '../kernel/index.ts'
import { ENTERPRISE_ID_PATTERN } from '../registry/index.ts'
import { MAX_POSTING_AMOUNT, notionalFen } from './amounts.ts'
import {
  type AccountBalance,
  type AccountKey,
  type Asset,
  type Bucket,
  CASH,
  CENTER_FEES,
  compareText,
  type Entry,
  type EntryKind,
  EXTERNAL_BANK,
  EXTERNAL_WAREHOUSE,
  instrumentOf,
  isAsset,
  isExternalOwner,
  isInstrumentCode,
  type LedgerEvent,
  type Posting,
  receiptAsset,
} from './model.ts'

const ENTERPRISE_ID = new RegExp(ENTERPRISE_ID_PATTERN)
const MAX_TEXT = { reference: 200, memo: 500, key: 200 } as const

/** The current balance of an account (0 for one that was never touched). */
export type BalanceLookup = (account: AccountKey) => bigint

/**
 * The entries of an event, validated: amounts positive and at most MAX_POSTING_AMOUNT
 * (INVALID_AMOUNT), enterprise ids and instrument codes well-formed (VALIDATION_FAILED).
 * Balances are not consulted; see `applyPosting`.
 */
export function planPosting(event: LedgerEvent): Result<Posting> {
  const errors: FieldError[] = []
  for (const field of ['reference', 'memo', 'key'] as const) {
    const text = event[field]
    if (text !== undefined && (text.length === 0 || text.length > MAX_TEXT[field]))
      errors.push({ field: `/${field}`, message: `must be 1 to ${MAX_TEXT[field]} characters` })
  }
  const entries: Entry[] = []

  switch (event.kind) {
    case 'deposit':
    case 'withdrawal': {
      checkEnterprise(errors, '/enterprise', event.enterprise)
      const amount = checkAmount(event.amountFen, 'amountFen')
      if (!amount.ok) return amount
      if (errors.length > 0) return invalid(errors)
      const bank = available(EXTERNAL_BANK, CASH)
      const mine = available(event.enterprise, CASH)
      if (event.kind === 'deposit') moveInto(entries, 'deposit', bank, mine, event.amountFen)
      else moveInto(entries, 'withdrawal', mine, bank, event.amountFen)
      break
    }
    case 'intake':
    case 'delivery': {
      checkEnterprise(errors, '/enterprise', event.enterprise)
      checkInstrument(errors, event.instrument)
      const amount = checkAmount(event.qtyKg, 'qtyKg')
      if (!amount.ok) return amount
      if (errors.length > 0) return invalid(errors)
      const asset = receiptAsset(event.instrument)
      const warehouse = available(EXTERNAL_WAREHOUSE, asset)
      const mine = available(event.enterprise, asset)
      if (event.kind === 'intake') moveInto(entries, 'intake', warehouse, mine, event.qtyKg)
      else moveInto(entries, 'delivery', mine, warehouse, event.qtyKg)
      break
    }
    case 'reserve':
    case 'release': {
      checkEnterprise(errors, '/enterprise', event.enterprise)
      if (!isAsset(event.asset))
        errors.push({
          field: '/asset',
          message: 'must be CNY or RCPT:<instrument code>',
          reason: 'ASSET_INVALID',
        })
      const amount = checkAmount(event.amount, 'amount')
      if (!amount.ok) return amount
      if (errors.length > 0) return invalid(errors)
      const free = available(event.enterprise, event.asset)
      const held = reserved(event.enterprise, event.asset)
      if (event.kind === 'reserve') moveInto(entries, 'reserve', free, held, event.amount)
      else moveInto(entries, 'release', held, free, event.amount)
      break
    }
    case 'settle': {
      checkEnterprise(errors, '/buyer', event.buyer)
      checkEnterprise(errors, '/seller', event.seller)
      checkInstrument(errors, event.instrument)
      // Checked one by one, in this order, without building a list of them: every trade settles.
      const inputs = amountRefusal(event.priceCnyPerT, 'priceCnyPerT') ?? amountRefusal(event.qtyKg, 'qtyKg')
      if (inputs) return inputs
      const notional = notionalFen(event.priceCnyPerT, event.qtyKg)
      const amounts =
        amountRefusal(notional, 'notional') ??
        amountRefusal(event.buyerFeeFen, 'buyerFeeFen', 0n) ??
        amountRefusal(event.sellerFeeFen, 'sellerFeeFen', 0n) ??
        amountRefusal(event.releaseBuyerFen ?? 0n, 'releaseBuyerFen', 0n) ??
        amountRefusal(event.releaseSellerKg ?? 0n, 'releaseSellerKg', 0n)
      if (amounts) return amounts
      if (event.buyerFeeFen > notional || event.sellerFeeFen > notional)
        return refuse('INVALID_AMOUNT', 'a fee may not exceed the notional of the fill')
      if (errors.length > 0) return invalid(errors)
      const rcpt = receiptAsset(event.instrument)
      const { buyer, seller } = event
      moveInto(entries, 'settle', reserved(buyer, CASH), available(seller, CASH), notional)
      moveInto(entries, 'fee', reserved(buyer, CASH), available(CENTER_FEES, CASH), event.buyerFeeFen)
      moveInto(entries, 'fee', available(seller, CASH), available(CENTER_FEES, CASH), event.sellerFeeFen)
      moveInto(entries, 'settle', reserved(seller, rcpt), available(buyer, rcpt), event.qtyKg)
      moveInto(entries, 'release', reserved(buyer, CASH), available(buyer, CASH), event.releaseBuyerFen ?? 0n)
      moveInto(
        entries,
        'release',
        reserved(seller, rcpt),
        available(seller, rcpt),
        event.releaseSellerKg ?? 0n,
      )
      break
    }
  }
  if (errors.length > 0) return invalid(errors)
  return ok({
    kind: event.kind,
    reference: event.reference ?? null,
    memo: event.memo ?? null,
    key: event.key ?? null,
    entries,
  })
}

const available = (owner: string, asset: Asset): AccountKey => ({ owner, asset, bucket: 'available' })
const reserved = (owner: string, asset: Asset): AccountKey => ({ owner, asset, bucket: 'reserved' })

/**
 * Appends the two entries that move `amount` from one account to another (none for zero). Object
 * literals of one shape, not spreads: every order posts several of these.
 */
function moveInto(entries: Entry[], kind: EntryKind, from: AccountKey, to: AccountKey, amount: bigint): void {
  if (amount === 0n) return
  entries.push(
    { owner: from.owner, asset: from.asset, bucket: from.bucket, kind, amount: -amount },
    { owner: to.owner, asset: to.asset, bucket: to.bucket, kind, amount },
  )
}

/**
 * The net change of each account a posting touches, in account order. A posting touches at most a
 * few accounts and every order posts one or two: a scan of a small array and an insertion sort,
 * not a Map keyed by a string built for each entry.
 */
export function netChanges(entries: readonly Entry[]): AccountBalance[] {
  const changes: { owner: string; asset: Asset; bucket: Bucket; amount: bigint }[] = []
  for (const e of entries) {
    let i = 0
    while (i < changes.length && !sameAccount(changes[i]!, e)) i++
    if (i < changes.length) changes[i]!.amount += e.amount
    else changes.push({ owner: e.owner, asset: e.asset, bucket: e.bucket, amount: e.amount })
  }
  for (let i = 1; i < changes.length; i++) {
    const change = changes[i]!
    let j = i
    for (; j > 0 && compareAccounts(changes[j - 1]!, change) > 0; j--) changes[j] = changes[j - 1]!
    changes[j] = change
  }
  return changes
}

const sameAccount = (a: AccountKey, b: AccountKey): boolean =>
  a.owner === b.owner && a.asset === b.asset && a.bucket === b.bucket

/** Account order: owner, asset, bucket (code points), the order rows are locked in. */
export function compareAccounts(a: AccountKey, b: AccountKey): number {
  return compareText(a.owner, b.owner) || compareText(a.asset, b.asset) || compareText(a.bucket, b.bucket)
}

/** The accounts a posting touches, each once, in lock order. */
export const accountsOf = (posting: Posting): AccountKey[] =>
  netChanges(posting.entries).map(({ owner, asset, bucket }) => ({ owner, asset, bucket }))

/** True when the entries sum to zero per asset and there are at least two. */
export function isBalanced(entries: readonly Entry[]): boolean {
  if (entries.length < 2) return false
  // A posting holds one or two assets: a scan per asset beats a Map.
  for (let i = 0; i < entries.length; i++) {
    const asset = entries[i]!.asset
    let seen = false
    for (let j = 0; j < i && !seen; j++) seen = entries[j]!.asset === asset
    if (seen) continue
    let sum = 0n
    for (let j = i; j < entries.length; j++) if (entries[j]!.asset === asset) sum += entries[j]!.amount
    if (sum !== 0n) return false
  }
  return true
}

/**
 * Applies a posting to the current balances: the new balance of every touched account, or the
 * refusal of the first account (in account order) that would go below zero — INSUFFICIENT_FUNDS
 * (available cash), INSUFFICIENT_RECEIPTS (available receipts), INSUFFICIENT_RESERVATION (a reserved
 * bucket: a release or settlement larger than what is held). External accounts may go negative.
 */
export function applyPosting(posting: Posting, balanceOf: BalanceLookup): Result<AccountBalance[]> {
  if (!isBalanced(posting.entries)) throw new Error(`unbalanced ${posting.kind} posting`)
  const after: AccountBalance[] = []
  for (const change of netChanges(posting.entries)) {
    const before = balanceOf(change)
    const amount = before + change.amount
    if (amount < 0n && !isExternalOwner(change.owner)) return shortfall(change, before, -change.amount)
    after.push({ ...change, amount })
  }
  return ok(after)
}

/** Plans and applies an event: the posting and the balances after it, or why it is refused. */
export function post(
  event: LedgerEvent,
  balanceOf: BalanceLookup,
): Result<{ posting: Posting; balances: AccountBalance[] }> {
  const planned = planPosting(event)
  if (!planned.ok) return planned
  const applied = applyPosting(planned.value, balanceOf)
  if (!applied.ok) return applied
  return ok({ posting: planned.value, balances: applied.value })
}

/** Describes an amount of an asset: "1234.50 CNY", "25000 kg of AL-A00-GY". */
export function formatAmount(asset: Asset, amount: bigint): string {
  const instrument = instrumentOf(asset)
  return instrument === null ? `${fenToYuanString(amount)} CNY` : `${amount} kg of ${instrument}`
}

function shortfall(account: AccountKey, held: bigint, needed: bigint): Refusal {
  const detail = `${account.owner} has ${formatAmount(account.asset, held)} ${account.bucket}, ${formatAmount(account.asset, needed)} needed`
  if (account.bucket === 'reserved') return refuse('INSUFFICIENT_RESERVATION', detail)
  return refuse(account.asset === CASH ? 'INSUFFICIENT_FUNDS' : 'INSUFFICIENT_RECEIPTS', detail)
}

function checkAmount(value: bigint, name: string): Result<bigint> {
  return amountRefusal(value, name) ?? ok(value)
}

/** Why `value` is not an amount from `min` to MAX_POSTING_AMOUNT, or null when it is one. */
function amountRefusal(value: bigint, name: string, min = 1n): Refusal | null {
  if (typeof value === 'bigint' && value >= min && value <= MAX_POSTING_AMOUNT) return null
  return refuse(
    'INVALID_AMOUNT',
    `${name} must be an integer from ${min} to ${MAX_POSTING_AMOUNT}, not ${String(value)}`,
    [{ field: `/${name}`, message: `must be an integer from ${min} to ${MAX_POSTING_AMOUNT}` }],
  )
}

function checkEnterprise(errors: FieldError[], field: string, id: string): void {
  if (typeof id !== 'string' || !ENTERPRISE_ID.test(id))
    errors.push({
      field,
      message: `must be an enterprise id (${ENTERPRISE_ID_PATTERN})`,
      reason: 'ENTERPRISE_ID_INVALID',
    })
}

function checkInstrument(errors: FieldError[], code: string): void {
  if (typeof code !== 'string' || !isInstrumentCode(code))
    errors.push({
      field: '/instrument',
      message: 'must be an instrument code (A-Z, 0-9, dot and hyphen, 2 to 40 characters)',
      reason: 'INSTRUMENT_CODE_INVALID',
    })
}

const invalid = (errors: readonly FieldError[]): Refusal =>
  refuse('VALIDATION_FAILED', errors.map((e) => `${e.field.slice(1)} ${e.message}`).join('; '), errors)
