/**
 * Freight (issue 6): versioned tariffs in integer fen per tonne for full trucks, molten-aluminium
 * ladle trucks and rail; quotes for a quantity; origin differentials; and delivered prices of a
 * product from Gongyi beside the competing origins. Pure.
 * @module
 */
export { type DeliveredInput, type DeliveredRow, deliveredPrices, PRODUCT_MODES } from './delivered.ts'
export {
  checkDifferentials,
  DEFAULT_DIFFERENTIALS,
  DIFFERENTIALS_NOTE,
  type DifferentialTable,
} from './differentials.ts'
export {
  type Consignment,
  cnyPerTOfFen,
  consignment,
  divideRounded,
  type FreightFigure,
  type FreightRefusal,
  type FreightResult,
  freightFor,
} from './quote.ts'
export {
  DEFAULT_TARIFF,
  FREIGHT_MODES,
  type FreightMode,
  isCalendarDate,
  sameCoefficients,
  type Tariff,
  type TariffCoefficients,
  tariffErrors,
  VERSION_ID_PATTERN,
  versionInForce,
} from './tariff.ts'
