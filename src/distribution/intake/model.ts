/**
 * The intake plan's shapes: the problem as `huiguo source` reads it and the plan it prints.
 * @module
 */
import { DEFAULT_TARIFF } from '../freight/index.ts'

/** How metal reaches a plant: molten in insulated ladles (short range) or as ingot. */
export type MetalForm = 'molten' | 'ingot'

/** The forms in the order they are reported. */
export const FORMS: readonly MetalForm[] = ['molten', 'ingot']

/** The penalty per unmet tonne when the problem does not set one. */
export const DEFAULT_UNMET_PENALTY_CNY_PER_T = 100_000

/** Molten metal travels only this far (road km, inclusive); beyond it a plant can only get ingot. */
export const MOLTEN_MAX_ROAD_KM: number = DEFAULT_TARIFF.molten.maxRoadKm

/** One smelter offer: a form, a capacity for the month and a premium over the base price. */
export interface IntakeSupplier {
  readonly id: string
  readonly lat: number
  readonly lon: number
  readonly form: MetalForm
  readonly capacityT: number
  readonly premiumCnyPerT: number
}

/** A plant of the cluster and its month's demand of each form (a missing form is no demand). */
export interface IntakePlant {
  readonly id: string
  readonly lat: number
  readonly lon: number
  readonly demandT: Readonly<Partial<Record<MetalForm, number>>>
}

/** The month's intake problem. */
export interface IntakeProblem {
  readonly suppliers: readonly IntakeSupplier[]
  readonly plants: readonly IntakePlant[]
  /** CNY per unmet tonne; default {@link DEFAULT_UNMET_PENALTY_CNY_PER_T}. */
  readonly unmetPenaltyCnyPerT?: number
}

/** Tonnes on one lane and what one of them costs delivered (premium + freight). */
export interface IntakeFlow {
  readonly from: string
  readonly to: string
  readonly form: MetalForm
  readonly tonnes: number
  readonly costCnyPerT: number
}

/** Demand the plan leaves unmet (no lane, not enough capacity, or every lane dearer than the penalty). */
export interface IntakeUnmet {
  readonly plant: string
  readonly form: MetalForm
  readonly tonnes: number
}

/** The optimal plan, printed by `huiguo source`. */
export interface IntakePlan {
  /** Σ costCnyPerT × tonnes over the flows; the penalty of unmet tonnes is not in it. */
  readonly totalCostCny: number
  readonly flows: readonly IntakeFlow[]
  readonly unmet: readonly IntakeUnmet[]
  /**
   * Keyed `<plant>/<form>` for every demand above zero: the dual of its demand row, i.e. by how
   * many CNY the optimal cost (flows + penalties) rises per extra tonne of that demand. Positive;
   * it equals the penalty where that demand is partly unmet.
   */
  readonly marginalCostCnyPerT: Readonly<Record<string, number>>
}
