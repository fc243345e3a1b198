/**
 * Who a credential belongs to, remembered for a few seconds, so that an API client sending
 * thousands of requests does not cost a database lookup each. Only successes are remembered; a
 * logout, a revocation or a new login on this process clears it at once, and other processes see
 * them within `ttlMs`. Keys are the credentials' SHA-256 hashes, never the credentials.
 *
 * A credential in use is looked up again in the background once half its time has passed
 * (`claimRefresh`), so that a busy client never waits for the database (where it would queue behind
 * the trading projection's writes) while the entry still never outlives `ttlMs`.
 * @module
 */
import type { Principal } from './model.ts'

export interface PrincipalCacheOptions {
  /** How long a lookup is trusted, ms. */
  readonly ttlMs?: number
  /** Entries at most; beyond it the cache starts again empty. */
  readonly maxEntries?: number
}

export class PrincipalCache {
  readonly #ttlMs: number
  readonly #maxEntries: number
  readonly #entries = new Map<
    string,
    { principal: Principal; untilMs: number; refreshAtMs: number; refreshing: boolean }
  >()
  #generation = 0

  constructor(options: PrincipalCacheOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 5_000
    this.#maxEntries = options.maxEntries ?? 10_000
  }

  get(key: string, nowMs: number): Principal | null {
    const entry = this.#entries.get(key)
    if (entry === undefined) return null
    if (entry.untilMs <= nowMs) {
      this.#entries.delete(key)
      return null
    }
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
    this.#entries.set(key, { principal, untilMs: nowMs + this.#ttlMs, refreshAtMs, refreshing: false })
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
