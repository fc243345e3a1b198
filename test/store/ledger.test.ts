import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AccountBalance,
  balances,
  buyReservationFen,
  CASH,
  CENTER_FEES,
  deposit,
  findTransactions,
  holdings,
  intake,
  receiptAsset,
  release,
  reserve,
  settle,
  verifyLedger,
  withdraw,
} from '../../src/ledger/index.ts'
import type { Enterprise } from '../../src/registry/index.ts'
import { insertEnterprises } from '../../src/registry/index.ts'
import { type TestDatabase, testBackends } from '../support/databases.ts'

const AL = 'AL-A00-GY'
const RCPT = receiptAsset(AL)

const enterprise = (id: string): Enterprise => ({
  id,
  nameZh: `巩义${id}铝业有限公司`,
  nameEn: `${id} Aluminium Co., Ltd.`,
  kind: 'processor',
  category: null,
  stages: ['cast_rolling'],
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
  synthetic: false,
})

const ok = <T>(result: { ok: true; value: T } | { ok: false; code: string; detail: string }): T => {
  if (!result.ok) throw new Error(`${result.code}: ${result.detail}`)
  return result.value
}

describe.each(testBackends())('ledger store on $name', (backend) => {
  let database: TestDatabase

  beforeAll(async () => {
    database = await backend.open()
    await insertEnterprises(database.db, ['buyer', 'seller', 'crowd', 'east', 'west'].map(enterprise))
  })

  afterAll(async () => {
    await database?.dispose()
  })

  /** Row counts of the ledger's tables and every balance, to compare before and after. */
  const snapshot = async () => {
    const { db } = database
    const count = (table: 'ledger_transaction' | 'ledger_entry' | 'ledger_balance') =>
      db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
    return {
      transactions: (await count('ledger_transaction')).n,
      entries: (await count('ledger_entry')).n,
      balanceRows: (await count('ledger_balance')).n,
      balances: await balances(db),
    }
  }

  const amountOf = (list: readonly AccountBalance[], owner: string, asset: string, bucket: string) =>
    list.find((b) => b.owner === owner && b.asset === asset && b.bucket === bucket)?.amount ?? 0n

  it('persists deposits, intakes, reservations and a DvP settlement, and verifies clean', async () => {
    const { db } = database
    ok(await deposit(db, { enterprise: 'buyer', amountFen: 50_000_000n, reference: 'slip-1' }))
    ok(await intake(db, { enterprise: 'seller', instrument: AL, qtyKg: 30_000n, reference: 'wr-1' }))
    const reservation = buyReservationFen(18_760n, 25_000n, 5n)
    ok(await reserve(db, { enterprise: 'buyer', asset: CASH, amount: reservation, reference: 'order-b1' }))
    ok(await reserve(db, { enterprise: 'seller', asset: RCPT, amount: 25_000n, reference: 'order-s1' }))
    const settled = ok(
      await settle(db, {
        buyer: 'buyer',
        seller: 'seller',
        instrument: AL,
        priceCnyPerT: 18_750n,
        qtyKg: 25_000n,
        buyerFeeFen: 23_438n,
        sellerFeeFen: 23_438n,
        releaseBuyerFen: reservation - 46_875_000n - 23_438n,
        reference: 'trade-1',
        key: 'settle:trade-1',
      }),
    )
    expect(settled.replayed).toBe(false)
    expect(settled.entries).toHaveLength(10)
    expect(amountOf(settled.balances, 'buyer', RCPT, 'available')).toBe(25_000n)

    const all = await balances(db)
    expect(amountOf(all, 'buyer', 'CNY', 'available')).toBe(50_000_000n - 46_875_000n - 23_438n)
    expect(amountOf(all, 'buyer', 'CNY', 'reserved')).toBe(0n)
    expect(amountOf(all, 'seller', 'CNY', 'available')).toBe(46_875_000n - 23_438n)
    expect(amountOf(all, 'seller', RCPT, 'available')).toBe(5_000n)
    expect(amountOf(all, 'seller', RCPT, 'reserved')).toBe(0n)
    expect(amountOf(all, CENTER_FEES, 'CNY', 'available')).toBe(46_876n)
    expect(await holdings(db, 'buyer')).toEqual([
      { owner: 'buyer', asset: 'CNY', available: 3_101_562n, reserved: 0n },
      { owner: 'buyer', asset: RCPT, available: 25_000n, reserved: 0n },
    ])
    const [trade] = await findTransactions(db, { reference: 'trade-1', limit: 10 })
    expect(trade).toMatchObject({ kind: 'settle', key: 'settle:trade-1' })
    expect(await findTransactions(db, { owner: CENTER_FEES, limit: 10 })).toHaveLength(1)

    const report = await verifyLedger(db)
    expect(report.discrepancies).toEqual([])
    expect(report).toMatchObject({ ok: true, transactions: 5, entries: 18 })
    expect(report.totals).toEqual([
      { asset: 'CNY', held: 50_000_000n, heldByEntries: 50_000_000n, in: 50_000_000n, out: 0n },
      { asset: RCPT, held: 30_000n, heldByEntries: 30_000n, in: 30_000n, out: 0n },
    ])
  })

  it('answers a replayed idempotency key with the first posting and refuses a different one', async () => {
    const { db } = database
    const before = await snapshot()
    const again = ok(
      await settle(db, {
        buyer: 'buyer',
        seller: 'seller',
        instrument: AL,
        priceCnyPerT: 18_750n,
        qtyKg: 25_000n,
        buyerFeeFen: 23_438n,
        sellerFeeFen: 23_438n,
        releaseBuyerFen: buyReservationFen(18_760n, 25_000n, 5n) - 46_875_000n - 23_438n,
        reference: 'trade-1',
        key: 'settle:trade-1',
      }),
    )
    expect(again.replayed).toBe(true)
    expect(await snapshot()).toEqual(before)
    const other = await deposit(db, { enterprise: 'buyer', amountFen: 1n, key: 'settle:trade-1' })
    expect(other).toMatchObject({ ok: false, code: 'LEDGER_KEY_REUSED' })
    expect(await snapshot()).toEqual(before)
  })

  it('writes nothing for a refused posting', async () => {
    const { db } = database
    const before = await snapshot()
    expect(await reserve(db, { enterprise: 'buyer', asset: CASH, amount: 3_101_563n })).toMatchObject({
      ok: false,
      code: 'INSUFFICIENT_FUNDS',
    })
    expect(await reserve(db, { enterprise: 'seller', asset: RCPT, amount: 5_001n })).toMatchObject({
      code: 'INSUFFICIENT_RECEIPTS',
    })
    expect(await withdraw(db, { enterprise: 'crowd', amountFen: 1n })).toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
    })
    expect(await release(db, { enterprise: 'buyer', asset: CASH, amount: 1n })).toMatchObject({
      code: 'INSUFFICIENT_RESERVATION',
    })
    expect(await deposit(db, { enterprise: 'nobody', amountFen: 100n })).toMatchObject({
      code: 'ENTERPRISE_NOT_FOUND',
    })
    expect(await intake(db, { enterprise: 'buyer', instrument: 'al', qtyKg: 1n })).toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    expect(await deposit(db, { enterprise: 'buyer', amountFen: 0n })).toMatchObject({
      code: 'INVALID_AMOUNT',
    })
    expect(await snapshot()).toEqual(before)
  })

  it('settles inside the caller’s transaction: a rollback there undoes the settlement too', async () => {
    const { db } = database
    ok(await reserve(db, { enterprise: 'seller', asset: RCPT, amount: 1_000n }))
    ok(await reserve(db, { enterprise: 'buyer', asset: CASH, amount: 2_000_000n }))
    const before = await snapshot()
    await expect(
      db.transaction().execute(async (trx) => {
        ok(
          await settle(trx, {
            buyer: 'buyer',
            seller: 'seller',
            instrument: AL,
            priceCnyPerT: 18_000n,
            qtyKg: 1_000n,
            buyerFeeFen: 0n,
            sellerFeeFen: 0n,
          }),
        )
        throw new Error('the contract record could not be written')
      }),
    ).rejects.toThrow(/contract record/)
    expect(await snapshot()).toEqual(before)
    ok(await release(db, { enterprise: 'seller', asset: RCPT, amount: 1_000n }))
    ok(await release(db, { enterprise: 'buyer', asset: CASH, amount: 2_000_000n }))
    expect((await verifyLedger(db)).ok).toBe(true)
  })

  it('refuses UPDATE, DELETE and TRUNCATE of entries and transactions (append-only trigger)', async () => {
    const { db } = database
    const before = await snapshot()
    await expect(db.updateTable('ledger_entry').set({ kind: 'fee' }).execute()).rejects.toThrow(/append-only/)
    await expect(sql`update ledger_entry set amount = amount * 2`.execute(db)).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('ledger_entry').execute()).rejects.toThrow(/append-only/)
    await expect(db.updateTable('ledger_transaction').set({ memo: 'edited' }).execute()).rejects.toThrow(
      /append-only/,
    )
    await expect(db.deleteFrom('ledger_transaction').execute()).rejects.toThrow(/append-only/)
    await expect(sql`truncate ledger_entry`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`truncate ledger_transaction cascade`.execute(db)).rejects.toThrow(/append-only/)
    expect(await snapshot()).toEqual(before)
  })

  it('catches a balance row changed behind the ledger’s back', async () => {
    const { db } = database
    const where = { owner: 'buyer', asset: 'CNY', bucket: 'available' } as const
    const update = (amount: bigint) =>
      db
        .updateTable('ledger_balance')
        .set({ amount })
        .where('owner', '=', where.owner)
        .where('asset', '=', where.asset)
        .where('bucket', '=', where.bucket)
        .execute()
    const honest = amountOf(await balances(db), where.owner, where.asset, where.bucket)
    await update(honest + 100_00n)
    const report = await verifyLedger(db)
    expect(report.ok).toBe(false)
    expect(report.discrepancies.map((d) => d.kind).sort()).toEqual(['balance-mismatch', 'conservation'])
    expect(report.discrepancies[0]!.detail).toBe(
      `buyer CNY available: balance ${honest + 100_00n}, entries sum to ${honest}`,
    )
    await update(honest)
    expect((await verifyLedger(db)).ok).toBe(true)
  })

  it('never overdraws under concurrent reservations of the same funds', async () => {
    const { db } = database
    ok(await deposit(db, { enterprise: 'crowd', amountFen: 1_000_000n }))
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        reserve(db, { enterprise: 'crowd', asset: CASH, amount: 100_000n, reference: `order-c${i}` }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(10)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(
      Array(10).fill('INSUFFICIENT_FUNDS'),
    )
    expect(await holdings(db, 'crowd')).toEqual([
      { owner: 'crowd', asset: 'CNY', available: 0n, reserved: 1_000_000n },
    ])
    expect((await verifyLedger(db)).ok).toBe(true)
  })

  it('settles concurrent trades in both directions between two enterprises without deadlock', async () => {
    const { db } = database
    for (const id of ['east', 'west']) {
      ok(await deposit(db, { enterprise: id, amountFen: 10_000_000n }))
      ok(await intake(db, { enterprise: id, instrument: AL, qtyKg: 10_000n }))
      ok(await reserve(db, { enterprise: id, asset: CASH, amount: 10_000_000n }))
      ok(await reserve(db, { enterprise: id, asset: RCPT, amount: 10_000n }))
    }
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        settle(db, {
          buyer: i % 2 ? 'east' : 'west',
          seller: i % 2 ? 'west' : 'east',
          instrument: AL,
          priceCnyPerT: 18_000n,
          qtyKg: 500n,
          buyerFeeFen: 450n,
          sellerFeeFen: 450n,
          reference: `trade-x${i}`,
        }),
      ),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    const report = await verifyLedger(db)
    expect(report.discrepancies).toEqual([])
    const all = await balances(db)
    // Each side bought and sold 10 × 500 kg: receipts net unchanged, cash down by its fees.
    for (const id of ['east', 'west']) {
      expect(amountOf(all, id, RCPT, 'available') + amountOf(all, id, RCPT, 'reserved')).toBe(10_000n)
      expect(amountOf(all, id, 'CNY', 'available') + amountOf(all, id, 'CNY', 'reserved')).toBe(
        10_000_000n - 20n * 450n,
      )
    }
  })

  it('creates accounts on first touch under concurrency without deadlock or lost updates', async () => {
    const { db } = database
    const ZN = 'ZN-TEST'
    const traders = ['buyer', 'seller', 'crowd', 'east', 'west']
    for (const id of traders) {
      ok(await deposit(db, { enterprise: id, amountFen: 1_000_000n }))
      ok(await reserve(db, { enterprise: id, asset: CASH, amount: 1_000_000n }))
    }
    ok(await intake(db, { enterprise: 'seller', instrument: ZN, qtyKg: 4_000n }))
    ok(await reserve(db, { enterprise: 'seller', asset: receiptAsset(ZN), amount: 4_000n }))
    // 40 fills of 100 kg from the seller to the four others, whose ZN accounts do not exist yet.
    const buyers = traders.filter((t) => t !== 'seller')
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        settle(db, {
          buyer: buyers[i % 4]!,
          seller: 'seller',
          instrument: ZN,
          priceCnyPerT: 9_000n,
          qtyKg: 100n,
          buyerFeeFen: 1n,
          sellerFeeFen: 1n,
        }),
      ),
    )
    expect(results.filter((r) => !r.ok)).toEqual([])
    const all = await balances(db)
    for (const id of buyers) expect(amountOf(all, id, receiptAsset(ZN), 'available')).toBe(1_000n)
    expect((await verifyLedger(db)).discrepancies).toEqual([])
  })

  it('reports forged entries: an unbalanced transaction and trading that touches the bank', async () => {
    const { db } = database
    const forged = await db
      .insertInto('ledger_transaction')
      .values({ kind: 'settle', reference: 'forged' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('ledger_entry')
      .values([
        {
          transaction_id: forged.id,
          kind: 'settle',
          owner: 'external:bank',
          asset: 'CNY',
          bucket: 'available',
          amount: -500n,
        },
        {
          transaction_id: forged.id,
          kind: 'settle',
          owner: 'west',
          asset: 'CNY',
          bucket: 'available',
          amount: 700n,
        },
      ])
      .execute()
    const report = await verifyLedger(db)
    expect(report.ok).toBe(false)
    const kinds = new Set(report.discrepancies.map((d) => d.kind))
    expect([...kinds].sort()).toEqual([
      'balance-mismatch',
      'conservation',
      'external-misuse',
      'unbalanced-transaction',
    ])
    expect(report.discrepancies.find((d) => d.kind === 'unbalanced-transaction')!.detail).toBe(
      `transaction ${forged.id} (settle) sums to 200 for CNY`,
    )
  })
})
