import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluateSolution, formatSolution, parseInstance, type RoutingProblem, solve } from './index.ts'
import { checkSolution } from './test-support/check-solution.ts'

const DIR = join(import.meta.dirname, '..', '..', '..', 'bench', 'route', 'instances')
const read = (path: string) => readFileSync(join(DIR, path), 'utf8')

/** Solves with an iteration limit (never a time limit: tests must not depend on timing). */
function solveChecked(path: string, maxIterations: number, seed = 1) {
  const text = read(path)
  const problem = parseInstance(text)
  const solution = solve(problem, { seed, maxIterations })
  const printed = formatSolution(problem, solution.routes, solution.cost)
  const check = checkSolution(text, printed)
  expect(check.errors).toEqual([])
  expect(solution.unassigned).toEqual([])
  return { problem, solution, printed, check }
}

describe('solve', () => {
  it('finds the optimum of E-n22-k4 (375)', () => {
    const { check } = solveChecked('cvrp/E-n22-k4.vrp', 5000)
    expect(check.printedCost).toBe(375)
    expect(check.vehicles).toBe(4)
  })

  it('finds the optimum of P-n16-k8 (450)', () => {
    expect(solveChecked('cvrp/P-n16-k8.vrp', 3000).check.printedCost).toBe(450)
  })

  it('finds the optimum of E-n13-k4 from its explicit matrix (247)', () => {
    expect(solveChecked('cvrp/E-n13-k4.vrp', 5000).check.printedCost).toBe(247)
  })

  it('reaches the best known C101 solution: 10 vehicles, 828.94', () => {
    const { check } = solveChecked('solomon/C101.txt', 5000)
    expect(check.vehicles).toBe(10)
    expect(check.printedCost).toBe(828.94)
  })

  it('minimises vehicles first on Solomon, and distance alone when asked', () => {
    const text = read('solomon/R101.txt')
    const byVehicles = solve(parseInstance(text), { seed: 1, maxIterations: 4000 })
    const byDistance = solve(parseInstance(text, 'distance'), { seed: 1, maxIterations: 4000 })
    for (const [objective, s] of [
      ['vehicles', byVehicles],
      ['distance', byDistance],
    ] as const) {
      const check = checkSolution(text, formatSolution(parseInstance(text), s.routes, s.cost))
      expect(check.errors, objective).toEqual([])
    }
    // 19 is the best known fleet for R101.
    expect(byVehicles.routes.length).toBeLessThanOrEqual(19)
    expect(byDistance.routes.length).toBeGreaterThanOrEqual(byVehicles.routes.length)
  })

  it('is deterministic for a seed and an iteration limit', () => {
    const problem = parseInstance(read('cvrp/A-n32-k5.vrp'))
    const a = solve(problem, { seed: 7, maxIterations: 1500 })
    const b = solve(problem, { seed: 7, maxIterations: 1500 })
    expect(b.routes).toEqual(a.routes)
    expect(b.cost).toBe(a.cost)
    const c = solve(problem, { seed: 8, maxIterations: 1500 })
    expect(evaluateSolution(problem, c.routes).feasible).toBe(true)
  })

  it('stops at the time limit of the injected clock', () => {
    let t = 0
    const now = () => {
      t += 1
      return t
    }
    const problem = parseInstance(read('cvrp/A-n32-k5.vrp'))
    const s = solve(problem, { seed: 1, timeLimitMs: 100, now })
    expect(s.iterations).toBeGreaterThan(0)
    expect(s.iterations).toBeLessThan(5_000)
    expect(evaluateSolution(problem, s.routes).feasible).toBe(true)
  })

  it('solves the degenerate one-customer problem', () => {
    const problem: RoutingProblem = {
      name: 'one',
      size: 2,
      cost: Float64Array.from([0, 5, 5, 0]),
      demand: Float64Array.from([0, 1]),
      capacity: 1,
      fleetSize: 1,
      objective: 'distance',
      labels: [0, 1],
      costDecimals: 0,
    }
    const s = solve(problem, { maxIterations: 10 })
    expect(s.routes).toEqual([[1]])
    expect(s.cost).toBe(10)
  })
})

describe('evaluateSolution and formatSolution', () => {
  const problem = parseInstance(read('cvrp/P-n16-k8.vrp'))

  it('prints .sol lines with customer numbers and the cost', () => {
    const routes = [[1, 2], [3]]
    expect(formatSolution(problem, routes, 42)).toBe('Route #1: 1 2\nRoute #2: 3\nCost 42\n')
    const solomon = parseInstance(read('solomon/C101.txt'))
    expect(formatSolution(solomon, [[5, 3]], 12.345)).toBe('Route #1: 5 3\nCost 12.35\n')
  })

  it('refuses duplicates, missing customers and overloads', () => {
    const all = Array.from({ length: 15 }, (_, i) => i + 1)
    expect(evaluateSolution(problem, [all.slice(0, 14)]).feasible).toBe(false)
    expect(evaluateSolution(problem, [[1, 1], all.slice(1)]).feasible).toBe(false)
    expect(evaluateSolution(problem, [all])).toMatchObject({ feasible: false })
    const singles = all.map((c) => [c])
    expect(evaluateSolution(problem, singles)).toMatchObject({
      feasible: false,
      reason: '15 routes exceed the fleet',
    })
    const unbounded = { ...problem, fleetSize: Number.POSITIVE_INFINITY }
    expect(evaluateSolution(unbounded, singles)).toMatchObject({ feasible: true, vehicles: 15 })
  })

  it('refuses a late service under time windows', () => {
    const solomon = parseInstance(read('solomon/C101.txt'))
    // Customer 1 is ready at 912; customer 5 is due by 67, so 5 after 1 is late.
    const late = [
      [1, 5],
      ...Array.from({ length: 100 }, (_, i) => [i + 1]).filter(([c]) => c !== 1 && c !== 5),
    ]
    expect(evaluateSolution(solomon, late)).toMatchObject({ feasible: false })
  })
})
