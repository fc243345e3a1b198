import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  demoInstruments,
  findInstrument,
  insertInstrument,
  listInstruments,
  type NewInstrument,
  seedDemoInstruments,
  setInstrumentStatus,
} from '../../src/instruments/index.ts'
import { AppError } from '../../src/kernel/index.ts'
import { balances, intake, receiptAsset } from '../../src/ledger/index.ts'
import { type Enterprise, findEnterprise, insertEnterprises } from '../../src/registry/index.ts'
import { seededBackends, type TestDatabase, testBackends } from '../support/databases.ts'

const SHEET = 'SHEET-1060-H24-1.0x1220'

const enterprise = (id: string, changes: Partial<Enterprise>): Enterprise => ({
  id,
  nameZh: `巩义市${id}有限公司`,
  nameEn: `Gongyi ${id} Co., Ltd.`,
  kind: 'logistics',
  category: null,
  stages: [],
  place: 'Huiguo',
  province: 'Henan',
  lat: 34.7213,
  lon: 112.9657,
  capacityTPerYear: {},
  annualRevenueFen: 1n,
  employees: 10,
  certifications: [],
  inCluster: true,
  topTenSheetStrip: false,
  synthetic: true,
  ...changes,
})

const newInstrument = (code: string, changes: Partial<NewInstrument> = {}): NewInstrument => ({
  ...demoInstruments()[1]!,
  code,
  synthetic: false,
  ...changes,
})

/** Expects `promise` to reject with an AppError of `code`. */
async function rejectsWith(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe(code)
}

describe.each(testBackends())('instrument store on $name', (backend) => {
  let database: TestDatabase

  beforeAll(async () => {
    database = await backend.open()
    await insertEnterprises(database.db, [
      enterprise('l-001', {}),
      enterprise('s-0009', {
        kind: 'supporting',
        category: 'logistics',
        nameZh: '巩义市宇伟仓储有限公司',
        nameEn: 'Gongyi Yuwei Warehousing Co., Ltd.',
      }),
      enterprise('trader-1', { kind: 'trader' }),
    ])
  })

  afterAll(async () => {
    await database?.dispose()
  })

  it('seeds the demo instruments once, with dense handles from 0, and reads them back as written', async () => {
    const { db } = database
    expect(await listInstruments(db)).toEqual([])
    expect(await seedDemoInstruments(db)).toBe(8)
    expect(await seedDemoInstruments(db)).toBe(0)
    const listed = await listInstruments(db)
    // the warehousing firm (仓储) before the first haulier
    expect(listed).toEqual(demoInstruments('s-0009').map((instrument, handle) => ({ ...instrument, handle })))
  })

  it('finds an instrument by its code, the x of dimensions included', async () => {
    const { db } = database
    expect(await findInstrument(db, SHEET)).toMatchObject({ code: SHEET, handle: 1, lotKg: 5000 })
    expect(await findInstrument(db, 'SHEET-1060-H24-1.0X1220')).toBeNull()
    expect(await findInstrument(db, 'NOPE')).toBeNull()
  })

  it('gives a new instrument the next handle, and refuses a duplicate or invalid one, writing nothing', async () => {
    const { db } = database
    const added = await insertInstrument(
      db,
      newInstrument('STRIP-1100-H18-0.3x1000', { spec: 'STRIP 1100-H18 0.3x1000' }),
    )
    expect(added.handle).toBe(8)
    expect(await findInstrument(db, added.code)).toEqual(added)
    await rejectsWith(insertInstrument(db, newInstrument(SHEET)), 'INSTRUMENT_EXISTS')
    await rejectsWith(insertInstrument(db, newInstrument('BAD CODE')), 'VALIDATION_FAILED')
    await rejectsWith(insertInstrument(db, newInstrument('NEW-1', { lotKg: -1 })), 'VALIDATION_FAILED')
    expect((await listInstruments(db)).map((i) => i.handle)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('hands out distinct dense handles to concurrent inserts', async () => {
    const { db } = database
    const codes = ['CONC-1', 'CONC-2', 'CONC-3', 'CONC-4']
    const added = await Promise.all(codes.map((code) => insertInstrument(db, newInstrument(code))))
    expect(added.map((i) => i.handle).sort((a, b) => a - b)).toEqual([9, 10, 11, 12])
  })

  it('inserts inside the caller’s transaction, and rolls back with it', async () => {
    const { db } = database
    await expect(
      db.transaction().execute(async (trx) => {
        await insertInstrument(trx, newInstrument('ROLLED-BACK'))
        expect(await findInstrument(trx, 'ROLLED-BACK')).not.toBeNull()
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    expect(await findInstrument(db, 'ROLLED-BACK')).toBeNull()
  })

  it('halts, reopens and closes an instrument; null for an unknown code', async () => {
    const { db } = database
    expect(await setInstrumentStatus(db, 'AL-A00-GY', 'halted')).toMatchObject({
      status: 'halted',
      handle: 0,
    })
    expect((await findInstrument(db, 'AL-A00-GY'))?.status).toBe('halted')
    expect((await setInstrumentStatus(db, 'AL-A00-GY', 'open'))?.status).toBe('open')
    expect(await setInstrumentStatus(db, 'NOPE', 'closed')).toBeNull()
  })

  it('keeps its invariants in the table too', async () => {
    const { db } = database
    const raw = (changes: Record<string, unknown>) =>
      sql`insert into instrument (handle, code, name_zh, name_en, form, spec, lot_kg, tick_cny_per_t,
            price_basis, reference_price_cny_per_t, band_bps, model, sessions, buyer_fee_bps,
            seller_fee_bps, delivery_days)
          values (${changes.handle ?? 100}, ${changes.code ?? 'RAW-1'}, '铝', 'Al', 'ingot', 'INGOT Al99.70',
            ${changes.lot ?? 1000}, 10, ${changes.basis ?? 'all_in'}, 20000, 500, 'continuous',
            ${changes.sessions ?? '[{"start":"09:00","end":"11:30"}]'}, 0, 0, 0)`.execute(db)
    await expect(raw({ code: 'raw-lower' })).rejects.toThrow()
    await expect(raw({ lot: 0 })).rejects.toThrow()
    await expect(raw({ basis: 'fee' })).rejects.toThrow() // a fee needs its base
    await expect(raw({ sessions: '[]' })).rejects.toThrow() // a book needs a session
    await expect(raw({ handle: -1 })).rejects.toThrow()
    await raw({})
    await sql`delete from instrument where code = 'RAW-1'`.execute(db)
  })

  it('lets the ledger hold receipts of codes with an x, and still refuses malformed ones', async () => {
    const { db } = database
    const posted = await intake(db, {
      enterprise: 'trader-1',
      instrument: SHEET,
      qtyKg: 25_000n,
      reference: 'wr-x',
    })
    expect(posted.ok).toBe(true)
    const held = (await balances(db)).find((b) => b.owner === 'trader-1' && b.asset === receiptAsset(SHEET))
    expect(held?.amount).toBe(25_000n)
    await expect(
      sql`insert into ledger_balance (owner, asset, bucket, amount) values ('trader-1', 'RCPT:sheet x', 'available', 0)`.execute(
        db,
      ),
    ).rejects.toThrow()
  })
})

describe.each(seededBackends())('the seeded demo cluster on $name', (backend) => {
  let database: TestDatabase

  beforeAll(async () => {
    database = await backend.open()
  })

  afterAll(async () => {
    await database?.dispose()
  })

  it('lists the 8 demo instruments, delivered at a warehousing firm of the cluster', async () => {
    const listed = await listInstruments(database.db)
    expect(listed.map((i) => i.handle)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    const warehouse = listed[0]?.warehouseEnterpriseId
    expect(listed.every((i) => i.synthetic && i.warehouseEnterpriseId === warehouse)).toBe(true)
    const firm = await findEnterprise(database.db, warehouse!)
    expect(firm).toMatchObject({ kind: 'supporting', category: 'logistics', synthetic: true })
    expect(firm?.nameZh).toContain('仓储')
  })
})
