import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HuiguoApp } from '../../src/app.ts'
import {
  COMPETING_ORIGINS,
  DEFAULT_DIFFERENTIALS,
  DEFAULT_TARIFF,
  DISTRIBUTION_PLACES,
  deliveredPrices,
  formulaLane,
  GONGYI_ORIGIN,
  placeById,
  seedDemoIntakePlans,
  solveIntake,
} from '../../src/distribution/index.ts'
import { insertPublishedAssessments } from '../../src/pricing/index.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { PRICING_NOW, pricingApp, publishedAssessment } from '../support/pricing.ts'
import { demoEnterprises, tokenFor } from '../support/trading.ts'

type Headers = Record<string, string>

/**
 * Zhongfu (8 km from the plants) offers 3000 t molten and 5000 t ingot; Sanmenxia's molten is beyond
 * the ladle trucks' 150 road km; Zouping sells ingot. 4000 t of molten are wanted and only Zhongfu's
 * 3000 t can reach: 1000 t stay unmet; all 7000 t of ingot are delivered.
 */
const PROBLEM = {
  suppliers: [
    {
      id: 'zhongfu',
      name: 'Zhongfu',
      lat: 34.78,
      lon: 112.93,
      form: 'molten',
      capacityT: 3000,
      premiumCnyPerT: 150,
    },
    {
      id: 'zhongfu',
      name: 'Zhongfu',
      lat: 34.78,
      lon: 112.93,
      form: 'ingot',
      capacityT: 5000,
      premiumCnyPerT: 80,
    },
    { id: 'sanmenxia', lat: 34.77, lon: 111.2, form: 'molten', capacityT: 5000, premiumCnyPerT: 100 },
    { id: 'zouping', lat: 36.86, lon: 117.74, form: 'ingot', capacityT: 10_000, premiumCnyPerT: 50 },
  ],
  plants: [
    { id: 'p1', name: 'Plant one', lat: 34.686, lon: 112.868, demandT: { molten: 2000, ingot: 3000 } },
    { id: 'p2', lat: 34.7, lon: 112.9, demandT: { molten: 2000, ingot: 4000 } },
  ],
}

/** The month before: less demand, all of it met (2500 t molten of 6000 t). */
const EARLIER = {
  ...PROBLEM,
  plants: [
    { id: 'p1', lat: 34.686, lon: 112.868, demandT: { molten: 1500, ingot: 2000 } },
    { id: 'p2', lat: 34.7, lon: 112.9, demandT: { molten: 1000, ingot: 1500 } },
  ],
}

describe.each(seededBackends())('distribution intake plans and delivered map on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let dispose: () => Promise<void>
  let asAdmin: Headers
  let asTrader: Headers

  beforeAll(async () => {
    database = await open()
    const firms = await demoEnterprises(database)
    asAdmin = await tokenFor(database, firms.buyer, 'admin.intake', ['admin'])
    asTrader = await tokenFor(database, firms.seller, 'trader.intake', ['trader'])
    ;({ huiguo, dispose } = await pricingApp(database))
  })
  afterAll(async () => {
    await dispose?.()
    await database?.dispose()
  })

  const get = (url: string, headers: Headers = {}) =>
    huiguo.app.inject({ method: 'GET', url: `/api/v1${url}`, headers })
  const post = (headers: Headers, payload: unknown) =>
    huiguo.app.inject({
      method: 'POST',
      url: '/api/v1/distribution/intake-plans',
      headers,
      payload: payload as Record<string, unknown>,
    })
  const storedPlans = async () =>
    (
      await database.db
        .selectFrom('distribution_intake_plan')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
    ).n

  it('refuses the delivered map until a price is published, and unknown products', async () => {
    const none = await get('/distribution/delivered-map?product=1060-H24-SHEET')
    expect(none.statusCode).toBe(409)
    expect(none.json().code).toBe('PRICE_NOT_PUBLISHED')
    expect((await get('/distribution/delivered-map?product=NO-SUCH')).json().code).toBe('PRODUCT_NOT_FOUND')
    expect((await get('/distribution/delivered-map')).statusCode).toBe(400)
  })

  it('maps every customer city to its cheapest origin, as deliveredPrices ranks them, without a login', async () => {
    await insertPublishedAssessments(database.db, [
      publishedAssessment('BASE-A00-GY', '2025-06-12', 20_650),
      publishedAssessment('FEE-1060-H24-SHEET-SPOT', '2025-06-12', 1_800),
    ])
    const res = await get('/distribution/delivered-map?product=1060-H24-SHEET')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({
      synthetic: true,
      product: { code: '1060-H24-SHEET' },
      date: '2025-06-12',
      allInCnyPerT: 22_450,
      tariffVersion: 'default-v1',
      differentialsVersion: 'default-v1',
    })
    const cities = DISTRIBUTION_PLACES.filter((p) => p.kind === 'customer_city')
    expect(cities).toHaveLength(41)
    const expected = cities.map((city) => {
      const { rows } = deliveredPrices({
        gongyiAllInCnyPerT: 22_450,
        tariff: DEFAULT_TARIFF,
        differentials: DEFAULT_DIFFERENTIALS,
        lanes: [GONGYI_ORIGIN, ...COMPETING_ORIGINS].map((origin) => ({
          origin,
          lane: formulaLane(placeById(origin.placeId)!, city),
        })),
      })
      const gongyi = rows.find((r) => r.origin.id === 'gongyi')!
      const bestOther = Math.min(...rows.filter((r) => r !== gongyi).map((r) => r.deliveredCnyPerT))
      return {
        place: city.id,
        name: { en: city.name, zh: city.nameZh },
        lat: city.lat,
        lon: city.lon,
        winner: rows[0]!.origin.id,
        gongyiRank: gongyi.rank,
        gongyiDeliveredCnyPerT: gongyi.deliveredCnyPerT,
        bestOtherDeliveredCnyPerT: bestOther,
        marginCnyPerT: bestOther - gongyi.deliveredCnyPerT,
      }
    })
    expect(body.destinations).toEqual(expected)
    const origins = new Set([GONGYI_ORIGIN, ...COMPETING_ORIGINS].map((o) => o.id))
    for (const d of body.destinations) expect(origins.has(d.winner), d.place).toBe(true)
    const at = (id: string) => body.destinations.find((d: { place: string }) => d.place === id)
    // Wuhan as GET /distribution/delivered gives it: Gongyi 22 564 against Luoyang 22 565.
    expect(at('wuhan')).toMatchObject({
      winner: 'gongyi',
      gongyiRank: 1,
      gongyiDeliveredCnyPerT: 22_564,
      bestOtherDeliveredCnyPerT: 22_565,
      marginCnyPerT: 1,
    })
    // Zhengzhou: Gongyi and Luoyang both pay the 40 CNY/t truck minimum; a tie goes to Gongyi.
    expect(at('zhengzhou')).toMatchObject({ winner: 'gongyi', gongyiRank: 1, marginCnyPerT: 0 })
    expect(at('taiyuan')).toMatchObject({ winner: 'gongyi', gongyiRank: 1, marginCnyPerT: 2 })
    // Shanghai is Wuxi's and Jiangyin's market.
    expect(at('shanghai').winner).not.toBe('gongyi')
  })

  it('refuses a plan from anyone but an admin, and bad input, storing nothing', async () => {
    const body = { month: '2024-03', ...PROBLEM }
    expect((await post({}, body)).statusCode).toBe(401)
    const trader = await post(asTrader, body)
    expect(trader.statusCode).toBe(403)
    expect(trader.json().code).toBe('FORBIDDEN')
    for (const bad of [
      { ...body, month: '2024-13' },
      { ...body, month: '2024-3' },
      { month: '2024-03', suppliers: PROBLEM.suppliers },
      { ...body, suppliers: [{ ...PROBLEM.suppliers[0], form: 'liquid' }] },
      { ...body, plants: [{ ...PROBLEM.plants[0], demandT: { molten: -1 } }] },
      { ...body, unmetPenaltyCnyPerT: 'high' },
      { ...body, extra: true },
    ]) {
      const res = await post(asAdmin, bad)
      expect(res.statusCode, JSON.stringify(bad).slice(0, 80)).toBe(400)
      expect(res.json().code).toBe('VALIDATION_FAILED')
    }
    const twice = await post(asAdmin, {
      ...body,
      plants: [PROBLEM.plants[0], { ...PROBLEM.plants[1], id: 'p1' }],
    })
    expect(twice.statusCode).toBe(422)
    expect(twice.json()).toMatchObject({
      code: 'INTAKE_PROBLEM_INVALID',
      errors: [{ field: '/plants/1/id', message: 'repeats the id of /plants/0' }],
    })
    expect(await storedPlans()).toBe(0)
    expect((await get('/distribution/intake-plans')).statusCode).toBe(401)
    expect((await get('/distribution/intake-plans', asTrader)).json()).toEqual({
      synthetic: false,
      plans: [],
    })
    const missing = await get('/distribution/intake-plans/2024-03', asTrader)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().code).toBe('INTAKE_PLAN_NOT_FOUND')
    expect((await get('/distribution/intake-plans/2024-3', asTrader)).statusCode).toBe(400)
  })

  it('solves a month with HiGHS, saves it with its figures, and compares it with the month before', async () => {
    const earlier = await post(asAdmin, { month: '2024-02', ...EARLIER })
    expect(earlier.statusCode).toBe(201)
    // 2500 t molten of 6000 t delivered: share 2500/6000, 20 × 2500 = 50 000 m³ of gas saved.
    expect(earlier.json().plan).toMatchObject({
      month: '2024-02',
      revision: 1,
      deliveredT: 6000,
      unmetT: 0,
      moltenT: 2500,
      moltenShare: 2500 / 6000,
      gasSavedM3: 50_000,
    })
    expect(earlier.json().previous).toBeNull()

    const res = await post(asAdmin, { month: '2024-03', ...PROBLEM })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    const solved = await solveIntake(PROBLEM as Parameters<typeof solveIntake>[0])
    expect(body.plan.result).toEqual(solved)
    expect(solved.unmet).toEqual([{ plant: 'p1', form: 'molten', tonnes: 1000 }])
    // 3000 t molten (all Zhongfu's) + 7000 t ingot delivered, 1000 t molten unmet:
    // share 3000 / 10 000 = 0.3, gas saved 20 × 3000 = 60 000 m³.
    expect(body.plan).toMatchObject({
      month: '2024-03',
      revision: 1,
      totalCostCny: solved.totalCostCny,
      deliveredT: 10_000,
      unmetT: 1000,
      moltenT: 3000,
      moltenShare: 0.3,
      gasSavedM3: 60_000,
      unmetPenaltyCnyPerT: 100_000,
      synthetic: false,
      createdBy: 'admin.intake',
    })
    expect(body.plan.suppliers[0]).toEqual({ ...PROBLEM.suppliers[0] })
    expect(body.plan.suppliers[2].name).toBeNull()
    expect(body.plan.plants[1]).toEqual({ ...PROBLEM.plants[1], name: null })
    expect(body.synthetic).toBe(false)

    const read = await get('/distribution/intake-plans/2024-03', asTrader)
    expect(read.statusCode).toBe(200)
    expect(read.json()).toEqual(body)
    expect(read.json().previous).toEqual({
      month: '2024-02',
      totalCostCny: earlier.json().plan.totalCostCny,
      moltenShare: 2500 / 6000,
      gasSavedM3: 50_000,
      deliveredT: 6000,
    })

    const list = (await get('/distribution/intake-plans', asTrader)).json()
    expect(list.synthetic).toBe(false)
    expect(list.plans.map((p: { month: string }) => p.month)).toEqual(['2024-03', '2024-02'])
    expect(list.plans[0]).toEqual({
      month: '2024-03',
      revision: 1,
      totalCostCny: solved.totalCostCny,
      deliveredT: 10_000,
      unmetT: 1000,
      moltenT: 3000,
      moltenShare: 0.3,
      gasSavedM3: 60_000,
      synthetic: false,
      createdAt: body.plan.createdAt,
      createdBy: 'admin.intake',
    })
  })

  it('replaces a month saved again with a new revision, keeping the old one', async () => {
    const again = await post(asAdmin, { month: '2024-03', ...PROBLEM, unmetPenaltyCnyPerT: 100 })
    expect(again.statusCode).toBe(201)
    // At 100 CNY/t unmet costs less than any lane (premium 50 and up + freight 40 and up): nothing moves.
    expect(again.json().plan).toMatchObject({ revision: 2, deliveredT: 0, unmetT: 11_000, moltenShare: null })
    const list = (await get('/distribution/intake-plans', asTrader)).json()
    expect(list.plans.map((p: { month: string; revision: number }) => [p.month, p.revision])).toEqual([
      ['2024-03', 2],
      ['2024-02', 1],
    ])
    expect(await storedPlans()).toBe(3)
  })

  it('seeds the demo plans of this month and the last once, synthetic, as HiGHS solves them', async () => {
    expect(await seedDemoIntakePlans(database.db, PRICING_NOW)).toBe(2)
    expect(await seedDemoIntakePlans(database.db, PRICING_NOW)).toBe(0)
    const list = (await get('/distribution/intake-plans', asTrader)).json()
    expect(list.synthetic).toBe(true)
    expect(list.plans.map((p: { month: string }) => p.month)).toEqual([
      '2025-06',
      '2025-05',
      '2024-03',
      '2024-02',
    ])
    const { plan, previous } = (await get('/distribution/intake-plans/2025-06', asTrader)).json()
    expect(plan).toMatchObject({ synthetic: true, createdBy: null, revision: 1 })
    expect(previous).toMatchObject({ month: '2025-05' })
    expect(plan.plants).toHaveLength(10)
    for (const p of plan.plants) expect(p.id).toMatch(/^p-\d{4}$/)
    const smelters = new Set(plan.suppliers.map((s: { id: string }) => s.id))
    expect(smelters.has('zhongfu-gongyi')).toBe(true)
    expect(smelters.has('xinjiang-smelters')).toBe(false)
    for (const s of plan.suppliers) {
      expect(placeById(s.id)?.kind).toBe('smelter')
      const [low, high] = s.form === 'molten' ? [100, 300] : [50, 150]
      expect(s.premiumCnyPerT).toBeGreaterThanOrEqual(low)
      expect(s.premiumCnyPerT).toBeLessThanOrEqual(high)
    }
    const { name: _, ...unnamed } = plan
    expect(unnamed.result).toEqual(
      await solveIntake({
        suppliers: plan.suppliers,
        plants: plan.plants,
        unmetPenaltyCnyPerT: plan.unmetPenaltyCnyPerT,
      }),
    )
    expect(plan.moltenT).toBeGreaterThan(0)
    expect(plan.gasSavedM3).toBe(20 * plan.moltenT)
    expect(plan.moltenShare).toBeCloseTo(plan.moltenT / plan.deliveredT, 12)
  })
})
