/**
 * Exact integer arithmetic of trade amounts. Prices are CNY per tonne, quantities kg, money fen:
 * fen = CNY/t × kg × 100 fen/CNY ÷ 1000 kg/t = price × kg ÷ 10.
 *
 * Rounding, the one rule used everywhere: **half up to the fen** (amounts are never negative here).
 * The notional is exact whenever price × kg is a multiple of 10 (every price on a tick of 10 CNY/t,
 * every quantity in whole 10 kg); fees in basis points (1 bp = 0.01 %) of the notional are rounded
 * half up to the fen.
 * @module
 */

/** The largest amount one posting may move: 10^15 fen (10 trillion yuan) or 10^15 kg. */
export const MAX_POSTING_AMOUNT = 10n ** 15n

/** The largest fee rate: 10 000 bp = 100 % of the notional. */
export const MAX_FEE_BPS = 10_000n

/** n ÷ d rounded half up, for n ≥ 0 and d > 0. */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  if (n < 0n || d <= 0n) throw new RangeError(`divRoundHalfUp(${n}, ${d}): expects n ≥ 0 and d > 0`)
  return (2n * n + d) / (2n * d)
}

/** The notional of a trade in fen: price (CNY/t) × qty (kg) ÷ 10, half up. */
export function notionalFen(priceCnyPerT: bigint, qtyKg: bigint): bigint {
  return divRoundHalfUp(priceCnyPerT * qtyKg, 10n)
}

/** A fee of `bps` basis points on a notional, in fen, half up: 12 345 fen at 5 bp → 6 fen (6.1725). */
export function feeFen(notional: bigint, bps: bigint): bigint {
  if (bps < 0n || bps > MAX_FEE_BPS) throw new RangeError(`fee rate ${bps} bp is outside 0..${MAX_FEE_BPS}`)
  return divRoundHalfUp(notional * bps, 10_000n)
}

/**
 * The fee of one fill of an order that had already filled `notionalBeforeFen`: the fee of the
 * cumulative notional minus the fee already charged. The fees of an order's fills therefore add up
 * to exactly `feeFen(total notional)`, whatever the split, so they never exceed what was reserved.
 */
export function fillFeeFen(notionalBeforeFen: bigint, fillNotionalFen: bigint, bps: bigint): bigint {
  return feeFen(notionalBeforeFen + fillNotionalFen, bps) - feeFen(notionalBeforeFen, bps)
}

/**
 * What a buy order reserves: the notional at its limit (a market buy: at the band ceiling) plus
 * the buyer's fee on it. A fill at or below the limit costs no more than this.
 */
export function buyReservationFen(priceCnyPerT: bigint, qtyKg: bigint, buyerFeeBps: bigint): bigint {
  const notional = notionalFen(priceCnyPerT, qtyKg)
  return notional + feeFen(notional, buyerFeeBps)
}

/** Parses a whole number of kilograms ("25000"); null when it is not one. */
export function parseKg(text: string): bigint | null {
  const m = /^\d{1,16}$/.exec(text.trim())
  return m ? BigInt(m[0]) : null
}
