/**
 * SQL for what members send the pricing center: deals and firm quotes. (References:
 * reference-store.ts; the trading center's trades: trade-store.ts.)
 * @module
 */
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import type { PricingDealTable, PricingQuoteTable } from '../platform/db/schema-pricing.ts'
import type { BaseConvention, CounterpartyType, Deal, NewDeal, NewQuote, Quote } from './records.ts'

export type Db = Kysely<Database> | Transaction<Database>

/** Rows go to the database in batches: one statement per batch keeps PGlite and a server fast. */
const INSERT_BATCH_ROWS = 250

const numOrNull = (v: bigint | null): number | null => (v === null ? null : Number(v))
const msOrNull = (v: Date | null): number | null => (v === null ? null : v.getTime())

/**
 * Deals and quotes are numbered apart in SQL; outside, a deal id is `D<n>` and a quote id `Q<n>`,
 * so the method's exclusions name each without ambiguity.
 */
export const dealId = (n: bigint | string): string => `D${n}`
export const quoteId = (n: bigint | string): string => `Q${n}`
/** The SQL number of a `D<n>` / `Q<n>` id. */
const sqlId = (id: string): bigint => BigInt(id.slice(1))

export function dealFromRow(r: Selectable<PricingDealTable>): Deal {
  return {
    id: dealId(r.id),
    seriesId: r.series_id,
    submitter: r.submitter_id,
    submittedBy: r.submitted_by,
    source: r.source,
    tradeId: r.trade_id === null ? null : String(r.trade_id),
    value: Number(r.value_cny_per_t),
    qtyKg: Number(r.qty_kg),
    dealAtMs: r.deal_at.getTime(),
    deliveryDays: r.delivery_days,
    paymentDays: r.payment_days,
    affiliated: r.affiliated,
    pricedOnIndex: r.priced_on_index,
    spec: r.spec,
    baseUsed: numOrNull(r.base_used_cny_per_t),
    baseConvention: r.base_convention as BaseConvention | null,
    paymentTerms: r.payment_terms,
    deliveryTerms: r.delivery_terms,
    counterpartyType: r.counterparty_type as CounterpartyType | null,
    submittedAtMs: r.submitted_at.getTime(),
    synthetic: r.synthetic,
  }
}

const dealRow = (d: NewDeal) => ({
  series_id: d.seriesId,
  submitter_id: d.submitter,
  submitted_by: d.submittedBy,
  source: d.source,
  trade_id: d.tradeId,
  value_cny_per_t: d.value,
  qty_kg: d.qtyKg,
  deal_at: new Date(d.dealAtMs),
  delivery_days: d.deliveryDays,
  payment_days: d.paymentDays,
  affiliated: d.affiliated,
  priced_on_index: d.pricedOnIndex,
  spec: d.spec,
  base_used_cny_per_t: d.baseUsed,
  base_convention: d.baseConvention,
  payment_terms: d.paymentTerms,
  delivery_terms: d.deliveryTerms,
  counterparty_type: d.counterpartyType,
  submitted_at: new Date(d.submittedAtMs),
  synthetic: d.synthetic,
})

/**
 * Stores deals (the demo's in bulk); returns them with their ids. A trade already taken in is
 * skipped, so taking in the same trades twice stores each once.
 */
export async function insertDeals(db: Db, deals: readonly NewDeal[]): Promise<Deal[]> {
  const stored: Deal[] = []
  for (let i = 0; i < deals.length; i += INSERT_BATCH_ROWS) {
    const rows = await db
      .insertInto('pricing_deal')
      .values(deals.slice(i, i + INSERT_BATCH_ROWS).map(dealRow))
      .onConflict((oc) => oc.column('trade_id').doNothing())
      .returningAll()
      .execute()
    stored.push(...rows.map(dealFromRow))
  }
  return stored
}

export function quoteFromRow(r: Selectable<PricingQuoteTable>): Quote {
  return {
    id: quoteId(r.id),
    seriesId: r.series_id,
    submitter: r.submitter_id,
    submittedBy: r.submitted_by,
    side: r.side,
    value: Number(r.value_cny_per_t),
    qtyKg: Number(r.qty_kg),
    atMs: r.quoted_at.getTime(),
    validUntilMs: msOrNull(r.valid_until),
    submittedAtMs: r.submitted_at.getTime(),
    synthetic: r.synthetic,
  }
}

export async function insertQuotes(db: Db, quotes: readonly NewQuote[]): Promise<Quote[]> {
  const stored: Quote[] = []
  for (let i = 0; i < quotes.length; i += INSERT_BATCH_ROWS) {
    const rows = await db
      .insertInto('pricing_quote')
      .values(
        quotes.slice(i, i + INSERT_BATCH_ROWS).map((q) => ({
          series_id: q.seriesId,
          submitter_id: q.submitter,
          submitted_by: q.submittedBy,
          side: q.side,
          value_cny_per_t: q.value,
          qty_kg: q.qtyKg,
          quoted_at: new Date(q.atMs),
          valid_until: q.validUntilMs === null ? null : new Date(q.validUntilMs),
          submitted_at: new Date(q.submittedAtMs),
          synthetic: q.synthetic,
        })),
      )
      .returningAll()
      .execute()
    stored.push(...rows.map(quoteFromRow))
  }
  return stored
}

export interface SubmissionFilter {
  readonly seriesId?: string
  /** Only this enterprise's submissions; absent: everyone's (analysts). */
  readonly submitterId?: string
  /** Deal or quote time, start included. */
  readonly fromMs?: number
  /** Deal or quote time, end excluded. */
  readonly toMs?: number
  /** Keyset pagination, newest first: ids below this one (a `D<n>` or `Q<n>` id). */
  readonly beforeId?: string
  readonly limit: number
}

export async function findDeals(db: Db, f: SubmissionFilter): Promise<Deal[]> {
  let q = db.selectFrom('pricing_deal').selectAll()
  if (f.seriesId !== undefined) q = q.where('series_id', '=', f.seriesId)
  if (f.submitterId !== undefined) q = q.where('submitter_id', '=', f.submitterId)
  if (f.fromMs !== undefined) q = q.where('deal_at', '>=', new Date(f.fromMs))
  if (f.toMs !== undefined) q = q.where('deal_at', '<', new Date(f.toMs))
  if (f.beforeId !== undefined) q = q.where('id', '<', sqlId(f.beforeId))
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute()
  return rows.map(dealFromRow)
}

export async function findQuotes(db: Db, f: SubmissionFilter): Promise<Quote[]> {
  let q = db.selectFrom('pricing_quote').selectAll()
  if (f.seriesId !== undefined) q = q.where('series_id', '=', f.seriesId)
  if (f.submitterId !== undefined) q = q.where('submitter_id', '=', f.submitterId)
  if (f.fromMs !== undefined) q = q.where('quoted_at', '>=', new Date(f.fromMs))
  if (f.toMs !== undefined) q = q.where('quoted_at', '<', new Date(f.toMs))
  if (f.beforeId !== undefined) q = q.where('id', '<', sqlId(f.beforeId))
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute()
  return rows.map(quoteFromRow)
}

/**
 * The deals an assessment of [startMs, endMs) looks at: those dealt in the window, and those
 * reported in it though dealt before (the method then excludes them as outside_window, so the
 * analyst sees a late report rather than never hearing of it). Oldest first.
 */
export async function dealsForWindow(db: Db, seriesId: string, startMs: number, endMs: number) {
  const start = new Date(startMs)
  const end = new Date(endMs)
  const rows = await db
    .selectFrom('pricing_deal')
    .selectAll()
    .where('series_id', '=', seriesId)
    .where((eb) =>
      eb.or([
        eb.and([eb('deal_at', '>=', start), eb('deal_at', '<', end)]),
        eb.and([eb('submitted_at', '>=', start), eb('submitted_at', '<', end)]),
      ]),
    )
    .orderBy('deal_at')
    .orderBy('id')
    .execute()
  return rows.map(dealFromRow)
}

/** The quotes an assessment of [startMs, endMs) looks at, as dealsForWindow. */
export async function quotesForWindow(db: Db, seriesId: string, startMs: number, endMs: number) {
  const start = new Date(startMs)
  const end = new Date(endMs)
  const rows = await db
    .selectFrom('pricing_quote')
    .selectAll()
    .where('series_id', '=', seriesId)
    .where((eb) =>
      eb.or([
        eb.and([eb('quoted_at', '>=', start), eb('quoted_at', '<', end)]),
        eb.and([eb('submitted_at', '>=', start), eb('submitted_at', '<', end)]),
      ]),
    )
    .orderBy('quoted_at')
    .orderBy('id')
    .execute()
  return rows.map(quoteFromRow)
}
