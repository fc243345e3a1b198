/**
 * The ecology module (issue 7): the energy ledger with GB 21351-2023 levels, the carbon inventory,
 * clean-energy share and the park indicators.
 * @module
 */

export * from './cbam/index.ts'
export { seedDemoEcology } from './demo.ts'
export { type EnterpriseEnergyFacts, enterpriseEnergyFacts } from './energy/facts.ts'
export * from './energy/levels.ts'
export * from './energy/months.ts'
export { ParkService } from './park/service.ts'
export { type EcologyRoutesOptions, ecologyRoutes } from './routes.ts'
