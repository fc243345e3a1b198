import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HuiguoApp } from '../../src/app.ts'
import { formulaLane, placeById } from '../../src/distribution/index.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { pricingApp } from '../support/pricing.ts'
import { demoEnterprises, tokenFor } from '../support/trading.ts'

const CITIES = ['zhengzhou', 'luoyang', 'pingdingshan', 'xingyang', 'gongyi']

describe.each(seededBackends())('the day’s truck routes on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let dispose: () => Promise<void>
  let asWarehouse: Record<string, string>
  let asViewer: Record<string, string>

  beforeAll(async () => {
    database = await open()
    const firms = await demoEnterprises(database)
    asWarehouse = await tokenFor(database, firms.seller, 'yard.li', ['warehouse'])
    asViewer = await tokenFor(database, firms.seller, 'viewer.li', ['viewer'])
    ;({ huiguo, dispose } = await pricingApp(database))
  })
  afterAll(async () => {
    await dispose?.()
    await database?.dispose()
  })

  const post = (headers: Record<string, string>, payload: unknown) =>
    huiguo.app.inject({
      method: 'POST',
      url: '/api/v1/distribution/dispatch',
      headers,
      payload: payload as Record<string, unknown>,
    })
  const cities = CITIES.filter((c) => placeById(c) !== null)
  const loads = cities.flatMap((city, i) => [
    { id: `L${i}a`, to: { place: city }, kg: 14_000 },
    { id: `L${i}b`, to: { place: city }, kg: 9_000, windowMin: [600, 900] },
  ])
  const body = {
    depot: { place: 'huiguo' },
    trucks: Array.from({ length: 10 }, (_, i) => ({ id: `T${i + 1}`, capacityKg: 32_000 })),
    loads,
  }

  it('routes every load once, within each truck’s payload and the customers’ windows, the same every time', async () => {
    expect(cities).toHaveLength(CITIES.length)
    const answer = await post(asWarehouse, body)
    expect(answer.statusCode).toBe(200)
    const plan = answer.json()
    const served = plan.routes.flatMap((r: { stops: { loadId: string }[] }) => r.stops.map((s) => s.loadId))
    expect([...served].sort()).toEqual(loads.map((l) => l.id).sort())
    const byId = new Map(loads.map((l) => [l.id, l]))
    const trucks = new Set<string>()
    let totalKm = 0
    for (const route of plan.routes) {
      expect(trucks.has(route.truckId)).toBe(false)
      trucks.add(route.truckId)
      const kg = route.stops.reduce((sum: number, s: { loadId: string }) => sum + byId.get(s.loadId)!.kg, 0)
      expect(kg).toBe(route.kg)
      expect(kg).toBeLessThanOrEqual(32_000)
      // the route's km recomputed independently: depot → stops → depot on the formula's road km
      const points = [
        placeById('huiguo')!,
        ...route.stops.map((s: { loadId: string }) => placeById(byId.get(s.loadId)!.to.place)!),
        placeById('huiguo')!,
      ]
      let km = 0
      for (let i = 1; i < points.length; i++) km += formulaLane(points[i - 1]!, points[i]!).roadKm
      expect(route.km).toBeCloseTo(km, 2)
      totalKm += km
      for (const stop of route.stops) {
        const w = byId.get(stop.loadId)!.windowMin
        if (w) {
          expect(stop.startMin).toBeGreaterThanOrEqual(w[0]!)
          expect(stop.startMin).toBeLessThanOrEqual(w[1]!)
        }
      }
    }
    expect(plan.km).toBeCloseTo(totalKm, 2)
    expect(plan.trucksUsed).toBe(plan.routes.length)
    expect((await post(asWarehouse, body)).json()).toEqual(plan)
  })

  it('refuses what cannot be routed, unknown places and other roles, with stable codes', async () => {
    const heavy = await post(asWarehouse, {
      ...body,
      loads: [{ id: 'X', to: { place: 'zhengzhou' }, kg: 40_000 }],
    })
    expect(heavy.statusCode).toBe(422)
    expect(heavy.json().code).toBe('LOADS_UNROUTABLE')
    // Xi'an is about 470 road km away: with a 20-minute rest that is over 7.5 hours each way, so a
    // customer window closing at 10:00 cannot be met from a warehouse opening at 06:00.
    const tooFar = await post(asWarehouse, {
      ...body,
      loads: [{ id: 'X', to: { place: 'xian' }, kg: 1_000, windowMin: [480, 600] }],
    })
    expect(tooFar.json().code).toBe('LOADS_UNROUTABLE')
    const nowhere = await post(asWarehouse, {
      ...body,
      loads: [{ id: 'X', to: { place: 'atlantis' }, kg: 1_000 }],
    })
    expect(nowhere.json().code).toBe('PLACE_NOT_FOUND')
    const twice = await post(asWarehouse, { ...body, loads: [loads[0], loads[0]] })
    expect(twice.json().code).toBe('VALIDATION_FAILED')
    const backwards = await post(asWarehouse, { ...body, loads: [{ ...loads[0], windowMin: [900, 600] }] })
    expect(backwards.json().code).toBe('VALIDATION_FAILED')
    expect((await post(asViewer, body)).json().code).toBe('FORBIDDEN')
    expect((await post({}, body)).statusCode).toBe(401)
  })
})
