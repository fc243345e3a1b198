/**
 * Estimated arrival from distance and the driving rules, pure. A truck covers road at an effective
 * 65 km/h (stops included, research/logistics.md 2.5) and rests 20 minutes after every 4 hours of
 * driving (fatigued driving is more than 4 h at the wheel without a 20-minute rest: Road Traffic
 * Safety Law implementing regulations, art. 62). A rest is taken only when driving goes on after
 * it: 8 h of driving need one rest, not two.
 * @module
 */
import type { EventType, LatLon, ShipmentStatus } from './model.ts'

export const SPEED_M_PER_H = 65_000
export const MAX_DRIVE_S = 4 * 3600
export const REST_S = 20 * 60
/** One cycle of the rule: 4 h driving then 20 min rest. */
const CYCLE_S = MAX_DRIVE_S + REST_S

/** Driving time for a road distance at 65 km/h, whole seconds (rounded half up). */
export const driveSecondsOf = (distanceM: number): number => Math.round((distanceM * 3600) / SPEED_M_PER_H)

/** A leg's duration: its driving time and the rests it needs. */
export interface LegDuration {
  readonly driveS: number
  readonly rests: number
  readonly totalS: number
}

/**
 * Driving plus rests for `distanceM` of road, when the driver has already driven
 * `drivenSinceRestS` (0 to 4 h) since the last rest.
 *
 * @example legDuration(600_000) // 9.23 h driving, 2 rests: { driveS: 33231, rests: 2, totalS: 35631 }
 */
export function legDuration(distanceM: number, drivenSinceRestS = 0): LegDuration {
  const driveS = driveSecondsOf(distanceM)
  const carried = Math.min(Math.max(0, drivenSinceRestS), MAX_DRIVE_S)
  const total = carried + driveS
  // A rest falls at each multiple of 4 h that still has driving after it.
  const rests = driveS === 0 ? 0 : Math.max(0, Math.ceil(total / MAX_DRIVE_S) - 1)
  return { driveS, rests, totalS: driveS + rests * REST_S }
}

/**
 * How long a driver has been at the wheel since the last rest, `elapsedS` after setting off rested,
 * assuming the rule was kept (4 h driving, 20 min rest, repeated).
 */
export function drivenSinceRestAfter(elapsedS: number): number {
  if (elapsedS <= 0) return 0
  return Math.min(elapsedS % CYCLE_S, MAX_DRIVE_S)
}

/** What the ETA is computed from: the shipment's plan, its ends and its events, oldest first. */
export interface EtaInput {
  readonly status: ShipmentStatus
  readonly plannedDepartureMs: number
  readonly origin: LatLon
  readonly destination: LatLon
  readonly events: readonly {
    readonly type: EventType
    readonly atMs: number
    readonly lat: number | null
    readonly lon: number | null
  }[]
}

/** Road metres between two points (the circuity formula, or a routing server's answer). */
export type RoadDistance = (from: LatLon, to: LatLon) => number

/** Where the truck's current leg starts: the point, the instant, and the driving done since the last rest. */
interface Leg {
  readonly from: LatLon
  readonly startMs: number
  readonly drivenS: number
}

/** The driving since the last rest `atMs` into a leg (the rule kept since its start). */
const drivenAt = (leg: Leg, atMs: number): number =>
  drivenSinceRestAfter(leg.drivenS + Math.max(0, atMs - leg.startMs) / 1000)

/**
 * The estimated arrival, epoch ms; null while an exception is open and once delivered.
 * - planned: the planned departure + the whole trip;
 * - loaded: the later of the planned departure and the latest event (the loading, or the
 *   resolution of an exception at the bay) + the whole trip;
 * - in transit: from the latest known point (a position fix with coordinates, else the origin) at
 *   its time, with the driving done since the last rest carried over. An exception stops the clock:
 *   a fix during it moves the point only, and the truck sets off again when it is resolved, rested
 *   if the stop lasted at least 20 minutes.
 *
 * @example etaOf({ status: 'in_transit', … events: [{ type: 'departed', atMs: t, … }] }, road)
 *   // t + legDuration(road(origin, destination)).totalS × 1000
 */
export function etaOf(input: EtaInput, road: RoadDistance): number | null {
  const { status, origin, destination } = input
  if (status === 'exception' || status === 'delivered') return null
  const whole = () => legDuration(road(origin, destination)).totalS * 1000
  if (status === 'planned') return input.plannedDepartureMs + whole()
  if (status === 'loaded') {
    const latest = input.events.reduce((ms, e) => Math.max(ms, e.atMs), input.plannedDepartureMs)
    return latest + whole()
  }
  let leg: Leg | null = null
  let stop: { atMs: number; drivenS: number } | null = null
  for (const e of input.events) {
    if (e.type === 'departed') {
      leg = { from: origin, startMs: e.atMs, drivenS: 0 }
      continue
    }
    const current: Leg | null = leg
    if (current === null) continue
    if (e.type === 'position' && e.lat !== null && e.lon !== null) {
      const from = { lat: e.lat, lon: e.lon }
      leg =
        stop === null ? { from, startMs: e.atMs, drivenS: drivenAt(current, e.atMs) } : { ...current, from }
    } else if (e.type === 'exception') stop = { atMs: e.atMs, drivenS: drivenAt(current, e.atMs) }
    else if (e.type === 'resolved' && stop !== null) {
      const rested = e.atMs - stop.atMs >= REST_S * 1000
      leg = { from: current.from, startMs: e.atMs, drivenS: rested ? 0 : stop.drivenS }
      stop = null
    }
  }
  // In transit without a departure cannot happen through the machine; estimate as if leaving now.
  if (leg === null) return input.plannedDepartureMs + whole()
  return leg.startMs + legDuration(road(leg.from, destination), leg.drivenS).totalS * 1000
}
