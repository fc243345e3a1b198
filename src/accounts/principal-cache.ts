/**
 * Who a credential belongs to, remembered for a few seconds, so that an API client sending
 * thousands of requests does not cost a database lookup each. Only successes are remembered; a
 * logout, a revocation or a new login on this process clears it at once, and other processes see
 * them within `ttlMs`. Keys are the credentials' SHA-256 hashes, never the credentials.
 *
 * A credential in use is looked up again in the background once half its time has passed
 * (`claimRefresh`), so that a busy client never waits for the database (where it would queue behind
 * the trading projection's writes) while the entry still never outlives `ttlMs`. A credential used
 * within `keepWarmMs` is looked up again the same way even while its client pauses
 * (`claimKeepWarm`, on a timer): a client sending a burst every few seconds would otherwise find it
 * expired at each burst, and wait for a database thread that runs at background priority (100 ms
 * and more while the cores are busy, in `bench:api`).
 * @module
 */
import type { Principal } from './model.ts'

export interface PrincipalCacheOptions {
  /** How long a lookup is trusted, ms. */
  readonly ttlMs?: number
  /** Entries at most; beyond it the cache starts again empty. */
  readonly maxEntries?: number
  /** How long after its last use a credential is still kept fresh by `claimKeepWarm`, ms. */
  readonly keepWarmMs?: number
}

export class PrincipalCache {
  readonly #ttlMs: number
  readonly #maxEntries: number
  readonly #keepWarmMs: number
  readonly #entries = new Map<
    string,
    { principal: Principal; untilMs: number; refreshAtMs: number; refreshing: boolean; usedAtMs: number }
  >()
  #generation = 0

  constructor(options: PrincipalCacheOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 5_000
    this.#maxEntries = options.maxEntries ?? 10_000
    this.#keepWarmMs = options.keepWarmMs ?? 60_000
  }

  get(key: string, nowMs: number): Principal | null {
    const entry = this.#entries.get(key)
    if (entry === undefined) return null
    if (entry.untilMs <= nowMs) {
      this.#entries.delete(key)
      return null
    }
    entry.usedAtMs = nowMs
    return entry.principal
  }

  /**
   * Remembers a lookup's success. `generation` is `this.generation` from before the lookup: a lookup
   * that a `clear` overtook (a logout, a revocation) is not remembered.
   */
  set(key: string, principal: Principal, nowMs: number, generation = this.#generation): void {
    if (this.#ttlMs <= 0 || generation !== this.#generation) return
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear()
    const refreshAtMs = nowMs + Math.floor(this.#ttlMs / 2)
    const usedAtMs = this.#entries.get(key)?.usedAtMs ?? nowMs
    this.#entries.set(key, {
      principal,
      untilMs: nowMs + this.#ttlMs,
      refreshAtMs,
      refreshing: false,
      usedAtMs,
    })
  }

  /**
   * True, once per entry, when a remembered credential is past half its time to live: the caller
   * then looks it up again in the background and `set`s (or `delete`s) it.
   */
  claimRefresh(key: string, nowMs: number): boolean {
    const entry = this.#entries.get(key)
    if (entry === undefined || entry.refreshing || nowMs < entry.refreshAtMs) return false
    entry.refreshing = true
    return true
  }

  /**
   * The keys to look up again now although nobody asked (see the module's note): past half their
   * time to live, not being looked up, and used within `keepWarmMs`. Each is claimed as by
   * `claimRefresh`. Expired entries are dropped; those unused for longer are left to expire.
   */
  claimKeepWarm(nowMs: number): string[] {
    const due: string[] = []
    for (const [key, entry] of this.#entries) {
      if (entry.untilMs <= nowMs) this.#entries.delete(key)
      else if (
        !entry.refreshing &&
        nowMs >= entry.refreshAtMs &&
        nowMs - entry.usedAtMs <= this.#keepWarmMs
      ) {
        entry.refreshing = true
        due.push(key)
      }
    }
    return due
  }

  delete(key: string): void {
    this.#entries.delete(key)
  }

  /** Changes with every `clear`. */
  get generation(): number {
    return this.#generation
  }

  clear(): void {
    this.#entries.clear()
    this.#generation++
  }
}
