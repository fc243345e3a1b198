import type {
  AggressorCode,
  CancelReasonCode,
  EngineSink,
  ModelCode,
  RejectReasonCode,
} from '../engine/index.ts'

/** Engine events of one command, kept in arrays until the state folds them in. */
export class CollectingSink implements EngineSink {
  /** Flattened [buyOrder, sellOrder, price, qtyKg, aggressor] per trade. */
  readonly trades: number[] = []
  /** Flattened [order, remainingKg, reason] per cancel. */
  readonly cancels: number[] = []
  /** Each event in order as [kind, offset]: 0 trade (offset into trades), 1 cancel (into cancels). */
  readonly sequence: number[] = []
  rejectedReason = 0
  uncrossPrice = 0
  uncrossQtyKg = 0
  uncrossed = false

  reset(): void {
    this.trades.length = 0
    this.cancels.length = 0
    this.sequence.length = 0
    this.rejectedReason = 0
    this.uncrossed = false
  }

  accepted(_order: number): void {}
  rejected(_order: number, reason: RejectReasonCode): void {
    this.rejectedReason = reason
  }
  trade(buyOrder: number, sellOrder: number, price: number, qtyKg: number, aggressor: AggressorCode): void {
    this.sequence.push(0, this.trades.length)
    this.trades.push(buyOrder, sellOrder, price, qtyKg, aggressor)
  }
  cancelled(order: number, remainingKg: number, reason: CancelReasonCode): void {
    this.sequence.push(1, this.cancels.length)
    this.cancels.push(order, remainingKg, reason)
  }
  amended(_order: number, _price: number, _qtyKg: number): void {}
  mode(_instrument: number, _model: ModelCode): void {}
  uncross(_instrument: number, price: number, qtyKg: number): void {
    this.uncrossed = true
    this.uncrossPrice = price
    this.uncrossQtyKg = qtyKg
  }
}
