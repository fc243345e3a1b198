/**
 * The matching engine's public door: a deterministic continuous + call-auction order book driven by
 * integer handles (`MatchingEngine`, events to an `EngineSink`), and its JSON-lines edge
 * (`JsonLinesEngine`, the `huiguo replay` format). Pure: no I/O, no clock, no randomness.
 * @module
 */
export {
  Aggressor,
  type AggressorCode,
  CancelReason,
  type CancelReasonCode,
  Model,
  type ModelCode,
  NO_ORDER,
  NO_PRICE,
  OrderType,
  type OrderTypeCode,
  RejectReason,
  type RejectReasonCode,
  Side,
  type SideCode,
  Stp,
  type StpCode,
  TimeInForce,
  type TimeInForceCode,
} from './codes.ts'
export { MatchingEngine, type MatchingEngineOptions } from './engine.ts'
export {
  DEFAULT_INSTRUMENT,
  EVENT_KEY,
  JsonLinesEngine,
  type JsonLinesEngineOptions,
} from './json-lines.ts'
export { type EngineSink, NullSink } from './sink.ts'
export type { DepthLevel, EngineView, RestingVisitor } from './view.ts'
