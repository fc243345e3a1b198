/**
 * The center's trucks as a routing problem: loads with positions, weights and delivery windows,
 * trucks with payloads, and the driving rules (65 km/h effective; 20 minutes of rest after every
 * 4 hours of driving). Times are minutes from the start of the planning day; distances are road km
 * from a function the caller passes in (src/distribution/geo, or a routing server).
 * @module
 */

import { evaluateSolution } from './evaluate.ts'
import type { RoutingProblem } from './problem.ts'
import { type SolveOptions, solve } from './solver.ts'

/** Effective truck speed, km/h. */
export const TRUCK_SPEED_KMH = 65
/** Driving allowed before a rest, minutes. */
export const DRIVING_BEFORE_REST_MIN = 240
/** Length of a rest, minutes. */
export const REST_MIN = 20
/** Default time to load or unload at a stop, minutes. */
export const DEFAULT_SERVICE_MIN = 30

export interface GeoPoint {
  readonly lat: number
  readonly lon: number
}

/** A delivery: where, how heavy, and when the customer takes it. */
export interface DeliveryLoad extends GeoPoint {
  readonly id: string
  readonly kg: number
  /** Earliest and latest start of unloading, minutes from the start of the day. */
  readonly windowMin?: readonly [number, number]
  readonly serviceMin?: number
}

export interface Truck {
  readonly id: string
  readonly capacityKg: number
}

/** A day's dispatch: the warehouse (depot), its opening hours, the loads and the trucks. */
export interface DispatchInput {
  readonly depot: GeoPoint & { readonly windowMin: readonly [number, number]; readonly serviceMin?: number }
  readonly loads: readonly DeliveryLoad[]
  readonly trucks: readonly Truck[]
  /** Road distance in km between two points. */
  readonly roadKm: (from: GeoPoint, to: GeoPoint) => number
}

/**
 * Driving time of a leg with its rests. A rest falls inside the leg after each full 4 hours of
 * driving. When the stop the leg starts from takes at least a rest's length (loading, unloading),
 * the driver rests there, so the count starts afresh; otherwise one more rest is assumed, which can
 * only overstate the time (the count carried from earlier legs is not tracked by the solver).
 */
export function legMinutes(km: number, originServiceMin: number): number {
  const drive = (km / TRUCK_SPEED_KMH) * 60
  if (drive <= 0) return 0
  const restsInside = Math.ceil(drive / DRIVING_BEFORE_REST_MIN) - 1
  const rests = originServiceMin >= REST_MIN ? restsInside : restsInside + 1
  return drive + rests * REST_MIN
}

/**
 * Builds the routing problem for a day's loads: cost = road km, travel time = driving plus rests,
 * one route per truck at most. Trucks of different payloads are planned at the smallest payload
 * (the solver's fleet is homogeneous), so every route fits whichever truck takes it.
 */
export function buildDispatchProblem(input: DispatchInput): RoutingProblem {
  const points: GeoPoint[] = [input.depot, ...input.loads]
  const n = points.length
  const service = Float64Array.from([
    input.depot.serviceMin ?? 0,
    ...input.loads.map((l) => l.serviceMin ?? DEFAULT_SERVICE_MIN),
  ])
  const cost = new Float64Array(n * n)
  const travel = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue
      const km = input.roadKm(points[i]!, points[j]!)
      cost[i * n + j] = km
      // The depot's loading happens before departure; the day starts rested.
      travel[i * n + j] = legMinutes(km, i === 0 ? REST_MIN : service[i]!)
    }
  }
  const [open, close] = input.depot.windowMin
  const ready = Float64Array.from([open, ...input.loads.map((l) => l.windowMin?.[0] ?? open)])
  const due = Float64Array.from([close, ...input.loads.map((l) => l.windowMin?.[1] ?? close)])
  const capacity = Math.min(...input.trucks.map((t) => t.capacityKg))
  return {
    name: 'dispatch',
    size: n,
    cost,
    demand: Float64Array.from([0, ...input.loads.map((l) => l.kg)]),
    capacity,
    fleetSize: input.trucks.length,
    objective: 'distance',
    timeWindows: { travel, ready, due, service },
    labels: Array.from({ length: n }, (_, i) => i),
    costDecimals: 1,
  }
}

/** One truck's route: its stops in order with the planned start of unloading at each. */
export interface TruckRoute {
  readonly truckId: string
  readonly stops: readonly { readonly loadId: string; readonly startMin: number }[]
  readonly km: number
  readonly kg: number
  /** Back at the warehouse, minutes from the start of the day. */
  readonly returnMin: number
}

/** Routes for all loads, or the reason there are none (an expected outcome, not an exception). */
export type DispatchPlan =
  | { readonly ok: true; readonly routes: readonly TruckRoute[]; readonly km: number }
  | { readonly ok: false; readonly code: 'unroutable'; readonly loadIds: readonly string[] }

/**
 * Plans the day's routes; loads no truck can take in time or weight come back as `unroutable`.
 * @example dispatch(input, { seed: 1, maxIterations: 5000 })
 */
export function dispatch(input: DispatchInput, options: SolveOptions = {}): DispatchPlan {
  const tooHeavy = input.loads.filter((l) => input.trucks.every((t) => l.kg > t.capacityKg))
  if (input.trucks.length === 0 || tooHeavy.length > 0) {
    return {
      ok: false,
      code: 'unroutable',
      loadIds: (tooHeavy.length ? tooHeavy : input.loads).map((l) => l.id),
    }
  }
  const problem = buildDispatchProblem(input)
  const solution = solve(problem, options)
  if (solution.unassigned.length > 0 || !evaluateSolution(problem, solution.routes).feasible) {
    const left = solution.unassigned.length ? solution.unassigned : input.loads.map((_, i) => i + 1)
    return { ok: false, code: 'unroutable', loadIds: left.map((c) => input.loads[c - 1]!.id) }
  }
  const tw = problem.timeWindows!
  const trucks = [...input.trucks].sort((a, b) => b.capacityKg - a.capacityKg)
  let total = 0
  const routes = solution.routes.map((route, r): TruckRoute => {
    let time = tw.ready[0]!
    let prev = 0
    let km = 0
    let kg = 0
    const stops = route.map((c) => {
      time = Math.max(tw.ready[c]!, time + tw.service[prev]! + tw.travel[prev * problem.size + c]!)
      km += problem.cost[prev * problem.size + c]!
      kg += problem.demand[c]!
      prev = c
      return { loadId: input.loads[c - 1]!.id, startMin: time }
    })
    km += problem.cost[prev * problem.size]!
    total += km
    const returnMin = time + tw.service[prev]! + tw.travel[prev * problem.size]!
    return { truckId: trucks[r]!.id, stops, km, kg, returnMin }
  })
  return { ok: true, routes, km: total }
}
