/**
 * The intake plan: the least-cost program of an intake problem, solved by HiGHS (WebAssembly).
 * @module
 */
import type { Highs } from 'highs'
import { type CheckedIntakeProblem, IntakeInputError, readIntakeProblem } from './input.ts'
import { demandsOf, lanesOf } from './lanes.ts'
import { intakeLp } from './lp.ts'
import type { IntakeFlow, IntakePlan, IntakeProblem, IntakeUnmet } from './model.ts'
import { denoise, sumOfProducts } from './numbers.ts'

type HighsLoader = () => Promise<Highs>

let highs: Promise<Highs> | undefined

/**
 * HiGHS, imported and compiled (WebAssembly, about 50 ms) once per process on first use, so loading
 * this module costs nothing until a plan is solved. A failed load is retried by the next call.
 */
function loadHighs(): Promise<Highs> {
  if (highs === undefined) {
    // The package's one .d.ts is typed as CommonJS, so TypeScript sees the default export as a
    // namespace; at run time `import` resolves build/highs.mjs, whose default export is the loader.
    const loading = import('highs').then((module) => (module.default as unknown as HighsLoader)())
    loading.catch(() => {
      if (highs === loading) highs = undefined
    })
    highs = loading
  }
  return highs
}

function finite(value: number | undefined, what: string): number {
  if (value === undefined || !Number.isFinite(value)) throw new Error(`HiGHS gave no ${what}`)
  return value
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Solves the month's intake problem: the flows that meet demand at the least cost of metal and
 * freight, what stays unmet, and the marginal cost of each demand.
 *
 * Flows of zero tonnes are left out; flows are sorted by supplier id, then plant id (code-unit
 * order; a repeated supplier id then by form, cost and input order), unmet by plant id then form.
 * Tonnes and duals are HiGHS's, with floating-point noise removed (see {@link denoise}).
 *
 * @throws IntakeInputError when the problem is invalid (the CLI checks first and exits 2)
 * @example
 * const plan = await solveIntake({
 *   suppliers: [{ id: 'zhongfu', lat: 34.75, lon: 112.95, form: 'molten', capacityT: 9000, premiumCnyPerT: 120 }],
 *   plants: [{ id: 'p1', lat: 34.686, lon: 112.868, demandT: { molten: 5000, ingot: 0 } }],
 * })
 * plan.flows[0] // { from: 'zhongfu', to: 'p1', form: 'molten', tonnes: 5000, costCnyPerT: 160 }
 */
export async function solveIntake(problem: IntakeProblem): Promise<IntakePlan> {
  const read = readIntakeProblem(problem)
  if (!read.ok) throw new IntakeInputError(read.problems)
  return solveChecked(read.value)
}

async function solveChecked(problem: CheckedIntakeProblem): Promise<IntakePlan> {
  const demands = demandsOf(problem)
  if (demands.length === 0) return { totalCostCny: 0, flows: [], unmet: [], marginalCostCnyPerT: {} }
  const lanes = lanesOf(problem, demands)
  const lp = intakeLp(
    problem.suppliers.map((s) => s.capacityT),
    demands,
    lanes,
    problem.unmetPenaltyCnyPerT,
  )
  const solution = (await loadHighs()).solve(lp, { output_flag: false })
  if (solution.Status !== 'Optimal') {
    // The program always has an optimum (see lp.ts): anything else is a bug or a broken solver.
    throw new Error(`HiGHS ended the intake program with status "${solution.Status}"`)
  }
  // An LP solution: columns and rows carry Primal, rows Name and Dual (the MIP variant has none).
  const columns = solution.Columns as Record<string, { Primal?: number } | undefined>
  const rows = new Map(
    solution.Rows.map((row) => [(row as { Name?: string }).Name, row as { Dual?: number }]),
  )
  const primal = (name: string) => finite(columns[name]?.Primal, `the value of ${name}`)

  const flows = lanes
    .map((lane, k) => ({ lane, tonnes: denoise(primal(`x${k}`)) }))
    .filter(({ tonnes }) => tonnes > 0)
    .map(({ lane, tonnes }): IntakeFlow & { readonly order: number } => ({
      from: problem.suppliers[lane.supplier]!.id,
      to: problem.plants[demands[lane.demand]!.plant]!.id,
      form: demands[lane.demand]!.form,
      tonnes,
      costCnyPerT: lane.costCnyPerT,
      order: lane.supplier,
    }))
    .sort(
      (a, b) =>
        byCodeUnits(a.from, b.from) ||
        byCodeUnits(a.to, b.to) ||
        byCodeUnits(a.form, b.form) ||
        a.costCnyPerT - b.costCnyPerT ||
        a.order - b.order,
    )
    .map(({ order: _, ...flow }): IntakeFlow => flow)

  const unmet: IntakeUnmet[] = []
  const marginal: [string, string, number][] = []
  demands.forEach((d, r) => {
    const plant = problem.plants[d.plant]!.id
    const tonnes = denoise(primal(`u${r}`))
    if (tonnes > 0) unmet.push({ plant, form: d.form, tonnes })
    marginal.push([plant, d.form, denoise(finite(rows.get(`d${r}`)?.Dual, `the dual of d${r}`), 100)])
  })
  unmet.sort((a, b) => byCodeUnits(a.plant, b.plant) || byCodeUnits(a.form, b.form))
  marginal.sort((a, b) => byCodeUnits(a[0], b[0]) || byCodeUnits(a[1], b[1]))

  const total = sumOfProducts(flows.map((f) => [f.costCnyPerT, f.tonnes] as const))
  return {
    totalCostCny: denoise(total, 100),
    flows,
    unmet,
    marginalCostCnyPerT: Object.fromEntries(
      marginal.map(([plant, form, value]) => [`${plant}/${form}`, value]),
    ),
  }
}
