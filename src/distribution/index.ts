/**
 * The distribution center (issue 6): distances and freight with delivered prices, the intake plan
 * from the smelters (a linear program solved by HiGHS), truck routes, and shipments with tracking.
 * @module
 */
export { clockOf, dispatchRoutes } from './dispatch-routes.ts'
export * from './freight/index.ts'
export { distributionFreightRoutes, type FreightRoutesOptions } from './freight-routes.ts'
export * from './geo/index.ts'
export * from './intake/index.ts'
export { seedDemoIntakePlans } from './intake-demo.ts'
export { type IntakeRoutesOptions, intakeRoutes } from './intake-routes.ts'
export {
  figuresOf,
  type IntakePlanInput,
  IntakePlanService,
  type IntakePlanServiceOptions,
  type IntakePlanView,
} from './intake-service.ts'
export {
  type EtaInput,
  etaOf,
  legDuration,
  type MachineState,
  nextState,
  normaliseTrackingCode,
  ShipmentService,
  type ShipmentServiceOptions,
  type ShipmentsRoutesOptions,
  type ShipmentWithEvents,
  seedDemoShipments,
  shipmentsRoutes,
} from './shipments/index.ts'
