/**
 * The routing heuristic: a greedy insertion start, then SISR ruin-and-recreate under simulated
 * annealing, with a fleet-minimisation phase first when the objective counts vehicles.
 * @module
 */
import type { RoutingProblem } from './problem.ts'
import { createRandom } from './rng.ts'
import { recreate, ruin } from './ruin-recreate.ts'
import { SearchContext, SearchState } from './search-state.ts'

/** When to stop and how to seed the search. At least one limit applies (default 20,000 iterations). */
export interface SolveOptions {
  readonly seed?: number
  /** Stop after this many iterations (tests use this: results never depend on timing). */
  readonly maxIterations?: number
  /** Stop after this many milliseconds of `now()`. */
  readonly timeLimitMs?: number
  /** The clock for `timeLimitMs`, in milliseconds (injected so the core reads no clock itself). */
  readonly now?: () => number
}

/** A solution: routes of node indices (depot excluded), total cost, and whether all were served. */
export interface RoutingSolution {
  readonly routes: number[][]
  readonly cost: number
  /** Customers no route could take (empty for a complete solution). */
  readonly unassigned: number[]
  readonly iterations: number
}

const DEFAULT_ITERATIONS = 20_000
/** Share of the budget the fleet-minimisation phase may use. */
const FLEET_SHARE = 0.4
/** Start and final temperatures, as fractions of the initial cost per customer. */
const START_TEMPERATURE = 0.3
const FINAL_TEMPERATURE = 0.003

/**
 * Solves a routing problem; deterministic for a seed and an iteration limit (a time limit stops the
 * search wherever the clock says, so results then depend on the machine's speed).
 * @example solve(parseCvrplib(text), { seed: 1, maxIterations: 50_000 }).cost
 */
export function solve(problem: RoutingProblem, options: SolveOptions = {}): RoutingSolution {
  const random = createRandom(options.seed ?? 1)
  const ctx = new SearchContext(problem, random)
  const now = options.now ?? (() => 0)
  const started = now()
  const hasTimeLimit = options.timeLimitMs !== undefined
  const maxIterations =
    options.maxIterations ?? (hasTimeLimit ? Number.POSITIVE_INFINITY : DEFAULT_ITERATIONS)
  const timeLimit = options.timeLimitMs ?? Number.POSITIVE_INFINITY
  let iterations = 0
  /** Fraction of the whole budget used so far. */
  const progress = (): number =>
    Math.max(iterations / maxIterations, hasTimeLimit ? (now() - started) / timeLimit : 0)

  let current = SearchState.empty()
  const all = Array.from({ length: problem.size - 1 }, (_, i) => i + 1)
  recreate(ctx, current, all, Number.POSITIVE_INFINITY)
  if (problem.size <= 2) return finish(current, iterations)

  // Fleet phase: down to the fleet size when the start uses more routes, and on to the capacity
  // bound when vehicles count first (then for at most FLEET_SHARE of the budget).
  let fleet = problem.fleetSize
  const vehiclesFirst = problem.objective === 'vehicles-then-distance'
  if (vehiclesFirst || current.routes.length > fleet) {
    const target = vehiclesFirst ? capacityBound(problem) : fleet
    const share = vehiclesFirst ? FLEET_SHARE : 1
    current = minimiseFleet(ctx, current, target, () => {
      iterations++
      return progress() < share
    })
    if (current.unassigned.length === 0 && vehiclesFirst) fleet = Math.min(fleet, current.routes.length)
  }

  const penalty = 10 * (Math.max(...ctx.cost) + 1)
  const objective = (s: SearchState) => s.cost + penalty * s.unassigned.length
  const scale = current.cost / (problem.size - 1)
  const t0 = START_TEMPERATURE * scale
  const tf = FINAL_TEMPERATURE * scale
  const phaseStart = progress()
  let best = current
  let currentValue = objective(current)
  let frac = phaseStart
  while (frac < 1) {
    const temperature = t0 * (tf / t0) ** ((frac - phaseStart) / (1 - phaseStart))
    const candidate = current.clone()
    const removed = ruin(ctx, candidate)
    const customers = removed.concat(candidate.unassigned)
    candidate.unassigned = []
    recreate(ctx, candidate, customers, fleet)
    const value = objective(candidate)
    if (value < currentValue - temperature * Math.log(random())) {
      current = candidate
      currentValue = value
      if (better(candidate, best)) best = candidate
    }
    iterations++
    if (iterations % 32 === 0 || !hasTimeLimit) frac = progress()
  }
  return finish(best, iterations)
}

function better(a: SearchState, b: SearchState): boolean {
  if (a.unassigned.length !== b.unassigned.length) return a.unassigned.length < b.unassigned.length
  return a.cost < b.cost - 1e-9
}

/**
 * Fleet minimisation (SISR section 6): take out a route, then ruin and recreate without opening
 * routes, accepting a candidate that leaves fewer customers out or ones that were out less often.
 */
function minimiseFleet(
  ctx: SearchContext,
  start: SearchState,
  target: number,
  keepGoing: () => boolean,
): SearchState {
  const absence = new Float64Array(ctx.n)
  const absent = (s: SearchState) => {
    let sum = 0
    for (const c of s.unassigned) sum += absence[c]!
    return sum
  }
  let best = start
  let current = start.clone()
  while (keepGoing()) {
    if (current.unassigned.length === 0) {
      if (current.routes.length < best.routes.length || best.unassigned.length > 0) best = current
      if (current.routes.length <= target) break
      current = current.clone()
      dropSmallestRoute(ctx, current)
    }
    const candidate = current.clone()
    const removed = ruin(ctx, candidate)
    const customers = removed.concat(candidate.unassigned)
    candidate.unassigned = []
    recreate(ctx, candidate, customers, current.routes.length)
    for (const c of candidate.unassigned) absence[c]!++
    if (candidate.unassigned.length < current.unassigned.length || absent(candidate) < absent(current)) {
      current = candidate
    }
  }
  return best
}

/** Fewest routes the demand allows: ceil(total demand / capacity). */
function capacityBound(problem: RoutingProblem): number {
  let totalDemand = 0
  for (let c = 1; c < problem.size; c++) totalDemand += problem.demand[c]!
  return Math.max(1, Math.ceil(totalDemand / problem.capacity - 1e-9))
}

function dropSmallestRoute(ctx: SearchContext, state: SearchState): void {
  let pick = 0
  for (let r = 1; r < state.routes.length; r++) {
    const shorter = state.routes[r]!.length - state.routes[pick]!.length
    if (shorter < 0 || (shorter === 0 && ctx.random() < 0.5)) pick = r
  }
  state.unassigned.push(...state.routes[pick]!)
  state.routes.splice(pick, 1)
  state.load.splice(pick, 1)
  state.routeCost.splice(pick, 1)
}

function finish(state: SearchState, iterations: number): RoutingSolution {
  return {
    routes: state.routes.map((route) => route.slice()),
    cost: state.cost,
    unassigned: state.unassigned.slice(),
    iterations,
  }
}
