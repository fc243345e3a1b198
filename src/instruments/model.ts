/**
 * What the trading center lists: instruments with their lot, tick, price basis, market model,
 * sessions and daily band.
 *
 * Units (DESIGN §3): quantities in integer kilograms, prices in integer CNY per tonne, fees and
 * bands in basis points. Times of day are 'HH:MM' in Asia/Shanghai (UTC+8; China keeps no DST).
 * @module
 */

/** `all_in`: the book trades the whole price. `fee`: the book trades the processing fee (加工费) over a base ingot price. */
export const PRICE_BASES = ['all_in', 'fee'] as const
export type PriceBasis = (typeof PRICE_BASES)[number]

/** Continuous double auction, periodic call auction (集合竞价) only, or listings (挂牌) without a book. */
export const MARKET_MODELS = ['continuous', 'call', 'listing'] as const
export type MarketModel = (typeof MARKET_MODELS)[number]

export const INSTRUMENT_STATUSES = ['open', 'halted', 'closed'] as const
export type InstrumentStatus = (typeof INSTRUMENT_STATUSES)[number]

/** A window of the trading day, start inclusive and end exclusive, 'HH:MM' Asia/Shanghai. */
export interface TradingSession {
  readonly start: string
  readonly end: string
}

export interface Instrument {
  /** e.g. AL-A00-GY, SHEET-1060-H24-1.0x1220, FOIL-8011-O-0.012 (INSTRUMENT_CODE_PATTERN). */
  readonly code: string
  /** Small dense integer from 0, unique: the matching engine's instrument handle. */
  readonly handle: number
  readonly nameZh: string
  readonly nameEn: string
  /** A registry product form (ingot, sheet, strip, foil, plate, cast_rolled_coil, …). */
  readonly form: string
  /** The canonical product spec (the registry's printSpec), e.g. `SHEET 1060-H24 1.0x1220`. */
  readonly spec: string
  /** Order quantities are whole multiples of it. */
  readonly lotKg: number
  readonly tickCnyPerT: number
  readonly priceBasis: PriceBasis
  /** For `fee`: the name of the base, e.g. `GY-A00` (the center's Gongyi A00 assessment); null for `all_in`. */
  readonly baseReference: string | null
  /** For `fee`: the base used on a trade date the pricing center has published none; null for `all_in`. */
  readonly configuredBaseCnyPerT: number | null
  /** The band's reference, in the book's price terms (all-in price or fee). */
  readonly referencePriceCnyPerT: number
  /** Half-width of the daily band in basis points: 500 = ±5 %. */
  readonly bandBps: number
  readonly model: MarketModel
  /** The opening call auction window (e.g. 08:50–09:00), or null. */
  readonly openingCall: TradingSession | null
  /** Continuous sessions, or the call-collection periods of model `call`; in the order of the day. */
  readonly sessions: readonly TradingSession[]
  readonly status: InstrumentStatus
  readonly buyerFeeBps: number
  readonly sellerFeeBps: number
  /** The delivery warehouse: an enterprise of the registry (a logistics or warehousing firm). */
  readonly warehouseEnterpriseId: string | null
  /** Length in days of the pick-up window after the trade date. */
  readonly deliveryDays: number
  /** True for the demo instruments. */
  readonly synthetic: boolean
}

/** An instrument before the store has given it a handle. */
export type NewInstrument = Omit<Instrument, 'handle'>
