import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, type HuiguoApp } from '../../src/app.ts'
import type { Journal, JournalEntry, SlowWrite } from '../../src/trading/journal/index.ts'
import { LONG_COMMIT_MS, RECENT_JOURNAL_STALLS } from '../../src/trading/service/index.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { demoEnterprises, fund, tokenFor } from '../support/trading.ts'

/** A journal that makes records durable only when the test says so. */
class ManualJournal implements Journal {
  readonly #records: Uint8Array[] = []
  #durable = 0
  readonly #waiters: { seq: number; resolve: () => void }[] = []
  /** What `slowWrites` reports: the test says which writes the disk took long over. */
  writes: SlowWrite[] = []
  get lastSeq(): number {
    return this.#records.length
  }
  append(payload: Uint8Array): number {
    this.#records.push(payload)
    return this.#records.length
  }
  whenDurable(seq: number): Promise<void> {
    if (seq <= this.#durable) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.push({ seq, resolve }))
  }
  /** Makes records up to `seq` durable and wakes who waited for them. */
  makeDurable(seq: number): void {
    this.#durable = Math.max(this.#durable, seq)
    for (let i = this.#waiters.length - 1; i >= 0; i--)
      if (this.#waiters[i]!.seq <= this.#durable) this.#waiters.splice(i, 1)[0]!.resolve()
  }
  async *read(afterSeq: number): AsyncIterable<JournalEntry> {
    for (let seq = afterSeq + 1; seq <= this.#records.length; seq++)
      yield { seq, payload: this.#records[seq - 1]! }
  }
  slowWrites(): readonly SlowWrite[] {
    return this.writes
  }
  async releaseUpTo(): Promise<void> {}
  async close(): Promise<void> {}
}

describe.each(seededBackends())('an order’s acknowledgment on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let journal: ManualJournal
  let asSeller: Record<string, string>
  let asBuyer: Record<string, string>
  let asRisk: Record<string, string>

  beforeAll(async () => {
    database = await open()
    const firms = await demoEnterprises(database)
    await fund(database, firms.seller, 0n, { 'AL-A00-GY': 50_000n })
    await fund(database, firms.buyer, 100_000_000n, {})
    asSeller = await tokenFor(database, firms.seller, 'ack.seller', ['trader'])
    asBuyer = await tokenFor(database, firms.buyer, 'ack.buyer', ['trader'])
    asRisk = await tokenFor(database, firms.seller, 'ack.risk', ['risk'])
    journal = new ManualJournal()
    huiguo = await buildApp({
      database,
      webDistDir: null,
      trading: { journal, sessionPolicy: 'always_open', rateLimit: { perSecond: 1000, burst: 1000 } },
    })
    await huiguo.app.ready()
  })
  afterAll(async () => {
    journal?.makeDurable(Number.MAX_SAFE_INTEGER)
    await huiguo?.close()
    await database?.dispose()
  })

  const order = (headers: Record<string, string>, key: string, side: 'buy' | 'sell') =>
    huiguo.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...headers, 'idempotency-key': key },
      payload: { instrument: 'AL-A00-GY', side, type: 'limit', price: 19_850, qty: 5_000 },
    })

  it('reports only what its own durable command did, not a later fill a crash could still undo', async () => {
    const start = journal.lastSeq
    const sell = order(asSeller, 'ack-sell', 'sell') // rests; waits for its record to be durable
    while (journal.lastSeq < start + 1) await new Promise((r) => setTimeout(r, 1))
    const buy = order(asBuyer, 'ack-buy', 'buy') // crosses the sell in memory; not durable either
    while (journal.lastSeq < start + 2) await new Promise((r) => setTimeout(r, 1))
    journal.makeDurable(start + 1) // only the sell is durable: a crash now would undo the buy
    const sold = (await sell).json()
    expect(sold.order).toMatchObject({ status: 'open', filledQty: 0, remainingQty: 5_000 })
    expect(sold.trades).toEqual([])
    journal.makeDurable(start + 2)
    const bought = (await buy).json()
    expect(bought.order).toMatchObject({ status: 'filled', filledQty: 5_000 })
    expect(bought.trades).toHaveLength(1)
    // the same key again answers the order as it is now, all of it durable
    const again = (await order(asSeller, 'ack-sell', 'sell')).json()
    expect(again.order).toMatchObject({ status: 'filled', filledQty: 5_000 })
  })

  it('projects a durable order to SQL while nobody waits for it (the projection only defers it)', async () => {
    const placing = order(asSeller, 'ack-unread', 'sell')
    while (journal.lastSeq === 0 || !(await journalHas('ack-unread')))
      await new Promise((r) => setTimeout(r, 1))
    journal.makeDurable(journal.lastSeq)
    const placed = (await placing).json()
    const id = BigInt(placed.order.id)
    let row: { status: string } | undefined
    // No reader calls `projected`: the deferred batch must still come (bounded wait, not a timing assertion).
    for (let i = 0; i < 500 && row === undefined; i++) {
      row = await database.db
        .selectFrom('trading_order')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirst()
      if (row === undefined) await new Promise((r) => setTimeout(r, 10))
    }
    expect(row).toEqual({ status: 'open' })
  })

  it('shows risk where order entry stands: applied, durable, projected, and one commit latency per durable command', async () => {
    const operations = async (headers: Record<string, string>) =>
      huiguo.app.inject({ method: 'GET', url: '/api/v1/trading/operations', headers })
    expect((await operations({})).statusCode).toBe(401)
    expect((await operations(asSeller)).json().code).toBe('FORBIDDEN')

    journal.makeDurable(journal.lastSeq)
    const before = (await operations(asRisk)).json()
    // On the service's clock (performance's), as the stalls are stamped
    const serviceNowMs = () => performance.timeOrigin + performance.now()
    const placedFromMs = serviceNowMs()
    const placing = order(asSeller, 'ops-sell', 'sell')
    while (!(await journalHas('ops-sell'))) await new Promise((r) => setTimeout(r, 1))
    const pending = (await operations(asRisk)).json()
    expect(pending.appliedSeq).toBeGreaterThan(before.appliedSeq)
    expect(pending.appliedSeq).toBeGreaterThan(pending.durableSeq)
    expect(pending.durableSeq).toBe(before.durableSeq) // nothing became durable meanwhile
    expect(pending.commit.count).toBe(before.commit.count)

    const last = journal.lastSeq
    const stalledFromMs = serviceNowMs()
    // Held past LONG_COMMIT_MS: a stall of the journal, as a slow disk would make one
    await new Promise((r) => setTimeout(r, LONG_COMMIT_MS + 1))
    journal.makeDurable(last)
    expect((await placing).statusCode).toBe(201)
    const durable = (await operations(asRisk)).json()
    expect(durable.durableSeq).toBeGreaterThanOrEqual(last)
    // every command made durable got exactly one commit latency
    expect(durable.commit.count - before.commit.count).toBe(durable.durableSeq - before.durableSeq)
    expect(durable.commit.counts.reduce((a: number, b: number) => a + b, 0)).toBe(durable.commit.count)

    await huiguo.trading.projected(durable.durableSeq)
    const projected = (await operations(asRisk)).json()
    expect(projected.projectedSeq).toBeGreaterThanOrEqual(durable.durableSeq)
    expect(projected.projectionBacklog).toBe(projected.appliedSeq - projected.projectedSeq)
    expect(projected.projectionBatch.count).toBeGreaterThan(before.projectionBatch.count)
    expect(projected.gcPause.counts.reduce((a: number, b: number) => a + b, 0)).toBe(projected.gcPause.count)
    expect(projected.gcPause.count).toBeGreaterThanOrEqual(before.gcPause.count)
    // The long pauses, one by one: no more than the histogram counted, each at most as long as its max.
    const long = projected.gcLongPauses as { at: string; ms: number; kind: string }[]
    expect(long.length).toBeLessThanOrEqual(projected.gcPause.count)
    for (const g of long) {
      expect(new Date(g.at).toISOString()).toBe(g.at)
      expect(g.ms).toBeGreaterThanOrEqual(5)
      expect(g.ms).toBeLessThanOrEqual(projected.gcPause.maxMs)
      expect(['minor', 'major', 'incremental', 'weak-callbacks']).toContain(g.kind)
    }
    // The stall: listed once, after the ones before the order, starting before the order was released.
    const stallsBefore = before.journalStalls as { at: string; ms: number; commands: number }[]
    const stalls = projected.journalStalls as { at: string; ms: number; commands: number }[]
    const stall = stalls.at(-1)!
    expect(stalls.length).toBe(Math.min(stallsBefore.length + 1, RECENT_JOURNAL_STALLS))
    expect(new Date(stall.at).toISOString()).toBe(stall.at)
    expect(Date.parse(stall.at)).toBeGreaterThanOrEqual(Math.floor(placedFromMs)) // the sell's...
    expect(Date.parse(stall.at)).toBeLessThanOrEqual(stalledFromMs) // ...appended before it was held
    expect(stall.ms).toBeGreaterThanOrEqual(LONG_COMMIT_MS)
    expect(stall.commands).toBe(1) // the sell alone was waiting
    expect(projected.failure).toBeNull()
    // The journal's own slow writes, apart from the stalls: as the journal reports them.
    expect(projected.journalSlowWrites).toEqual([])
    journal.writes = [
      { atMs: Date.UTC(2026, 11, 3, 4, 5, 6, 789) + 0.25, ms: 406.5, kind: 'batch', bytes: 3_520 },
      { atMs: Date.UTC(2026, 11, 3, 4, 5, 9, 1), ms: 12, kind: 'segment', bytes: 16 },
    ]
    expect((await operations(asRisk)).json().journalSlowWrites).toEqual([
      { at: '2026-12-03T04:05:06.789Z', ms: 406.5, kind: 'batch', bytes: 3_520 },
      { at: '2026-12-03T04:05:09.001Z', ms: 12, kind: 'segment', bytes: 16 },
    ])
    journal.writes = []
  })

  /** True once the journal holds a command with this idempotency key. */
  async function journalHas(key: string): Promise<boolean> {
    for await (const entry of journal.read(0))
      if ((JSON.parse(new TextDecoder().decode(entry.payload)) as { key?: string }).key === key) return true
    return false
  }
})

describe.each(seededBackends())('order entry over its projection backlog bound on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let journal: ManualJournal
  let asSeller: Record<string, string>

  beforeAll(async () => {
    database = await open()
    const firms = await demoEnterprises(database)
    await fund(database, firms.seller, 0n, { 'AL-A00-GY': 50_000n })
    asSeller = await tokenFor(database, firms.seller, 'busy.seller', ['trader'])
    journal = new ManualJournal()
    huiguo = await buildApp({
      database,
      webDistDir: null,
      trading: {
        journal,
        sessionPolicy: 'always_open',
        rateLimit: { perSecond: 1000, burst: 1000 },
        maxProjectionBacklog: 2,
      },
    })
    await huiguo.app.ready()
  })
  afterAll(async () => {
    journal?.makeDurable(Number.MAX_SAFE_INTEGER)
    await huiguo?.close()
    await database?.dispose()
  })

  const sell = (key: string, price = 19_900) =>
    huiguo.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...asSeller, 'idempotency-key': key },
      payload: { instrument: 'AL-A00-GY', side: 'sell', type: 'limit', price, qty: 5_000 },
    })

  it('refuses new orders and amendments with 503 TRADING_BUSY, still cancels, and takes orders again once SQL caught up', async () => {
    journal.makeDurable(journal.lastSeq)
    await huiguo.trading.projected(huiguo.trading.state.seq)
    const start = journal.lastSeq
    // Two orders applied and waiting (not durable, so not projected): the backlog reaches the bound.
    const first = sell('busy-1')
    const second = sell('busy-2')
    while (journal.lastSeq < start + 2) await new Promise((r) => setTimeout(r, 1))
    const seq = huiguo.trading.state.seq

    const refused = await sell('busy-3')
    expect(refused.statusCode).toBe(503)
    expect(refused.json().code).toBe('TRADING_BUSY')
    expect(refused.headers['retry-after']).toBe('1')
    const orderId = huiguo.trading.state.order(huiguo.trading.state.nextOrderId - 1)!.id
    const amend = await huiguo.app.inject({
      method: 'PATCH',
      url: `/api/v1/orders/${orderId}`,
      headers: asSeller,
      payload: { price: 19_950 },
    })
    expect(amend.statusCode).toBe(503)
    expect(amend.json().code).toBe('TRADING_BUSY')
    expect(huiguo.trading.state.seq).toBe(seq) // neither took a command
    expect(huiguo.trading.operations()).toMatchObject({ refusingNewOrders: true, maxProjectionBacklog: 2 })

    const cancelling = huiguo.app.inject({
      method: 'DELETE',
      url: `/api/v1/orders/${orderId}`,
      headers: asSeller,
    })
    while (journal.lastSeq < start + 3) await new Promise((r) => setTimeout(r, 1))
    journal.makeDurable(journal.lastSeq)
    expect((await first).statusCode).toBe(201)
    expect((await second).statusCode).toBe(201)
    expect((await cancelling).statusCode).toBe(200)

    await huiguo.trading.projected(huiguo.trading.state.seq)
    const again = sell('busy-4')
    while (journal.lastSeq < start + 4) await new Promise((r) => setTimeout(r, 1))
    journal.makeDurable(journal.lastSeq)
    expect((await again).statusCode).toBe(201)
    expect(huiguo.trading.operations().refusingNewOrders).toBe(false)
  })
})
