import { describe, expect, it } from 'vitest'
import { buildDispatchProblem, type DispatchInput, dispatch, type GeoPoint, legMinutes } from './index.ts'

/** A flat-earth stand-in for the road distance: 1 degree = 100 km on both axes. */
const flatKm = (a: GeoPoint, b: GeoPoint) => Math.hypot(a.lat - b.lat, a.lon - b.lon) * 100

const DAY: DispatchInput = {
  depot: { lat: 34.75, lon: 113.0, windowMin: [360, 1800] },
  loads: [
    { id: 'L1', lat: 34.8, lon: 113.6, kg: 12_000 },
    { id: 'L2', lat: 35.2, lon: 113.7, kg: 10_000, windowMin: [480, 720] },
    { id: 'L3', lat: 34.1, lon: 112.4, kg: 20_000 },
    { id: 'L4', lat: 36.0, lon: 114.4, kg: 8_000, windowMin: [600, 1200] },
    { id: 'L5', lat: 34.7, lon: 113.1, kg: 15_000 },
    { id: 'L6', lat: 38.0, lon: 115.0, kg: 30_000 },
  ],
  trucks: [
    { id: 'T1', capacityKg: 32_000 },
    { id: 'T2', capacityKg: 32_000 },
    { id: 'T3', capacityKg: 32_000 },
    { id: 'T4', capacityKg: 32_000 },
  ],
  roadKm: flatKm,
}

/**
 * Independent replay of a route with discrete rests: 20 minutes after every 4 hours of driving,
 * the count starting afresh at a stop of 20 minutes or more.
 */
function replay(input: DispatchInput, loadIds: readonly string[]) {
  const loads = loadIds.map((id) => input.loads.find((l) => l.id === id)!)
  let time = input.depot.windowMin[0]
  let driven = 0
  let at: GeoPoint = input.depot
  const late: string[] = []
  const drive = (to: GeoPoint) => {
    let minutes = (input.roadKm(at, to) / 65) * 60
    while (driven + minutes > 240) {
      const part = 240 - driven
      time += part + 20
      minutes -= part
      driven = 0
    }
    time += minutes
    driven += minutes
    at = to
  }
  for (const load of loads) {
    drive(load)
    time = Math.max(time, load.windowMin?.[0] ?? 0)
    if (time > (load.windowMin?.[1] ?? Number.POSITIVE_INFINITY) + 1e-6) late.push(load.id)
    time += load.serviceMin ?? 30
    driven = 0
  }
  drive(input.depot)
  return { late, back: time, kg: loads.reduce((s, l) => s + l.kg, 0) }
}

describe('truck dispatch', () => {
  it('adds 20 minutes of rest per full 4 hours of driving at 65 km/h', () => {
    expect(legMinutes(65, 30)).toBeCloseTo(60, 9)
    expect(legMinutes(260, 30)).toBeCloseTo(240, 9)
    expect(legMinutes(300, 30)).toBeCloseTo((300 / 65) * 60 + 20, 9)
    expect(legMinutes(600, 30)).toBeCloseTo((600 / 65) * 60 + 40, 9)
    // A short stop is not a rest: one more rest is assumed.
    expect(legMinutes(65, 5)).toBeCloseTo(80, 9)
  })

  it('builds a problem with road km as cost and rests in the travel times', () => {
    const p = buildDispatchProblem(DAY)
    expect(p.size).toBe(7)
    expect(p.capacity).toBe(32_000)
    expect(p.fleetSize).toBe(4)
    expect(p.cost[6]).toBeCloseTo(flatKm(DAY.depot, DAY.loads[5]!), 9)
    expect(p.timeWindows!.travel[6]).toBeCloseTo(legMinutes(flatKm(DAY.depot, DAY.loads[5]!), 20), 9)
  })

  it('plans routes every truck can drive within the windows, rests included', () => {
    const plan = dispatch(DAY, { seed: 1, maxIterations: 3000 })
    if (!plan.ok) throw new Error(`unroutable: ${plan.loadIds.join(', ')}`)
    const served = plan.routes.flatMap((r) => r.stops.map((s) => s.loadId)).sort()
    expect(served).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6'])
    for (const route of plan.routes) {
      const check = replay(
        DAY,
        route.stops.map((s) => s.loadId),
      )
      expect(check.late).toEqual([])
      expect(check.kg).toBeLessThanOrEqual(32_000)
      expect(check.back).toBeLessThanOrEqual(DAY.depot.windowMin[1] + 1e-6)
      expect(check.back).toBeLessThanOrEqual(route.returnMin + 1e-6)
    }
    expect(new Set(plan.routes.map((r) => r.truckId)).size).toBe(plan.routes.length)
  })

  it('returns unroutable loads instead of throwing', () => {
    const heavy = dispatch({ ...DAY, loads: [...DAY.loads, { id: 'HEAVY', lat: 35, lon: 113, kg: 40_000 }] })
    expect(heavy).toEqual({ ok: false, code: 'unroutable', loadIds: ['HEAVY'] })
    const tooFar = dispatch(
      { ...DAY, loads: [{ id: 'FAR', lat: 45, lon: 125, kg: 1000, windowMin: [400, 420] }] },
      { maxIterations: 100 },
    )
    expect(tooFar).toEqual({ ok: false, code: 'unroutable', loadIds: ['FAR'] })
  })
})
