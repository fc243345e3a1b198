/**
 * Solomon (1987) VRPTW text reader. Travel time equals unrounded Euclidean distance; the objective
 * is vehicles first, then distance, reported to two decimals.
 * @module
 */
import { InstanceFormatError } from './cvrplib.ts'
import { exactEuclidean, type RoutingObjective, type RoutingProblem } from './problem.ts'

/**
 * Parses a Solomon instance; customer rows keep their numbers (depot 0) as labels.
 * @example parseSolomon(readFileSync('C101.txt', 'utf8')).timeWindows?.due[0] // 1236
 */
export function parseSolomon(
  text: string,
  objective: RoutingObjective = 'vehicles-then-distance',
): RoutingProblem {
  const lines = text.split(/\r?\n/).map((line) => line.trim())
  const name = lines.find((line) => line !== '') ?? 'unnamed'
  const vehicleAt = lines.findIndex((line) => /^NUMBER\s+CAPACITY/.test(line))
  if (vehicleAt < 0) throw new InstanceFormatError('the VEHICLE section is missing')
  const [fleetSize, capacity] = (lines[vehicleAt + 1] ?? '').split(/\s+/).map(Number)
  if (!(fleetSize! > 0 && capacity! > 0)) throw new InstanceFormatError('the VEHICLE line is invalid')
  const customerAt = lines.findIndex((line) => /^CUST\s+NO/.test(line))
  if (customerAt < 0) throw new InstanceFormatError('the CUSTOMER section is missing')
  const rows: number[][] = []
  for (const line of lines.slice(customerAt + 1)) {
    if (line === '') continue
    const row = line.split(/\s+/).map(Number)
    if (row.length !== 7 || row.some((v) => !Number.isFinite(v))) {
      throw new InstanceFormatError(`bad customer row: ${line}`)
    }
    rows.push(row)
  }
  rows.forEach((row, i) => {
    if (row[0] !== i) throw new InstanceFormatError(`customer rows must be numbered 0.. in order (row ${i})`)
  })
  const size = rows.length
  const column = (k: number) => Float64Array.from(rows, (row) => row[k]!)
  const cost = exactEuclidean(column(1), column(2))
  return {
    name,
    size,
    cost,
    demand: column(3),
    capacity: capacity!,
    fleetSize: fleetSize!,
    objective,
    timeWindows: { travel: cost, ready: column(4), due: column(5), service: column(6) },
    labels: Array.from({ length: size }, (_, i) => i),
    costDecimals: 2,
  }
}
