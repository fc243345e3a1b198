/**
 * Feasibility and cost of a finished solution, recomputed from the problem alone (the CLI checks
 * every solution with this before printing it).
 * @module
 */
import type { RoutingProblem } from './problem.ts'

/** Slack allowed on time comparisons, for floating-point sums of unrounded distances. */
const TIME_EPSILON = 1e-6

/** The verdict on a solution: its recomputed cost, or why it is infeasible. */
export type Evaluation =
  | { readonly feasible: true; readonly cost: number; readonly vehicles: number }
  | { readonly feasible: false; readonly reason: string }

/**
 * Checks that every customer is served exactly once, capacity and the fleet size hold, and (with
 * time windows) every service starts by its due time and every route is back by the depot's.
 * @example evaluateSolution(problem, [[1, 2], [3]]).feasible
 */
export function evaluateSolution(
  problem: RoutingProblem,
  routes: readonly (readonly number[])[],
): Evaluation {
  const n = problem.size
  const seen = new Uint8Array(n)
  const used = routes.filter((route) => route.length > 0)
  if (used.length > problem.fleetSize)
    return { feasible: false, reason: `${used.length} routes exceed the fleet` }
  let total = 0
  for (const [r, route] of used.entries()) {
    let load = 0
    let prev = 0
    let time = problem.timeWindows?.ready[0] ?? 0
    for (const c of route) {
      if (!Number.isInteger(c) || c <= 0 || c >= n)
        return { feasible: false, reason: `route ${r + 1}: no customer ${c}` }
      if (seen[c]) return { feasible: false, reason: `customer ${problem.labels[c]} is served twice` }
      seen[c] = 1
      load += problem.demand[c]!
      total += problem.cost[prev * n + c]!
      const tw = problem.timeWindows
      if (tw) {
        time = Math.max(tw.ready[c]!, time + tw.service[prev]! + tw.travel[prev * n + c]!)
        if (time > tw.due[c]! + TIME_EPSILON) {
          return { feasible: false, reason: `route ${r + 1}: customer ${problem.labels[c]} is served late` }
        }
      }
      prev = c
    }
    total += problem.cost[prev * n]!
    const tw = problem.timeWindows
    if (tw && time + tw.service[prev]! + tw.travel[prev * n]! > tw.due[0]! + TIME_EPSILON) {
      return { feasible: false, reason: `route ${r + 1} returns to the depot late` }
    }
    if (load > problem.capacity) return { feasible: false, reason: `route ${r + 1} exceeds the capacity` }
  }
  for (let c = 1; c < n; c++) {
    if (!seen[c]) return { feasible: false, reason: `customer ${problem.labels[c]} is not served` }
  }
  return { feasible: true, cost: total, vehicles: used.length }
}

/**
 * The solution in CVRPLIB `.sol` form: `Route #k: …` lines with the problem's customer labels, then
 * `Cost N` with the problem's decimals.
 * @example formatSolution(problem, [[1, 3], [2]], 42) // 'Route #1: 1 3\nRoute #2: 2\nCost 42\n'
 */
export function formatSolution(
  problem: RoutingProblem,
  routes: readonly (readonly number[])[],
  cost: number,
): string {
  const lines = routes
    .filter((route) => route.length > 0)
    .map((route, r) => `Route #${r + 1}: ${route.map((c) => problem.labels[c]).join(' ')}`)
  lines.push(`Cost ${cost.toFixed(problem.costDecimals)}`)
  return `${lines.join('\n')}\n`
}
