import { describe, expect, it } from 'vitest'
import type { Principal } from './model.ts'
import { PrincipalCache } from './principal-cache.ts'

const alice: Principal = {
  userId: 'u1',
  enterpriseId: 'p-0001',
  username: 'alice',
  roles: ['trader'],
  via: 'token',
}

describe('PrincipalCache', () => {
  it('remembers a principal for its time to live, and no longer', () => {
    const cache = new PrincipalCache({ ttlMs: 1000 })
    cache.set('k', alice, 10_000)
    expect(cache.get('k', 10_999)).toBe(alice)
    expect(cache.get('k', 11_000)).toBeNull()
    expect(cache.get('other', 10_000)).toBeNull()
  })

  it('forgets everything on clear, and remembers nothing with a zero time to live', () => {
    const cache = new PrincipalCache({ ttlMs: 1000 })
    cache.set('k', alice, 0)
    cache.clear()
    expect(cache.get('k', 1)).toBeNull()
    const off = new PrincipalCache({ ttlMs: 0 })
    off.set('k', alice, 0)
    expect(off.get('k', 0)).toBeNull()
  })

  it('never holds more than its maximum', () => {
    const cache = new PrincipalCache({ ttlMs: 1000, maxEntries: 2 })
    cache.set('a', alice, 0)
    cache.set('b', alice, 0)
    cache.set('c', alice, 0)
    expect([cache.get('a', 1), cache.get('b', 1), cache.get('c', 1)].filter(Boolean)).toHaveLength(1)
  })
})
