/**
 * The nearest-rank quantile `q` (0 to 1) of ascending `sorted` values; NaN when there are none.
 * The load generator's latencies and the machine probes use it, so their p50 and p99 mean the same.
 */
export const quantileOfSorted = (sorted: ArrayLike<number>, q: number): number =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
