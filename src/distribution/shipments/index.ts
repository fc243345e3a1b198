/**
 * Shipments (issue 6): goods on a truck from a trading contract or made by hand, through
 * planned → loaded → in transit → delivered (or an exception on the way), with events, an ETA by
 * the driving rules, proof of delivery, and a public tracking code.
 * @module
 */
export { seedDemoShipments } from './demo.ts'
export { type EtaInput, etaOf, legDuration, MAX_DRIVE_S, REST_S, SPEED_M_PER_H } from './eta.ts'
export { type MachineState, nextState } from './machine.ts'
export type * from './model.ts'
export { type ShipmentsRoutesOptions, shipmentsRoutes } from './routes.ts'
export { ShipmentService, type ShipmentServiceOptions, type ShipmentWithEvents } from './service.ts'
export { normaliseTrackingCode } from './tracking-code.ts'
