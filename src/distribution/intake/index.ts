/**
 * The intake plan (issue 6): which smelters supply which plants of the cluster with molten
 * aluminium and ingot, at least cost of metal and freight, as a linear program solved by HiGHS.
 * @module
 */
export { type GasSaving, gasSavedM3, MELT_GAS_M3_PER_T } from './gas.ts'
export {
  type CheckedIntakeProblem,
  IntakeInputError,
  type IntakeInputProblem,
  readIntakeProblem,
} from './input.ts'
export {
  DEFAULT_UNMET_PENALTY_CNY_PER_T,
  FORMS,
  type IntakeFlow,
  type IntakePlan,
  type IntakePlant,
  type IntakeProblem,
  type IntakeSupplier,
  type IntakeUnmet,
  type MetalForm,
  MOLTEN_MAX_ROAD_KM,
} from './model.ts'
export { solveIntake } from './solve.ts'
