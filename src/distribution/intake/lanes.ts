/**
 * The transportation graph of an intake problem: the demands (a plant and a form, above zero) and
 * the lanes that may serve them, each with its delivered cost per tonne.
 * @module
 */
import { DEFAULT_TARIFF, type FreightMode, freightFor } from '../freight/index.ts'
import { formulaLane } from '../geo/index.ts'
import type { CheckedIntakeProblem } from './input.ts'
import { FORMS, type MetalForm } from './model.ts'

/** Molten metal goes by ladle truck, ingot by full truck. */
const MODE: Readonly<Record<MetalForm, FreightMode>> = { molten: 'molten', ingot: 'truck' }

/** A plant's demand of one form; zero demands have no row, no unmet tonnes and no marginal cost. */
export interface Demand {
  readonly plant: number
  readonly form: MetalForm
  readonly tonnes: number
}

/** Supplier `supplier` may serve demand `demand` at `costCnyPerT`. */
export interface Lane {
  readonly supplier: number
  readonly demand: number
  readonly costCnyPerT: number
}

/** Plants in input order, molten before ingot. */
export function demandsOf(problem: CheckedIntakeProblem): Demand[] {
  return problem.plants.flatMap((p, plant) =>
    FORMS.filter((form) => p.demandT[form] > 0).map((form) => ({ plant, form, tonnes: p.demandT[form] })),
  )
}

/**
 * Premium + freight, CNY/t. Freight is whole fen, so when the premium is too the sum is taken in fen
 * and is exactly the 2-decimal figure (no 0.1 + 0.2 residue).
 */
export function deliveredCnyPerT(premiumCnyPerT: number, freightFen: number): number {
  const premiumFen = Math.round(premiumCnyPerT * 100)
  if (premiumFen / 100 === premiumCnyPerT) return (premiumFen + freightFen) / 100
  return premiumCnyPerT + freightFen / 100
}

/**
 * Every supplier with every demand of its form, at the default tariff on the formula's road km (the
 * issue fixes both; an operator's tariff versions and routing server are not used here). Molten only
 * within the tariff's range (150 road km, inclusive). Lanes dearer than the penalty stay in: the
 * program, not this filter, decides not to use them.
 */
export function lanesOf(problem: CheckedIntakeProblem, demands: readonly Demand[]): Lane[] {
  const lanes: Lane[] = []
  for (const [supplier, s] of problem.suppliers.entries()) {
    for (const [demand, d] of demands.entries()) {
      if (d.form !== s.form) continue
      const distances = formulaLane(s, problem.plants[d.plant]!)
      const freight = freightFor(DEFAULT_TARIFF, MODE[s.form], distances)
      if (!freight.ok) continue // molten beyond the ladle trucks' range
      const costCnyPerT = deliveredCnyPerT(s.premiumCnyPerT, freight.fenPerT)
      lanes.push({ supplier, demand, costCnyPerT })
    }
  }
  return lanes
}
