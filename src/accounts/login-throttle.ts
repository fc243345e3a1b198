/**
 * Failed-login throttling per username and client address: after `maxFailures` failures within
 * `windowMs`, further attempts are refused until the oldest failure leaves the window.
 *
 * The window is kept in memory, per process: a restart forgets it and each API node counts on its
 * own. That is enough to stop password guessing through one node at human-irrelevant rates; when
 * API nodes are scaled out, the counts move to a shared store. Time is passed in (`now`).
 */

export interface ThrottlePolicy {
  readonly maxFailures: number
  readonly windowMs: number
  /** Keys kept at most; beyond it the stalest are forgotten, so a flood of names cannot fill memory. */
  readonly maxKeys: number
}

/** 10 failures per 15 minutes per username and address. */
export const LOGIN_THROTTLE: ThrottlePolicy = { maxFailures: 10, windowMs: 15 * 60 * 1000, maxKeys: 100_000 }

/** The throttle key of a login attempt. */
export const throttleKey = (username: string, address: string): string => `${username}\u0000${address}`

/**
 * A sliding window of failure times per key.
 *
 * @example
 * const throttle = new LoginThrottle()
 * if (throttle.retryAfterMs(key, now) > 0) refuse()
 * else if (!ok) throttle.recordFailure(key, now)
 */
export class LoginThrottle {
  readonly policy: ThrottlePolicy
  /** Failure times (ms) per key, oldest first, at most maxFailures of them. */
  #failures = new Map<string, number[]>()

  constructor(policy: ThrottlePolicy = LOGIN_THROTTLE) {
    this.policy = policy
  }

  /** Milliseconds until the key may try again; 0 when it may try now. */
  retryAfterMs(key: string, now: Date): number {
    const times = this.#recent(key, now.getTime())
    if (times.length < this.policy.maxFailures) return 0
    return (times[0] as number) + this.policy.windowMs - now.getTime()
  }

  /** Counts one failed attempt of the key at `now`. */
  recordFailure(key: string, now: Date): void {
    const nowMs = now.getTime()
    const times = this.#recent(key, nowMs)
    times.push(nowMs)
    if (times.length > this.policy.maxFailures) times.splice(0, times.length - this.policy.maxFailures)
    // Re-insert so the Map's order is least recently failed first (eviction order below).
    this.#failures.delete(key)
    this.#failures.set(key, times)
    if (this.#failures.size > this.policy.maxKeys) this.#evict(nowMs)
  }

  /** Forgets the key's failures (after a successful login). */
  reset(key: string): void {
    this.#failures.delete(key)
  }

  /** How many keys are tracked (for tests and metrics). */
  get size(): number {
    return this.#failures.size
  }

  #recent(key: string, nowMs: number): number[] {
    const times = this.#failures.get(key)
    if (!times) return []
    const from = nowMs - this.policy.windowMs
    let drop = 0
    while (drop < times.length && (times[drop] as number) <= from) drop++
    if (drop > 0) times.splice(0, drop)
    return times
  }

  #evict(nowMs: number): void {
    const from = nowMs - this.policy.windowMs
    for (const [key, times] of this.#failures) {
      if ((times[times.length - 1] ?? 0) <= from) this.#failures.delete(key)
    }
    for (const key of this.#failures.keys()) {
      if (this.#failures.size <= this.policy.maxKeys) break
      this.#failures.delete(key)
    }
  }
}
