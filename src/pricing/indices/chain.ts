/**
 * The chain-linked Laspeyres level of one index: within a year, I_t = I_L × Σ w_i · r_i(t, L),
 * where L is the link week (the last week of the year before; the base week in the first year) and
 * r_i the product's price relative to the link week. At every link the new year's weights come in
 * and the level carries over, so re-weighting never breaks the level.
 * @module
 */
import type { WeekGrid } from './grid.ts'
import { BASE_LEVEL } from './model.ts'
import { cappedShares, type WeightsForYear } from './weights.ts'

/** Product j's price in week k relative to link week `link`; NaN when the link week has no usable price. */
export type Relative = (j: number, k: number, link: number) => number

/** P_t / P_L on the all-in price. */
export const allInRelative =
  (grid: WeekGrid): Relative =>
  (j, k, link) => {
    const row = grid.allIn[j]!
    return row[link]! > 0 ? row[k]! / row[link]! : Number.NaN
  }

/** (B_L + F_t) / (B_L + F_L): the base held at its link-week value, so only the fee moves the index. */
export const exBaseRelative =
  (grid: WeekGrid): Relative =>
  (j, k, link) => {
    const baseAtLink = grid.base[j]![link]!
    const fee = grid.fee[j]!
    const denominator = baseAtLink + fee[link]!
    return denominator > 0 ? (baseAtLink + fee[k]!) / denominator : Number.NaN
  }

interface Basket {
  readonly products: readonly number[]
  readonly shares: readonly number[]
}

/**
 * The unrounded level per week (NaN before the base week) over the products `members` (BASKET
 * indices), weighted by output value.
 */
export function chainLinked(
  grid: WeekGrid,
  members: readonly number[],
  relative: Relative,
  weightsFor: WeightsForYear,
): Float64Array {
  const n = grid.weeks.length
  const levels = new Float64Array(n).fill(Number.NaN)
  const weighted = (year: number): number[] => {
    const value = weightsFor(year).valueCny
    return members.filter((j) => value[j]! > 0)
  }
  // The base week: the first week in which every product weighted that year has a price. Data added
  // later never moves it, so a published history is never rebased.
  let baseWeek = -1
  for (let k = 0; k < n && baseWeek < 0; k++) {
    const products = weighted(grid.years[k]!)
    if (products.length > 0 && products.every((j) => Number.isFinite(relative(j, k, k)))) baseWeek = k
  }
  if (baseWeek < 0) return levels

  // A product weighted in the new year but without a price at the link week (it has never been
  // assessed) stays out until the next link; the others' shares are renormalised before the cap.
  const basketAt = (link: number, year: number): Basket => {
    const value = weightsFor(year).valueCny
    const products = weighted(year).filter((j) => Number.isFinite(relative(j, link, link)))
    return { products, shares: products.length > 0 ? cappedShares(products.map((j) => value[j]!)) : [] }
  }
  let link = baseWeek
  let linkLevel = BASE_LEVEL
  let basket = basketAt(baseWeek, grid.years[baseWeek]!)
  for (let k = baseWeek; k < n; k++) {
    if (k > baseWeek && grid.years[k] !== grid.years[k - 1]) {
      link = k - 1
      linkLevel = levels[link]!
      basket = basketAt(link, grid.years[k]!)
    }
    // An empty basket (a year whose survey weighs none of the index's priced products) measures no
    // change: the level is held.
    let sum = basket.products.length > 0 ? 0 : 1
    for (let i = 0; i < basket.products.length; i++)
      sum += basket.shares[i]! * relative(basket.products[i]!, k, link)
    levels[k] = linkLevel * sum
  }
  return levels
}
