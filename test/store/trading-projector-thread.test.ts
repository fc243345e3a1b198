import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type Instrument, listInstruments } from '../../src/instruments/index.ts'
import { type OpenDatabase, openDatabase } from '../../src/platform/index.ts'
import { type Journal, openJournal } from '../../src/trading/journal/index.ts'
import { TradingService } from '../../src/trading/service/index.ts'
import type { OrderRequest } from '../../src/trading/service/model.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { demoEnterprises, expectSqlMatchesState, fund, limitOrder } from '../support/trading.ts'

const CODE = 'AL-A00-GY'

/** PGlite in its worker thread (as the server runs it), on a copy of the seeded template. */
async function openPgliteWorkerCopy(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'huiguo-projector-'))
  cpSync(inject('seededPgliteTemplate'), dir, { recursive: true })
  const opened = await openDatabase({ kind: 'pglite', dataDir: dir }, { worker: true })
  return {
    ...opened,
    async dispose() {
      await opened.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

const backends = [
  { name: 'pglite in its worker', open: openPgliteWorkerCopy },
  ...seededBackends().filter((b) => b.name === 'postgres'),
]

describe.each(backends)('the projection written from its own thread on $name', ({ open }) => {
  let database: TestDatabase
  let journalDir: string
  let journal: Journal
  let service: TradingService
  let instrument: Instrument
  let firms: { buyer: string; seller: string }
  let keys = 0

  const openService = async (db: OpenDatabase) => {
    journal = await openJournal(journalDir)
    return TradingService.open({
      db: db.db,
      journal,
      instruments: await listInstruments(db.db),
      sessionPolicy: 'always_open',
      projectionThread: () => db.shareWithThread(),
    })
  }

  beforeAll(async () => {
    database = await open()
    const parties = await demoEnterprises(database)
    firms = { buyer: parties.buyer, seller: parties.seller }
    await fund(database, firms.seller, 500_000_000n, { [CODE]: 2_000_000n })
    await fund(database, firms.buyer, 500_000_000n, { [CODE]: 2_000_000n })
    instrument = (await listInstruments(database.db)).find((i) => i.code === CODE)!
    journalDir = mkdtempSync(join(tmpdir(), 'huiguo-projector-journal-'))
    service = await openService(database)
  })
  afterAll(async () => {
    await service?.close()
    await journal?.close()
    await database?.dispose()
    rmSync(journalDir, { recursive: true, force: true })
  })

  const limit = (side: 'buy' | 'sell', ticks: number, lots: number, tif: 'GTC' | 'IOC') =>
    limitOrder(instrument, side, ticks, lots, tif)

  async function place(enterprise: string, request: OrderRequest) {
    const key = `projector-thread-${++keys}`
    const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex')
    return service.place(enterprise, 'projector-test', request, key, hash)
  }

  /** SQL as the service's state has it: every balance of both firms and every order. */
  async function expectSqlEqualsState() {
    // Every command applied, the session clock's too (it commits without anyone awaiting).
    await service.projected(service.state.seq)
    const orderIds = [...service.state.orders()].map((o) => o.id)
    await expectSqlMatchesState(database, service.state, [firms.buyer, firms.seller], CODE, orderIds)
    const cursor = await database.db
      .selectFrom('trading_cursor')
      .select('seq')
      .where('name', '=', 'projected')
      .executeTakeFirstOrThrow()
    expect(Number(cursor.seq)).toBe(service.state.seq)
  }

  it('leaves SQL equal to the service state, whatever the orders, cancels and restarts', async () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('order' as const),
        seller: fc.boolean(),
        side: fc.constantFrom('buy' as const, 'sell' as const),
        ticks: fc.integer({ min: -3, max: 3 }),
        lots: fc.integer({ min: 1, max: 4 }),
        tif: fc.constantFrom('GTC' as const, 'IOC' as const),
      }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('restart' as const) }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        for (const s of steps) {
          if (s.kind === 'order') {
            const placed = await place(
              s.seller ? firms.seller : firms.buyer,
              limit(s.side, s.ticks, s.lots, s.tif),
            )
            if (!placed.ok) expect(placed.code).toMatch(/^INSUFFICIENT_/)
          } else if (s.kind === 'cancel') {
            const open = [...service.state.orders()].filter((o) => o.status === 'open')
            if (open.length === 0) continue
            const order = open[s.pick % open.length]!
            expect((await service.cancel(null, order.id)).ok).toBe(true)
          } else {
            // A stop and start: the new projector thread starts from what SQL holds.
            await service.close()
            await journal.close()
            service = await openService(database)
          }
        }
        await expectSqlEqualsState()
      }),
      { numRuns: 8 },
    )
  })

  it('stops taking orders when the thread cannot write, and a restart projects what the journal kept', async () => {
    await sql`create function refuse_contracts() returns trigger language plpgsql as $$
      begin raise exception 'contracts refused by the test'; end $$`.execute(database.db)
    await sql`create trigger refuse_contracts before insert on contract
      for each statement execute function refuse_contracts()`.execute(database.db)
    try {
      expect((await place(firms.seller, limit('sell', 0, 1, 'GTC'))).ok).toBe(true)
      // Answered once durable; its projection (a trade, so a contract) then fails in the thread.
      expect((await place(firms.buyer, limit('buy', 0, 1, 'IOC'))).ok).toBe(true)
      await expect(service.projected()).rejects.toMatchObject({ code: 'TRADING_UNAVAILABLE' })
      expect(service.failure?.message).toMatch(/contracts refused by the test/)
      const refused = await place(firms.buyer, limit('buy', 0, 1, 'GTC'))
      expect(refused.ok ? null : refused.code).toBe('TRADING_UNAVAILABLE')
    } finally {
      await sql`drop trigger refuse_contracts on contract`.execute(database.db)
      await sql`drop function refuse_contracts()`.execute(database.db)
    }
    await service.close()
    await journal.close()
    service = await openService(database)
    expect(service.failure).toBeNull()
    await expectSqlEqualsState()
  })
})
