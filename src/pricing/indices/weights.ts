/**
 * Yearly weights: which survey year a week's weights come from, and the shares of the products an
 * index holds, capped at 30 % a product.
 * @module
 */
import { capShares } from '../method/index.ts'
import { BASKET } from './basket.ts'
import { productIndex } from './grid.ts'
import { type IndexYearWeight, PRODUCT_CAP } from './model.ts'

/** One survey year's amounts per product, in BASKET order (0 for a product the survey leaves out). */
export interface YearAmounts {
  /** The survey year these come from. */
  readonly year: number
  readonly outputT: Float64Array
  /** outputT × avgAllIn, CNY. */
  readonly valueCny: Float64Array
}

/**
 * The amounts that weigh the weeks of `year`: the survey of the latest year before it. Before the
 * first surveyed year there is no prior year, so a week takes the first surveyed year's own amounts.
 */
export type WeightsForYear = (year: number) => YearAmounts

export function buildWeights(rows: readonly IndexYearWeight[]): WeightsForYear {
  const byYear = new Map<number, YearAmounts>()
  for (const row of rows) {
    if (!Number.isInteger(row.year)) throw new RangeError(`weight year ${row.year} is not a year`)
    if (!(Number.isFinite(row.outputT) && row.outputT >= 0))
      throw new RangeError(`${row.product} ${row.year}: output ${row.outputT} t is not ≥ 0`)
    if (!(Number.isFinite(row.avgAllIn) && row.avgAllIn > 0))
      throw new RangeError(`${row.product} ${row.year}: average all-in ${row.avgAllIn} is not > 0`)
    let amounts = byYear.get(row.year)
    if (!amounts) {
      amounts = {
        year: row.year,
        outputT: new Float64Array(BASKET.length).fill(Number.NaN),
        valueCny: new Float64Array(BASKET.length),
      }
      byYear.set(row.year, amounts)
    }
    const j = productIndex(row.product)
    if (!Number.isNaN(amounts.outputT[j]!))
      throw new RangeError(`two weights for ${row.product} in ${row.year}`)
    amounts.outputT[j] = row.outputT
    amounts.valueCny[j] = row.outputT * row.avgAllIn
  }
  // A product the survey leaves out of a year weighs nothing that year.
  for (const { outputT } of byYear.values())
    for (let j = 0; j < outputT.length; j++) if (Number.isNaN(outputT[j]!)) outputT[j] = 0
  const years = [...byYear.keys()].sort((a, b) => a - b)
  if (years.length === 0) throw new RangeError('the indices need at least one year of weights')
  return (year) => {
    let chosen = years[0]!
    for (const y of years) if (y < year) chosen = y
    return byYear.get(chosen)!
  }
}

/**
 * Shares of `amounts` (all > 0), capped at PRODUCT_CAP by the method's cap-and-redistribute (the
 * 35 % submitter cap's rule: cap, share the rest in proportion, repeat). The cap applies only when
 * the basket can hold it, i.e. with at least 4 products (4 × 30 % ≥ 100 %); with 3 or fewer the
 * shares stay uncapped: the only feasible cap would be 1/n, which makes every share equal and throws
 * the output values away. Of the sub-indices, this leaves high-end (3 products) uncapped.
 */
export function cappedShares(amounts: readonly number[]): number[] {
  const total = amounts.reduce((a, b) => a + b, 0)
  const shares = amounts.map((a) => a / total)
  return shares.length * PRODUCT_CAP >= 1 ? capShares(shares, PRODUCT_CAP) : shares
}
