/**
 * Writes the intake program in CPLEX LP format for HiGHS.
 *
 * Names are indices, whatever the ids are: `x<k>` tonnes on lane k, `u<r>` unmet tonnes of demand
 * r, rows `d<r>` (demand r met or unmet, an equality) and `c<i>` (supplier i's capacity, for
 * suppliers with a lane). Every variable is ≥ 0, the LP default, so there is no Bounds section.
 *
 *   minimise  Σ_k cost_k x_k + penalty Σ_r u_r
 *   d<r>:     Σ_{k serving r} x_k + u_r = demand_r
 *   c<i>:     Σ_{k from i} x_k ≤ capacity_i
 *
 * x = 0, u = demand is always feasible and every variable is bounded by a demand, so the program
 * always has an optimum: shortage shows as unmet tonnes, never as infeasibility.
 * @module
 */
import type { Demand, Lane } from './lanes.ts'

/** A coefficient as LP text: JavaScript's shortest round-trip decimal (validated finite and < 1e20). */
const term = (coefficient: number, name: string, first: boolean) => {
  const sign = coefficient < 0 ? '-' : first ? '' : '+'
  return `${sign} ${Math.abs(coefficient)} ${name}`.trimStart()
}

export function intakeLp(
  supplierCapacitiesT: readonly number[],
  demands: readonly Demand[],
  lanes: readonly Lane[],
  unmetPenaltyCnyPerT: number,
): string {
  const lines = ['Minimize', ' cost:']
  for (const [k, lane] of lanes.entries()) lines.push(`  ${term(lane.costCnyPerT, `x${k}`, k === 0)}`)
  for (const r of demands.keys())
    lines.push(`  ${term(unmetPenaltyCnyPerT, `u${r}`, lanes.length + r === 0)}`)
  lines.push('Subject To')
  const byDemand = demands.map((): string[] => [])
  const bySupplier = supplierCapacitiesT.map((): string[] => [])
  for (const [k, lane] of lanes.entries()) {
    byDemand[lane.demand]!.push(`x${k}`)
    bySupplier[lane.supplier]!.push(`x${k}`)
  }
  for (const [r, d] of demands.entries())
    lines.push(` d${r}: ${[...byDemand[r]!, `u${r}`].join(' + ')} = ${d.tonnes}`)
  for (const [i, xs] of bySupplier.entries()) {
    if (xs.length > 0) lines.push(` c${i}: ${xs.join(' + ')} <= ${supplierCapacitiesT[i]}`)
  }
  lines.push('End', '')
  return lines.join('\n')
}
