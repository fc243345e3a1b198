import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HuiguoApp } from '../../src/app.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { countRows, feeDeal, pricingApp } from '../support/pricing.ts'
import { demoEnterprises, tokenFor } from '../support/trading.ts'

const SHEET = 'FEE-1060-H24-SHEET-SPOT'
type Headers = Record<string, string>

describe.each(seededBackends())('pricing submissions on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let dispose: () => Promise<void>
  let firms: { buyer: string; seller: string; other: string }
  let asMill: Headers
  let asOther: Headers
  let asViewer: Headers
  let asAnalyst: Headers

  beforeAll(async () => {
    database = await open()
    firms = await demoEnterprises(database)
    asMill = await tokenFor(database, firms.seller, 'mill.li', ['trader'])
    asOther = await tokenFor(database, firms.other, 'other.zhang', ['trader'])
    asViewer = await tokenFor(database, firms.buyer, 'viewer.chen', ['viewer'])
    asAnalyst = await tokenFor(database, firms.buyer, 'analyst.zhao', ['analyst'])
    ;({ huiguo, dispose } = await pricingApp(database))
  })
  afterAll(async () => {
    await dispose?.()
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

  it('stores a deal with its submitter, the caller’s enterprise', async () => {
    const res = await post(
      asMill,
      '/pricing/deals',
      feeDeal({ value: 1_800, dealAt: '2025-06-02T03:00:00+08:00' }),
    )
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      synthetic: false,
      deal: {
        series: SHEET,
        value: 1_800,
        qtyKg: 80_000,
        dealAt: '2025-06-01T19:00:00.000Z',
        submitter: firms.seller,
        source: 'member',
        baseConvention: 'day',
        submittedAt: '2025-06-13T02:00:00.000Z',
      },
    })
    expect(res.json().deal.id).toMatch(/^D[0-9]+$/)
  })

  it.each([
    ['a missing field', feeDeal({ qtyKg: undefined }), 400, 'VALIDATION_FAILED'],
    ['a negative quantity', feeDeal({ qtyKg: -20_000 }), 400, 'VALIDATION_FAILED'],
    ['a zero quantity', feeDeal({ qtyKg: 0 }), 400, 'VALIDATION_FAILED'],
    ['a fractional value', feeDeal({ value: 1_800.5 }), 400, 'VALIDATION_FAILED'],
    ['a value as text', feeDeal({ value: '1800' }), 400, 'VALIDATION_FAILED'],
    ['an unknown field', feeDeal({ colour: 'red' }), 400, 'VALIDATION_FAILED'],
    ['a time without zone', feeDeal({ dealAt: '2025-06-02T03:00:00' }), 400, 'VALIDATION_FAILED'],
    ['a fee deal without its base convention', feeDeal({ baseConvention: null }), 400, 'VALIDATION_FAILED'],
    [
      'an ingot price of zero',
      feeDeal({ series: 'BASE-A00-GY', value: 0, baseUsed: null }),
      400,
      'VALIDATION_FAILED',
    ],
    ['an unknown series', feeDeal({ series: 'FEE-UNOBTAINIUM-SPOT' }), 404, 'SERIES_NOT_FOUND'],
    ['a deal dated in the future', feeDeal({ dealAt: '2025-06-13T02:00:01Z' }), 422, 'DEAL_IN_FUTURE'],
  ])('refuses %s and stores nothing', async (_what, body, status, code) => {
    const before = await countRows(database, 'pricing_deal')
    const res = await post(asMill, '/pricing/deals', body)
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json().code).toBe(code)
    expect(await countRows(database, 'pricing_deal')).toBe(before)
  })

  it('refuses submissions without credentials or without a submitting role', async () => {
    expect((await post({}, '/pricing/deals', feeDeal())).json().code).toBe('UNAUTHENTICATED')
    expect((await post(asViewer, '/pricing/deals', feeDeal())).statusCode).toBe(403)
    const quote = { series: SHEET, side: 'bid', value: 1_780, qtyKg: 40_000, at: '2025-06-14T00:00:00Z' }
    expect((await post(asMill, '/pricing/quotes', quote)).json().code).toBe('QUOTE_IN_FUTURE')
    expect(await countRows(database, 'pricing_quote')).toBe(0)
  })

  it('shows deals to their own enterprise and to analysts, never to the public', async () => {
    await post(asOther, '/pricing/deals', feeDeal({ value: 1_810 }))
    expect((await get({}, '/pricing/deals')).statusCode).toBe(401)
    const own = (await get(asOther, '/pricing/deals')).json().deals
    expect(own.map((d: { submitter: string }) => d.submitter)).toEqual([firms.other])
    const viewerSees = (await get(asViewer, '/pricing/deals')).json().deals
    expect(viewerSees).toEqual([]) // the viewer's enterprise has sent none
    const all = (await get(asAnalyst, `/pricing/deals?series=${SHEET}`)).json().deals
    expect(new Set(all.map((d: { submitter: string }) => d.submitter))).toEqual(
      new Set([firms.seller, firms.other]),
    )
    const page = (await get(asAnalyst, '/pricing/deals?limit=1')).json()
    expect(page.deals).toHaveLength(1)
    const next = (await get(asAnalyst, `/pricing/deals?limit=1&cursor=${page.nextCursor}`)).json()
    expect(next.deals[0].id).not.toBe(page.deals[0].id)
    expect((await get(asAnalyst, '/pricing/deals?from=2025-06-03')).json().deals).toEqual([])
  })
})
