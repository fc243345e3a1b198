import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HuiguoApp } from '../../src/app.ts'
import { seedDemoShipments } from '../../src/distribution/shipments/index.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { demoEnterprises, fund, tokenFor, tradingApp } from '../support/trading.ts'

const SHEET = 'SHEET-1060-H24-1.0x1220'
const CASH_FEN = 50_000_000_000n
type Headers = Record<string, string>

/** An instant `minutes` from now (the shipments service runs on the system clock). */
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString()

describe.each(seededBackends())('shipments API on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let dispose: () => Promise<void>
  let firms: { buyer: string; seller: string; other: string }
  let asSeller: Headers
  let asBuyer: Headers
  let asOther: Headers
  let asViewer: Headers
  let asWarehouse: Headers
  let contractId: string
  let shipment: { id: string; trackingCode: string }

  beforeAll(async () => {
    database = await open()
    firms = await demoEnterprises(database)
    asSeller = await tokenFor(database, firms.seller, 'seller.li', ['trader'])
    asBuyer = await tokenFor(database, firms.buyer, 'buyer.wang', ['trader'])
    asOther = await tokenFor(database, firms.other, 'other.zhang', ['trader'])
    asViewer = await tokenFor(database, firms.buyer, 'viewer.chen', ['viewer'])
    asWarehouse = await tokenFor(database, firms.other, 'yard.sun', ['warehouse'])
    await fund(database, firms.buyer, CASH_FEN, {})
    await fund(database, firms.seller, 0n, { [SHEET]: 50_000n })
    ;({ huiguo, dispose } = await tradingApp(database))
    // A contract of the trading center: the seller's 10 t of sheet, bought by the buyer.
    const price = huiguo.trading.state.instrument(SHEET)!.referencePriceCnyPerT
    let key = 0
    for (const [who, side] of [
      [asSeller, 'sell'],
      [asBuyer, 'buy'],
    ] as const) {
      const placed = await huiguo.app.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: { ...who, 'idempotency-key': `shipments-test-${++key}` },
        payload: { instrument: SHEET, side, type: 'limit', price, qty: 10_000 },
      })
      expect(placed.statusCode).toBe(201)
    }
    const contracts = (await get(asBuyer, '/contracts')).json().items
    expect(contracts).toHaveLength(1)
    contractId = contracts[0].id
  })
  afterAll(async () => {
    await dispose?.()
    await database?.dispose()
  })

  const post = (headers: Headers, url: string, payload: unknown) =>
    huiguo.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object })
  const get = (headers: Headers, url: string) =>
    huiguo.app.inject({ method: 'GET', url: `/api/v1${url}`, headers })
  const count = async (table: 'shipment' | 'shipment_event') =>
    (await database.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow())
      .n
  const statusOf = async (id: string) =>
    (
      await database.db
        .selectFrom('shipment')
        .select('status')
        .where('id', '=', BigInt(id))
        .executeTakeFirstOrThrow()
    ).status

  it("plans a shipment of a contract from the contract's warehouse to the buyer", async () => {
    const created = await post(asSeller, '/shipments', {
      contractId,
      truckPlate: '豫A·3K512',
      driverName: '张建国',
    })
    expect(created.statusCode).toBe(201)
    const s = created.json().shipment
    expect(s).toMatchObject({
      status: 'planned',
      contractId,
      shipperId: firms.seller,
      consigneeId: firms.buyer,
      instrument: SHEET,
      qtyKg: 10_000,
      truckPlate: '豫A·3K512',
      driverName: '张建国',
      deliveredAt: null,
      proof: null,
      synthetic: false,
    })
    expect(s.trackingCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$/)
    expect(s.distanceM).toBeGreaterThan(0)
    expect(Date.parse(s.eta)).toBeGreaterThan(Date.parse(s.plannedDepartureAt))
    shipment = s
    // The buyer sees it too; the same contract cannot be shipped twice over.
    const mine = (await get(asBuyer, '/shipments')).json().items
    expect(mine.map((x: { id: string }) => x.id)).toEqual([s.id])
    const again = await post(asBuyer, '/shipments', { contractId })
    expect(again.statusCode).toBe(422)
    expect(again.json().code).toBe('CONTRACT_QTY_EXCEEDED')
  })

  it('answers another enterprise 404 for the contract and the shipment, and changes nothing', async () => {
    const shipments = await count('shipment')
    const foreign = await post(asOther, '/shipments', { contractId })
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json().code).toBe('CONTRACT_NOT_FOUND')
    const unknown = await post(asSeller, '/shipments', { contractId: '999999' })
    expect(unknown.json().code).toBe('CONTRACT_NOT_FOUND')
    expect(await count('shipment')).toBe(shipments)

    expect((await get(asOther, `/shipments/${shipment.id}`)).json().code).toBe('SHIPMENT_NOT_FOUND')
    expect((await get(asOther, '/shipments')).json().items).toEqual([])
    const event = await post(asOther, `/shipments/${shipment.id}/events`, { type: 'loaded', at: at(-1) })
    expect(event.statusCode).toBe(404)
    expect(event.json().code).toBe('SHIPMENT_NOT_FOUND')
    expect(await count('shipment_event')).toBe(0)
    // The warehouse role sees every enterprise's shipments; a viewer may read but not write.
    expect((await get(asWarehouse, `/shipments/${shipment.id}`)).statusCode).toBe(200)
    expect(
      (await post(asViewer, `/shipments/${shipment.id}/events`, { type: 'loaded', at: at(-1) })).statusCode,
    ).toBe(403)
  })

  it('refuses a delivery before loading and stores nothing', async () => {
    const refused = await post(asSeller, `/shipments/${shipment.id}/events`, {
      type: 'delivered',
      at: at(-1),
      proof: { receiverName: 'Zhou Min', signedAt: at(-1) },
    })
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({
      code: 'SHIPMENT_EVENT_NOT_ALLOWED',
      detail: 'a planned shipment cannot be delivered: it has not been loaded',
    })
    expect(await count('shipment_event')).toBe(0)
    expect(await statusOf(shipment.id)).toBe('planned')
  })

  it('follows the journey to a delivery with proof, then refuses anything more', async () => {
    const send = (body: Record<string, unknown>, who = asSeller) =>
      post(who, `/shipments/${shipment.id}/events`, body)
    expect((await send({ type: 'loaded', at: at(-300) })).json().shipment.status).toBe('loaded')
    const departed = await send({ type: 'departed', at: at(-290), note: 'Gate 2' })
    expect(departed.json()).toMatchObject({
      shipment: { status: 'in_transit' },
      event: { type: 'departed', place: 'Gongyi', statusAfter: 'in_transit' },
    })
    const position = await send({
      type: 'position',
      at: at(-200),
      place: 'G30, Zhengzhou west',
      lat: 34.7,
      lon: 113.4,
    })
    expect(position.statusCode).toBe(201)
    expect(Date.parse(position.json().shipment.eta)).toBeGreaterThan(Date.now() - 200 * 60_000)
    const exception = await send({ type: 'exception', at: at(-120), note: 'tyre blow-out' })
    expect(exception.json().shipment).toMatchObject({
      status: 'exception',
      heldStatus: 'in_transit',
      eta: null,
    })
    expect((await send({ type: 'resolved', at: at(-60) })).json().shipment.status).toBe('in_transit')
    // Out of order, in the future, without proof: refused, nothing stored.
    const stored = await count('shipment_event')
    expect((await send({ type: 'position', at: at(-100), place: 'earlier' })).json().code).toBe(
      'SHIPMENT_EVENT_OUT_OF_ORDER',
    )
    expect((await send({ type: 'position', at: at(60), place: 'later' })).json().code).toBe(
      'SHIPMENT_EVENT_IN_FUTURE',
    )
    const noProof = await send({ type: 'delivered', at: at(-1) }, asBuyer)
    expect(noProof.statusCode).toBe(422)
    expect(noProof.json().code).toBe('PROOF_OF_DELIVERY_REQUIRED')
    expect(await count('shipment_event')).toBe(stored)

    const delivered = await send(
      {
        type: 'delivered',
        at: at(-1),
        proof: { receiverName: 'Zhou Min', signedAt: at(-1), note: 'two coils dented' },
      },
      asBuyer,
    )
    expect(delivered.statusCode).toBe(201)
    expect(delivered.json().shipment).toMatchObject({
      status: 'delivered',
      eta: null,
      proof: { receiverName: 'Zhou Min', note: 'two coils dented' },
    })
    const after = await send({ type: 'position', at: at(0), place: 'anywhere' })
    expect(after.statusCode).toBe(409)
    expect(after.json().code).toBe('SHIPMENT_DELIVERED')
    const detail = (await get(asBuyer, `/shipments/${shipment.id}`)).json()
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual([
      'loaded',
      'departed',
      'position',
      'exception',
      'resolved',
      'delivered',
    ])
    expect((await get(asBuyer, '/shipments?status=delivered')).json().items).toHaveLength(1)
    expect((await get(asBuyer, '/shipments?status=planned')).json().items).toHaveLength(0)
  })

  it('plans a shipment by hand, from a known place to coordinates', async () => {
    const created = await post(asOther, '/shipments', {
      origin: { place: 'huiguo', name: 'Mill 7, gate 3' },
      destination: { lat: 30.58, lon: 114.27, city: 'Wuhan', name: 'Secret Yard 9' },
      goods: '3003 H14 strip coils',
      qtyKg: 28_000,
      truckPlate: '豫A·7M208',
    })
    expect(created.statusCode).toBe(201)
    expect(created.json().shipment).toMatchObject({
      shipperId: firms.other,
      consigneeId: null,
      contractId: null,
      origin: { name: 'Mill 7, gate 3', city: 'Gongyi' },
      destination: { name: 'Secret Yard 9', city: 'Wuhan' },
      driverName: null,
    })
    const incomplete = await post(asOther, '/shipments', { origin: { place: 'atlantis' } })
    expect(incomplete.statusCode).toBe(400)
    expect(incomplete.json().code).toBe('VALIDATION_FAILED')
    const unknownPlace = await post(asOther, '/shipments', {
      origin: { place: 'atlantis' },
      destination: { place: 'wuhan' },
      goods: 'x',
      qtyKg: 1,
      truckPlate: 'AB',
    })
    expect(unknownPlace.json().code).toBe('SHIPMENT_PLACE_UNKNOWN')
  })

  it('opens the tracking page by code without an account, with nothing private on it', async () => {
    const hand = (await get(asOther, '/shipments')).json().items[0]
    for (const s of [shipment, hand]) {
      const code = s.trackingCode as string
      const tracked = await get({}, `/track/${code.toLowerCase().slice(0, 5)}-${code.slice(5).toLowerCase()}`)
      expect(tracked.statusCode).toBe(200)
      const body = tracked.json()
      expect(Object.keys(body).sort()).toEqual(
        [
          'deliveredAt',
          'destination',
          'eta',
          'events',
          'origin',
          'status',
          'synthetic',
          'trackingCode',
        ].sort(),
      )
      expect(Object.keys(body.origin)).toEqual(['city'])
      for (const e of body.events) expect(Object.keys(e).sort()).toEqual(['at', 'place', 'type'])
      const text = tracked.body
      for (const secret of [
        firms.seller,
        firms.buyer,
        firms.other,
        'Secret Yard',
        'Mill 7',
        '豫A',
        '张建国',
        'Zhou Min',
        'tyre',
        'dented',
        'Gate 2',
        'qtyKg',
        'contractId',
        'price',
        'amount',
        '"lat"',
        '"lon"',
      ])
        expect(text, secret).not.toContain(secret)
      // The position's latitude as a JSON number (as a substring it can also be a timestamp's "…:34.7…").
      expect(text).not.toMatch(/[:,[]34\.7[,}\]]/)
    }
    const delivered = (await get({}, `/track/${shipment.trackingCode}`)).json()
    expect(delivered).toMatchObject({ status: 'delivered', origin: { city: 'Gongyi' }, eta: null })
    expect(delivered.events).toHaveLength(6)
    const unknown = await get({}, '/track/2222222222')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('TRACKING_CODE_NOT_FOUND')
    expect((await get({}, '/track/not-a-code!')).statusCode).toBe(400)
    expect((await get({}, '/shipments')).statusCode).toBe(401)
    const docs = await huiguo.app.inject({ method: 'GET', url: '/docs/json' })
    expect(Object.keys(docs.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/shipments', '/api/v1/shipments/{id}/events', '/api/v1/track/{code}']),
    )
  })

  it('seeds a dozen synthetic demo shipments in every state, once', async () => {
    const before = await count('shipment')
    expect(await seedDemoShipments(database.db, Date.now())).toBe(12)
    expect(await seedDemoShipments(database.db, Date.now())).toBe(0)
    const rows = await database.db
      .selectFrom('shipment')
      .select(['status', 'synthetic', 'eta_at'])
      .where('synthetic', '=', true)
      .execute()
    expect(rows).toHaveLength(12)
    expect(await count('shipment')).toBe(before + 12)
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['planned', 'loaded', 'in_transit', 'exception', 'delivered']),
    )
    for (const r of rows) expect(r.eta_at === null).toBe(r.status === 'exception' || r.status === 'delivered')
  })
})
