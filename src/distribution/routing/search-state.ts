/**
 * The solver's working solution and the per-problem data it reads in hot loops.
 * @internal
 */
import type { RoutingProblem } from './problem.ts'
import type { Random } from './rng.ts'

/** Problem data laid out for the search, plus the scratch buffers it reuses. */
export class SearchContext {
  readonly n: number
  readonly cost: Float64Array
  readonly demand: Float64Array
  readonly capacity: number
  readonly hasTime: boolean
  readonly travel: Float64Array
  readonly ready: Float64Array
  readonly due: Float64Array
  readonly service: Float64Array
  /** For each customer, every other customer by increasing cost (row c has n - 2 entries). */
  readonly neighbours: Int32Array
  readonly random: Random
  /** Scratch: 1 for customers taken out by the current ruin step. */
  readonly removedMark: Uint8Array
  readonly routeOf: Int32Array
  readonly posOf: Int32Array

  constructor(problem: RoutingProblem, random: Random) {
    const n = problem.size
    this.n = n
    this.cost = problem.cost
    this.demand = problem.demand
    this.capacity = problem.capacity
    const tw = problem.timeWindows
    this.hasTime = tw !== undefined
    this.travel = tw?.travel ?? problem.cost
    this.ready = tw?.ready ?? new Float64Array(n)
    this.due = tw?.due ?? new Float64Array(n).fill(Number.POSITIVE_INFINITY)
    this.service = tw?.service ?? new Float64Array(n)
    this.random = random
    this.removedMark = new Uint8Array(n)
    this.routeOf = new Int32Array(n)
    this.posOf = new Int32Array(n)
    const width = Math.max(0, n - 2)
    this.neighbours = new Int32Array(n * width)
    for (let c = 1; c < n; c++) {
      const others: number[] = []
      for (let o = 1; o < n; o++) if (o !== c) others.push(o)
      others.sort(
        (a, b) =>
          this.cost[c * n + a]! + this.cost[a * n + c]! - this.cost[c * n + b]! - this.cost[b * n + c]!,
      )
      this.neighbours.set(others, c * width)
    }
  }

  /** Cost of a route from the depot through `route` and back. */
  routeCost(route: readonly number[]): number {
    const { n, cost } = this
    let prev = 0
    let sum = 0
    for (const c of route) {
      sum += cost[prev * n + c]!
      prev = c
    }
    return sum + cost[prev * n]!
  }

  routeLoad(route: readonly number[]): number {
    let load = 0
    for (const c of route) load += this.demand[c]!
    return load
  }
}

/** A solution under search: routes of customer nodes, their loads and costs, and who is left out. */
export class SearchState {
  constructor(
    public routes: number[][],
    public load: number[],
    public routeCost: number[],
    public unassigned: number[],
  ) {}

  static empty(): SearchState {
    return new SearchState([], [], [], [])
  }

  get cost(): number {
    let sum = 0
    for (const c of this.routeCost) sum += c
    return sum
  }

  clone(): SearchState {
    return new SearchState(
      this.routes.map((route) => route.slice()),
      this.load.slice(),
      this.routeCost.slice(),
      this.unassigned.slice(),
    )
  }
}
