/**
 * The pricing center's indices, pure: the all-in processed aluminium index (chain-linked Laspeyres,
 * base 1000), its sheet/strip, foil and high-end sub-indices, its ex-base version, and the
 * processing-fee barometer (a volume-weighted average fee in CNY/t). Input: the spot fees, bases and
 * all-ins of each week, and each year's output per product.
 * @module
 */
export { BASKET, type BasketProduct, indexProductOf } from './basket.ts'
export { computeIndices } from './compute.ts'
export {
  BASE_LEVEL,
  INDEX_DEFINITIONS,
  type IndexDefinition,
  type IndexId,
  type IndexInput,
  type IndexPoint,
  type IndexSeries,
  type IndexWeekPoint,
  type IndexYearWeight,
  PRODUCT_CAP,
} from './model.ts'
