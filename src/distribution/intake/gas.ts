import type { IntakePlan } from './model.ts'

/** Natural gas to melt a tonne charged as ingot and as molten metal, m³ (research/pricing.md 0). */
export const MELT_GAS_M3_PER_T = { ingot: 80, molten: 60 } as const

/** What a plan saves by bringing metal in molten. */
export interface GasSaving {
  /** 20 m³ for every molten tonne delivered. */
  readonly savedM3: number
  readonly moltenT: number
  /** Every tonne the flows deliver, molten or ingot (unmet tonnes are not delivered). */
  readonly deliveredT: number
  /** moltenT / deliveredT; null when nothing is delivered. */
  readonly moltenShare: number | null
}

/**
 * The natural gas a plan saves by melting from molten metal (60 m³/t) instead of ingot (80 m³/t),
 * and its molten share.
 *
 * @example gasSavedM3(plan) // { savedM3: 100000, moltenT: 5000, deliveredT: 8000, moltenShare: 0.625 }
 */
export function gasSavedM3(plan: Pick<IntakePlan, 'flows'>): GasSaving {
  let moltenT = 0
  let deliveredT = 0
  for (const flow of plan.flows) {
    deliveredT += flow.tonnes
    if (flow.form === 'molten') moltenT += flow.tonnes
  }
  return {
    savedM3: (MELT_GAS_M3_PER_T.ingot - MELT_GAS_M3_PER_T.molten) * moltenT,
    moltenT,
    deliveredT,
    moltenShare: deliveredT > 0 ? moltenT / deliveredT : null,
  }
}
