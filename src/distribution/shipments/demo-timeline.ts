/**
 * The demo's journeys as data, and their timelines: where each truck is at `now`, set back by the
 * trip's duration under the driving rules (pure: no database, the clock passed in).
 * @module
 */
import { DISTRIBUTION_PLACES, greatCircleKm } from '../geo/index.ts'
import type { ShipmentPlan } from './creation.ts'
import { cityOf, formulaRoadM } from './endpoints.ts'
import { legDuration } from './eta.ts'
import type { EventType, LatLon } from './model.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Truck payload for planning, kg (issue 6). */
export const PAYLOAD_KG = 32_000

/**
 * How far a journey has gone. `progress` is the share of the trip's driving time done by now; a
 * stop is an exception raised at `atProgress`, resolved `minutes` later or still open after them.
 */
export type Stage =
  | { readonly kind: 'planned'; readonly departsInH: number }
  | { readonly kind: 'loaded'; readonly loadedAgoH: number; readonly heldForMin?: number }
  | {
      readonly kind: 'on_road'
      readonly progress: number
      readonly fixes: number
      readonly stop?: { readonly atProgress: number; readonly minutes: number; readonly open: boolean }
    }
  | { readonly kind: 'delivered'; readonly arrivedAgoH: number }

export interface Journey {
  /** The buyer's city; '' for the demo buyer, wherever it is. */
  readonly city: string
  readonly goods: string
  readonly qtyKg: number
  readonly stage: Stage
}

const SHEET = '1060 H24 sheet 1.0×1220 (synthetic)'
const STRIP = '3003 H14 strip 0.5×1250 coils (synthetic)'
const FOIL = '8011 O foil stock 0.2×1300 coils (synthetic)'
const PLATE = '5052 H32 sheet 2.0×1500 (synthetic)'

export const JOURNEYS: readonly Journey[] = [
  { city: '', goods: SHEET, qtyKg: 30_000, stage: { kind: 'planned', departsInH: 20 } },
  { city: '', goods: STRIP, qtyKg: 28_000, stage: { kind: 'on_road', progress: 0.5, fixes: 1 } },
  { city: '', goods: SHEET, qtyKg: 32_000, stage: { kind: 'delivered', arrivedAgoH: 26 } },
  { city: '', goods: PLATE, qtyKg: 24_000, stage: { kind: 'loaded', loadedAgoH: 1 } },
  { city: 'Tianjin', goods: FOIL, qtyKg: 22_000, stage: { kind: 'planned', departsInH: 44 } },
  { city: 'Wuhan', goods: SHEET, qtyKg: 31_000, stage: { kind: 'loaded', loadedAgoH: 5, heldForMin: 200 } },
  { city: 'Guangzhou', goods: STRIP, qtyKg: 30_000, stage: { kind: 'on_road', progress: 0.35, fixes: 2 } },
  { city: 'Chengdu', goods: FOIL, qtyKg: 26_000, stage: { kind: 'on_road', progress: 0.7, fixes: 3 } },
  {
    city: 'Shenyang',
    goods: PLATE,
    qtyKg: 29_000,
    stage: { kind: 'on_road', progress: 0.6, fixes: 2, stop: { atProgress: 0.3, minutes: 150, open: false } },
  },
  {
    city: 'Hangzhou',
    goods: SHEET,
    qtyKg: 32_000,
    stage: { kind: 'on_road', progress: 0.4, fixes: 1, stop: { atProgress: 0.4, minutes: 95, open: true } },
  },
  { city: 'Wuxi', goods: STRIP, qtyKg: 27_000, stage: { kind: 'delivered', arrivedAgoH: 15 } },
  { city: "Xi'an", goods: FOIL, qtyKg: 20_000, stage: { kind: 'delivered', arrivedAgoH: 52 } },
]

export const TRUCKS = ['豫A·3K512', '豫A·7M208', '豫A·C9315', '豫A·5F770', '豫A·2H461', '豫A·8T903']
export const DRIVERS = ['张建国', '李强', '王海军', '刘志明', '陈卫东', '赵磊']
export const RECEIVERS = ['周敏', '孙丽', '黄涛']

interface DemoEvent {
  readonly type: EventType
  readonly atMs: number
  readonly place: string
  readonly point: LatLon | null
  readonly note: string | null
}

/** A journey's planned departure and its events up to now, oldest first. */
export interface Timeline {
  readonly plannedDepartureMs: number
  readonly events: readonly DemoEvent[]
}

/** The places a position is said to be near: cities and towns, not plants. */
const TOWNS = DISTRIBUTION_PLACES.filter((p) => p.kind === 'customer_city' || p.kind === 'hub')

const COMPASS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const

/** Where a point is, as a driver would say it: 'near Xuzhou', or '120 km SW of Jinan'. */
function placeOf(point: LatLon): string {
  let best = TOWNS[0]!
  for (const p of TOWNS) if (greatCircleKm(point, p) < greatCircleKm(point, best)) best = p
  const km = greatCircleKm(best, point)
  const town = cityOf(best.name)
  if (km <= 30) return `near ${town}`
  const north = point.lat - best.lat
  const east = (point.lon - best.lon) * Math.cos((best.lat * Math.PI) / 180)
  const sector = Math.round(((Math.atan2(east, north) * 180) / Math.PI + 360) / 45) % 8
  return `${Math.round(km / 10) * 10} km ${COMPASS[sector]} of ${town}`
}

/** A point `share` of the way (straight, in degrees: a demo's approximation of the road). */
const along = (from: LatLon, to: LatLon, share: number): LatLon => ({
  lat: Math.round((from.lat + (to.lat - from.lat) * share) * 1e4) / 1e4,
  lon: Math.round((from.lon + (to.lon - from.lon) * share) * 1e4) / 1e4,
})

export function timelineOf(plan: ShipmentPlan, stage: Stage, nowMs: number): Timeline {
  const { origin, destination } = plan
  const tripMs = legDuration(formulaRoadM(origin, destination)).totalS * 1000
  const ev = (
    type: EventType,
    atMs: number,
    place: string,
    note: string | null = null,
    point: LatLon | null = null,
  ) => ({
    type,
    atMs: Math.round(atMs / 1000) * 1000,
    place,
    point,
    note,
  })
  if (stage.kind === 'planned') return { plannedDepartureMs: nowMs + stage.departsInH * HOUR, events: [] }
  // Whole seconds, as a person or a truck unit would record them.
  const second = (ms: number) => Math.round(ms / 1000) * 1000
  if (stage.kind === 'loaded') {
    const loadedMs = nowMs - stage.loadedAgoH * HOUR
    const events = [ev('loaded', loadedMs, origin.city, 'Loaded at the mill’s bay (synthetic)')]
    if (stage.heldForMin !== undefined)
      events.push(
        ev(
          'exception',
          nowMs - stage.heldForMin * MINUTE,
          origin.city,
          'Waybill does not match the coil count (synthetic)',
        ),
      )
    return { plannedDepartureMs: loadedMs + HOUR, events }
  }
  if (stage.kind === 'delivered') {
    const departedMs = second(nowMs - stage.arrivedAgoH * HOUR - tripMs)
    return {
      plannedDepartureMs: departedMs,
      events: [
        ev('loaded', departedMs - HOUR, origin.city),
        ev('departed', departedMs, origin.city),
        ev(
          'position',
          departedMs + tripMs / 2,
          placeOf(along(origin, destination, 0.5)),
          null,
          along(origin, destination, 0.5),
        ),
        ev('delivered', departedMs + tripMs, destination.city, 'Unloaded, no damage (synthetic)'),
      ],
    }
  }
  // On the road: `progress` of the driving done; a stop adds its minutes to the time since departure.
  const { stop } = stage
  const drivingMs = (stop?.open ? stop.atProgress : stage.progress) * tripMs
  const departedMs = second(nowMs - drivingMs - (stop ? stop.minutes * MINUTE : 0))
  const wallOf = (share: number) =>
    departedMs + share * tripMs + (stop && !stop.open && share > stop.atProgress ? stop.minutes * MINUTE : 0)
  const events: DemoEvent[] = [
    ev('loaded', departedMs - HOUR, origin.city),
    ev('departed', departedMs, origin.city),
  ]
  const reached = stop?.open ? stop.atProgress : stage.progress
  for (let k = 1; k <= stage.fixes; k++) {
    const share = (reached * k) / (stage.fixes + 1)
    const point = along(origin, destination, share)
    events.push(ev('position', wallOf(share), placeOf(point), null, point))
  }
  if (stop) {
    const point = along(origin, destination, stop.atProgress)
    const stoppedMs = departedMs + stop.atProgress * tripMs
    events.push(
      ev(
        'exception',
        stoppedMs,
        placeOf(point),
        'Tyre blow-out; waiting for roadside service (synthetic)',
        point,
      ),
    )
    if (!stop.open)
      events.push(
        ev('resolved', stoppedMs + stop.minutes * MINUTE, placeOf(point), 'Tyre replaced (synthetic)'),
      )
  }
  return { plannedDepartureMs: departedMs, events: events.sort((a, b) => a.atMs - b.atMs) }
}
