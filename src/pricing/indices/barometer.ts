/**
 * The processing-fee barometer: FB_t = Σ s_i · F_i,t, the spot fees weighted by the prior year's
 * output volume shares, in CNY/t. A level, not a ratio: fees near zero or below it are fine.
 * @module
 */
import type { WeekGrid } from './grid.ts'
import type { WeightsForYear } from './weights.ts'

/** The unrounded barometer per week (NaN before its first full week). */
export function feeBarometer(grid: WeekGrid, weightsFor: WeightsForYear): Float64Array {
  const n = grid.weeks.length
  const out = new Float64Array(n).fill(Number.NaN)
  let started = false
  for (let k = 0; k < n; k++) {
    const { outputT } = weightsFor(grid.years[k]!)
    let volume = 0
    let sum = 0
    let missing = false
    for (let j = 0; j < outputT.length; j++) {
      if (!(outputT[j]! > 0)) continue
      const fee = grid.fee[j]![k]!
      if (Number.isNaN(fee)) {
        missing = true
        continue
      }
      volume += outputT[j]!
      sum += outputT[j]! * fee
    }
    // It starts in the first week in which every product with volume that year has a fee, as the
    // all-in index does. Later, a product newly in the survey but never assessed is left out and
    // the others' shares renormalised.
    if (!started && (missing || volume === 0)) continue
    started = true
    if (volume > 0) out[k] = sum / volume
  }
  return out
}
