import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { demoEnterprises, fund, tokenFor, tradingApp } from '../support/trading.ts'

const INGOT = 'AL-A00-GY'
/** An instant given as Shanghai wall time. */
const shanghai = (wall: string): number => Date.parse(`${wall}+08:00`)

// One backend is enough: this is about the session clock, not storage.
const [pglite] = seededBackends()

describe('trading sessions on the Shanghai clock', () => {
  let database: TestDatabase
  let now = shanghai('2026-11-30T03:00')
  let app: Awaited<ReturnType<typeof tradingApp>>
  let asBuyer: { authorization: string }
  let asSeller: { authorization: string }
  let n = 0

  beforeAll(async () => {
    database = await pglite!.open()
    const firms = await demoEnterprises(database)
    asBuyer = await tokenFor(database, firms.buyer, 'buyer.sun', ['trader'])
    asSeller = await tokenFor(database, firms.seller, 'seller.zhou', ['trader'])
    await fund(database, firms.buyer, 10_000_000_000n, {})
    await fund(database, firms.seller, 0n, { [INGOT]: 50_000n })
    app = await tradingApp(database, undefined, {
      sessionPolicy: 'scheduled',
      clock: () => now,
      rateLimit: { perSecond: 1, burst: 3 },
    })
  })
  afterAll(async () => {
    await app?.dispose()
    await database?.dispose()
  })

  const place = (headers: Record<string, string>, body: object) =>
    app.huiguo.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...headers, 'idempotency-key': `s-${++n}` },
      payload: body,
    })
  const limit = (side: 'buy' | 'sell', price: number, extra: object = {}) => ({
    instrument: INGOT,
    side,
    type: 'limit',
    price,
    qty: 5_000,
    ...extra,
  })

  it('refuses orders outside the sessions, collects the opening call, and uncrosses it at the open', async () => {
    const closed = await place(asBuyer, limit('buy', 19_850))
    expect(closed.statusCode).toBe(409)
    expect(closed.json().code).toBe('MARKET_CLOSED')

    now = shanghai('2026-11-30T08:55')
    app.huiguo.trading.tick()
    await app.huiguo.trading.projected(app.huiguo.trading.state.seq)
    expect(app.huiguo.trading.state.inCall(INGOT)).toBe(true)
    const sell = await place(asSeller, limit('sell', 19_800))
    const buy = await place(asBuyer, limit('buy', 19_900))
    expect(sell.statusCode).toBe(201)
    expect(buy.statusCode).toBe(201)
    expect(buy.json().order.status).toBe('open') // crossed, but a call auction trades only at the uncross
    const ioc = await place(asBuyer, limit('buy', 19_900, { tif: 'IOC' }))
    expect(ioc.statusCode).toBe(422)
    expect(ioc.json().code).toBe('TIF_NOT_ALLOWED')

    now = shanghai('2026-11-30T09:00')
    app.huiguo.trading.tick()
    await app.huiguo.trading.projected(app.huiguo.trading.state.seq)
    expect(app.huiguo.trading.state.inCall(INGOT)).toBe(false)
    const fills = await app.huiguo.app.inject({
      method: 'GET',
      url: '/api/v1/trades?mine=true',
      headers: asBuyer,
    })
    const [trade] = fills.json().items
    expect(trade).toMatchObject({ side: 'buy', aggressor: 'auction', qtyKg: 5_000 })
    expect(trade.price).toBeGreaterThanOrEqual(19_800)
    expect(trade.price).toBeLessThanOrEqual(19_900)
  })

  it('answers a caller over its rate with 429 and takes nothing', async () => {
    now = shanghai('2026-11-30T10:00')
    // Run the new minute's session changes (a call period of another instrument may end at 10:00)
    // now, so the service's own one-second timer cannot add a command while the orders go in.
    app.huiguo.trading.tick()
    await app.huiguo.trading.projected(app.huiguo.trading.state.seq)
    const seq = app.huiguo.trading.state.seq
    const answers: number[] = []
    for (let i = 0; i < 6; i++) answers.push((await place(asSeller, limit('sell', 20_500))).statusCode)
    // The limiter runs on the service's clock, frozen here: a full bucket of 3, then refusals.
    expect(answers).toEqual([201, 201, 201, 429, 429, 429])
    const taken = answers.filter((s) => s === 201).length
    expect(app.huiguo.trading.state.seq - seq).toBe(taken)
  })
})
