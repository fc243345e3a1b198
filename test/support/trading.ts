import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { createApiToken, createUser, type Role, type ScryptCost } from '../../src/accounts/index.ts'
import { type AppOptions, buildApp, type HuiguoApp } from '../../src/app.ts'
import { type Instrument, listInstruments } from '../../src/instruments/index.ts'
import { CASH, postLedgerEvent, receiptAsset, verifyLedger } from '../../src/ledger/index.ts'
import { openJournal } from '../../src/trading/journal/index.ts'
import { type OrderRequest, TradingService, type TradingState } from '../../src/trading/service/index.ts'
import type { TestDatabase } from './databases.ts'

/** A cheap scrypt cost for test users (the real cost is in the accounts tests). */
export const TEST_COST: ScryptCost = { n: 2 ** 10, r: 8, p: 1 }

/** Two existing enterprises of the seeded demo cluster, of different kinds. */
export async function demoEnterprises(
  database: TestDatabase,
): Promise<{ buyer: string; seller: string; other: string }> {
  const rows = await database.db.selectFrom('enterprise').select(['id', 'kind']).orderBy('id').execute()
  const buyer = rows.find((r) => r.kind === 'buyer')?.id
  const processors = rows.filter((r) => r.kind === 'processor').map((r) => r.id)
  if (!buyer || processors.length < 2) throw new Error('the seeded cluster lacks buyers or processors')
  return { buyer, seller: processors[0]!, other: processors[1]! }
}

/** A user with an API token; returns the Authorization header. */
export async function tokenFor(
  database: TestDatabase,
  enterpriseId: string,
  username: string,
  roles: Role[],
) {
  const created = await createUser(
    database.db,
    { enterpriseId, username, password: 'aluminium-test-password', roles },
    { now: new Date(), cost: TEST_COST },
  )
  if (!created.ok) throw new Error(created.detail)
  const { token } = await createApiToken(
    database.db,
    { userId: created.value.id, name: 'test', expiresAt: null },
    new Date(),
  )
  return { authorization: `Bearer ${token}` }
}

export async function fund(
  database: TestDatabase,
  enterpriseId: string,
  cashFen: bigint,
  receipts: Record<string, bigint>,
) {
  if (cashFen > 0n) {
    const r = await postLedgerEvent(database.db, {
      kind: 'deposit',
      enterprise: enterpriseId,
      amountFen: cashFen,
    })
    if (!r.ok) throw new Error(r.detail)
  }
  for (const [instrument, qtyKg] of Object.entries(receipts)) {
    const r = await postLedgerEvent(database.db, {
      kind: 'intake',
      enterprise: enterpriseId,
      instrument,
      qtyKg,
    })
    if (!r.ok) throw new Error(r.detail)
  }
}

/** The app with a file journal in a folder of its own, which outlives `close()` for restarts. */
export async function tradingApp(
  database: TestDatabase,
  journalDir = mkdtempSync(join(tmpdir(), 'huiguo-journal-test-')),
  trading: Omit<NonNullable<AppOptions['trading']>, 'journal'> = {},
): Promise<{ huiguo: HuiguoApp; journalDir: string; dispose(): Promise<void> }> {
  const huiguo = await buildApp({
    database,
    webDistDir: null,
    trading: {
      journal: journalDir,
      sessionPolicy: 'always_open',
      rateLimit: { perSecond: 1000, burst: 1000 },
      ...trading,
    },
  })
  await huiguo.app.ready()
  return {
    huiguo,
    journalDir,
    async dispose() {
      await huiguo.close()
      rmSync(journalDir, { recursive: true, force: true })
    },
  }
}

/**
 * SQL holds what the trading state holds: the balances of `owners` in cash and in `instrument`'s
 * receipts, each of `orderIds` as it stands, and a ledger that verifies.
 */
export async function expectSqlMatchesState(
  database: TestDatabase,
  state: TradingState,
  owners: readonly string[],
  instrument: string,
  orderIds: Iterable<number>,
) {
  for (const owner of owners)
    for (const asset of [CASH, receiptAsset(instrument)])
      for (const bucket of ['available', 'reserved'] as const) {
        const row = await database.db
          .selectFrom('ledger_balance')
          .select('amount')
          .where('owner', '=', owner)
          .where('asset', '=', asset)
          .where('bucket', '=', bucket)
          .executeTakeFirst()
        expect(row?.amount ?? 0n).toBe(state.balance({ owner, asset, bucket }))
      }
  for (const id of orderIds) {
    const live = state.order(id)!
    const row = await database.db
      .selectFrom('trading_order')
      .select(['status', 'filled_kg', 'remaining_kg', 'reserved'])
      .where('id', '=', BigInt(id))
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      status: live.status,
      filled_kg: BigInt(live.filledKg),
      remaining_kg: BigInt(live.remainingKg),
      reserved: live.reserved,
    })
  }
  const report = await verifyLedger(database.db)
  expect(report.discrepancies).toEqual([])
  expect(report.ok).toBe(true)
}

/** A limit order of `lots` lots, `ticks` ticks from the instrument's reference price. */
export const limitOrder = (
  instrument: Instrument,
  side: 'buy' | 'sell',
  ticks: number,
  lots: number,
  tif: 'GTC' | 'IOC',
): OrderRequest => ({
  instrument: instrument.code,
  side,
  type: 'limit',
  priceCnyPerT: instrument.referencePriceCnyPerT + ticks * instrument.tickCnyPerT,
  qtyKg: lots * instrument.lotKg,
  tif,
  postOnly: false,
  stp: 'cancel_resting',
})

/**
 * A trading service always open on a seeded test database from `open`, its seller and buyer funded
 * (the seller with receipts of `code`) and its journal in a fresh folder, on the given clock; `close`
 * stops it, removes the folder and disposes of the database.
 */
export async function fundedService(
  open: () => Promise<TestDatabase>,
  code: string,
  clock: () => number,
): Promise<{
  service: TradingService
  instrument: Instrument
  firms: { buyer: string; seller: string; other: string }
  close: () => Promise<void>
}> {
  const database = await open()
  const firms = await demoEnterprises(database)
  await fund(database, firms.seller, 500_000_000n, { [code]: 2_000_000n })
  await fund(database, firms.buyer, 500_000_000n, {})
  const instruments = await listInstruments(database.db)
  const journalDir = mkdtempSync(join(tmpdir(), 'huiguo-service-'))
  const journal = await openJournal(journalDir)
  const service = await TradingService.open({
    db: database.db,
    journal,
    instruments,
    clock,
    sessionPolicy: 'always_open',
  })
  const close = async () => {
    await service.close()
    await journal.close()
    rmSync(journalDir, { recursive: true, force: true })
    await database.dispose()
  }
  return { service, instrument: instruments.find((i) => i.code === code)!, firms, close }
}
