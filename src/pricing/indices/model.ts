/**
 * The indices' vocabulary: what goes in (weekly all-in, fee and base per product, yearly output
 * per product) and what comes out (one list of dated points per index), and the published indices.
 * @module
 */
import type { IndexGroup } from '../model.ts'

/** One product's week: the spot processing fee, the base of the same date and their sum. */
export interface IndexWeekPoint {
  /** A product code of PRODUCTS (src/pricing/series.ts); its fee is the spot-track fee series. */
  readonly product: string
  /** YYYY-MM-DD: the window's publication date (a Thursday). A week belongs to this date's year. */
  readonly weekEnd: string
  /** CNY/t; null when the series has no value that week (suspended, or nothing assessed). */
  readonly fee: number | null
  /** CNY/t: the Gongyi A00 base of the same date. */
  readonly base: number | null
  /** CNY/t: base + fee. */
  readonly allIn: number | null
}

/** A product's output in one calendar year, from the member and statistics survey. */
export interface IndexYearWeight {
  readonly year: number
  readonly product: string
  /** Tonnes produced in the cluster that year (≥ 0). */
  readonly outputT: number
  /** CNY/t: the year's average all-in price (> 0). Output value = outputT × avgAllIn. */
  readonly avgAllIn: number
}

export interface IndexInput {
  readonly points: readonly IndexWeekPoint[]
  readonly weights: readonly IndexYearWeight[]
}

export type IndexId =
  | 'ALLIN'
  | 'ALLIN-SHEET_STRIP'
  | 'ALLIN-FOIL'
  | 'ALLIN-HIGH_END'
  | 'ALLIN-EXBASE'
  | 'FEE-BAROMETER'

export interface IndexDefinition {
  readonly id: IndexId
  readonly name: { readonly en: string; readonly zh: string }
  /** `points`: a level with base 1000, one decimal; `CNY/t`: an integer price level. */
  readonly unit: 'points' | 'CNY/t'
  /** The product group of a sub-index; null for an index over the whole basket. */
  readonly group: IndexGroup | null
}

export interface IndexPoint {
  /** YYYY-MM-DD, the week's publication date. */
  readonly date: string
  readonly value: number
}

export interface IndexSeries {
  readonly id: IndexId
  /** Oldest first, from the index's base week on; no point before it. */
  readonly points: readonly IndexPoint[]
}

/** Every index, in the order the board lists them. */
export const INDEX_DEFINITIONS: readonly IndexDefinition[] = [
  {
    id: 'ALLIN',
    name: { en: 'Gongyi all-in processed aluminium index', zh: '巩义铝加工全价指数' },
    unit: 'points',
    group: null,
  },
  {
    id: 'ALLIN-SHEET_STRIP',
    name: { en: 'All-in index: sheet, strip and plate', zh: '全价指数：板带' },
    unit: 'points',
    group: 'sheet_strip',
  },
  {
    id: 'ALLIN-FOIL',
    name: { en: 'All-in index: foil', zh: '全价指数：箔材' },
    unit: 'points',
    group: 'foil',
  },
  {
    id: 'ALLIN-HIGH_END',
    name: { en: 'All-in index: high-end products', zh: '全价指数：高端产品' },
    unit: 'points',
    group: 'high_end',
  },
  {
    id: 'ALLIN-EXBASE',
    name: { en: 'All-in index ex-base (base held at the link week)', zh: '全价指数（铝锭价固定于链接周）' },
    unit: 'points',
    group: null,
  },
  {
    id: 'FEE-BAROMETER',
    name: { en: 'Processing-fee barometer', zh: '加工费晴雨表' },
    unit: 'CNY/t',
    group: null,
  },
]

/** The level of every all-in index in its base week. */
export const BASE_LEVEL = 1000

/** No product carries more than this share of an index's weight (when the basket can hold it). */
export const PRODUCT_CAP = 0.3
