import type { LaneDistances, Origin } from '../geo/index.ts'
import type { DifferentialTable } from './differentials.ts'
import { cnyPerTOfFen, type FreightFigure, freightFor } from './quote.ts'
import type { Tariff } from './tariff.ts'

/** The modes a rolled product can travel by (molten is for liquid metal, not for sheet or foil). */
export const PRODUCT_MODES = ['truck', 'rail'] as const

/** One origin's delivered price at the destination. */
export interface DeliveredRow {
  readonly origin: Origin
  /** The origin's all-in, CNY/t: Gongyi's published all-in, plus the differential for another origin. */
  readonly allInCnyPerT: number
  readonly differentialCnyPerT: number
  /** The cheapest offered mode (truck on a tie) and its figure. */
  readonly freight: FreightFigure
  /** Freight in whole CNY/t: fen per tonne / 100, rounded half away from zero. */
  readonly freightCnyPerT: number
  /** allIn + freight, whole CNY/t. */
  readonly deliveredCnyPerT: number
  /** Every offered product mode, cheapest first. */
  readonly options: readonly FreightFigure[]
  /** 1 + the number of origins strictly cheaper (ties share a rank). */
  readonly rank: number
  /** Rank 1: no origin is cheaper delivered. */
  readonly wins: boolean
}

export interface DeliveredInput {
  /** Gongyi's published all-in for the product, CNY/t. */
  readonly gongyiAllInCnyPerT: number
  readonly tariff: Tariff
  readonly differentials: DifferentialTable
  /** Gongyi first, then the competing origins, each with its lane to the destination. */
  readonly lanes: readonly { readonly origin: Origin; readonly lane: LaneDistances }[]
}

/**
 * The product delivered at one destination from each origin, by its cheapest mode, ranked cheapest
 * first (ties: the order of `lanes`, so Gongyi first). Truck is offered on every lane, so every
 * origin has a figure.
 *
 * @example deliveredPrices({ gongyiAllInCnyPerT: 22_450, tariff, differentials, lanes }).rows[0]
 */
export function deliveredPrices(input: DeliveredInput): { rows: DeliveredRow[]; gongyiWins: boolean } {
  const { gongyiAllInCnyPerT, tariff, differentials, lanes } = input
  const unranked = lanes.map(({ origin, lane }, order) => {
    const options = PRODUCT_MODES.map((mode) => freightFor(tariff, mode, lane))
      .filter((r): r is FreightFigure => r.ok)
      // Stable sort: equal freight keeps PRODUCT_MODES order, truck first.
      .sort((a, b) => a.fenPerT - b.fenPerT)
    const freight = options[0]
    if (!freight) throw new Error(`no product mode is offered from ${origin.id}`)
    const differential = order === 0 ? 0 : (differentials.cnyPerT[origin.id] ?? 0)
    const allIn = gongyiAllInCnyPerT + differential
    const freightCny = cnyPerTOfFen(freight.fenPerT)
    return {
      origin,
      allInCnyPerT: allIn,
      differentialCnyPerT: differential,
      freight,
      freightCnyPerT: freightCny,
      deliveredCnyPerT: allIn + freightCny,
      options,
    }
  })
  const rows = unranked
    .map((row) => {
      const rank = 1 + unranked.filter((other) => other.deliveredCnyPerT < row.deliveredCnyPerT).length
      return { ...row, rank, wins: rank === 1 }
    })
    .sort((a, b) => a.rank - b.rank)
  return { rows, gongyiWins: rows.some((r) => r.wins && r.origin.id === lanes[0]?.origin.id) }
}
