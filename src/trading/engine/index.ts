/**
 * The matching engine's public door: a deterministic continuous + call-auction order book driven by
 * integer handles (`MatchingEngine`, events to an `EngineSink`), and its JSON-lines edge
 * (`JsonLinesEngine`, the `huiguo replay` format). Pure: no I/O, no clock, no randomness.
 * @module
 */
export {
  AGGRESSOR_NAMES,
  Aggressor,
  type AggressorCode,
  CANCEL_REASON_NAMES,
  CancelReason,
  type CancelReasonCode,
  MODEL_NAMES,
  Model,
  type ModelCode,
  NO_ORDER,
  NO_PRICE,
  ORDER_TYPE_NAMES,
  OrderType,
  type OrderTypeCode,
  REJECT_REASON_NAMES,
  RejectReason,
  type RejectReasonCode,
  SIDE_NAMES,
  Side,
  type SideCode,
  STP_NAMES,
  Stp,
  type StpCode,
  TIME_IN_FORCE_NAMES,
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
