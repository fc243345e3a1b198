/**
 * Cleaning HiGHS's doubles and summing money, for the intake plan.
 * @module
 */

/** Relative width of what counts as floating-point noise around a whole unit. */
const NOISE = 1e-9

/**
 * `value` snapped to the nearest multiple of 1/`perUnit` when it lies within 1e-9 (relative, at
 * least absolute) of it, else unchanged; never -0. Tonnes use perUnit 1 (29.999999999996 → 30,
 * 3e-12 → 0), CNY use 100 (whole fen). Nothing else is rounded.
 */
export function denoise(value: number, perUnit = 1): number {
  const scaled = value * perUnit
  const whole = Math.round(scaled)
  const snapped = Math.abs(scaled - whole) <= NOISE * Math.max(1, Math.abs(scaled)) ? whole / perUnit : value
  return snapped + 0
}

/** Σ a_i × b_i with Neumaier's compensated sum, so long plans add up without drift. */
export function sumOfProducts(pairs: Iterable<readonly [number, number]>): number {
  let sum = 0
  let compensation = 0
  for (const [a, b] of pairs) {
    const x = a * b
    const t = sum + x
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum
    sum = t
  }
  return sum + compensation
}
