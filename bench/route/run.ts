/**
 * `npm run bench:route`: the routing heuristic on the CVRPLIB sets A, B, E and P (5 s each),
 * X-n101-k25 (30 s) and the Solomon classes C1, R1 and RC1 (30 s each), one instance after another
 * in this process (about 22 minutes in all). Every solution is printed in `.sol` form and checked by
 * the independent checker before it counts. Best-known values are the `Cost` lines of the `.sol`
 * files in bench/route/instances (copied from /work/shared/reference/vrp, see its README).
 *
 * Solomon: the reference `.sol` files are CVRPLIB's distance-only optima (arcs truncated to one
 * decimal, vehicles free), so by default the bench solves Solomon with the distance objective and
 * unrounded arcs, the nearest like-for-like comparison; `--solomon-objective vehicles` runs the
 * CLI's default (vehicles first, then distance), whose distances are not comparable with them.
 *
 * Flags: `--sets A,B,E,P,X,C1,R1,RC1` (default all), `--seconds N` (A/B/E/P, default 5),
 * `--long-seconds N` (X and Solomon, default 30), `--seed N` (default 1), `--solomon-objective`.
 * The last line printed is one JSON object.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { formatSolution, parseInstance, solve } from '../../src/distribution/routing/index.ts'
import { checkSolution } from '../../src/distribution/routing/test-support/check-solution.ts'
import { arg } from '../args.ts'

const SETS = (arg('--sets') ?? 'A,B,E,P,X,C1,R1,RC1').split(',')
const SECONDS = Number(arg('--seconds') ?? 5)
const LONG_SECONDS = Number(arg('--long-seconds') ?? 30)
const SEED = Number(arg('--seed') ?? 1)
const SOLOMON_OBJECTIVE = arg('--solomon-objective') === 'vehicles' ? 'vehicles-then-distance' : 'distance'
const DIR = join(import.meta.dirname, 'instances')

interface Job {
  readonly set: string
  readonly file: string
  readonly seconds: number
}

function jobs(): Job[] {
  const out: Job[] = []
  const cvrp = readdirSync(join(DIR, 'cvrp')).filter((f) => f.endsWith('.vrp'))
  const solomon = readdirSync(join(DIR, 'solomon')).filter((f) => f.endsWith('.txt'))
  const byNumber = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true })
  for (const set of SETS) {
    if (['A', 'B', 'E', 'P'].includes(set)) {
      for (const f of cvrp.filter((f) => f.startsWith(`${set}-`)).sort(byNumber)) {
        out.push({ set, file: join(DIR, 'cvrp', f), seconds: SECONDS })
      }
    } else if (set === 'X') {
      out.push({ set, file: join(DIR, 'cvrp', 'X-n101-k25.vrp'), seconds: LONG_SECONDS })
    } else if (['C1', 'R1', 'RC1'].includes(set)) {
      for (const f of solomon.filter((f) => new RegExp(`^${set}\\d\\d\\.txt$`).test(f)).sort(byNumber)) {
        out.push({ set, file: join(DIR, 'solomon', f), seconds: LONG_SECONDS })
      }
    } else {
      throw new Error(`unknown set ${set}`)
    }
  }
  return out
}

interface Row {
  readonly set: string
  readonly name: string
  readonly cost: number
  readonly bestKnown: number
  readonly gapPct: number
  readonly vehicles: number
  readonly bestKnownVehicles: number
  readonly seconds: number
  readonly errors: number
}

const pad = (s: string | number, w: number) => String(s).padStart(w)
console.log(
  `routing bench: seed ${SEED}, ${SECONDS} s per A/B/E/P instance, ${LONG_SECONDS} s for X and Solomon ` +
    `(Solomon objective: ${SOLOMON_OBJECTIVE}), sequential on one core`,
)
console.log(
  `${'instance'.padEnd(14)}${pad('cost', 10)}${pad('best', 10)}${pad('gap %', 8)}${pad('veh', 5)}${pad('bk veh', 7)}${pad('time s', 8)}  check`,
)
const rows: Row[] = []
for (const job of jobs()) {
  const text = readFileSync(job.file, 'utf8')
  const solText = readFileSync(job.file.replace(/\.(vrp|txt)$/, '.sol'), 'utf8')
  const bestKnown = Number(/^Cost\s+([\d.]+)/m.exec(solText)?.[1])
  const bestKnownVehicles = solText.split('\n').filter((l) => l.startsWith('Route #')).length
  const problem = parseInstance(text, job.set.length > 1 ? SOLOMON_OBJECTIVE : undefined)
  const started = performance.now()
  const solution = solve(problem, {
    seed: SEED,
    timeLimitMs: job.seconds * 1000,
    now: () => performance.now(),
  })
  const seconds = (performance.now() - started) / 1000
  const printed = formatSolution(problem, solution.routes, solution.cost)
  const check = checkSolution(text, printed)
  const errors = check.errors.length + solution.unassigned.length
  const cost = check.printedCost
  const row: Row = {
    set: job.set,
    name: problem.name,
    cost,
    bestKnown,
    gapPct: ((cost - bestKnown) / bestKnown) * 100,
    vehicles: check.vehicles,
    bestKnownVehicles,
    seconds,
    errors,
  }
  rows.push(row)
  console.log(
    `${row.name.padEnd(14)}${pad(cost, 10)}${pad(bestKnown, 10)}${pad(row.gapPct.toFixed(2), 8)}` +
      `${pad(row.vehicles, 5)}${pad(bestKnownVehicles, 7)}${pad(seconds.toFixed(1), 8)}  ` +
      `${errors === 0 ? 'ok' : `INFEASIBLE: ${check.errors.slice(0, 3).join('; ')}`}`,
  )
}

const round = (x: number) => Math.round(x * 1000) / 1000
function summary(group: readonly Row[]) {
  const gaps = group.map((r) => r.gapPct)
  return {
    instances: group.length,
    avgGapPct: round(gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length)),
    atBestKnown: group.filter((r) => r.cost <= r.bestKnown + 1e-9).length,
    worstGapPct: round(Math.max(...gaps)),
    maxExtraVehicles: Math.max(...group.map((r) => r.vehicles - r.bestKnownVehicles)),
    infeasible: group.filter((r) => r.errors > 0).length,
  }
}
const cvrpRows = rows.filter((r) => ['A', 'B', 'E', 'P'].includes(r.set))
const xRows = rows.filter((r) => r.set === 'X')
const solomonRows = rows.filter((r) => ['C1', 'R1', 'RC1'].includes(r.set))
const groups = {
  ...(cvrpRows.length ? { ABEP: summary(cvrpRows) } : {}),
  ...(xRows.length ? { X: summary(xRows) } : {}),
  ...(solomonRows.length ? { solomon: summary(solomonRows) } : {}),
}
const targets = {
  ...(cvrpRows.length
    ? {
        ABEP:
          groups.ABEP!.avgGapPct <= 0.5 &&
          groups.ABEP!.atBestKnown * 2 >= cvrpRows.length &&
          groups.ABEP!.infeasible === 0,
      }
    : {}),
  ...(xRows.length ? { X: groups.X!.worstGapPct <= 1.5 && groups.X!.infeasible === 0 } : {}),
  ...(solomonRows.length
    ? {
        solomon:
          groups.solomon!.worstGapPct <= 3 &&
          groups.solomon!.maxExtraVehicles <= 1 &&
          groups.solomon!.infeasible === 0,
      }
    : {}),
}
const all = summary(rows)
console.log(
  `\nA/B/E/P: ${JSON.stringify(groups.ABEP ?? null)}\nX: ${JSON.stringify(groups.X ?? null)}\n` +
    `Solomon: ${JSON.stringify(groups.solomon ?? null)}\ntargets met: ${JSON.stringify(targets)}`,
)
console.log(
  JSON.stringify({
    instances: all.instances,
    avgGapPct: all.avgGapPct,
    atBestKnown: all.atBestKnown,
    worstGapPct: all.worstGapPct,
    infeasible: all.infeasible,
    seed: SEED,
    solomonObjective: SOLOMON_OBJECTIVE,
    groups,
    targets,
  }),
)
