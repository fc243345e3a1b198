import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HuiguoApp } from '../../src/app.ts'
import {
  COMMUNICATION_SHEETS,
  type CommunicationView,
  type FootprintInput,
  footprint,
  seedDemoCbam,
} from '../../src/ecology/cbam/index.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { demoEnterprises, tokenFor, tradingApp } from '../support/trading.ts'
import { openWithOpenpyxl, pythonWithOpenpyxl, readSheet, sheetNames, unzip } from '../support/xlsx.ts'

type Headers = Record<string, string>

/** Foil from the mill: 10 500 t of declared ingot, 900 t Chinese and 100 t Indian ingot on defaults. */
const FOIL_INPUT = (declaredSee: number): FootprintInput => ({
  good: { cnCode: '76071190', outputT: 12_000, origin: 'CN' },
  year: 2026,
  installation: {
    naturalGasNm3: 1_150_000,
    otherDirectTco2e: 0,
    electricityKwh: 15_600_000,
    gridKgco2PerKwh: 0.6058,
  },
  precursors: [
    { cnCode: '7601', tonnes: 10_500, seeTco2ePerT: declaredSee },
    { cnCode: '7601', tonnes: 900, seeTco2ePerT: null },
    { cnCode: '7601', tonnes: 100, seeTco2ePerT: null, origin: 'IN' },
  ],
  scrapT: 1100,
  eurPerTco2: 75.36,
})

const recordOf = (input: FootprintInput) => {
  const r = footprint(input)
  if (!r.ok) throw new Error(r.detail)
  return r.value
}

describe.each(seededBackends())('CBAM API on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let dispose: () => Promise<void>
  let smelter: string
  let otherSmelter: string
  let firms: { buyer: string; seller: string; other: string }
  let asSmelter: Headers
  let asSmelterViewer: Headers
  let asMill: Headers
  let asOther: Headers
  let asAdmin: Headers
  let shipmentId: string
  const declared: { first?: string; second?: string; third?: string } = {}

  beforeAll(async () => {
    database = await open()
    firms = await demoEnterprises(database)
    const smelters = await database.db
      .selectFrom('enterprise')
      .select('id')
      .where('kind', '=', 'smelter')
      .orderBy('id')
      .execute()
    smelter = smelters[0]!.id
    otherSmelter = smelters[1]!.id
    asSmelter = await tokenFor(database, smelter, 'smelter.liu', ['trader'])
    asSmelterViewer = await tokenFor(database, smelter, 'smelter.view', ['viewer'])
    asMill = await tokenFor(database, firms.seller, 'mill.zhao', ['trader'])
    asOther = await tokenFor(database, firms.other, 'other.qian', ['trader'])
    asAdmin = await tokenFor(database, firms.buyer, 'center.admin', ['admin'])
    ;({ huiguo, dispose } = await tradingApp(database))
    const created = await post(asMill, '/shipments', {
      origin: { place: 'huiguo' },
      destination: { place: 'qingdao', name: 'Qingdao port' },
      goods: '8011 O foil for Rotterdam',
      qtyKg: 24_000,
      truckPlate: '豫A·E2026',
    })
    expect(created.statusCode, created.body).toBe(201)
    shipmentId = created.json().shipment.id
  })
  afterAll(async () => {
    await dispose?.()
    await database?.dispose()
  })

  const post = (headers: Headers, url: string, payload: unknown) =>
    huiguo.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object })
  const get = (headers: Headers, url: string) =>
    huiguo.app.inject({ method: 'GET', url: `/api/v1${url}`, headers })
  const count = async (table: 'cbam_declaration' | 'cbam_communication' | 'cbam_communication_good') =>
    (await database.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow())
      .n

  describe('the calculator', () => {
    it('answers exactly the record footprint() computes, without a login', async () => {
      const input = FOIL_INPUT(1.94)
      const res = await post({}, '/cbam/footprint', input)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toEqual(recordOf(input))
      // 1 150 000 × 2.162 / 1000 = 2486.3 t direct; 10 500 × 1.94 + 900 × 3.3 + 100 × 2.203 × 1.1 = 23 582.33 t
      expect(res.json().seeTco2ePerT).toBeCloseTo((2486.3 + 23_582.33) / 12_000, 12)
      expect(res.json().precursorsOnDefaults).toBe(2)
    })

    it('gives ≈ €233/t for 7606 in 2026 on China defaults (carbon.md 1.8)', async () => {
      const res = await post({}, '/cbam/footprint', {
        good: { cnCode: '7606', outputT: 1, origin: 'CN' },
        year: 2026,
        installation: { naturalGasNm3: 0, otherDirectTco2e: 0, electricityKwh: 0, gridKgco2PerKwh: 0 },
        precursors: [],
        scrapT: 0,
        eurPerTco2: 75.36,
      })
      // (4.12 × 1.1 − 1.479 × 0.975) × 75.36 = 3.089975 × 75.36 = 232.860516
      expect(res.json().defaultCostEurPerT).toBeCloseTo(232.860516, 9)
    })

    it('refuses bad input with every field, an unknown heading with CN_CODE_UNKNOWN', async () => {
      const bad = await post({}, '/cbam/footprint', { ...FOIL_INPUT(1.9), year: 'soon', scrapT: -1 })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().code).toBe('VALIDATION_FAILED')
      expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['/year', '/scrapT'])
      const powder = await post({}, '/cbam/footprint', {
        ...FOIL_INPUT(1.9),
        good: { cnCode: '7603', outputT: 1, origin: 'CN' },
      })
      expect(powder.statusCode).toBe(422)
      expect(powder.json().code).toBe('CN_CODE_UNKNOWN')
      expect(powder.json().errors[0].field).toBe('/good/cnCode')
      const notJson = await huiguo.app.inject({
        method: 'POST',
        url: '/api/v1/cbam/footprint',
        headers: { 'content-type': 'application/json' },
        payload: '{"good": ',
      })
      expect(notJson.statusCode).toBe(400)
    })

    it('publishes its schedule: eight headings, the factors from 1 down to 0', async () => {
      const res = await get({}, '/cbam/schedule')
      expect(res.statusCode).toBe(200)
      const schedule = res.json()
      expect(schedule.headings.map((h: { heading: string }) => h.heading)).toEqual([
        '7601',
        '7604',
        '7605',
        '7606',
        '7607',
        '7608',
        '7612',
        '7616',
      ])
      expect(schedule.years[0]).toEqual({ year: 2025, markUp: 0, cbamFactor: 1 })
      expect(schedule.years.at(-1)).toEqual({ year: 2034, markUp: 0.3, cbamFactor: 0 })
    })
  })

  describe('declarations', () => {
    it('stores a smelter’s declaration with who declared it and when', async () => {
      const before = Date.now()
      const res = await post(asSmelter, '/cbam/declarations', {
        cnCode: '7601',
        year: 2026,
        seeTco2ePerT: 2.05,
        route: 'primary',
        verifier: 'Test verifier',
        evidence: 'Monitoring report Q4',
      })
      expect(res.statusCode, res.body).toBe(201)
      const d = res.json().declaration
      expect(d).toMatchObject({
        enterpriseId: smelter,
        cnCode: '7601',
        year: 2026,
        quarter: null,
        seeTco2ePerT: 2.05,
        route: 'primary',
        verifier: 'Test verifier',
        evidence: 'Monitoring report Q4',
        declaredBy: { username: 'smelter.liu' },
        supersededBy: null,
        current: true,
        synthetic: false,
      })
      expect(Date.parse(d.declaredAt)).toBeGreaterThanOrEqual(before - 1000)
      expect(Date.parse(d.declaredAt)).toBeLessThanOrEqual(Date.now() + 1000)
      declared.first = d.id
    })

    it('keeps the old declaration visible when a new one supersedes it', async () => {
      const res = await post(asSmelter, '/cbam/declarations', {
        cnCode: '7601',
        year: 2026,
        seeTco2ePerT: 1.94,
        route: 'primary',
      })
      expect(res.statusCode).toBe(201)
      declared.second = res.json().declaration.id
      const all = (await get(asOther, `/cbam/declarations?enterpriseId=${smelter}`)).json().items
      expect(all.map((d: { id: string }) => d.id)).toEqual([declared.second, declared.first])
      expect(all[1]).toMatchObject({ seeTco2ePerT: 2.05, supersededBy: declared.second, current: false })
      expect(all[0]).toMatchObject({ seeTco2ePerT: 1.94, supersededBy: null, current: true })
      const current = (await get(asOther, `/cbam/declarations?enterpriseId=${smelter}&current=true`)).json()
        .items
      expect(current.map((d: { id: string }) => d.id)).toEqual([declared.second])
      // Another route or another year does not supersede.
      const secondary = await post(asSmelter, '/cbam/declarations', {
        cnCode: '7601',
        year: 2026,
        seeTco2ePerT: 0.42,
        route: 'secondary',
      })
      expect(secondary.json().declaration.current).toBe(true)
      const listed = (await get(asOther, `/cbam/declarations?enterpriseId=${smelter}&current=true`)).json()
        .items
      expect(listed).toHaveLength(2)
    })

    it('lets an admin declare for any smelter, and refuses everyone else, storing nothing', async () => {
      const byAdmin = await post(asAdmin, '/cbam/declarations', {
        enterpriseId: otherSmelter,
        cnCode: '7601',
        year: 2026,
        seeTco2ePerT: 1.77,
        route: 'primary',
      })
      expect(byAdmin.statusCode).toBe(201)
      expect(byAdmin.json().declaration).toMatchObject({
        enterpriseId: otherSmelter,
        declaredBy: { username: 'center.admin' },
      })
      declared.third = byAdmin.json().declaration.id

      const rows = await count('cbam_declaration')
      const body = { cnCode: '7601', year: 2026, seeTco2ePerT: 1.5, route: 'primary' }
      const mill = await post(asMill, '/cbam/declarations', body)
      expect(mill.statusCode).toBe(422)
      expect(mill.json().code).toBe('CBAM_NOT_A_SMELTER')
      const forSmelter = await post(asMill, '/cbam/declarations', { ...body, enterpriseId: smelter })
      expect(forSmelter.statusCode).toBe(403)
      expect(forSmelter.json().code).toBe('FORBIDDEN')
      expect((await post(asSmelterViewer, '/cbam/declarations', body)).statusCode).toBe(403)
      const scrap = await post(asSmelter, '/cbam/declarations', { ...body, cnCode: '7602' })
      expect(scrap.statusCode).toBe(422)
      expect(scrap.json().code).toBe('CN_CODE_UNKNOWN')
      const negative = await post(asSmelter, '/cbam/declarations', { ...body, seeTco2ePerT: -1 })
      expect(negative.statusCode).toBe(400)
      expect(negative.json().errors[0].field).toContain('seeTco2ePerT')
      expect((await post({}, '/cbam/declarations', body)).statusCode).toBe(401)
      expect((await get({}, '/cbam/declarations')).statusCode).toBe(401)
      expect(await count('cbam_declaration')).toBe(rows)
    })
  })

  describe('communications', () => {
    const request = (declarationId: string, parts: Record<string, unknown> = {}) => ({
      importer: { name: 'Rotterdam Foil Imports B.V.', country: 'NL', eori: 'NL812345678' },
      installation: { name: 'Foil mill', address: 'Huiguo town, Gongyi, Henan', unlocode: 'CN CGO' },
      year: 2026,
      goods: [
        {
          cnCode: '76071190',
          description: '8011 O household foil',
          outputT: 12_000,
          shippedT: 24,
          naturalGasNm3: 1_150_000,
          otherDirectTco2e: 0,
          electricityKwh: 15_600_000,
          scrapT: 1100,
          precursors: [
            { declarationId, tonnes: 10_500 },
            { cnCode: '7601', tonnes: 900 },
            { cnCode: '7601', tonnes: 100, origin: 'in' },
          ],
        },
      ],
      ...parts,
    })
    let view: CommunicationView

    it('refuses what cannot be communicated and stores nothing', async () => {
      const rows = await count('cbam_communication')
      const refusals: [Record<string, unknown>, number, string, string][] = [
        [request(declared.first!), 409, 'CBAM_DECLARATION_SUPERSEDED', '/goods/0/precursors/0/declarationId'],
        [request('999999'), 422, 'CBAM_DECLARATION_UNKNOWN', '/goods/0/precursors/0/declarationId'],
        [
          request(declared.second!, {
            importer: { name: 'Chicago Metals', country: 'US', eori: 'US123' },
          }),
          422,
          'CBAM_IMPORTER_NOT_EU',
          '/importer/country',
        ],
        [
          request(declared.second!, { year: 2027 }),
          422,
          'CBAM_DECLARATION_MISMATCH',
          '/goods/0/precursors/0/declarationId',
        ],
        [
          request(declared.second!, {
            goods: [{ ...request(declared.second!).goods[0]!, cnCode: '76031000' }],
          }),
          422,
          'CN_CODE_UNKNOWN',
          '/goods/0/cnCode',
        ],
        [
          request(declared.second!, { goods: [{ ...request(declared.second!).goods[0]!, shippedT: 25 }] }),
          400,
          'VALIDATION_FAILED',
          '/goods',
        ],
      ]
      for (const [body, status, code, field] of refusals) {
        const res = await post(asMill, `/shipments/${shipmentId}/communication`, body)
        expect(res.statusCode, res.body).toBe(status)
        expect(res.json().code).toBe(code)
        expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field)
      }
      expect(await count('cbam_communication')).toBe(rows)
    })

    it('writes the communication and computes it exactly as footprint() does on the same input', async () => {
      const res = await post(asMill, `/shipments/${shipmentId}/communication`, request(declared.second!))
      expect(res.statusCode, res.body).toBe(201)
      view = res.json()
      const input = FOIL_INPUT(1.94)
      const record = recordOf(input)
      expect(view.goods[0]!.input).toEqual(input)
      expect(view.goods[0]!.record).toEqual(record)
      expect(view).toMatchObject({
        shipmentId,
        method: 'v1',
        importer: { name: 'Rotterdam Foil Imports B.V.', country: 'NL', eori: 'NL812345678' },
        installation: { country: 'CN', unlocode: 'CN CGO', enterpriseId: firms.seller },
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        eurCentsPerTco2: 7536,
        eurPerTco2: 75.36,
        createdBy: { username: 'mill.zhao' },
        synthetic: false,
      })
      // The precursors' sources: the declaration with its declarant, then the EU default (× 1.1).
      const [fromSmelter, chinese, indian] = view.goods[0]!.precursors
      expect(fromSmelter).toMatchObject({
        source: 'declared',
        seeTco2ePerT: 1.94,
        embeddedTco2e: 10_500 * 1.94,
        declaration: { id: declared.second, enterpriseId: smelter, declaredBy: { username: 'smelter.liu' } },
      })
      expect(chinese).toMatchObject({ source: 'default', declaration: null, origin: null })
      expect(chinese!.seeTco2ePerT).toBeCloseTo(3.3, 12)
      expect(indian!.seeTco2ePerT).toBeCloseTo(2.4233, 12)
      // The shipment's 24 t at the record's €/t, actual and default.
      expect(view.goods[0]!.shipment.costEur).toBeCloseTo(record.costEurPerT * 24, 9)
      expect(view.totals.savingEur).toBeCloseTo((record.defaultCostEurPerT - record.costEurPerT) * 24, 9)
      expect(view.totals.savingShare).toBeGreaterThan(0.75)
      expect((await get(asMill, `/shipments/${shipmentId}/communication`)).json()).toEqual(view)

      const again = await post(asMill, `/shipments/${shipmentId}/communication`, request(declared.second!))
      expect(again.statusCode).toBe(409)
      expect(again.json().code).toBe('CBAM_COMMUNICATION_EXISTS')
    })

    it('keeps counting the declaration it named after the smelter supersedes it', async () => {
      const newer = await post(asSmelter, '/cbam/declarations', {
        cnCode: '7601',
        year: 2026,
        seeTco2ePerT: 1.5,
        route: 'primary',
      })
      expect(newer.statusCode).toBe(201)
      const read = (await get(asMill, `/shipments/${shipmentId}/communication`)).json()
      expect(read.goods[0].record).toEqual(view.goods[0]!.record)
      expect(read.goods[0].precursors[0].declaration).toMatchObject({
        id: declared.second,
        seeTco2ePerT: 1.94,
        supersededBy: newer.json().declaration.id,
      })
    })

    it('answers another enterprise 404, as if there were none, and an admin the same view', async () => {
      for (const url of [
        `/shipments/${shipmentId}/communication`,
        `/shipments/${shipmentId}/communication.json`,
        `/shipments/${shipmentId}/communication.xlsx`,
      ]) {
        const res = await get(asOther, url)
        expect(res.statusCode, url).toBe(404)
        expect(res.json().code).toBe('CBAM_COMMUNICATION_NOT_FOUND')
      }
      const write = await post(asOther, `/shipments/${shipmentId}/communication`, request(declared.second!))
      expect(write.statusCode).toBe(404)
      expect(write.json().code).toBe('SHIPMENT_NOT_FOUND')
      expect((await get(asOther, '/cbam/communications')).json().items).toEqual([])
      const byAdmin = (await get(asAdmin, `/shipments/${shipmentId}/communication`)).json()
      expect(byAdmin.goods.map((g: { record: unknown }) => g.record)).toEqual([view.goods[0]!.record])
      const mine = (await get(asMill, '/cbam/communications')).json().items
      expect(mine.map((c: { shipmentId: string }) => c.shipmentId)).toEqual([shipmentId])
      expect((await get({}, `/shipments/${shipmentId}/communication`)).statusCode).toBe(401)
    })

    it('downloads the communication as a JSON file', async () => {
      const res = await get(asMill, `/shipments/${shipmentId}/communication.json`)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="cbam-communication-${shipmentId}.json"`,
      )
      const file = res.json()
      expect(file.goods[0].record).toEqual(view.goods[0]!.record)
      expect(file.shipmentId).toBe(shipmentId)
    })

    it('downloads an .xlsx whose sheets are the EU template’s and a summary', async () => {
      const res = await get(asMill, `/shipments/${shipmentId}/communication.xlsx`)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="cbam-communication-${shipmentId}.xlsx"`,
      )
      const files = unzip(res.rawPayload)
      expect(sheetNames(files)).toEqual([
        'A_InstData',
        'B_EmInst',
        'C_Emissions&Energy',
        'D_Processes',
        'E_PurchPrec',
        'Summary',
      ])
      expect(sheetNames(files)).toEqual([...COMMUNICATION_SHEETS])
      const record = view.goods[0]!.record
      const summary = readSheet(files.get('xl/worksheets/sheet6.xml')!)
      expect(Object.fromEntries(summary.get(2)!)).toMatchObject({
        A: '76071190',
        B: record.seeTco2ePerT,
        C: record.defaultSeeTco2ePerT,
        G: record.costEurPerT,
        H: record.defaultCostEurPerT,
        J: 24,
      })
      // E_PurchPrec: one row per precursor, the declared one naming its smelter's declarant.
      const precursors = readSheet(files.get('xl/worksheets/sheet5.xml')!)
      expect(precursors.size).toBe(4)
      expect(precursors.get(2)!.get('K')).toBe('smelter.liu')
      expect(precursors.get(3)!.get('G')).toContain('EU default')
      if (pythonWithOpenpyxl) {
        const book = openWithOpenpyxl(res.rawPayload)
        expect(book.map((s) => s.name)).toEqual([...COMMUNICATION_SHEETS])
        expect(book[5]!.rows[1]![1]).toBe(record.seeTco2ePerT)
      }
    })
  })

  it('seeds the demo’s declarations and communications once, all synthetic', async () => {
    expect(await seedDemoCbam(database.db, Date.now())).toBe(3)
    expect(await seedDemoCbam(database.db, Date.now())).toBe(0)
    const all = (await get(asAdmin, '/cbam/communications')).json().items
    const demo = all.filter((c: { synthetic: boolean }) => c.synthetic)
    expect(demo).toHaveLength(3)
    for (const c of demo) {
      expect(c.shipment).toMatchObject({ synthetic: true, status: 'delivered' })
      expect(c.totals.savingShare).toBeGreaterThan(0.5)
      for (const g of c.goods) expect(g.record).toEqual(recordOf(g.input))
    }
    const declarations = (await get(asAdmin, '/cbam/declarations?limit=200')).json().items
    const synthetic = declarations.filter((d: { synthetic: boolean }) => d.synthetic)
    for (const d of synthetic) {
      const [min, max] = d.route === 'primary' ? [1.6, 2.3] : [0.3, 0.6]
      expect(d.seeTco2ePerT).toBeGreaterThanOrEqual(min)
      expect(d.seeTco2ePerT).toBeLessThanOrEqual(max)
    }
    expect(synthetic.some((d: { current: boolean }) => !d.current)).toBe(true)
  })
})
