/**
 * The engine's vocabulary as small integers, so commands and events cross the API without strings.
 * The `*_NAMES` tables give the wire spelling of each code (index = code) for the JSON edge.
 * @module
 */

/** Order side. */
export const Side = { Buy: 0, Sell: 1 } as const
export type SideCode = (typeof Side)[keyof typeof Side]

/** Order type: a limit order has a price, a market order has none. */
export const OrderType = { Limit: 0, Market: 1 } as const
export type OrderTypeCode = (typeof OrderType)[keyof typeof OrderType]

/** Time in force. A market order is IOC or FOK, never GTC. */
export const TimeInForce = { GTC: 0, IOC: 1, FOK: 2 } as const
export type TimeInForceCode = (typeof TimeInForce)[keyof typeof TimeInForce]

/** Self-trade prevention: what happens when an incoming order meets a resting order of its own account. */
export const Stp = { CancelResting: 0, CancelIncoming: 1, CancelBoth: 2 } as const
export type StpCode = (typeof Stp)[keyof typeof Stp]

/** Market model of an instrument: continuous trading or call auction (集合竞价). */
export const Model = { Continuous: 0, Call: 1 } as const
export type ModelCode = (typeof Model)[keyof typeof Model]

/**
 * Why a command was refused. `Ok` (0) is returned by the engine's methods when nothing was refused,
 * so a result can be tested with `if (code)`.
 */
export const RejectReason = {
  Ok: 0,
  Invalid: 1,
  DuplicateId: 2,
  UnknownOrder: 3,
  InvalidPrice: 4,
  InvalidQty: 5,
  WouldCross: 6,
} as const
export type RejectReasonCode = (typeof RejectReason)[keyof typeof RejectReason]

/** Why an order (or its remainder) left the book or never entered it. */
export const CancelReason = { User: 0, Unfilled: 1, Fok: 2, Stp: 3 } as const
export type CancelReasonCode = (typeof CancelReason)[keyof typeof CancelReason]

/** Who took liquidity in a trade: the incoming side in continuous trading, or the auction. */
export const Aggressor = { Buy: 0, Sell: 1, Auction: 2 } as const
export type AggressorCode = (typeof Aggressor)[keyof typeof Aggressor]

/** The price reported where there is none (an uncross that executes nothing, a market order). */
export const NO_PRICE = 0

/** The order handle reported for a refused command that names no order (`mode`, `uncross`). */
export const NO_ORDER = -1

export const SIDE_NAMES = ['buy', 'sell'] as const
export const ORDER_TYPE_NAMES = ['limit', 'market'] as const
export const TIME_IN_FORCE_NAMES = ['GTC', 'IOC', 'FOK'] as const
export const STP_NAMES = ['cancel_resting', 'cancel_incoming', 'cancel_both'] as const
export const MODEL_NAMES = ['continuous', 'call'] as const
export const REJECT_REASON_NAMES = [
  'ok',
  'invalid',
  'duplicate_id',
  'unknown_order',
  'invalid_price',
  'invalid_qty',
  'would_cross',
] as const
export const CANCEL_REASON_NAMES = ['user', 'unfilled', 'fok', 'stp'] as const
export const AGGRESSOR_NAMES = ['buy', 'sell', 'auction'] as const
