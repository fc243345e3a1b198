import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Instrument, listInstruments, priceBand } from '../../src/instruments/index.ts'
import type { JournalCommand, OrderRequest } from '../../src/trading/service/model.ts'
import { ProjectionBatch } from '../../src/trading/service/projection.ts'
import { TradingState } from '../../src/trading/service/state.ts'
import { loadSnapshot } from '../../src/trading/service/store.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { demoEnterprises, expectSqlMatchesState, fund, limitOrder } from '../support/trading.ts'

const CODE = 'AL-A00-GY'
const AT = Date.UTC(2026, 10, 30, 2, 0)

describe.each(seededBackends())('the trading projection on $name', ({ open }) => {
  let database: TestDatabase
  let state: TradingState
  let instrument: Instrument
  let firms: { buyer: string; seller: string }

  beforeAll(async () => {
    database = await open()
    const parties = await demoEnterprises(database)
    firms = { buyer: parties.buyer, seller: parties.seller }
    // Both sides hold cash and receipts, so that either may buy or sell.
    await fund(database, firms.seller, 500_000_000n, { [CODE]: 2_000_000n })
    await fund(database, firms.buyer, 500_000_000n, { [CODE]: 2_000_000n })
    const instruments = await listInstruments(database.db)
    instrument = instruments.find((i) => i.code === CODE)!
    state = new TradingState(instruments)
    state.restore(await loadSnapshot(database.db, 0))
  })
  afterAll(() => database.dispose())

  /** Applies an order if the state's risk check takes it; the applied command, or null. */
  function place(enterprise: string, request: OrderRequest) {
    const ceiling = priceBand(instrument).highCnyPerT
    if (state.checkNew(enterprise, request, null, ceiling) !== null) return null
    const command: JournalCommand = {
      op: 'new',
      at: AT + state.seq,
      order: state.nextOrderId,
      enterprise,
      user: 'projection-test',
      key: `projection-test-${state.nextOrderId}`,
      hash: 'h',
      base: null,
      ceiling,
      request,
    }
    return state.apply(state.seq + 1, command)
  }

  async function write(batch: ProjectionBatch) {
    await database.db.transaction().execute((trx) => batch.write(trx))
  }

  const limit = (side: 'buy' | 'sell', ticks: number, lots: number, tif: 'GTC' | 'IOC') =>
    limitOrder(instrument, side, ticks, lots, tif)

  it('writes an order touched by several commands of one batch once, as the last of them left it', async () => {
    const batch = new ProjectionBatch()
    const resting = place(firms.seller, limit('sell', 0, 2, 'GTC'))!
    batch.add(resting)
    batch.add(place(firms.buyer, limit('buy', 0, 1, 'IOC'))!)
    const last = place(firms.buyer, limit('buy', 0, 1, 'IOC'))!
    batch.add(last)
    await write(batch)

    const id = resting.orders[0]!.id
    const row = await database.db
      .selectFrom('trading_order')
      .select(['status', 'filled_kg', 'remaining_kg'])
      .where('id', '=', BigInt(id))
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'filled', filled_kg: BigInt(2 * instrument.lotKg), remaining_kg: 0n })
    const trades = await database.db
      .selectFrom('trade')
      .select('id')
      .where('sell_order_id', '=', BigInt(id))
      .execute()
    expect(trades).toHaveLength(2)
    const cursor = await database.db
      .selectFrom('trading_cursor')
      .select('seq')
      .where('name', '=', 'projected')
      .executeTakeFirstOrThrow()
    expect(Number(cursor.seq)).toBe(last.seq)
  })

  it('gives every entry the transaction of its posting', async () => {
    const batch = new ProjectionBatch()
    const added = [
      place(firms.buyer, limit('buy', -1, 3, 'GTC'))!,
      place(firms.seller, limit('sell', -1, 2, 'IOC'))!,
    ]
    for (const a of added) batch.add(a)
    await write(batch)
    for (const posting of added.flatMap((a) => a.ledger)) {
      const rows = await database.db
        .selectFrom('ledger_entry as e')
        .innerJoin('ledger_transaction as t', 't.id', 'e.transaction_id')
        .select(['t.kind', 'e.owner', 'e.asset', 'e.bucket', 'e.amount'])
        .where('t.key', '=', posting.key)
        .orderBy('e.id')
        .execute()
      expect(rows).toEqual(
        posting.entries.map((e) => ({
          kind: posting.kind,
          owner: e.owner,
          asset: e.asset,
          bucket: e.bucket,
          amount: e.amount,
        })),
      )
    }
  })

  it('refuses a command that does not follow the last one added', async () => {
    const first = place(firms.seller, limit('sell', 2, 1, 'GTC'))!
    const second = place(firms.seller, limit('sell', 3, 1, 'GTC'))!
    const wrong = new ProjectionBatch()
    wrong.add(second)
    expect(() => wrong.add(first)).toThrow(/does not follow/)
    const right = new ProjectionBatch()
    right.add(first)
    right.add(second)
    await write(right)
  })

  it('leaves SQL equal to the state, whatever the orders and however they are cut into batches', async () => {
    const order = fc.record({
      seller: fc.boolean(),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      ticks: fc.integer({ min: -3, max: 3 }),
      lots: fc.integer({ min: 1, max: 4 }),
      tif: fc.constantFrom('GTC' as const, 'IOC' as const),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(order, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }),
        async (orders, cuts) => {
          // Consecutive batches: each command goes to the batch its running count falls in.
          const batches: ProjectionBatch[] = [new ProjectionBatch()]
          let cut = 0
          const touched = new Set<number>()
          for (const o of orders) {
            const applied = place(
              o.seller ? firms.seller : firms.buyer,
              limit(o.side, o.ticks, o.lots, o.tif),
            )
            if (applied === null) continue
            for (const changed of applied.orders) touched.add(changed.id)
            let batch = batches[batches.length - 1]!
            if (batch.size >= cuts[cut % cuts.length]!) {
              cut++
              batch = new ProjectionBatch()
              batches.push(batch)
            }
            batch.add(applied)
          }
          for (const batch of batches) await write(batch)

          await expectSqlMatchesState(database, state, [firms.buyer, firms.seller], CODE, touched)
        },
      ),
      { numRuns: 12 },
    )
  })
})
