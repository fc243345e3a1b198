/**
 * The arithmetic the method leans on: medians, rounding half away from zero to 10 CNY/t, and the
 * iterative cap of shares.
 * @module
 */

/** Tolerance for floating-point comparisons at rounding and cap boundaries (values are CNY/t, shares ≤ 1). */
const EPSILON = 1e-9

/** The median; of an even count, the mean of the two middle values. Throws on an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values')
  const sorted = Float64Array.from(values).sort() // typed arrays sort numerically, without a comparator call per step
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Rounds half away from zero to the nearest 10. A weighted mean that should be exactly …5 can come
 * out of floating point as …4.999999…; within EPSILON of a half it counts as the half.
 */
export function roundToTen(x: number): number {
  const tens = Math.abs(x) / 10
  const floor = Math.floor(tens)
  const fraction = tens - floor
  const up = fraction >= 0.5 - EPSILON
  const rounded = (up ? floor + 1 : floor) * 10
  return x < 0 && rounded !== 0 ? -rounded : rounded
}

/**
 * Shares of `weights` with none above `cap`: every share above the cap is set to exactly the cap,
 * the rest of the total is shared among the others in proportion to their weight, and this repeats
 * until none is above. Needs `cap × weights.length ≥ 1` to end with shares summing to 1.
 */
export function capShares(weights: readonly number[], cap: number): number[] {
  if (cap * weights.length < 1 - EPSILON)
    throw new RangeError(`a cap of ${cap} cannot hold ${weights.length} shares`)
  const capped = new Array<boolean>(weights.length).fill(false)
  for (;;) {
    let cappedCount = 0
    let freeWeight = 0
    for (let i = 0; i < weights.length; i++) {
      if (capped[i]) cappedCount++
      else freeWeight += weights[i]!
    }
    const rest = 1 - cap * cappedCount
    const shares = weights.map((w, i) => (capped[i] ? cap : freeWeight > 0 ? (rest * w) / freeWeight : 0))
    let changed = false
    for (let i = 0; i < shares.length; i++)
      if (!capped[i] && shares[i]! > cap + EPSILON) {
        capped[i] = true
        changed = true
      }
    if (!changed) return shares
  }
}
