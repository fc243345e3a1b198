/**
 * Market data: the aggregated books, trade tape, bars and day figures of every instrument, kept
 * from the trading service's applied commands; the public API over them (instruments, book,
 * trades, bars) and the /stream WebSocket of snapshots and consecutive deltas.
 * @module
 */
export { BAR_INTERVALS, type Bar, type BarInterval, barStart, MAX_BARS } from './bars.ts'
export type { BookLevel, LevelUpdate } from './book.ts'
export {
  type BookDelta,
  type BookSnapshot,
  type Channel,
  type ChannelEvents,
  type DayStats,
  MarketData,
  type MarketDataInit,
  type MarketDataSource,
  type OrdersDelta,
  type OrdersSnapshot,
  type TradesDelta,
  type TradesSnapshot,
} from './market-data.ts'
export { type MarketDataRoutesOptions, marketDataRoutes } from './routes.ts'
export { ClientMessage, ServerMessage } from './schemas.ts'
export { DEFAULT_STREAM_LIMITS, type StreamLimits } from './stream.ts'
export { TAPE_SIZE } from './tape.ts'
export type { MarketDataService } from './views.ts'
