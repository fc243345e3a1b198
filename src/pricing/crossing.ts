/**
 * When a publication fires an alert: it crosses the threshold when the value published before was
 * on the other side of it (or there was none) and the new value is strictly above / below it. A
 * null value (a suspended series) crosses nothing.
 * @module
 */
import type { AlertDirection } from './records.ts'

/**
 * @example crosses('above', 20_000, 19_950, 20_010) // true
 * @example crosses('above', 20_000, 20_050, 20_100) // false: it was above already
 */
export function crosses(
  direction: AlertDirection,
  threshold: number,
  previous: number | null,
  value: number | null,
): boolean {
  if (value === null) return false
  if (direction === 'above') return value > threshold && (previous === null || previous <= threshold)
  return value < threshold && (previous === null || previous >= threshold)
}
