import type { AggressorCode, CancelReasonCode, ModelCode, RejectReasonCode } from './codes.ts'

/**
 * Where the engine reports what happens, as plain numbers, in the order it happens. The engine calls
 * these synchronously from inside a command and allocates nothing for them; a journal, a projection or
 * the JSON edge implements it. Order, account and instrument are the caller's integer handles; prices
 * are CNY/t on the instrument's tick grid, quantities kg. A sink must not call back into the engine
 * (queue the work instead): the engine is in the middle of a command when it reports.
 */
export interface EngineSink {
  /** A valid new order, before anything it causes. */
  accepted(order: number): void
  /** A refused command; `order` is the command's order handle, or `NO_ORDER` for `mode`/`uncross`. */
  rejected(order: number, reason: RejectReasonCode): void
  /** A fill: `price` is the resting order's in continuous trading, the uncross price in an auction. */
  trade(buyOrder: number, sellOrder: number, price: number, qtyKg: number, aggressor: AggressorCode): void
  /** An order (or the unfilled remainder of an incoming one) left the book. */
  cancelled(order: number, remainingKg: number, reason: CancelReasonCode): void
  /** An amend took effect; `price` is `NO_PRICE` for a resting market order. Any trades follow. */
  amended(order: number, price: number, qtyKg: number): void
  /** The instrument's market model was set (after the uncross it caused, if any). */
  mode(instrument: number, model: ModelCode): void
  /** A call auction was uncrossed: `price` is `NO_PRICE` and `qtyKg` 0 when nothing can execute. */
  uncross(instrument: number, price: number, qtyKg: number): void
}

/** A sink that ignores everything (benchmarks, or a caller that only queries the book). */
export class NullSink implements EngineSink {
  accepted(_order: number): void {}
  rejected(_order: number, _reason: RejectReasonCode): void {}
  trade(
    _buyOrder: number,
    _sellOrder: number,
    _price: number,
    _qtyKg: number,
    _aggressor: AggressorCode,
  ): void {}
  cancelled(_order: number, _remainingKg: number, _reason: CancelReasonCode): void {}
  amended(_order: number, _price: number, _qtyKg: number): void {}
  mode(_instrument: number, _model: ModelCode): void {}
  uncross(_instrument: number, _price: number, _qtyKg: number): void {}
}
