/**
 * Who a credential belongs to, remembered for a few seconds, so that an API client sending
 * thousands of requests does not cost a database lookup each. Only successes are remembered; a
 * logout, a revocation or a new login on this process clears it at once, and other processes see
 * them within `ttlMs`. Keys are the credentials' SHA-256 hashes, never the credentials.
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
  readonly #entries = new Map<string, { principal: Principal; untilMs: number }>()

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

  set(key: string, principal: Principal, nowMs: number): void {
    if (this.#ttlMs <= 0) return
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear()
    this.#entries.set(key, { principal, untilMs: nowMs + this.#ttlMs })
  }

  clear(): void {
    this.#entries.clear()
  }
}
