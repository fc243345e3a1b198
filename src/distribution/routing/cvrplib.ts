/**
 * CVRPLIB (TSPLIB-style) `.vrp` reader: EUC_2D coordinates with `nint` arcs, or an EXPLICIT matrix
 * (LOWER_ROW as in set E, plus FULL_MATRIX, UPPER_ROW, LOWER_DIAG_ROW and UPPER_DIAG_ROW).
 * @module
 */
import { type RoutingProblem, roundedEuclidean } from './problem.ts'

/** A malformed instance file. */
export class InstanceFormatError extends Error {
  override name = 'InstanceFormatError'
}

const SECTIONS = new Set([
  'NODE_COORD_SECTION',
  'DEMAND_SECTION',
  'DEPOT_SECTION',
  'EDGE_WEIGHT_SECTION',
  'DISPLAY_DATA_SECTION',
  'EOF',
])

/**
 * Parses a CVRPLIB `.vrp` text. Customers are labelled by file id − 1 when the depot is node 1
 * (the numbering of CVRPLIB `.sol` files); the objective is total distance, with at most the
 * COMMENT's number of trucks (unbounded when it gives none, as in set X).
 * @example parseCvrplib(readFileSync('E-n22-k4.vrp', 'utf8')).size // 22
 */
export function parseCvrplib(text: string): RoutingProblem {
  const header = new Map<string, string>()
  const sections = new Map<string, string[]>()
  let current: string[] | undefined
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '') continue
    const word = line.split(/\s+/)[0]!.replace(/:$/, '')
    if (SECTIONS.has(word)) {
      if (word === 'EOF') break
      current = []
      sections.set(word, current)
      continue
    }
    const colon = line.indexOf(':')
    if (colon > 0 && /^[A-Z_]+\s*$/.test(line.slice(0, colon))) {
      header.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim())
      current = undefined
      continue
    }
    if (!current) throw new InstanceFormatError(`unexpected line outside a section: ${line}`)
    current.push(line)
  }
  const size = Number(header.get('DIMENSION'))
  const capacity = Number(header.get('CAPACITY'))
  if (!Number.isInteger(size) || size < 2) throw new InstanceFormatError('DIMENSION is missing or invalid')
  if (!(capacity > 0)) throw new InstanceFormatError('CAPACITY is missing or invalid')
  const type = header.get('EDGE_WEIGHT_TYPE')
  let fileCost: Float64Array
  if (type === 'EUC_2D') {
    const x = new Float64Array(size)
    const y = new Float64Array(size)
    const rows = numbers(sections.get('NODE_COORD_SECTION'), 'NODE_COORD_SECTION')
    if (rows.length !== size * 3) throw new InstanceFormatError('NODE_COORD_SECTION has the wrong length')
    for (let k = 0; k < size; k++) {
      const id = rows[k * 3]! - 1
      if (id < 0 || id >= size) throw new InstanceFormatError(`node id ${id + 1} out of range`)
      x[id] = rows[k * 3 + 1]!
      y[id] = rows[k * 3 + 2]!
    }
    fileCost = roundedEuclidean(x, y)
  } else if (type === 'EXPLICIT') {
    fileCost = explicitMatrix(size, header.get('EDGE_WEIGHT_FORMAT'), sections.get('EDGE_WEIGHT_SECTION'))
  } else {
    throw new InstanceFormatError(`EDGE_WEIGHT_TYPE ${type ?? '(none)'} is not supported`)
  }
  const fileDemand = new Float64Array(size)
  const demands = numbers(sections.get('DEMAND_SECTION'), 'DEMAND_SECTION')
  if (demands.length !== size * 2) throw new InstanceFormatError('DEMAND_SECTION has the wrong length')
  for (let k = 0; k < size; k++) fileDemand[demands[k * 2]! - 1] = demands[k * 2 + 1]!
  const depotIds = numbers(sections.get('DEPOT_SECTION') ?? ['1', '-1'], 'DEPOT_SECTION')
  const depot = (depotIds[0] ?? 1) - 1
  if (depot < 0 || depot >= size) throw new InstanceFormatError('DEPOT_SECTION names no valid node')
  // Reorder so the depot is node 0; customers keep their file order and are labelled 1..n-1.
  const order = [depot, ...Array.from({ length: size }, (_, i) => i).filter((i) => i !== depot)]
  const cost = new Float64Array(size * size)
  const demand = new Float64Array(size)
  for (let i = 0; i < size; i++) {
    demand[i] = fileDemand[order[i]!]!
    for (let j = 0; j < size; j++) cost[i * size + j] = fileCost[order[i]! * size + order[j]!]!
  }
  for (let i = 1; i < size; i++) {
    if (demand[i]! > capacity)
      throw new InstanceFormatError(`customer ${i} demands more than a vehicle holds`)
  }
  return {
    name: header.get('NAME') ?? 'unnamed',
    size,
    cost,
    demand,
    capacity,
    fleetSize: fleetFromComment(header.get('COMMENT')),
    objective: 'distance',
    labels: Array.from({ length: size }, (_, i) => i),
    costDecimals: 0,
  }
}

/**
 * The fleet of sets A, B, E and P, from the COMMENT ("No of trucks: k", "Min no of trucks: k"): their
 * best-known values are for at most k routes. Files without it (set X) leave the fleet unbounded.
 */
function fleetFromComment(comment: string | undefined): number {
  const trucks = /no of trucks:\s*(\d+)/i.exec(comment ?? '')
  return trucks ? Number(trucks[1]) : Number.POSITIVE_INFINITY
}

function numbers(lines: readonly string[] | undefined, section: string): number[] {
  if (!lines) throw new InstanceFormatError(`${section} is missing`)
  const out: number[] = []
  for (const line of lines) {
    for (const token of line.split(/\s+/)) {
      const value = Number(token)
      if (!Number.isFinite(value)) throw new InstanceFormatError(`${section}: "${token}" is not a number`)
      out.push(value)
    }
  }
  return out
}

function explicitMatrix(size: number, format: string | undefined, lines: string[] | undefined): Float64Array {
  const values = numbers(lines, 'EDGE_WEIGHT_SECTION')
  const out = new Float64Array(size * size)
  const cells: [number, number][] = []
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const keep =
        format === 'FULL_MATRIX' ||
        (format === 'LOWER_ROW' && j < i) ||
        (format === 'LOWER_DIAG_ROW' && j <= i) ||
        (format === 'UPPER_ROW' && j > i) ||
        (format === 'UPPER_DIAG_ROW' && j >= i)
      if (keep) cells.push([i, j])
    }
  }
  if (cells.length === 0)
    throw new InstanceFormatError(`EDGE_WEIGHT_FORMAT ${format ?? '(none)'} is not supported`)
  if (values.length !== cells.length) {
    throw new InstanceFormatError(`EDGE_WEIGHT_SECTION has ${values.length} values, expected ${cells.length}`)
  }
  cells.forEach(([i, j], k) => {
    out[i * size + j] = values[k]!
    if (format !== 'FULL_MATRIX') out[j * size + i] = values[k]!
  })
  return out
}
