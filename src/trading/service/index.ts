/**
 * The trading service: order entry through a durable journal into the matching engine, pre-trade
 * risk on reservations, DvP settlement on the ledger, projections to SQL, recovery from snapshot +
 * journal, and the order API.
 * @module
 */

export { type JournalStall, LONG_COMMIT_MS, RECENT_JOURNAL_STALLS } from './journal-stalls.ts'
export type * from './model.ts'
export type { OperationsJson } from './operations-routes.ts'
export { PROJECTION_BATCH } from './projector.ts'
export { findOrder, listContracts, listOrders, listTrades, tradeFromRow, tradesByIds } from './queries.ts'
export { DEFAULT_RATE, RateLimiter, type RatePolicy } from './rate-limit.ts'
export { type TradingRoutesOptions, tradingRoutes } from './routes.ts'
export {
  type AppliedListener,
  type BaseSource,
  CLOSED_ORDER_HELD_MS,
  CLOSED_ORDER_MEMORY_MS,
  IDEMPOTENCY_WINDOW_MS,
  type Placed,
  type SessionPolicy,
  type TradingOperations,
  TradingService,
  type TradingServiceOptions,
} from './service.ts'
export { type Snapshot, StateError, TradingState } from './state.ts'
export { type MyTradeView, myTradeView, type OrderView, orderView, publicTradeView } from './views.ts'
