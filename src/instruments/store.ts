import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import { AppError } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import type { InstrumentTable } from '../platform/db/schema-instruments.ts'
import type { Instrument, InstrumentStatus, MarketModel, NewInstrument, PriceBasis } from './model.ts'
import { instrumentIssues } from './validate.ts'

export type Db = Kysely<Database> | Transaction<Database>

type Row = Selectable<InstrumentTable>

const toInstrument = (r: Row): Instrument => ({
  code: r.code,
  handle: r.handle,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  form: r.form,
  spec: r.spec,
  lotKg: r.lot_kg,
  tickCnyPerT: r.tick_cny_per_t,
  priceBasis: r.price_basis as PriceBasis,
  baseReference: r.base_reference,
  configuredBaseCnyPerT: r.configured_base_cny_per_t,
  referencePriceCnyPerT: r.reference_price_cny_per_t,
  bandBps: r.band_bps,
  model: r.model as MarketModel,
  openingCall: r.opening_call ? { start: r.opening_call.start, end: r.opening_call.end } : null,
  sessions: r.sessions.map((s) => ({ start: s.start, end: s.end })),
  status: r.status as InstrumentStatus,
  buyerFeeBps: r.buyer_fee_bps,
  sellerFeeBps: r.seller_fee_bps,
  warehouseEnterpriseId: r.warehouse_enterprise_id,
  deliveryDays: r.delivery_days,
  synthetic: r.synthetic,
})

const toRow = (handle: number, i: NewInstrument): Insertable<InstrumentTable> => ({
  handle,
  code: i.code,
  name_zh: i.nameZh,
  name_en: i.nameEn,
  form: i.form,
  spec: i.spec,
  lot_kg: i.lotKg,
  tick_cny_per_t: i.tickCnyPerT,
  price_basis: i.priceBasis,
  base_reference: i.baseReference,
  configured_base_cny_per_t: i.configuredBaseCnyPerT,
  reference_price_cny_per_t: i.referencePriceCnyPerT,
  band_bps: i.bandBps,
  model: i.model,
  // JSON text: `pg` would send a JS array as a PostgreSQL array literal, not as jsonb.
  opening_call: i.openingCall ? JSON.stringify({ start: i.openingCall.start, end: i.openingCall.end }) : null,
  sessions: JSON.stringify(i.sessions.map((s) => ({ start: s.start, end: s.end }))),
  status: i.status,
  buyer_fee_bps: i.buyerFeeBps,
  seller_fee_bps: i.sellerFeeBps,
  warehouse_enterprise_id: i.warehouseEnterpriseId,
  delivery_days: i.deliveryDays,
  synthetic: i.synthetic,
})

/** Runs `work` in the caller's transaction, or in a new one. */
export function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work)
}

/**
 * Serialises writers of the instrument table until the transaction ends (readers go on), so the
 * next handle is computed and taken by one writer at a time and handles stay dense.
 */
export async function lockInstruments(trx: Transaction<Database>): Promise<void> {
  await sql`lock table instrument in exclusive mode`.execute(trx)
}

/** Every instrument, ordered by handle. */
export async function listInstruments(db: Db): Promise<Instrument[]> {
  const rows = await db.selectFrom('instrument').selectAll().orderBy('handle').execute()
  return rows.map(toInstrument)
}

export async function findInstrument(db: Db, code: string): Promise<Instrument | null> {
  const row = await db.selectFrom('instrument').selectAll().where('code', '=', code).executeTakeFirst()
  return row ? toInstrument(row) : null
}

/**
 * Lists a new instrument under the next handle (one more than the largest, 0 for the first).
 * Throws AppError VALIDATION_FAILED (with the field errors of `instrumentIssues`) or
 * INSTRUMENT_EXISTS, writing nothing.
 */
export async function insertInstrument(db: Db, instrument: NewInstrument): Promise<Instrument> {
  const issues = instrumentIssues(instrument)
  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', `instrument ${instrument.code} is not valid`, issues)
  }
  return inTransaction(db, async (trx) => {
    await lockInstruments(trx)
    if (await findInstrument(trx, instrument.code)) {
      throw new AppError('INSTRUMENT_EXISTS', `an instrument with code ${instrument.code} already exists`)
    }
    const { next } = await trx
      .selectFrom('instrument')
      .select(sql<number>`coalesce(max(handle) + 1, 0)::int`.as('next'))
      .executeTakeFirstOrThrow()
    const row = await trx
      .insertInto('instrument')
      .values(toRow(next, instrument))
      .returningAll()
      .executeTakeFirstOrThrow()
    return toInstrument(row)
  })
}

/** Opens, halts or closes an instrument; null when there is no instrument of that code. */
export async function setInstrumentStatus(
  db: Db,
  code: string,
  status: InstrumentStatus,
): Promise<Instrument | null> {
  const row = await db
    .updateTable('instrument')
    .set({ status })
    .where('code', '=', code)
    .returningAll()
    .executeTakeFirst()
  return row ? toInstrument(row) : null
}

export async function countInstruments(db: Db): Promise<number> {
  const row = await db
    .selectFrom('instrument')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow()
  return row.n
}
