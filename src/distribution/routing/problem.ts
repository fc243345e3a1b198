/**
 * The routing problem every part of the solver works on: node 0 is the depot, nodes 1..n-1 are
 * customers, with a dense cost matrix and, for problems with time windows, a travel-time matrix,
 * ready and due times and service times in the same time unit.
 * @module
 */

/** What the solver minimises: total distance, or the number of routes first and distance second. */
export type RoutingObjective = 'distance' | 'vehicles-then-distance'

/** A capacitated routing problem, with time windows when `timeWindows` is set. */
export interface RoutingProblem {
  readonly name: string
  /** Number of nodes, depot included. */
  readonly size: number
  /** Row-major size × size arc costs (the distance the objective sums). */
  readonly cost: Float64Array
  readonly demand: Float64Array
  /** Capacity of every vehicle (the fleet is homogeneous). */
  readonly capacity: number
  /** Maximum number of routes (Infinity when the fleet is unbounded). */
  readonly fleetSize: number
  readonly objective: RoutingObjective
  readonly timeWindows?: TimeWindows
  /** The number each node is printed with (`.sol` numbering); the depot's label is unused. */
  readonly labels: readonly number[]
  /** Decimals of the reported cost: 0 for CVRPLIB (integer arcs), 2 for Solomon. */
  readonly costDecimals: number
}

/** Time data of a problem: service must start within [ready, due] at every node. */
export interface TimeWindows {
  /** Row-major size × size travel times. */
  readonly travel: Float64Array
  readonly ready: Float64Array
  readonly due: Float64Array
  readonly service: Float64Array
}

/** TSPLIB `nint` Euclidean distance: floor(d + 0.5). */
export function roundedEuclidean(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const n = x.length
  const out = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = Math.floor(Math.hypot(x[i]! - x[j]!, y[i]! - y[j]!) + 0.5)
  }
  return out
}

/** Unrounded Euclidean distance (Solomon's convention). */
export function exactEuclidean(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const n = x.length
  const out = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = Math.hypot(x[i]! - x[j]!, y[i]! - y[j]!)
  }
  return out
}
