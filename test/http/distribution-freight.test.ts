import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HuiguoApp } from '../../src/app.ts'
import { DEFAULT_TARIFF } from '../../src/distribution/freight/index.ts'
import { insertPublishedAssessments } from '../../src/pricing/index.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { pricingApp, publishedAssessment } from '../support/pricing.ts'
import { demoEnterprises, tokenFor } from '../support/trading.ts'

type Headers = Record<string, string>

const NEW_TARIFF = {
  id: '2020-test',
  effectiveFrom: '2020-01-01',
  truck: { rateFenPerTKm: 22.5, minimumFenPerT: 5000, payloadT: 30 },
  molten: { rateFenPerTKm: 50, minimumFenPerT: 4000, maxRoadKm: 120, payloadT: 25 },
  rail: { rateFenPerTKm: 15.5, terminalFenPerT: 6000, minRailKm: 800 },
  note: 'test',
}

describe.each(seededBackends())('distribution freight API on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let dispose: () => Promise<void>
  let asAdmin: Headers
  let asTrader: Headers

  beforeAll(async () => {
    database = await open()
    const firms = await demoEnterprises(database)
    asAdmin = await tokenFor(database, firms.buyer, 'admin.freight', ['admin'])
    asTrader = await tokenFor(database, firms.seller, 'trader.freight', ['trader'])
    ;({ huiguo, dispose } = await pricingApp(database))
  })
  afterAll(async () => {
    await dispose?.()
    await database?.dispose()
  })

  const get = (url: string) => huiguo.app.inject({ method: 'GET', url: `/api/v1${url}` })
  const put = (headers: Headers, url: string, payload: unknown) =>
    huiguo.app.inject({
      method: 'PUT',
      url: `/api/v1${url}`,
      headers,
      payload: payload as Record<string, unknown>,
    })
  const count = async (table: 'distribution_tariff' | 'distribution_differential') =>
    (await database.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow())
      .n

  it('lists the places with ids, coordinates and sources, and the origins compared', async () => {
    const res = await get('/distribution/places')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.clusterPlaceId).toBe('huiguo')
    expect(body.places).toHaveLength(68)
    expect(body.places.find((p: { id: string }) => p.id === 'hongqiao-zouping')).toMatchObject({
      kind: 'smelter',
      province: 'Shandong',
      lat: 36.86,
      lon: 117.74,
      source: expect.stringContaining('SRC'),
    })
    expect(body.origins.map((o: { id: string }) => o.id)).toEqual([
      'gongyi',
      'zouping',
      'wuxi',
      'jiangyin',
      'luoyang',
    ])
    const doc = (await huiguo.app.inject({ method: 'GET', url: '/docs/json' })).json()
    for (const path of ['places', 'freight', 'delivered', 'tariffs', 'differentials'])
      expect(Object.keys(doc.paths)).toContain(`/api/v1/distribution/${path}`)
  })

  it('seeds the default tariff as the pure code defines it', async () => {
    const body = (await get('/distribution/tariffs')).json()
    expect(body.inForce).toBe('default-v1')
    expect(body.tariffs).toHaveLength(1)
    const { note, createdBy, createdAt, ...tariff } = body.tariffs[0]
    expect(tariff).toEqual(DEFAULT_TARIFF)
    expect(createdBy).toBeNull()
    const differentials = (await get('/distribution/differentials')).json()
    expect(differentials.inForce).toBe('default-v1')
    expect(differentials.differentials[0].cnyPerT).toEqual({ zouping: 0, wuxi: 0, jiangyin: 0, luoyang: 0 })
    expect(differentials.note).toMatch(/assumed/)
  })

  it('quotes every mode from the cluster to Shanghai, without a login', async () => {
    const res = await get('/distribution/freight?from=huiguo&to=shanghai&tonnes=100')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.from).toMatchObject({ id: 'huiguo', lat: 34.686, lon: 112.868 })
    expect(body.distances).toEqual({
      greatCircleKm: 889.38,
      roadKm: 1067.256,
      roadSource: 'formula',
      railKm: 1022.787,
    })
    expect(body.tariff).toEqual({ id: 'default-v1', effectiveFrom: '2000-01-01' })
    expect(body.tonnes).toBe('100')
    expect(body.quotes).toEqual([
      {
        mode: 'truck',
        tariffVersion: 'default-v1',
        distanceKm: 1067.256,
        distanceSource: 'formula',
        fenPerT: 21_345,
        yuanPerT: '213.45',
        minimumApplied: false,
        payloadT: 32,
        totalFen: 2_134_500,
        totalYuan: '21345.00',
        vehicles: 4,
      },
      {
        mode: 'rail',
        tariffVersion: 'default-v1',
        distanceKm: 1022.787,
        distanceSource: 'formula',
        fenPerT: 21_853,
        yuanPerT: '218.53',
        minimumApplied: false,
        payloadT: null,
        totalFen: 2_185_300,
        totalYuan: '21853.00',
        vehicles: null,
      },
    ])
    expect(body.notOffered).toEqual([
      {
        mode: 'molten',
        tariffVersion: 'default-v1',
        reason: 'molten_beyond_range',
        detail: 'molten aluminium goes by ladle truck up to 150 road km; this lane is 1067.256',
      },
    ])
  })

  it('takes coordinates as well as place ids, and one mode', async () => {
    const res = await get('/distribution/freight?from=34.686,112.868&to=zhengzhou&mode=molten&tonnes=12.5')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.from).toEqual({ id: null, name: '34.686,112.868', nameZh: null, lat: 34.686, lon: 112.868 })
    // 94.5109 road km: 50 × = 4725.55 → 4726 fen/t; × 12.5 t = 59075 fen; one ladle truck.
    expect(body.quotes).toHaveLength(1)
    expect(body.quotes[0]).toMatchObject({ mode: 'molten', fenPerT: 4726, totalFen: 59_075, vehicles: 1 })
    expect(body.notOffered).toEqual([])
    const smelter = (await get('/distribution/freight?from=zhongfu-gongyi&to=huiguo&mode=molten')).json()
    expect(smelter.quotes[0]).toMatchObject({
      fenPerT: 4000,
      minimumApplied: true,
      totalFen: null,
      vehicles: null,
    })
  })

  it('refuses a mode that is not offered, unknown places and bad queries', async () => {
    const molten = await get('/distribution/freight?from=huiguo&to=shanghai&mode=molten')
    expect(molten.statusCode).toBe(422)
    expect(molten.json()).toMatchObject({
      code: 'FREIGHT_NOT_OFFERED',
      detail: expect.stringContaining('150 road km'),
    })
    const rail = await get('/distribution/freight?from=huiguo&to=zhengzhou&mode=rail')
    expect(rail.json().code).toBe('FREIGHT_NOT_OFFERED')
    const unknown = await get('/distribution/freight?from=huiguo&to=atlantis')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('PLACE_NOT_FOUND')
    for (const query of [
      'from=huiguo',
      'from=huiguo&to=shanghai&mode=ship',
      'from=huiguo&to=95,112',
      'from=huiguo&to=shanghai&tonnes=0',
      'from=huiguo&to=shanghai&tonnes=1.2345',
      'from=huiguo&to=shanghai&tonnes=100001',
      'from=Huiguo&to=shanghai',
    ]) {
      const res = await get(`/distribution/freight?${query}`)
      expect(res.statusCode, query).toBe(400)
      expect(res.json().code, query).toBe('VALIDATION_FAILED')
    }
  })

  it('refuses a delivered price until the pricing center has published one', async () => {
    const none = await get('/distribution/delivered?product=1060-H24-SHEET&to=wuhan')
    expect(none.statusCode).toBe(409)
    expect(none.json().code).toBe('PRICE_NOT_PUBLISHED')
    const unknown = await get('/distribution/delivered?product=NO-SUCH&to=wuhan')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('PRODUCT_NOT_FOUND')
  })

  it('gives the delivered price from Gongyi beside the competing origins, ranked', async () => {
    await insertPublishedAssessments(database.db, [
      publishedAssessment('BASE-A00-GY', '2025-06-12', 20_650),
      publishedAssessment('FEE-1060-H24-SHEET-SPOT', '2025-06-12', 1_800),
    ])
    const res = await get('/distribution/delivered?product=1060-H24-SHEET&to=wuhan')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.price).toEqual({
      seriesId: 'FEE-1060-H24-SHEET-SPOT',
      date: '2025-06-12',
      publishedAt: '2025-06-12T09:00:00.000Z',
      baseCnyPerT: 20_650,
      feeCnyPerT: 1_800,
      allInCnyPerT: 22_450,
    })
    expect(body.synthetic).toBe(true)
    expect(body.gongyiWins).toBe(true)
    expect(body.differentials).toMatchObject({ id: 'default-v1', note: expect.stringContaining('assumed') })
    expect(
      body.origins.map((o: Record<string, unknown>) => [
        o.id,
        o.rank,
        o.wins,
        o.freightFenPerT,
        o.freightCnyPerT,
        o.deliveredCnyPerT,
      ]),
    ).toEqual([
      ['gongyi', 1, true, 11_401, 114, 22_564],
      ['luoyang', 2, false, 11_538, 115, 22_565],
      ['wuxi', 3, false, 13_926, 139, 22_589],
      ['jiangyin', 4, false, 14_072, 141, 22_591],
      ['zouping', 5, false, 18_379, 184, 22_634],
    ])
    expect(body.origins[0].distances).toMatchObject({ roadKm: 570.036, roadSource: 'formula' })
  })

  it('lets only an admin add a tariff version, stores nothing on bad input, and uses it from its date', async () => {
    expect((await put({}, '/distribution/tariffs', NEW_TARIFF)).statusCode).toBe(401)
    const trader = await put(asTrader, '/distribution/tariffs', NEW_TARIFF)
    expect(trader.statusCode).toBe(403)
    const { rail: _, ...missing } = NEW_TARIFF
    const schema = await put(asAdmin, '/distribution/tariffs', missing)
    expect(schema.statusCode).toBe(400)
    expect(schema.json().code).toBe('VALIDATION_FAILED')
    const fine = await put(asAdmin, '/distribution/tariffs', {
      ...NEW_TARIFF,
      effectiveFrom: '2026-02-30',
      truck: { ...NEW_TARIFF.truck, rateFenPerTKm: 22.505 },
    })
    expect(fine.statusCode).toBe(422)
    expect(fine.json()).toMatchObject({ code: 'TARIFF_INVALID' })
    expect(fine.json().errors.map((e: { field: string }) => e.field)).toEqual([
      '/effectiveFrom',
      '/truck/rateFenPerTKm',
    ])
    expect(await count('distribution_tariff')).toBe(1)

    const added = await put(asAdmin, '/distribution/tariffs', NEW_TARIFF)
    expect(added.statusCode).toBe(201)
    expect(added.json().tariff).toMatchObject({
      id: '2020-test',
      note: 'test',
      createdBy: expect.any(String),
    })
    expect((await put(asAdmin, '/distribution/tariffs', NEW_TARIFF)).statusCode).toBe(200)
    const conflict = await put(asAdmin, '/distribution/tariffs', {
      ...NEW_TARIFF,
      rail: { ...NEW_TARIFF.rail, minRailKm: 700 },
    })
    expect(conflict.statusCode).toBe(409)
    expect(conflict.json().code).toBe('TARIFF_VERSION_EXISTS')
    // A version dated in the future is stored but not in force yet.
    const future = { ...NEW_TARIFF, id: 'future', effectiveFrom: '2999-01-01' }
    expect((await put(asAdmin, '/distribution/tariffs', future)).statusCode).toBe(201)
    expect(await count('distribution_tariff')).toBe(3)
    expect((await get('/distribution/tariffs')).json().inForce).toBe('2020-test')

    // 22.5 × 1067.2564 = 24013.27 → 24013 fen/t; 100 t on 30 t trucks: 4 trucks.
    const body = (await get('/distribution/freight?from=huiguo&to=shanghai&mode=truck&tonnes=100')).json()
    expect(body.tariff).toEqual({ id: '2020-test', effectiveFrom: '2020-01-01' })
    expect(body.quotes[0]).toMatchObject({ tariffVersion: '2020-test', fenPerT: 24_013, vehicles: 4 })
    // Molten now stops at 120 road km: Jiaozuo Wanfang (98.7) still goes, East Hope Mianchi (132.5) not.
    expect((await get('/distribution/freight?from=easthope-mianchi&to=huiguo&mode=molten')).statusCode).toBe(
      422,
    )
  })

  it('lets an admin change the assumed differentials', async () => {
    const bad = await put(asAdmin, '/distribution/differentials', {
      id: 'v2',
      effectiveFrom: '2020-01-01',
      cnyPerT: { gongyi: 10 },
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().code).toBe('DIFFERENTIALS_INVALID')
    expect(
      (
        await put(asTrader, '/distribution/differentials', {
          id: 'v2',
          effectiveFrom: '2020-01-01',
          cnyPerT: {},
        })
      ).statusCode,
    ).toBe(403)
    expect(await count('distribution_differential')).toBe(1)
    const added = await put(asAdmin, '/distribution/differentials', {
      id: 'v2',
      effectiveFrom: '2020-01-01',
      cnyPerT: { luoyang: -300 },
    })
    expect(added.statusCode).toBe(201)
    expect(added.json().differentials.cnyPerT).toEqual({ zouping: 0, wuxi: 0, jiangyin: 0, luoyang: -300 })
    const body = (await get('/distribution/delivered?product=1060-H24-SHEET&to=wuhan')).json()
    expect(body.differentials.id).toBe('v2')
    expect(body.gongyiWins).toBe(false)
    expect(body.origins[0]).toMatchObject({
      id: 'luoyang',
      wins: true,
      allInCnyPerT: 22_150,
      differentialCnyPerT: -300,
    })
  })
})
