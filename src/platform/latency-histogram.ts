/**
 * A cumulative latency histogram with fixed bucket bounds, as Prometheus keeps them: counts only
 * grow, so a reader takes two snapshots and subtracts them to see one interval (`since`), and any
 * number of readers can do so without disturbing each other. Pure: the caller measures durations.
 * @module
 */

/** Upper bounds of the buckets in milliseconds; a last, unbounded bucket follows. */
export const LATENCY_BOUNDS_MS: readonly number[] = [
  0.1, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 200, 500, 1000, 2000, 5000,
]

export interface LatencySnapshot {
  /** Upper bound of each bucket in ms, null for the last (unbounded) one. */
  readonly boundsMs: readonly (number | null)[]
  /** Observations per bucket (not cumulative across buckets). */
  readonly counts: readonly number[]
  readonly count: number
  readonly sumMs: number
  /** The largest observation so far (a `since` difference keeps the later snapshot's). */
  readonly maxMs: number
}

export class LatencyHistogram {
  readonly #counts = new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0)
  #count = 0
  #sumMs = 0
  #maxMs = 0

  record(ms: number): void {
    if (!(ms >= 0)) return // NaN or negative: a clock step, not a latency
    let i = 0
    while (i < LATENCY_BOUNDS_MS.length && ms > LATENCY_BOUNDS_MS[i]!) i++
    this.#counts[i]!++
    this.#count++
    this.#sumMs += ms
    if (ms > this.#maxMs) this.#maxMs = ms
  }

  snapshot(): LatencySnapshot {
    return {
      boundsMs: [...LATENCY_BOUNDS_MS, null],
      counts: [...this.#counts],
      count: this.#count,
      sumMs: this.#sumMs,
      maxMs: this.#maxMs,
    }
  }
}

/** What was observed between two snapshots of the same histogram. */
export function since(later: LatencySnapshot, earlier: LatencySnapshot): LatencySnapshot {
  return {
    boundsMs: later.boundsMs,
    counts: later.counts.map((c, i) => c - (earlier.counts[i] ?? 0)),
    count: later.count - earlier.count,
    sumMs: later.sumMs - earlier.sumMs,
    maxMs: later.maxMs,
  }
}

/**
 * The upper bound of the bucket that holds quantile `q` (0–1) of the observations: the true value is
 * at most this. Null when nothing was observed; Infinity when it falls in the unbounded bucket.
 */
export function quantileAtMost(snapshot: LatencySnapshot, q: number): number | null {
  if (snapshot.count === 0) return null
  const rank = Math.max(1, Math.ceil(q * snapshot.count))
  let seen = 0
  for (let i = 0; i < snapshot.counts.length; i++) {
    seen += snapshot.counts[i]!
    if (seen >= rank) return snapshot.boundsMs[i] ?? Number.POSITIVE_INFINITY
  }
  return Number.POSITIVE_INFINITY
}
