/**
 * The trading center's instruments: what is listed, in what lots and ticks, on which price basis
 * and market model, in which sessions and within which daily band; the checks of an order's terms
 * against them; the store; and the demo instruments.
 * @module
 */
export { isInstrumentCode } from '../ledger/index.ts'
export { DEMO_BASE_REFERENCE, demoInstruments, demoWarehouseOf, seedDemoInstruments } from './demo.ts'
export {
  INSTRUMENT_STATUSES,
  type Instrument,
  type InstrumentStatus,
  MARKET_MODELS,
  type MarketModel,
  type NewInstrument,
  PRICE_BASES,
  type PriceBasis,
  type TradingSession,
} from './model.ts'
export { checkMarketOpen, checkOrderTerms, priceBand } from './order-terms.ts'
export { minuteOfDay, nextPhaseChangeAt, type TradingPhase, tradeDateOf, tradingPhaseAt } from './sessions.ts'
export {
  countInstruments,
  type Db,
  findInstrument,
  insertInstrument,
  listInstruments,
  setInstrumentStatus,
} from './store.ts'
export { instrumentIssues } from './validate.ts'
