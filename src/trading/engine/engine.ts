/**
 * The matching engine: books per instrument, continuous trading and call auctions, driven by integer
 * handles and reporting to an `EngineSink`. Deterministic: no clock, no randomness, no I/O, so the same
 * commands always give the same events. Expected refusals are returned (and reported), never thrown.
 * @module
 */
import { uncrossBook } from './auction.ts'
import {
  CancelReason,
  Model,
  type ModelCode,
  NO_ORDER,
  NO_PRICE,
  OrderType,
  type OrderTypeCode,
  RejectReason,
  type RejectReasonCode,
  type SideCode,
  type StpCode,
  TimeInForce,
  type TimeInForceCode,
} from './codes.ts'
import { enterContinuous } from './continuous.ts'
import { EngineCore, HANDLE_FREE, HANDLE_TAKEN } from './core.ts'
import { FLAG_MARKET, FLAG_POST_ONLY, O_ACCOUNT, O_FLAGS, O_LEVEL, O_QTY, STP_SHIFT } from './pools.ts'
import type { EngineSink } from './sink.ts'
import { EngineView } from './view.ts'

export interface MatchingEngineOptions {
  /** Receives every event. */
  readonly sink: EngineSink
  /** Tick (CNY/t) of instruments not given one by `defineInstrument`. Default 10. */
  readonly tickSize?: number
  /** Initial capacity of the resting-order pool; it doubles on demand. Default 1024. */
  readonly initialOrders?: number
  /**
   * Initial size of the order-handle index (one int per handle ever used: a taken id stays taken);
   * it doubles on demand. Default: `initialOrders`.
   */
  readonly initialHandles?: number
}

/** A handle is a non-negative int32. */
const isHandle = (handle: number): boolean => (handle | 0) === handle && handle >= 0
const isQty = (qtyKg: number): boolean => Number.isSafeInteger(qtyKg) && qtyKg > 0
/**
 * `price` in ticks, or -1 when it is not a positive safe integer on the tick grid. One float division
 * and no integer modulo (an idiv costs more than the rest of a resting order): when the quotient is a
 * whole number, its product with the tick is exact, so comparing it with the price proves divisibility.
 */
const ticksOf = (price: number, tickSize: number): number => {
  const ticks = price / tickSize
  return ticks >= 1 &&
    price <= Number.MAX_SAFE_INTEGER &&
    Math.floor(ticks) === ticks &&
    ticks * tickSize === price
    ? ticks
    : -1
}

/**
 * Books per instrument behind one integer API. Orders and instruments are the caller's handles,
 * non-negative int32 that should be small and dense (they index arrays; the JSON edge numbers them
 * 0, 1, 2, …); accounts are any int32. An order handle is taken for good once accepted. A journal or a
 * service drives it with numbers read straight off its records, and gets numbers back through its
 * `EngineSink`. Each command reports its events synchronously and returns `RejectReason.Ok` or the
 * refusal. O(1) per order and cancel plus one step per fill (amortised: pools and the price window
 * double when outgrown); nothing is allocated per operation once the pools fit the book.
 *
 * @example
 * const engine = new MatchingEngine({ sink: new NullSink(), tickSize: 10 })
 * engine.submit(1, 7, 0, Side.Sell, OrderType.Limit, 20_000, 5, TimeInForce.GTC, false, Stp.CancelResting)
 * engine.submit(2, 8, 0, Side.Buy, OrderType.Market, NO_PRICE, 3, TimeInForce.IOC, false, Stp.CancelResting)
 */
export class MatchingEngine {
  /** Read-only queries on the books. */
  readonly view: EngineView
  readonly #core: EngineCore

  constructor(options: MatchingEngineOptions) {
    const tickSize = options.tickSize ?? 10
    if (!isQty(tickSize)) throw new RangeError(`tick size must be a positive integer, got ${tickSize}`)
    const orders = Math.max(16, options.initialOrders ?? 1024)
    this.#core = new EngineCore(
      options.sink,
      tickSize,
      orders,
      Math.max(16, options.initialHandles ?? orders),
    )
    this.view = new EngineView(this.#core)
  }

  /** Gives `instrument` its own tick; must come before the instrument's first command. */
  defineInstrument(instrument: number, tickSize: number): void {
    if (!isHandle(instrument) || !isQty(tickSize)) throw new RangeError('bad instrument or tick size')
    const existing = this.#core.books[instrument]
    if (existing !== undefined && existing.tickSize !== tickSize) {
      throw new RangeError(`instrument ${instrument} already has tick ${existing.tickSize}`)
    }
    this.#core.book(instrument, tickSize)
  }

  /**
   * A new order. `price` is ignored for market orders (pass `NO_PRICE`). Refusals, first that applies:
   * bad handle `Invalid`, `DuplicateId`, bad codes or a market GTC `Invalid`, `InvalidQty`,
   * `InvalidPrice`, post-only outside limit GTC or IOC/FOK/post-only in call mode `Invalid`, `WouldCross`.
   */
  submit(
    order: number,
    account: number,
    instrument: number,
    side: SideCode,
    type: OrderTypeCode,
    price: number,
    qtyKg: number,
    tif: TimeInForceCode,
    postOnly: boolean,
    stp: StpCode,
  ): RejectReasonCode {
    const core = this.#core
    const slotOf = core.slotOf
    const book = core.books[instrument]
    // Fast path: a valid new limit GTC/IOC or market IOC order, not post-only, on a known book in
    // continuous trading. One combined test; anything else (including every refusal) takes the careful
    // path, which checks in the contract's order. A non-integer or out-of-range handle reads undefined.
    if (
      book !== undefined &&
      slotOf[order] === HANDLE_FREE &&
      book.model === Model.Continuous &&
      !postOnly &&
      (side === 0 || side === 1) &&
      (account | 0) === account &&
      (stp === 0 || stp === 1 || stp === 2) &&
      qtyKg > 0 &&
      qtyKg <= Number.MAX_SAFE_INTEGER &&
      Math.floor(qtyKg) === qtyKg &&
      (type === OrderType.Limit
        ? tif === TimeInForce.GTC || tif === TimeInForce.IOC
        : type === OrderType.Market && tif === TimeInForce.IOC)
    ) {
      const market = type === OrderType.Market
      const ticks = market ? 0 : ticksOf(price, book.tickSize)
      if (ticks >= 0) {
        slotOf[order] = HANDLE_TAKEN
        core.sink.accepted(order)
        enterContinuous(
          core,
          book,
          order,
          account,
          side | (market ? FLAG_MARKET : 0) | (stp << STP_SHIFT),
          ticks,
          qtyKg,
          tif,
          stp,
        )
        return RejectReason.Ok
      }
    }
    return this.#submitCarefully(order, account, instrument, side, type, price, qtyKg, tif, postOnly, stp)
  }

  #submitCarefully(
    order: number,
    account: number,
    instrument: number,
    side: SideCode,
    type: OrderTypeCode,
    price: number,
    qtyKg: number,
    tif: TimeInForceCode,
    postOnly: boolean,
    stp: StpCode,
  ): RejectReasonCode {
    const core = this.#core
    if (!isHandle(order)) return this.#reject(order, RejectReason.Invalid)
    core.reserveHandle(order)
    if (core.slotOf[order] !== HANDLE_FREE) return this.#reject(order, RejectReason.DuplicateId)
    if (
      (side !== 0 && side !== 1) ||
      (type !== 0 && type !== 1) ||
      (tif !== 0 && tif !== 1 && tif !== 2) ||
      (stp !== 0 && stp !== 1 && stp !== 2) ||
      (account | 0) !== account ||
      !isHandle(instrument) ||
      (type === OrderType.Market && tif === TimeInForce.GTC)
    ) {
      return this.#reject(order, RejectReason.Invalid)
    }
    if (!isQty(qtyKg)) return this.#reject(order, RejectReason.InvalidQty)
    const book = core.books[instrument] ?? core.book(instrument)
    const market = type === OrderType.Market
    const ticks = market ? 0 : ticksOf(price, book.tickSize)
    if (ticks < 0) return this.#reject(order, RejectReason.InvalidPrice)
    const call = book.model === Model.Call
    if (
      (postOnly && (market || tif !== TimeInForce.GTC)) ||
      (call && (postOnly || tif === TimeInForce.FOK || (!market && tif !== TimeInForce.GTC)))
    ) {
      return this.#reject(order, RejectReason.Invalid)
    }
    if (postOnly && !call && book.crosses(side, ticks)) return this.#reject(order, RejectReason.WouldCross)
    core.slotOf[order] = HANDLE_TAKEN
    core.sink.accepted(order)
    const flags = side | (market ? FLAG_MARKET : 0) | (postOnly ? FLAG_POST_ONLY : 0) | (stp << STP_SHIFT)
    if (call) core.rest(book, order, account, flags, market ? -1 : ticks, qtyKg)
    else enterContinuous(core, book, order, account, flags, ticks, qtyKg, tif, stp)
    return RejectReason.Ok
  }

  /** Cancels a resting order (`UnknownOrder` when it is not resting). */
  cancel(order: number): RejectReasonCode {
    const slot = this.#restingSlot(order)
    if (slot < 0) return this.#reject(order, RejectReason.UnknownOrder)
    this.#core.cancelResting(slot, CancelReason.User)
    return RejectReason.Ok
  }

  /**
   * Changes a resting order's open quantity and/or price (`undefined` keeps it). The same price and a
   * quantity not above the open one keep priority; otherwise the order re-enters as incoming (and may
   * trade, in continuous mode). Checked in order: `UnknownOrder`, a price for a market order
   * `Invalid`, `InvalidQty`, `InvalidPrice`, then `WouldCross` for a post-only order (left unchanged).
   */
  amend(order: number, qtyKg?: number, price?: number): RejectReasonCode {
    const core = this.#core
    const slot = this.#restingSlot(order)
    if (slot < 0) return this.#reject(order, RejectReason.UnknownOrder)
    const { orders, levels } = core
    const flags = orders.field(slot, O_FLAGS)
    const market = (flags & FLAG_MARKET) !== 0
    if (market && price !== undefined) return this.#reject(order, RejectReason.Invalid)
    if (qtyKg !== undefined && !isQty(qtyKg)) return this.#reject(order, RejectReason.InvalidQty)
    const level = orders.field(slot, O_LEVEL)
    const book = core.books[levels.book[level]!]!
    const restingTicks = levels.ticks[level]!
    let ticks = restingTicks
    if (price !== undefined) {
      ticks = ticksOf(price, book.tickSize)
      if (ticks < 0) return this.#reject(order, RejectReason.InvalidPrice)
    }
    const openKg = orders.qty(slot)
    const newKg = qtyKg ?? openKg
    const reportedPrice = market ? NO_PRICE : ticks * book.tickSize
    if (ticks === restingTicks && newKg <= openKg) {
      orders.qtyKg[(slot << 2) + O_QTY] = newKg
      levels.qtyKg[level]! -= openKg - newKg
      core.sink.amended(order, reportedPrice, newKg)
      return RejectReason.Ok
    }
    const side = flags & 1
    const continuous = book.model === Model.Continuous
    if (continuous && (flags & FLAG_POST_ONLY) !== 0 && book.crosses(side, ticks)) {
      return this.#reject(order, RejectReason.WouldCross)
    }
    const account = orders.field(slot, O_ACCOUNT)
    core.remove(slot)
    core.sink.amended(order, reportedPrice, newKg)
    if (continuous) {
      enterContinuous(core, book, order, account, flags, ticks, newKg, TimeInForce.GTC, flags >> STP_SHIFT)
    } else {
      core.rest(book, order, account, flags, ticks, newKg)
    }
    return RejectReason.Ok
  }

  /** Sets the market model; going from call to continuous uncrosses first. */
  setModel(instrument: number, model: ModelCode): RejectReasonCode {
    if (!isHandle(instrument) || (model !== Model.Continuous && model !== Model.Call)) {
      return this.#reject(NO_ORDER, RejectReason.Invalid)
    }
    const core = this.#core
    const book = core.book(instrument)
    if (book.model === Model.Call && model === Model.Continuous) uncrossBook(core, book)
    book.model = model
    core.sink.mode(instrument, model)
    return RejectReason.Ok
  }

  /** Uncrosses an instrument in call mode (it stays in call mode); `Invalid` otherwise. */
  uncross(instrument: number): RejectReasonCode {
    const book = isHandle(instrument) ? this.#core.books[instrument] : undefined
    if (book === undefined || book.model !== Model.Call) return this.#reject(NO_ORDER, RejectReason.Invalid)
    uncrossBook(this.#core, book)
    return RejectReason.Ok
  }

  #restingSlot(order: number): number {
    const slotOf = this.#core.slotOf
    return isHandle(order) && order < slotOf.length ? slotOf[order]! - 1 : -1
  }

  #reject(order: number, reason: RejectReasonCode): RejectReasonCode {
    this.#core.sink.rejected(order, reason)
    return reason
  }
}
