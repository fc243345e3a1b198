/**
 * An order's terms against its instrument: lot multiples, the tick grid, the daily price band, and
 * whether the market takes orders now. Expected refusals are returned, never thrown (STYLE §7).
 * @module
 */
import { type Refusal, refuse } from '../kernel/index.ts'
import type { Instrument } from './model.ts'
import { tradingPhaseAt } from './sessions.ts'

const BPS = 10_000

/** ⌊a / b⌋ for integers, b > 0, exact over the safe integers (no float division near an edge). */
function floorDiv(a: number, b: number): number {
  const mod = ((a % b) + b) % b
  return (a - mod) / b
}

const ceilDiv = (a: number, b: number): number => -floorDiv(-a, b)

/**
 * The daily band around the reference, on the tick grid, inclusive: the low edge is rounded up and
 * the high edge down to a tick, so every price the band admits is tradable. The reference defaults
 * to the instrument's; the trading service passes the day's (e.g. the previous close). The band is
 * empty (low > high) when its width holds no tick.
 * @example priceBand(a00, 19_850) // ±5 %, tick 10: { lowCnyPerT: 18_860, highCnyPerT: 20_840 }
 */
export function priceBand(
  instrument: Instrument,
  referenceCnyPerT: number = instrument.referencePriceCnyPerT,
): { lowCnyPerT: number; highCnyPerT: number } {
  const tick = instrument.tickCnyPerT
  const bps = instrument.bandBps
  const high = referenceCnyPerT * (BPS + bps)
  if (!Number.isSafeInteger(referenceCnyPerT) || referenceCnyPerT <= 0 || !Number.isSafeInteger(high)) {
    throw new RangeError(`reference ${referenceCnyPerT} CNY/t is not a positive whole price`)
  }
  // ref × (1 ± bps/10 000) / tick, in integers: the edges land exactly where the percentage says.
  const scale = BPS * tick
  return {
    lowCnyPerT: ceilDiv(referenceCnyPerT * (BPS - bps), scale) * tick,
    highCnyPerT: floorDiv(high, scale) * tick,
  }
}

const percent = (bps: number): string => `${bps / 100} %`

/**
 * The checks of an order against its instrument, in this order: the quantity is a whole multiple of
 * the lot (QTY_NOT_LOT_MULTIPLE), the price is on the tick grid (PRICE_OFF_TICK) and within the band
 * (PRICE_OUTSIDE_BAND); the price ones for limit orders only (`priceCnyPerT` undefined = market). A
 * quantity that is not a positive number, or a price that is not a finite number, is
 * VALIDATION_FAILED (the HTTP schema normally catches those first). Null when the order passes.
 */
export function checkOrderTerms(
  instrument: Instrument,
  order: { qtyKg: number; priceCnyPerT?: number },
  referenceCnyPerT?: number,
): Refusal | null {
  const { qtyKg, priceCnyPerT: price } = order
  const { code, lotKg: lot, tickCnyPerT: tick } = instrument
  if (!(qtyKg > 0 && qtyKg <= Number.MAX_SAFE_INTEGER)) {
    return refuse('VALIDATION_FAILED', `the quantity ${qtyKg} is not a positive number of kilograms`, [
      { field: '/qty', message: `must be a positive whole number of kilograms, got ${qtyKg}` },
    ])
  }
  if (qtyKg % lot !== 0) {
    const below = Math.floor(qtyKg / lot) * lot
    const nearest = below > 0 ? `${below} or ${below + lot}` : `${lot}`
    return refuse('QTY_NOT_LOT_MULTIPLE', `${qtyKg} kg is not a whole number of ${code}'s ${lot} kg lots`, [
      { field: '/qty', message: `must be a multiple of the ${lot} kg lot, e.g. ${nearest} kg, got ${qtyKg}` },
    ])
  }
  if (price === undefined) return null
  if (!Number.isFinite(price)) {
    return refuse('VALIDATION_FAILED', `the price ${price} is not a number`, [
      { field: '/price', message: `must be a whole number of CNY per tonne, got ${price}` },
    ])
  }
  if (price % tick !== 0) {
    const below = Math.floor(price / tick) * tick
    return refuse('PRICE_OFF_TICK', `${price} CNY/t is not on ${code}'s tick grid of ${tick} CNY/t`, [
      {
        field: '/price',
        message: `must be a multiple of the ${tick} CNY/t tick, e.g. ${below} or ${below + tick}, got ${price}`,
      },
    ])
  }
  const reference = referenceCnyPerT ?? instrument.referencePriceCnyPerT
  const { lowCnyPerT: low, highCnyPerT: high } = priceBand(instrument, reference)
  if (price < low || price > high) {
    const band = `${low}–${high} CNY/t (${reference} ± ${percent(instrument.bandBps)})`
    return refuse('PRICE_OUTSIDE_BAND', `${price} CNY/t is outside today's band of ${code}: ${band}`, [
      { field: '/price', message: `must lie within ${band}, got ${price}` },
    ])
  }
  return null
}

const hours = (instrument: Instrument): string =>
  [instrument.openingCall, ...instrument.sessions]
    .filter((w) => w !== null)
    .map((w) => `${w.start}–${w.end}`)
    .join(', ')

/**
 * Whether the instrument's book takes orders at an instant: INSTRUMENT_HALTED, MARKET_CLOSED
 * (status closed, or outside the sessions: a break or before or after the day), LISTING_ONLY (no
 * book at all). Null in the opening call, a continuous session or a call period.
 */
export function checkMarketOpen(instrument: Instrument, atMs: number): Refusal | null {
  const { code } = instrument
  if (instrument.status === 'halted') return refuse('INSTRUMENT_HALTED', `trading in ${code} is halted`)
  if (instrument.status === 'closed') return refuse('MARKET_CLOSED', `${code} is closed for trading`)
  if (instrument.model === 'listing') {
    return refuse(
      'LISTING_ONLY',
      `${code} trades by listing only; take a listing instead of placing an order`,
    )
  }
  const phase = tradingPhaseAt(instrument, atMs)
  if (phase === 'break' || phase === 'closed') {
    return refuse('MARKET_CLOSED', `${code} takes orders ${hours(instrument)} Asia/Shanghai, not now`)
  }
  return null
}
