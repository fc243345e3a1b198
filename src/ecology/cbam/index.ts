/**
 * CBAM (issue 7): embedded emissions of aluminium goods by method v1 (a pure function, `huiguo
 * footprint`), the smelters' declared SEE values, and per shipment to an EU buyer the emissions
 * communication its importer needs, as JSON and as an .xlsx like the EU template.
 * @module
 */
export { footprintCommand } from './cli.ts'
export { type CommunicationResult, computeCommunication, inputOf } from './communication.ts'
export { type CommunicationRequest, planCommunication } from './communication-plan.ts'
export { COMMUNICATION_SHEETS, communicationXlsx } from './communication-xlsx.ts'
export { seedDemoCbam } from './demo.ts'
export * from './footprint.ts'
export { readFootprintInput } from './footprint-input.ts'
export * from './model.ts'
export { type CbamRoutesOptions, cbamRoutes } from './routes.ts'
export * from './schedule.ts'
export {
  CbamService,
  type CbamServiceOptions,
  type CommunicationDetail,
  type DeclarationRequest,
} from './service.ts'
export { type CommunicationView, communicationView, declarationView } from './views.ts'
