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

  it('asks for one background refresh once half the time to live has passed, and never serves past it', () => {
    const cache = new PrincipalCache({ ttlMs: 1000 })
    cache.set('k', alice, 10_000)
    expect(cache.claimRefresh('k', 10_499)).toBe(false) // refresh due at 10_000 + 1000/2
    expect(cache.claimRefresh('k', 10_500)).toBe(true)
    expect(cache.claimRefresh('k', 10_600)).toBe(false) // already claimed
    expect(cache.get('k', 10_999)).toBe(alice)
    expect(cache.get('k', 11_000)).toBeNull()
    expect(cache.claimRefresh('missing', 10_500)).toBe(false)
    cache.set('k', alice, 10_700) // the refresh came back: a new time to live, a new refresh
    expect(cache.get('k', 11_699)).toBe(alice)
    expect(cache.claimRefresh('k', 11_200)).toBe(true)
    cache.delete('k') // the refresh found the credential revoked
    expect(cache.get('k', 11_201)).toBeNull()
  })

  it('does not remember a lookup that a clear overtook', () => {
    const cache = new PrincipalCache({ ttlMs: 1000 })
    const before = cache.generation
    cache.clear() // a logout while the lookup was under way
    cache.set('k', alice, 0, before)
    expect(cache.get('k', 1)).toBeNull()
    cache.set('k', alice, 0, cache.generation)
    expect(cache.get('k', 1)).toBe(alice)
  })

  it('never holds more than its maximum', () => {
    const cache = new PrincipalCache({ ttlMs: 1000, maxEntries: 2 })
    cache.set('a', alice, 0)
    cache.set('b', alice, 0)
    cache.set('c', alice, 0)
    expect([cache.get('a', 1), cache.get('b', 1), cache.get('c', 1)].filter(Boolean)).toHaveLength(1)
  })
})
