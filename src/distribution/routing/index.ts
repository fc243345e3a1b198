/**
 * Vehicle routing for the distribution center: CVRPLIB and Solomon readers, the SISR
 * ruin-and-recreate solver, a feasibility check, the `.sol` printer and the trucks' problem builder.
 * @module
 */
export { InstanceFormatError, parseCvrplib } from './cvrplib.ts'
export { type Evaluation, evaluateSolution, formatSolution } from './evaluate.ts'
export { parseInstance } from './instance.ts'
export {
  exactEuclidean,
  type RoutingObjective,
  type RoutingProblem,
  roundedEuclidean,
  type TimeWindows,
} from './problem.ts'
export { parseSolomon } from './solomon.ts'
export { type RoutingSolution, type SolveOptions, solve } from './solver.ts'
export {
  buildDispatchProblem,
  DEFAULT_SERVICE_MIN,
  type DeliveryLoad,
  type DispatchInput,
  type DispatchPlan,
  DRIVING_BEFORE_REST_MIN,
  dispatch,
  type GeoPoint,
  legMinutes,
  REST_MIN,
  TRUCK_SPEED_KMH,
  type Truck,
  type TruckRoute,
} from './trucks.ts'
