/**
 * The assessment method (v1), pure: `assess(input)` gives the record a publication is made from.
 * @module
 */
export { assess, METHODOLOGY_VERSION } from './assess.ts'
export { capShares, median, roundToTen } from './numbers.ts'
