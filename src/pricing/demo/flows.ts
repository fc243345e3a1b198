/**
 * How each kind of series trades in the demo: how many deals a liquid window has, how far they
 * spread, their terms, and how often a deal carries each defect the method excludes.
 * @module
 */
import type { BaseConvention } from '../records.ts'

export type Defect =
  | 'affiliated'
  | 'priced_on_index'
  | 'late_delivery'
  | 'long_payment'
  | 'below_min_lot'
  | 'outside_window'
  | 'miskeyed'
  | 'outlier'

type Weighted<T> = readonly (readonly [T, number])[]

/** How a kind of series trades: the sizes, spreads and terms its deals come in. */
export interface Flow {
  /** Qualifying deals in a liquid window. */
  readonly liquidDeals: readonly [number, number]
  /** Distinct submitters among the first deals of a liquid window. */
  readonly liquidSubmitters: readonly [number, number]
  /** A liquid window's qualifying volume, as a multiple of the family's tier-1 volume. */
  readonly liquidVolume: readonly [number, number]
  /** Standard deviation of a deal around the level: a share of it, at least `valueSdMin` CNY/t. */
  readonly valueSd: number
  readonly valueSdMin: number
  /** Half the bid-offer spread, as a share of the level. */
  readonly quoteSpread: readonly [number, number]
  readonly deliveryDays: readonly [number, number]
  readonly paymentDays: Weighted<number>
  readonly conventions: Weighted<BaseConvention>
  /** Per window, the chance of one deal with each defect. */
  readonly defects: Readonly<Record<Defect, number>>
}

/** Daily ingot deals: many, tight, short terms. */
export const BASE_FLOW: Flow = {
  liquidDeals: [8, 14],
  liquidSubmitters: [3, 5],
  liquidVolume: [1.3, 3],
  valueSd: 0,
  valueSdMin: 35,
  quoteSpread: [0.001, 0.004],
  deliveryDays: [1, 10],
  paymentDays: [
    [0, 0.7],
    [3, 0.2],
    [7, 0.1],
  ],
  conventions: [['day', 1]],
  defects: {
    affiliated: 0.03,
    priced_on_index: 0.02,
    late_delivery: 0.02,
    long_payment: 0.02,
    below_min_lot: 0.05,
    // daily windows follow each other without a gap: a deal dealt outside one lies in another
    outside_window: 0,
    miskeyed: 0.01,
    outlier: 0.04,
  },
}

/** Weekly spot fee deals. */
export const SPOT_FLOW: Flow = {
  liquidDeals: [6, 11],
  liquidSubmitters: [3, 5],
  liquidVolume: [1.3, 2.6],
  valueSd: 0.015,
  valueSdMin: 10,
  quoteSpread: [0.005, 0.03],
  deliveryDays: [3, 30],
  paymentDays: [
    [0, 0.35],
    [7, 0.15],
    [15, 0.1],
    [30, 0.2],
    [60, 0.12],
    [90, 0.08],
  ],
  conventions: [
    ['day', 0.7],
    ['shfe_point', 0.15],
    ['monthly_average', 0.15],
  ],
  defects: {
    affiliated: 0.06,
    priced_on_index: 0.04,
    late_delivery: 0.05,
    long_payment: 0.05,
    below_min_lot: 0.08,
    outside_window: 0.04,
    miskeyed: 0.03,
    outlier: 0.08,
  },
}

/** Term fixings: few, large, close to each other, on monthly averages. */
export const CONTRACT_FLOW: Flow = {
  liquidDeals: [5, 8],
  liquidSubmitters: [2, 4],
  liquidVolume: [0.8, 3],
  valueSd: 0.008,
  valueSdMin: 10,
  quoteSpread: [0.005, 0.02],
  deliveryDays: [10, 40],
  paymentDays: [
    [30, 0.5],
    [60, 0.35],
    [90, 0.15],
  ],
  conventions: [
    ['monthly_average', 0.5],
    ['previous_month_average', 0.4],
    ['shfe_point', 0.1],
  ],
  defects: {
    affiliated: 0.03,
    priced_on_index: 0.03,
    late_delivery: 0.05,
    long_payment: 0.03,
    below_min_lot: 0.02,
    outside_window: 0.02,
    miskeyed: 0.01,
    outlier: 0.02,
  },
}
