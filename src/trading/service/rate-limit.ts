/**
 * A token bucket per caller: `perSecond` sustained, `burst` at once. In memory, per process: with
 * several API nodes each enforces its own share.
 * @module
 */
export interface RatePolicy {
  readonly perSecond: number
  readonly burst: number
}

export const DEFAULT_RATE: RatePolicy = { perSecond: 50, burst: 100 }

/** Callers idle this long are forgotten. */
const IDLE_MS = 60_000

export class RateLimiter {
  readonly policy: RatePolicy
  readonly #buckets = new Map<string, { tokens: number; atMs: number }>()
  #sweptAtMs = 0

  constructor(policy: RatePolicy = DEFAULT_RATE) {
    this.policy = policy
  }

  /** Takes one token for `caller` at `nowMs`; false when the caller must wait. */
  take(caller: string, nowMs: number): boolean {
    this.#sweep(nowMs)
    const { perSecond, burst } = this.policy
    const bucket = this.#buckets.get(caller)
    if (bucket === undefined) {
      this.#buckets.set(caller, { tokens: burst - 1, atMs: nowMs })
      return true
    }
    bucket.tokens = Math.min(burst, bucket.tokens + ((nowMs - bucket.atMs) * perSecond) / 1000)
    bucket.atMs = nowMs
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }

  #sweep(nowMs: number): void {
    if (nowMs - this.#sweptAtMs < IDLE_MS) return
    this.#sweptAtMs = nowMs
    for (const [caller, bucket] of this.#buckets)
      if (nowMs - bucket.atMs > IDLE_MS) this.#buckets.delete(caller)
  }
}
