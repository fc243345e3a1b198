import { describe, expect, it } from 'vitest'
import { drivenSinceRestAfter, type EtaInput, etaOf, legDuration } from './eta.ts'
import type { LatLon } from './model.ts'

const H = 3600
const ORIGIN: LatLon = { lat: 34.686, lon: 112.868 }
const DESTINATION: LatLon = { lat: 31.23, lon: 121.47 }
const FIX: LatLon = { lat: 33.5, lon: 116.0 }
/** 600 km of road from the origin, 400 km from the fix (the distances are the test's, not the formula's). */
const road = (from: LatLon) => (from === ORIGIN ? 600_000 : 400_000)
const T = Date.parse('2026-03-02T00:00:00Z')

const input = (over: Partial<EtaInput>): EtaInput => ({
  status: 'in_transit',
  plannedDepartureMs: T,
  origin: ORIGIN,
  destination: DESTINATION,
  events: [],
  ...over,
})
const ev = (type: EtaInput['events'][number]['type'], atMs: number, point: LatLon | null = null) => ({
  type,
  atMs,
  lat: point?.lat ?? null,
  lon: point?.lon ?? null,
})

describe('driving time with the rest rule (65 km/h, 20 min after every 4 h)', () => {
  it('600 km: 9.23 h at the wheel and two rests = 9 h 53 min 51 s', () => {
    // 600 / 65 = 9.2308 h = 33 230.8 s → 33 231 s; rests after 4 h and 8 h: 2 × 1 200 s.
    expect(legDuration(600_000)).toEqual({ driveS: 33_231, rests: 2, totalS: 35_631 })
    expect(35_631 / H).toBeCloseTo(9.8975, 4)
  })

  it('rests only when driving goes on after 4 h', () => {
    expect(legDuration(0)).toEqual({ driveS: 0, rests: 0, totalS: 0 })
    expect(legDuration(65_000)).toEqual({ driveS: H, rests: 0, totalS: H })
    // 260 km = exactly 4 h: arrives without a rest; 520 km = 8 h: one rest, not two.
    expect(legDuration(260_000)).toEqual({ driveS: 4 * H, rests: 0, totalS: 4 * H })
    expect(legDuration(260_065)).toEqual({ driveS: 4 * H + 4, rests: 1, totalS: 4 * H + 4 + 1200 })
    expect(legDuration(520_000)).toEqual({ driveS: 8 * H, rests: 1, totalS: 8 * H + 1200 })
    // 1 300 km = 20 h: rests after 4, 8, 12 and 16 h.
    expect(legDuration(1_300_000)).toEqual({ driveS: 20 * H, rests: 4, totalS: 20 * H + 4 * 1200 })
  })

  it('carries the driving done since the last rest', () => {
    // 100 km = 5 538 s; after 3 h at the wheel the 4-h mark falls inside the leg: one rest.
    expect(legDuration(100_000, 3 * H)).toEqual({ driveS: 5_538, rests: 1, totalS: 6_738 })
    expect(legDuration(100_000, 2 * H)).toEqual({ driveS: 5_538, rests: 0, totalS: 5_538 })
  })

  it('places a point in time in the 4 h + 20 min cycle', () => {
    expect(drivenSinceRestAfter(0)).toBe(0)
    expect(drivenSinceRestAfter(3 * H)).toBe(3 * H)
    expect(drivenSinceRestAfter(4 * H + 600)).toBe(4 * H) // resting
    expect(drivenSinceRestAfter(4 * H + 1200)).toBe(0)
    expect(drivenSinceRestAfter(5 * H + 1200)).toBe(H)
  })
})

describe('the ETA of a shipment', () => {
  const trip = 35_631_000

  it('planned: the planned departure plus the whole trip', () => {
    expect(etaOf(input({ status: 'planned' }), road)).toBe(T + trip)
  })

  it('loaded: from the later of the loading and the planned departure', () => {
    expect(etaOf(input({ status: 'loaded', events: [ev('loaded', T + H * 1000)] }), road)).toBe(
      T + H * 1000 + trip,
    )
    expect(etaOf(input({ status: 'loaded', events: [ev('loaded', T - H * 1000)] }), road)).toBe(T + trip)
  })

  it('in transit: from the departure, then from the latest position fix', () => {
    const D = T + 2 * H * 1000
    const departed = [ev('loaded', T), ev('departed', D)]
    expect(etaOf(input({ events: departed }), road)).toBe(D + trip)
    // 3 h after departure, 400 km left: 6.15 h → 22 154 s; 3 h + 6.15 h crosses 4 h and 8 h: 2 rests.
    const fixed = [...departed, ev('position', D + 3 * H * 1000, FIX)]
    expect(etaOf(input({ events: fixed }), road)).toBe(D + 3 * H * 1000 + (22_154 + 2 * 1200) * 1000)
    // A fix with a place name only tells nothing about the distance left.
    expect(etaOf(input({ events: [...departed, ev('position', D + 3 * H * 1000)] }), road)).toBe(D + trip)
  })

  it('none while an exception is open, nor once delivered', () => {
    expect(etaOf(input({ status: 'exception' }), road)).toBeNull()
    expect(etaOf(input({ status: 'delivered' }), road)).toBeNull()
  })

  it('after an exception: sets off again when resolved, rested if the stop lasted 20 minutes', () => {
    const D = T
    const stop = D + 2 * H * 1000
    const long = [ev('departed', D), ev('exception', stop), ev('resolved', stop + 30 * 60_000)]
    expect(etaOf(input({ events: long }), road)).toBe(stop + 30 * 60_000 + trip)
    // 10 min stop: still 2 h at the wheel; 2 h + 9.23 h crosses 4 h and 8 h: 2 rests.
    const short = [ev('departed', D), ev('exception', stop), ev('resolved', stop + 10 * 60_000)]
    expect(etaOf(input({ events: short }), road)).toBe(stop + 10 * 60_000 + (33_231 + 2 * 1200) * 1000)
  })
})
