/**
 * What an order must hold reserved: a buy, the all-in notional at its limit (a market buy: at the
 * band ceiling) plus the buyer's fee on it, counting the fee already charged on earlier fills; a
 * sell, its open quantity of receipts. Fills at or better than the limit never cost more.
 * @module
 */
import { feeFen, notionalFen } from '../../ledger/index.ts'

export interface BuyTerms {
  /** Limit (or, for a market buy, the band ceiling) in the book's terms. */
  readonly priceCnyPerT: number
  /** Base ingot price added to a fee-basis price; 0 for an all-in instrument. */
  readonly baseCnyPerT: number
  readonly openKg: number
  /** All-in notional already filled, fen. */
  readonly filledNotionalFen: bigint
  readonly buyerFeeBps: number
}

/** Fen a buy order must hold for its open quantity. */
export function buyReservationFen(terms: BuyTerms): bigint {
  const open = notionalFen(BigInt(terms.priceCnyPerT + terms.baseCnyPerT), BigInt(terms.openKg))
  const bps = BigInt(terms.buyerFeeBps)
  return open + feeFen(terms.filledNotionalFen + open, bps) - feeFen(terms.filledNotionalFen, bps)
}
