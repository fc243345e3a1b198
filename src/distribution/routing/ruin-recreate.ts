/**
 * SISR ruin and recreate (Christiaens & Vanden Berghe, "Slack induction by string removals", 2020):
 * remove strings of consecutive customers from routes near a random seed customer, then put the
 * removed customers back one by one at their cheapest feasible place, skipping ("blinking") each
 * candidate place with a small probability.
 * @internal
 */
import type { SearchContext, SearchState } from './search-state.ts'

/** Average number of customers removed per ruin. */
const MEAN_REMOVED = 10
/** Longest string removed from one route. */
const MAX_STRING = 10
/** Probability of skipping a candidate insertion place. */
const BLINK_RATE = 0.01

/** Removes strings of customers from `state` in place and returns them. */
export function ruin(ctx: SearchContext, state: SearchState): number[] {
  const { n, random, routeOf, posOf, removedMark, neighbours } = ctx
  const routes = state.routes
  let assigned = 0
  routeOf.fill(-1)
  for (let r = 0; r < routes.length; r++) {
    const route = routes[r]!
    assigned += route.length
    for (let p = 0; p < route.length; p++) {
      routeOf[route[p]!] = r
      posOf[route[p]!] = p
    }
  }
  if (assigned === 0) return []
  const maxString = Math.min(MAX_STRING, assigned / routes.length)
  const maxStrings = (4 * MEAN_REMOVED) / (1 + maxString) - 1
  const strings = Math.floor(random() * maxStrings) + 1
  let seed = 1 + Math.floor(random() * (n - 1))
  while (routeOf[seed]! < 0) seed = 1 + Math.floor(random() * (n - 1))
  const removed: number[] = []
  const ruined = new Uint8Array(routes.length)
  let ruinedCount = 0
  const width = n - 2
  for (let k = -1; k < width && ruinedCount < strings; k++) {
    const c = k < 0 ? seed : neighbours[seed * width + k]!
    const r = routeOf[c]!
    if (r < 0 || ruined[r]) continue
    const route = routes[r]!
    const len = route.length
    const length = Math.floor(random() * Math.min(len, maxString)) + 1
    const pos = posOf[c]!
    if (length === len || random() < 0.5) {
      const start = pickStart(pos, length, len, random())
      for (let p = start; p < start + length; p++) removed.push(route[p]!)
    } else {
      // Split string: a string of length + kept customers, of which `kept` consecutive ones stay.
      let kept = 1
      while (length + kept < len && random() < 0.5) kept++
      const total = length + kept
      const start = pickStart(pos, total, len, random())
      const keepAt = start + Math.floor(random() * (length + 1))
      for (let p = start; p < start + total; p++)
        if (p < keepAt || p >= keepAt + kept) removed.push(route[p]!)
    }
    ruined[r] = 1
    ruinedCount++
  }
  for (const c of removed) removedMark[c] = 1
  let w = 0
  for (let r = 0; r < routes.length; r++) {
    let route = routes[r]!
    if (ruined[r]) {
      route = route.filter((c) => removedMark[c] === 0)
      if (route.length === 0) continue
      state.load[w] = ctx.routeLoad(route)
      state.routeCost[w] = ctx.routeCost(route)
    } else {
      state.load[w] = state.load[r]!
      state.routeCost[w] = state.routeCost[r]!
    }
    routes[w++] = route
  }
  routes.length = w
  state.load.length = w
  state.routeCost.length = w
  for (const c of removed) removedMark[c] = 0
  return removed
}

/** Start of a window of `length` inside a route of `len` that covers position `pos`. */
function pickStart(pos: number, length: number, len: number, u: number): number {
  const lo = Math.max(0, pos - length + 1)
  const hi = Math.min(pos, len - length)
  return lo + Math.floor(u * (hi - lo + 1))
}

/** Earliest service starts (index 0 = depot departure, i = route[i - 1]) and latest feasible starts. */
interface Schedule {
  earliest: Float64Array[]
  latest: Float64Array[]
}

function schedule(ctx: SearchContext, route: readonly number[], sched: Schedule, r: number): void {
  const { n, travel, ready, due, service } = ctx
  const len = route.length
  const earliest = new Float64Array(len + 2)
  const latest = new Float64Array(len + 2)
  earliest[0] = ready[0]!
  let prev = 0
  for (let i = 1; i <= len; i++) {
    const c = route[i - 1]!
    earliest[i] = Math.max(ready[c]!, earliest[i - 1]! + service[prev]! + travel[prev * n + c]!)
    prev = c
  }
  earliest[len + 1] = earliest[len]! + service[prev]! + travel[prev * n]!
  latest[len + 1] = due[0]!
  let next = 0
  for (let i = len; i >= 1; i--) {
    const c = route[i - 1]!
    latest[i] = Math.min(due[c]!, latest[i + 1]! - service[c]! - travel[c * n + next]!)
    next = c
  }
  latest[0] = latest[1]! - travel[next]! - service[0]!
  sched.earliest[r] = earliest
  sched.latest[r] = latest
}

export type InsertionOrder = (ctx: SearchContext, customers: number[]) => void

const byRandom: InsertionOrder = (ctx, customers) => {
  for (let i = customers.length - 1; i > 0; i--) {
    const j = Math.floor(ctx.random() * (i + 1))
    const t = customers[i]!
    customers[i] = customers[j]!
    customers[j] = t
  }
}
const byDemand: InsertionOrder = (ctx, customers) => {
  byRandom(ctx, customers)
  customers.sort((a, b) => ctx.demand[b]! - ctx.demand[a]!)
}
const byFar: InsertionOrder = (ctx, customers) => {
  byRandom(ctx, customers)
  customers.sort((a, b) => ctx.cost[b]! - ctx.cost[a]!)
}
const byClose: InsertionOrder = (ctx, customers) => {
  byRandom(ctx, customers)
  customers.sort((a, b) => ctx.cost[a]! - ctx.cost[b]!)
}
/** SISR's sort weights: random 4, demand 4, far 2, close 1. */
const ORDERS: InsertionOrder[] = [
  byRandom,
  byRandom,
  byRandom,
  byRandom,
  byDemand,
  byDemand,
  byDemand,
  byDemand,
  byFar,
  byFar,
  byClose,
]

/**
 * Inserts `customers` into `state` greedily (cheapest feasible place, with blinks); opens a route
 * while fewer than `maxRoutes` exist, else leaves the customer in `state.unassigned`.
 */
export function recreate(
  ctx: SearchContext,
  state: SearchState,
  customers: number[],
  maxRoutes: number,
): void {
  const { n, cost, demand, capacity, hasTime, travel, ready, due, service, random } = ctx
  ORDERS[Math.floor(random() * ORDERS.length)]!(ctx, customers)
  const routes = state.routes
  const sched: Schedule = { earliest: [], latest: [] }
  if (hasTime) for (let r = 0; r < routes.length; r++) schedule(ctx, routes[r]!, sched, r)
  for (const c of customers) {
    let bestDelta = Number.POSITIVE_INFINITY
    let bestRoute = -1
    let bestPos = -1
    const dc = demand[c]!
    const row = c * n
    for (let r = 0; r < routes.length; r++) {
      if (state.load[r]! + dc > capacity) continue
      const route = routes[r]!
      const len = route.length
      const earliest = sched.earliest[r]
      const latest = sched.latest[r]
      let prev = 0
      for (let p = 0; p <= len; p++) {
        const next = p < len ? route[p]! : 0
        if (random() >= BLINK_RATE) {
          const delta = cost[prev * n + c]! + cost[row + next]! - cost[prev * n + next]!
          if (delta < bestDelta) {
            let ok = true
            if (hasTime) {
              const start = Math.max(ready[c]!, earliest![p]! + service[prev]! + travel[prev * n + c]!)
              ok = start <= due[c]! && start + service[c]! + travel[row + next]! <= latest![p + 1]!
            }
            if (ok) {
              bestDelta = delta
              bestRoute = r
              bestPos = p
            }
          }
        }
        prev = next
      }
    }
    if (bestRoute >= 0) {
      routes[bestRoute]!.splice(bestPos, 0, c)
      state.load[bestRoute]! += dc
      state.routeCost[bestRoute]! += bestDelta
      if (hasTime) schedule(ctx, routes[bestRoute]!, sched, bestRoute)
    } else if (routes.length < maxRoutes && servesAlone(ctx, c)) {
      routes.push([c])
      state.load.push(dc)
      state.routeCost.push(cost[c]! + cost[row]!)
      if (hasTime) schedule(ctx, routes[routes.length - 1]!, sched, routes.length - 1)
    } else {
      state.unassigned.push(c)
    }
  }
}

/** Whether a route serving only `c` meets its time window and the depot's. */
export function servesAlone(ctx: SearchContext, c: number): boolean {
  if (!ctx.hasTime) return true
  const { n, travel, ready, due, service } = ctx
  const start = Math.max(ready[c]!, ready[0]! + service[0]! + travel[c]!)
  return start <= due[c]! && start + service[c]! + travel[c * n]! <= due[0]!
}
