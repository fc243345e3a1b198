import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { IntakePlan, IntakeProblem, MetalForm } from './model.ts'
import { solveIntake } from './solve.ts'

// An independent solution of the same program: lane costs recomputed from the formulas,
// then a min-cost flow by successive shortest paths (Bellman-Ford on the residual graph), exact for
// a transportation problem with integer data. Premiums, capacities, demands and the penalty are
// whole numbers here, so every cost is a whole number of fen and the flow is computed in integers.

const FORMS: readonly MetalForm[] = ['molten', 'ingot']

function laneFen(problem: IntakeProblem, s: number, p: number): number | null {
  const supplier = problem.suppliers[s]!
  const plant = problem.plants[p]!
  const rad = Math.PI / 180
  const a =
    Math.sin(((plant.lat - supplier.lat) * rad) / 2) ** 2 +
    Math.cos(supplier.lat * rad) *
      Math.cos(plant.lat * rad) *
      Math.sin(((plant.lon - supplier.lon) * rad) / 2) ** 2
  const gc = 2 * 6371.0088 * Math.asin(Math.sqrt(a))
  const road = gc * (gc < 100 ? 1.35 : gc <= 300 ? 1.28 : 1.2)
  if (supplier.form === 'molten' && road > 150) return null
  const freight = Math.max(4000, Math.round((supplier.form === 'molten' ? 50 : 20) * road))
  return Math.round(supplier.premiumCnyPerT * 100) + freight
}

interface Edge {
  to: number
  cap: number
  cost: number
  rev: number
}

/** The least cost, in fen, of meeting every demand (unmet tonnes at the penalty). */
function minCostFen(
  problem: IntakeProblem,
  demandOverride?: { plant: number; form: MetalForm; tonnes: number },
) {
  const penaltyFen = Math.round((problem.unmetPenaltyCnyPerT ?? 100_000) * 100)
  const demands = problem.plants.flatMap((plant, p) =>
    FORMS.map((form) => ({
      p,
      form,
      tonnes:
        demandOverride?.plant === p && demandOverride.form === form
          ? demandOverride.tonnes
          : (plant.demandT[form] ?? 0),
    })),
  )
  const n = problem.suppliers.length
  const source = 0
  const sink = n + demands.length + 1
  const graph: Edge[][] = Array.from({ length: sink + 1 }, () => [])
  const add = (from: number, to: number, cap: number, cost: number) => {
    graph[from]!.push({ to, cap, cost, rev: graph[to]!.length })
    graph[to]!.push({ to: from, cap: 0, cost: -cost, rev: graph[from]!.length - 1 })
  }
  const total = demands.reduce((sum, d) => sum + d.tonnes, 0)
  problem.suppliers.forEach((s, i) => {
    add(source, 1 + i, s.capacityT, 0)
  })
  demands.forEach((d, r) => {
    const node = 1 + n + r
    add(node, sink, d.tonnes, 0)
    add(source, node, total, penaltyFen)
    problem.suppliers.forEach((s, i) => {
      if (s.form !== d.form) return
      const fen = laneFen(problem, i, d.p)
      if (fen !== null) add(1 + i, node, total, fen)
    })
  })
  let flow = 0
  let cost = 0
  while (flow < total) {
    const dist = new Array<number>(sink + 1).fill(Number.POSITIVE_INFINITY)
    const prev: [number, number][] = new Array(sink + 1)
    dist[source] = 0
    for (let round = 0, changed = true; changed && round <= sink; round++) {
      changed = false
      for (let u = 0; u <= sink; u++) {
        if (dist[u] === Number.POSITIVE_INFINITY) continue
        graph[u]!.forEach((e, k) => {
          if (e.cap > 0 && dist[u]! + e.cost < dist[e.to]!) {
            dist[e.to] = dist[u]! + e.cost
            prev[e.to] = [u, k]
            changed = true
          }
        })
      }
    }
    let push = total - flow
    for (let v = sink; v !== source; v = prev[v]![0])
      push = Math.min(push, graph[prev[v]![0]]![prev[v]![1]]!.cap)
    for (let v = sink; v !== source; v = prev[v]![0]) {
      const e = graph[prev[v]![0]]![prev[v]![1]]!
      e.cap -= push
      graph[e.to]![e.rev]!.cap += push
    }
    flow += push
    cost += push * dist[sink]!
  }
  return cost
}

const problemArb = fc
  .record({
    suppliers: fc.array(
      fc.record({
        lat: fc.integer({ min: 3350, max: 3650 }),
        lon: fc.integer({ min: 11200, max: 11450 }),
        form: fc.constantFrom<MetalForm>('molten', 'ingot'),
        capacityT: fc.integer({ min: 0, max: 2500 }),
        premiumCnyPerT: fc.integer({ min: -50, max: 600 }),
      }),
      { minLength: 2, maxLength: 5 },
    ),
    plants: fc.array(
      fc.record({
        lat: fc.integer({ min: 3400, max: 3500 }),
        lon: fc.integer({ min: 11250, max: 11350 }),
        molten: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1200 })),
        ingot: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1200 })),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    penalty: fc.option(fc.integer({ min: 100, max: 1500 }), { nil: undefined }),
  })
  .map(
    (r): IntakeProblem => ({
      suppliers: r.suppliers.map((s, i) => ({ ...s, id: `S${i}`, lat: s.lat / 100, lon: s.lon / 100 })),
      plants: r.plants.map((p, i) => ({
        id: `P${i}`,
        lat: p.lat / 100,
        lon: p.lon / 100,
        demandT: { molten: p.molten, ingot: p.ingot },
      })),
      ...(r.penalty === undefined ? {} : { unmetPenaltyCnyPerT: r.penalty }),
    }),
  )

const objectiveOf = (problem: IntakeProblem, plan: IntakePlan) =>
  plan.totalCostCny + (problem.unmetPenaltyCnyPerT ?? 100_000) * plan.unmet.reduce((s, u) => s + u.tonnes, 0)

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b))

describe('solveIntake against an independent min-cost flow', () => {
  it('reaches the same optimum, with a feasible plan and duals that are the marginal costs', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb, async (problem) => {
        const plan = await solveIntake(problem)
        const optimumFen = minCostFen(problem)
        expect(close(objectiveOf(problem, plan), optimumFen / 100)).toBe(true)

        // Feasible: allowed lanes at their cost, capacities kept, every demand met or unmet.
        const index = (id: string) => Number(id.slice(1))
        const sentT = new Map<string, number>()
        const gotT = new Map<string, number>()
        for (const f of plan.flows) {
          const s = index(f.from)
          expect(f.form).toBe(problem.suppliers[s]!.form)
          expect(f.tonnes).toBeGreaterThan(0)
          expect(Math.round(f.costCnyPerT * 100)).toBe(laneFen(problem, s, index(f.to)))
          sentT.set(f.from, (sentT.get(f.from) ?? 0) + f.tonnes)
          gotT.set(`${f.to}/${f.form}`, (gotT.get(`${f.to}/${f.form}`) ?? 0) + f.tonnes)
        }
        for (const [id, t] of sentT)
          expect(t).toBeLessThanOrEqual(problem.suppliers[index(id)]!.capacityT + 1e-6)
        for (const u of plan.unmet)
          gotT.set(`${u.plant}/${u.form}`, (gotT.get(`${u.plant}/${u.form}`) ?? 0) + u.tonnes)
        const total = plan.flows.reduce((s, f) => s + f.costCnyPerT * f.tonnes, 0)
        expect(close(plan.totalCostCny, total)).toBe(true)

        // Every positive demand has a row: met in full, and its dual lies between the cost of its
        // last tonne and of one more (the subgradient; the optimum is piecewise linear with whole-tonne
        // breakpoints here).
        const keys: string[] = []
        problem.plants.forEach((plant, p) => {
          for (const form of FORMS) {
            const tonnes = plant.demandT[form] ?? 0
            if (tonnes === 0) continue
            const key = `${plant.id}/${form}`
            keys.push(key)
            expect(close(gotT.get(key) ?? 0, tonnes)).toBe(true)
            const dual = plan.marginalCostCnyPerT[key]!
            const more = (minCostFen(problem, { plant: p, form, tonnes: tonnes + 1 }) - optimumFen) / 100
            const less = (optimumFen - minCostFen(problem, { plant: p, form, tonnes: tonnes - 1 })) / 100
            expect(dual).toBeGreaterThanOrEqual(less - 1e-6)
            expect(dual).toBeLessThanOrEqual(more + 1e-6)
          }
        })
        expect(Object.keys(plan.marginalCostCnyPerT).sort()).toEqual(keys.sort())
      }),
      { numRuns: 120, seed: 20_261_130 },
    )
  })
})
