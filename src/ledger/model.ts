/**
 * The ledger's vocabulary: accounts, assets, entries and the business events that post them.
 *
 * Units: cash in integer fen (CNY × 100), warehouse receipts in integer kilograms, both bigint.
 * An account is (owner, asset, bucket). An entry moves a signed amount into (+) or out of (−) one
 * account; a transaction is two or more entries whose amounts sum to zero per asset (double entry).
 * Enterprise and center accounts never go below zero; the external accounts are the outside world
 * (the bank, the warehouses) and mirror what came in: their balance is minus what they delivered.
 * @module
 */

/** The center's fee income. */
export const CENTER_FEES = 'center:fees'
/** Source and sink of deposits and withdrawals of cash. */
export const EXTERNAL_BANK = 'external:bank'
/** Source of intakes and sink of deliveries (release-out) of warehouse receipts. */
export const EXTERNAL_WAREHOUSE = 'external:warehouse'

export const SYSTEM_OWNERS = [CENTER_FEES, EXTERNAL_BANK, EXTERNAL_WAREHOUSE] as const
export type SystemOwner = (typeof SYSTEM_OWNERS)[number]

/** An enterprise id (see the registry) or one of the system owners. */
export type Owner = string

/** Cash, or the warehouse receipts of one instrument. */
export type Asset = 'CNY' | `RCPT:${string}`
export const CASH: Asset = 'CNY'

/**
 * Instrument codes: uppercase, digits, `.` and `-`, and a lowercase `x` between the dimensions
 * (`SHEET-1060-H24-1.0x1220`). Migration 0004 puts the same pattern in the ledger's CHECKs and the
 * instrument table.
 */
export const INSTRUMENT_CODE_PATTERN = '^[A-Z0-9][A-Z0-9.x-]{1,39}$'
const INSTRUMENT_CODE = new RegExp(INSTRUMENT_CODE_PATTERN)

export const isInstrumentCode = (code: string): boolean => INSTRUMENT_CODE.test(code)

/** The receipts asset of an instrument: `RCPT:AL-A00-GY`. */
export const receiptAsset = (instrument: string): Asset => `RCPT:${instrument}`

/** The instrument of a receipts asset, null for cash. */
export const instrumentOf = (asset: Asset): string | null =>
  asset.startsWith('RCPT:') ? asset.slice('RCPT:'.length) : null

export const isAsset = (text: string): text is Asset =>
  text === 'CNY' || (text.startsWith('RCPT:') && isInstrumentCode(text.slice('RCPT:'.length)))

export const BUCKETS = ['available', 'reserved'] as const
export type Bucket = (typeof BUCKETS)[number]

export interface AccountKey {
  readonly owner: Owner
  readonly asset: Asset
  readonly bucket: Bucket
}

/** External accounts may go below zero (they are the outside world); every other account may not. */
export const isExternalOwner = (owner: Owner): boolean => owner.startsWith('external:')

/** A map key for an account; owners, assets and buckets never contain a space. */
export const accountId = (a: AccountKey): string => `${a.owner} ${a.asset} ${a.bucket}`

/** What a ledger transaction records: one business event. */
export const TRANSACTION_KINDS = [
  'deposit',
  'withdrawal',
  'intake',
  'delivery',
  'reserve',
  'release',
  'settle',
] as const
export type TransactionKind = (typeof TRANSACTION_KINDS)[number]

/**
 * What one entry of a transaction does. A settlement holds `settle` entries (notional and
 * receipts), `fee` entries and, on a final fill, `release` entries for the reservation's excess.
 */
export const ENTRY_KINDS = [
  'deposit',
  'withdrawal',
  'intake',
  'delivery',
  'reserve',
  'release',
  'settle',
  'fee',
] as const
export type EntryKind = (typeof ENTRY_KINDS)[number]

export interface Entry extends AccountKey {
  readonly kind: EntryKind
  /** Signed: + into the account, − out of it. Never zero. */
  readonly amount: bigint
}

/** A transaction ready to be written: the entries of one business event. */
export interface Posting {
  readonly kind: TransactionKind
  readonly reference: string | null
  readonly memo: string | null
  /** An idempotency key: a second posting with the same key is answered with the first. */
  readonly key: string | null
  readonly entries: readonly Entry[]
}

/** What every event may carry besides its amounts. */
export interface EventMeta {
  /** What the event is about: an order id, a trade id, a bank slip, a warehouse receipt number. */
  readonly reference?: string
  readonly memo?: string
  /** Idempotency key (e.g. `settle:<trade id>`), so a replay never posts twice. */
  readonly key?: string
}

/**
 * A business event, with explicit amounts: the trading service decides what to reserve, release
 * and settle; the ledger checks that it balances and that nobody goes below zero.
 */
export type LedgerEvent =
  | ({ readonly kind: 'deposit'; readonly enterprise: string; readonly amountFen: bigint } & EventMeta)
  | ({ readonly kind: 'withdrawal'; readonly enterprise: string; readonly amountFen: bigint } & EventMeta)
  | ({
      readonly kind: 'intake'
      readonly enterprise: string
      readonly instrument: string
      readonly qtyKg: bigint
    } & EventMeta)
  | ({
      readonly kind: 'delivery'
      readonly enterprise: string
      readonly instrument: string
      readonly qtyKg: bigint
    } & EventMeta)
  /** Available → reserved: cash (fen) for a buy order, receipts (kg) for a sell order. */
  | ({
      readonly kind: 'reserve'
      readonly enterprise: string
      readonly asset: Asset
      readonly amount: bigint
    } & EventMeta)
  /** Reserved → available: cancel, expiry, or what a fill did not use. */
  | ({
      readonly kind: 'release'
      readonly enterprise: string
      readonly asset: Asset
      readonly amount: bigint
    } & EventMeta)
  | ({ readonly kind: 'settle' } & Fill & EventMeta)

/**
 * One fill, settled delivery versus payment out of both sides' reservations. The fees and the
 * releases are explicit amounts (see `feeFen` and `fillFeeFen` for how the trading service computes
 * them); the notional is `notionalFen(priceCnyPerT, qtyKg)`.
 */
export interface Fill {
  readonly buyer: string
  readonly seller: string
  readonly instrument: string
  /** CNY per tonne. */
  readonly priceCnyPerT: bigint
  readonly qtyKg: bigint
  /** Paid by the buyer out of its reserved cash, on top of the notional. */
  readonly buyerFeeFen: bigint
  /** Paid by the seller out of its proceeds. */
  readonly sellerFeeFen: bigint
  /** Buyer's reserved cash back to available (the final fill of a buy order: the unused excess). */
  readonly releaseBuyerFen?: bigint
  /** Seller's reserved receipts back to available (the final fill of a sell order). */
  readonly releaseSellerKg?: bigint
}

/** One account's balance. */
export interface AccountBalance extends AccountKey {
  readonly amount: bigint
}

/** An enterprise's holding of one asset, both buckets. */
export interface Holding {
  readonly owner: Owner
  readonly asset: Asset
  readonly available: bigint
  readonly reserved: bigint
}

/** Folds account balances into holdings (available + reserved per owner and asset), sorted. */
export function holdingsOf(balances: readonly AccountBalance[]): Holding[] {
  const byKey = new Map<string, { owner: Owner; asset: Asset; available: bigint; reserved: bigint }>()
  for (const b of balances) {
    const key = `${b.owner} ${b.asset}`
    const h = byKey.get(key) ?? { owner: b.owner, asset: b.asset, available: 0n, reserved: 0n }
    h[b.bucket] += b.amount
    byKey.set(key, h)
  }
  return [...byKey.values()].sort((a, b) =>
    a.owner === b.owner ? compareText(a.asset, b.asset) : compareText(a.owner, b.owner),
  )
}

/** Code-point order, the same in every locale (and as PostgreSQL's `collate "C"`). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
