/**
 * An independent checker for printed solutions, used by the tests and the benchmark. It reads the
 * instance text and the `.sol` text itself and recomputes everything with its own code, sharing
 * nothing with the solver: each customer exactly once, capacity, time windows with service times,
 * the fleet size, and the cost.
 * @module
 */

export interface CheckResult {
  readonly errors: string[]
  readonly cost: number
  readonly vehicles: number
  /** The `Cost` line as printed. */
  readonly printedCost: number
}

interface Instance {
  readonly n: number
  readonly capacity: number
  readonly fleet: number
  readonly demand: number[]
  readonly dist: (i: number, j: number) => number
  readonly window?: { ready: number[]; due: number[]; service: number[] }
}

function readCvrplib(text: string): Instance {
  const tokens = text.replace(/\r/g, '').split('\n')
  const value = (key: string) => {
    const line = tokens.find((l) => l.trim().startsWith(key))
    return line ? line.slice(line.indexOf(':') + 1).trim() : ''
  }
  const n = Number(value('DIMENSION'))
  const capacity = Number(value('CAPACITY'))
  const section = (name: string): number[] => {
    const at = tokens.findIndex((l) => l.trim().startsWith(name))
    const out: number[] = []
    for (let k = at + 1; k < tokens.length; k++) {
      if (/[A-Z]/.test(tokens[k]!)) break
      for (const t of tokens[k]!.trim().split(/\s+/)) if (t !== '') out.push(Number(t))
    }
    return out
  }
  const demandRows = section('DEMAND_SECTION')
  const demand: number[] = []
  for (let k = 0; k < n; k++) demand[demandRows[2 * k]! - 1] = demandRows[2 * k + 1]!
  if (value('EDGE_WEIGHT_TYPE') === 'EXPLICIT') {
    if (value('EDGE_WEIGHT_FORMAT') !== 'LOWER_ROW') throw new Error('checker reads only LOWER_ROW matrices')
    const w = section('EDGE_WEIGHT_SECTION')
    const lower = (i: number, j: number) => w[(i * (i - 1)) / 2 + j]!
    return {
      n,
      capacity,
      fleet: n,
      demand,
      dist: (i, j) => (i === j ? 0 : i > j ? lower(i, j) : lower(j, i)),
    }
  }
  const xy = section('NODE_COORD_SECTION')
  const x: number[] = []
  const y: number[] = []
  for (let k = 0; k < n; k++) {
    x[xy[3 * k]! - 1] = xy[3 * k + 1]!
    y[xy[3 * k]! - 1] = xy[3 * k + 2]!
  }
  const nint = (i: number, j: number) =>
    Math.floor(Math.sqrt((x[i]! - x[j]!) ** 2 + (y[i]! - y[j]!) ** 2) + 0.5)
  return { n, capacity, fleet: n, demand, dist: nint }
}

function readSolomon(text: string): Instance {
  const lines = text.replace(/\r/g, '').split('\n')
  const at = lines.findIndex((l) => l.includes('NUMBER'))
  const [fleet, capacity] = lines[at + 1]!.trim().split(/\s+/).map(Number)
  const rows = lines
    .slice(lines.findIndex((l) => l.includes('CUST NO')) + 1)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => l.split(/\s+/).map(Number))
  const x = rows.map((r) => r[1]!)
  const y = rows.map((r) => r[2]!)
  return {
    n: rows.length,
    capacity: capacity!,
    fleet: fleet!,
    demand: rows.map((r) => r[3]!),
    dist: (i, j) => Math.sqrt((x[i]! - x[j]!) ** 2 + (y[i]! - y[j]!) ** 2),
    window: { ready: rows.map((r) => r[4]!), due: rows.map((r) => r[5]!), service: rows.map((r) => r[6]!) },
  }
}

/**
 * Checks a `.sol` text against an instance text. CVRPLIB customers are numbered file id − 1 (depot
 * 1 omitted); Solomon customers keep their numbers (depot 0).
 */
export function checkSolution(instanceText: string, solText: string): CheckResult {
  const solomon = !/DIMENSION\s*:/.test(instanceText)
  const inst = solomon ? readSolomon(instanceText) : readCvrplib(instanceText)
  const errors: string[] = []
  const routes = solText
    .split('\n')
    .filter((l) => l.startsWith('Route #'))
    .map((l) =>
      l
        .slice(l.indexOf(':') + 1)
        .trim()
        .split(/\s+/)
        .filter((t) => t !== '')
        .map(Number),
    )
  const costLine = solText.split('\n').find((l) => l.startsWith('Cost '))
  const printedCost = costLine ? Number(costLine.slice(5)) : Number.NaN
  if (!costLine) errors.push('no Cost line')
  const visits = new Array<number>(inst.n).fill(0)
  let cost = 0
  routes.forEach((route, r) => {
    if (route.length === 0) errors.push(`route ${r + 1} is empty`)
    let load = 0
    let time = inst.window ? inst.window.ready[0]! : 0
    let at = 0
    for (const customer of route) {
      if (!Number.isInteger(customer) || customer < 1 || customer >= inst.n) {
        errors.push(`route ${r + 1}: unknown customer ${customer}`)
        continue
      }
      // In both numberings the customer's 0-based node index equals its printed number.
      visits[customer]!++
      load += inst.demand[customer]!
      cost += inst.dist(at, customer)
      if (inst.window) {
        const w = inst.window
        time = Math.max(w.ready[customer]!, time + w.service[at]! + inst.dist(at, customer))
        if (time > w.due[customer]! + 1e-6) errors.push(`route ${r + 1}: customer ${customer} served late`)
      }
      at = customer
    }
    cost += inst.dist(at, 0)
    if (inst.window && time + inst.window.service[at]! + inst.dist(at, 0) > inst.window.due[0]! + 1e-6) {
      errors.push(`route ${r + 1}: back at the depot late`)
    }
    if (load > inst.capacity) errors.push(`route ${r + 1}: load ${load} over capacity ${inst.capacity}`)
  })
  for (let c = 1; c < inst.n; c++) {
    if (visits[c] !== 1) errors.push(`customer ${c} served ${visits[c]} times`)
  }
  if (routes.length > inst.fleet) errors.push(`${routes.length} routes for a fleet of ${inst.fleet}`)
  const decimals = solomon ? 2 : 0
  if (costLine && Number(cost.toFixed(decimals)) !== printedCost) {
    errors.push(`printed cost ${printedCost} but the routes cost ${cost.toFixed(decimals)}`)
  }
  return { errors, cost, vehicles: routes.length, printedCost }
}
