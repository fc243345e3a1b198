/**
 * Reads an instance text in whichever format it is: CVRPLIB `.vrp` (TSPLIB header lines) or Solomon.
 * @module
 */
import { parseCvrplib } from './cvrplib.ts'
import type { RoutingObjective, RoutingProblem } from './problem.ts'
import { parseSolomon } from './solomon.ts'

/**
 * Parses a CVRPLIB or Solomon instance, telling them apart by the TSPLIB `DIMENSION :` header.
 * `objective` overrides the format's own (CVRPLIB: distance; Solomon: vehicles, then distance).
 * @example parseInstance(readFileSync('C101.txt', 'utf8')).objective // 'vehicles-then-distance'
 */
export function parseInstance(text: string, objective?: RoutingObjective): RoutingProblem {
  if (/^\s*DIMENSION\s*:/m.test(text)) {
    const problem = parseCvrplib(text)
    return objective ? { ...problem, objective } : problem
  }
  return parseSolomon(text, objective)
}
