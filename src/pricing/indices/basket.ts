/**
 * The indices' basket: every product whose spot-track fee series is assessed. Contract fees are term
 * fixings, not this week's market, so they stay out of the indices.
 * @module
 */
import type { IndexGroup } from '../model.ts'
import { feeSeriesId, findSeries, PRODUCTS } from '../series.ts'

export interface BasketProduct {
  readonly code: string
  /** The spot fee series the product's fee comes from. */
  readonly seriesId: string
  readonly group: IndexGroup
}

/** In PRODUCTS order. */
export const BASKET: readonly BasketProduct[] = PRODUCTS.flatMap((p) => {
  const series = findSeries(feeSeriesId(p.code, 'spot'))
  return series && series.kind === 'fee' && series.track === 'spot'
    ? [{ code: p.code, seriesId: series.id, group: p.group }]
    : []
})

const BY_SERIES = new Map(BASKET.map((p) => [p.seriesId, p.code]))

/**
 * The product code whose fee the indices take from this series: the series must be a spot fee.
 * @example indexProductOf('FEE-8011-O-FOIL-SPOT') // '8011-O-FOIL'; the CONTRACT series gives null
 */
export const indexProductOf = (seriesId: string): string | null => BY_SERIES.get(seriesId) ?? null
