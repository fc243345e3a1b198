import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HuiguoApp } from '../../src/app.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { countRows, pricingApp } from '../support/pricing.ts'
import { demoEnterprises, tokenFor } from '../support/trading.ts'

const BASE = 'BASE-A00-GY'
const SHEET = 'FEE-1060-H24-SHEET-SPOT'
type Headers = Record<string, string>

/** A webhook receiver on a free port that keeps every body it is sent. */
async function receiver(): Promise<{ url: string; bodies: unknown[]; server: Server }> {
  const bodies: unknown[] = []
  const server = createServer((request, response) => {
    let text = ''
    request.on('data', (chunk) => {
      text += chunk
    })
    request.on('end', () => {
      bodies.push(JSON.parse(text))
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server }
}

describe.each(seededBackends())('pricing alerts and the trading center’s trades on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let dispose: () => Promise<void>
  let hook: Awaited<ReturnType<typeof receiver>>
  let firms: { buyer: string; seller: string; other: string }
  let asUser: Headers
  let asAnalyst: Headers
  let asReviewer: Headers

  beforeAll(async () => {
    database = await open()
    firms = await demoEnterprises(database)
    asUser = await tokenFor(database, firms.buyer, 'buyer.wu', ['viewer'])
    asAnalyst = await tokenFor(database, firms.other, 'analyst.qian', ['analyst'])
    asReviewer = await tokenFor(database, firms.other, 'reviewer.zhou', ['analyst'])
    hook = await receiver()
    ;({ huiguo, dispose } = await pricingApp(database, { webhookTimeoutMs: 2_000 }))
  })
  afterAll(async () => {
    await dispose?.()
    hook?.server.close()
    await database?.dispose()
  })

  const post = (headers: Headers, url: string, payload: unknown) =>
    huiguo.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers,
      payload: payload as Record<string, unknown>,
    })
  const get = (headers: Headers, url: string) =>
    huiguo.app.inject({ method: 'GET', url: `/api/v1${url}`, headers })

  /** Proposes the base of `date` from an analyst's judgement and has the reviewer publish it. */
  async function publishBase(date: string, value: number) {
    const proposed = await post(asAnalyst, '/pricing/assessments', {
      series: BASE,
      date,
      judgement: { value, rationale: 'test publication' },
    })
    expect(proposed.statusCode).toBe(201)
    const approved = await post(
      asReviewer,
      `/pricing/assessments/${proposed.json().assessment.id}/approve`,
      {},
    )
    expect(approved.statusCode).toBe(200)
    await huiguo.pricing.idle()
  }

  const alertsOf = async (headers: Headers) => (await get(headers, '/pricing/alerts')).json()

  it('refuses alerts on unknown series, with fractional thresholds or odd webhooks, and without login', async () => {
    const alert = { series: BASE, direction: 'above', threshold: 20_000 }
    expect((await post({}, '/pricing/alerts', alert)).statusCode).toBe(401)
    expect((await post(asUser, '/pricing/alerts', { ...alert, series: 'NOPE' })).json().code).toBe(
      'SERIES_NOT_FOUND',
    )
    expect((await post(asUser, '/pricing/alerts', { ...alert, threshold: 20_000.5 })).json().code).toBe(
      'VALIDATION_FAILED',
    )
    const ftp = await post(asUser, '/pricing/alerts', { ...alert, webhookUrl: 'ftp://example.com/x' })
    expect(ftp.json().code).toBe('VALIDATION_FAILED')
    expect((await alertsOf(asUser)).alerts).toEqual([])
  })

  it('reports a publication that crosses a threshold, once, in the UI and by webhook', async () => {
    const above = await post(asUser, '/pricing/alerts', {
      series: BASE,
      direction: 'above',
      threshold: 20_000,
      webhookUrl: hook.url,
    })
    expect(above.statusCode).toBe(201)
    await post(asUser, '/pricing/alerts', { series: BASE, direction: 'below', threshold: 19_500 })
    // A webhook nobody answers: the event is kept, its delivery marked failed.
    await post(asUser, '/pricing/alerts', {
      series: BASE,
      direction: 'above',
      threshold: 19_000,
      webhookUrl: 'http://127.0.0.1:9/closed',
    })

    await publishBase('2025-06-10', 19_800) // first publication: above 19,000 only
    await publishBase('2025-06-11', 20_050) // crosses 20,000 upwards
    await publishBase('2025-06-12', 20_100) // still above: nothing new
    const { alerts, events } = await alertsOf(asUser)
    expect(alerts).toHaveLength(3)
    const fired = events.map((e: { date: string; threshold: number }) => [e.date, e.threshold]).sort()
    expect(fired).toEqual([
      ['2025-06-10', 19_000],
      ['2025-06-11', 20_000],
    ])
    const crossing = events.find((e: { threshold: number }) => e.threshold === 20_000)
    expect(crossing).toMatchObject({
      value: 20_050,
      previousValue: 19_800,
      direction: 'above',
      webhookStatus: 'delivered',
    })
    expect(events.find((e: { threshold: number }) => e.threshold === 19_000).webhookStatus).toBe('failed')
    expect(hook.bodies).toEqual([
      expect.objectContaining({
        type: 'pricing.alert',
        seriesId: BASE,
        date: '2025-06-11',
        value: 20_050,
        threshold: 20_000,
      }),
    ])
    // Another user sees none of it.
    expect(await alertsOf(asAnalyst)).toEqual({ alerts: [], events: [] })
  })

  it('checks corrections too: a corrected value that falls through a threshold fires', async () => {
    const proposed = await post(asAnalyst, '/pricing/corrections', {
      series: BASE,
      date: '2025-06-12',
      value: 19_400,
      reason: 'A mistyped SHFE reference',
    })
    await post(asReviewer, `/pricing/assessments/${proposed.json().assessment.id}/approve`, {})
    await huiguo.pricing.idle()
    const { events } = await alertsOf(asUser)
    expect(events[0]).toMatchObject({
      date: '2025-06-12',
      revision: 2,
      value: 19_400,
      previousValue: 20_100,
      direction: 'below',
      threshold: 19_500,
      webhookStatus: null,
    })
  })

  it('deletes only one’s own alerts', async () => {
    const [first] = (await alertsOf(asUser)).alerts
    const theirs = await huiguo.app.inject({
      method: 'DELETE',
      url: `/api/v1/pricing/alerts/${first.id}`,
      headers: asAnalyst,
    })
    expect(theirs.json().code).toBe('ALERT_NOT_FOUND')
    const mine = await huiguo.app.inject({
      method: 'DELETE',
      url: `/api/v1/pricing/alerts/${first.id}`,
      headers: asUser,
    })
    expect(mine.statusCode).toBe(204)
    expect((await alertsOf(asUser)).alerts.map((a: { id: string }) => a.id)).not.toContain(first.id)
  })

  it('takes in the trading center’s trades as deals of the seller, once', async () => {
    const trade = (id: number, instrument: string) => ({
      id,
      seq: id,
      instrument,
      price_cny_per_t: 1_850,
      all_in_cny_per_t: 21_700,
      qty_kg: 25_000,
      buy_order_id: 1,
      sell_order_id: 2,
      buyer_id: firms.buyer,
      seller_id: firms.seller,
      aggressor: 'buy',
      notional_fen: 0,
      buyer_fee_fen: 0,
      seller_fee_fen: 0,
      traded_at: new Date('2025-06-09T02:00:00Z'),
    })
    await database.db
      .insertInto('trade')
      .values([trade(900_001, 'SHEET-1060-H24-1.0x1220'), trade(900_002, 'NOT-LISTED')])
      .execute()
    const before = await countRows(database, 'pricing_deal')
    const deals = (await get(asAnalyst, `/pricing/deals?series=${SHEET}`)).json().deals
    expect(deals).toEqual([
      expect.objectContaining({
        source: 'trading',
        tradeId: '900001',
        submitter: firms.seller,
        submittedBy: null,
        value: 1_850,
        baseUsed: 19_850,
        qtyKg: 25_000,
        synthetic: true,
      }),
    ])
    await get(asAnalyst, '/pricing/deals')
    expect(await countRows(database, 'pricing_deal')).toBe(before + 1)
    // It counts in the week's assessment like any deal: one deal is Tier 2.
    const proposed = await post(asAnalyst, '/pricing/assessments', { series: SHEET, date: '2025-06-12' })
    expect(proposed.json().assessment).toMatchObject({
      synthetic: true,
      record: { tier: 2, value: 1_850, nDeals: 1 },
    })
    // The buyer's users do not see it: the seller reported it.
    expect((await get(asUser, '/pricing/deals')).json().deals).toEqual([])
  })
})
