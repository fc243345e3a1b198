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

  it('keeps a credential used within keepWarmMs fresh while its client pauses, then lets it expire', () => {
    const cache = new PrincipalCache({ ttlMs: 1000, keepWarmMs: 3000 })
    cache.set('k', alice, 10_000) // looked up for a request at 10_000
    expect(cache.claimKeepWarm(10_499)).toEqual([])
    expect(cache.claimKeepWarm(10_500)).toEqual(['k'])
    expect(cache.claimKeepWarm(10_600)).toEqual([]) // already claimed
    expect(cache.claimRefresh('k', 10_600)).toBe(false) // and not claimed twice by a request
    cache.set('k', alice, 10_600) // the lookup came back: fresh until 11_600, though nobody asked
    const refreshedAt: number[] = []
    for (let nowMs = 10_700; nowMs <= 20_000; nowMs += 100) {
      if (nowMs === 11_500) expect(cache.get('k', nowMs)).toBe(alice) // the client's last request
      if (cache.claimKeepWarm(nowMs).length > 0) {
        refreshedAt.push(nowMs)
        cache.set('k', alice, nowMs)
      }
    }
    // Refreshed at every half time to live while used within the last 3 s (last use 11_500), then
    // left to expire (1 s after the last refresh).
    expect(refreshedAt).toEqual([11_100, 11_600, 12_100, 12_600, 13_100, 13_600, 14_100])
    expect(cache.get('k', 20_000)).toBeNull()
  })

  it('does not keep warm what a lookup found no longer valid, nor an expired entry', () => {
    const cache = new PrincipalCache({ ttlMs: 1000, keepWarmMs: 60_000 })
    cache.set('revoked', alice, 0)
    cache.set('expired', alice, 0)
    expect(cache.claimKeepWarm(500).sort()).toEqual(['expired', 'revoked'])
    cache.delete('revoked') // its lookup found it revoked; the other lookup never came back
    expect(cache.claimKeepWarm(2000)).toEqual([])
    expect(cache.get('expired', 2000)).toBeNull()
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
