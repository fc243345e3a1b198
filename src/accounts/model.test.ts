import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  API_TOKEN_PREFIX,
  apiTokenState,
  checkNewUser,
  generateToken,
  hashToken,
  isRole,
  isTokenShaped,
  passwordProblems,
  ROLES,
  SESSION_IDLE_MS,
  SESSION_TOKEN_PREFIX,
  sessionExpiresAt,
  sessionState,
} from './model.ts'

const T0 = new Date('2025-03-01T00:00:00Z')
const at = (ms: number) => new Date(T0.getTime() + ms)

describe('roles', () => {
  it('knows the seven roles and nothing else', () => {
    expect(ROLES).toEqual(['trader', 'risk', 'warehouse', 'admin', 'analyst', 'viewer', 'energy'])
    expect(isRole('energy')).toBe(true)
    expect(isRole('trader')).toBe(true)
    expect(isRole('Trader')).toBe(false)
    expect(isRole('root')).toBe(false)
  })
})

describe('password policy', () => {
  it('wants at least 10 characters, counted as characters not bytes', () => {
    expect(passwordProblems('123456789', 'alice').map((p) => p.reason)).toEqual(['PASSWORD_TOO_SHORT'])
    expect(passwordProblems('1234567890', 'alice')).toEqual([])
    expect(passwordProblems('铝锭铝锭铝锭铝锭铝', 'alice').map((p) => p.reason)).toEqual([
      'PASSWORD_TOO_SHORT',
    ])
    expect(passwordProblems('铝锭铝锭铝锭铝锭铝锭', 'alice')).toEqual([])
  })

  it('refuses the username as password, in any case', () => {
    expect(passwordProblems('zhang.wei.01', 'zhang.wei.01').map((p) => p.reason)).toEqual([
      'PASSWORD_IS_USERNAME',
    ])
    expect(passwordProblems('Zhang.Wei.01', 'zhang.wei.01').map((p) => p.reason)).toEqual([
      'PASSWORD_IS_USERNAME',
    ])
  })

  it('refuses absurdly long passwords', () => {
    expect(passwordProblems('x'.repeat(1025), 'alice').map((p) => p.reason)).toEqual(['PASSWORD_TOO_LONG'])
  })
})

describe('new users', () => {
  const good = {
    enterpriseId: 'gy-001',
    username: 'Zhang.Wei',
    password: 'long enough pass',
    roles: ['trader'],
  }

  it('normalises the username to lower case and orders and dedupes roles', () => {
    const r = checkNewUser({ ...good, roles: ['viewer', 'trader', 'viewer'] })
    expect(r).toEqual({ ok: true, value: { ...good, username: 'zhang.wei', roles: ['trader', 'viewer'] } })
  })

  it('refuses a bad username, unknown or missing roles and a weak password, each with its code', () => {
    expect(checkNewUser({ ...good, username: 'a b' })).toMatchObject({ ok: false, code: 'USERNAME_INVALID' })
    expect(checkNewUser({ ...good, username: 'ab' })).toMatchObject({ ok: false, code: 'USERNAME_INVALID' })
    expect(checkNewUser({ ...good, roles: ['trader', 'root'] })).toMatchObject({
      ok: false,
      code: 'ROLE_INVALID',
    })
    expect(checkNewUser({ ...good, roles: [] })).toMatchObject({ ok: false, code: 'ROLE_INVALID' })
    expect(checkNewUser({ ...good, password: 'short' })).toMatchObject({
      ok: false,
      code: 'PASSWORD_TOO_WEAK',
      errors: [{ field: 'password', reason: 'PASSWORD_TOO_SHORT' }],
    })
  })
})

describe('tokens', () => {
  it('are a readable prefix and 32 random bytes in base64url', () => {
    const token = generateToken(API_TOKEN_PREFIX, randomBytes)
    expect(token).toMatch(/^hg_[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(token.slice(3), 'base64url')).toHaveLength(32)
    expect(generateToken(API_TOKEN_PREFIX, randomBytes)).not.toBe(token)
  })

  it('come from the injected random source', () => {
    const zeros = (n: number) => new Uint8Array(n)
    expect(generateToken(SESSION_TOKEN_PREFIX, zeros)).toBe(`hgs_${'A'.repeat(43)}`)
    expect(() => generateToken(API_TOKEN_PREFIX, () => new Uint8Array(16))).toThrow()
  })

  it('are recognised by shape, and a session token is never an API token', () => {
    const api = generateToken(API_TOKEN_PREFIX, randomBytes)
    const session = generateToken(SESSION_TOKEN_PREFIX, randomBytes)
    expect(isTokenShaped(api, API_TOKEN_PREFIX)).toBe(true)
    expect(isTokenShaped(session, SESSION_TOKEN_PREFIX)).toBe(true)
    expect(isTokenShaped(session, API_TOKEN_PREFIX)).toBe(false)
    expect(isTokenShaped(api, SESSION_TOKEN_PREFIX)).toBe(false)
    expect(isTokenShaped(`${api}x`, API_TOKEN_PREFIX)).toBe(false)
    expect(isTokenShaped(`hg_${'!'.repeat(43)}`, API_TOKEN_PREFIX)).toBe(false)
  })

  it('are stored as their SHA-256 in hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})

describe('lifetimes', () => {
  it('slide a session 12 hours from its last use, at most once a minute', () => {
    expect(sessionExpiresAt(T0).getTime() - T0.getTime()).toBe(SESSION_IDLE_MS)
    const session = { lastSeenAt: T0, expiresAt: sessionExpiresAt(T0) }
    expect(sessionState(session, at(30_000))).toBe('live')
    expect(sessionState(session, at(60_000))).toBe('touch')
    expect(sessionState(session, at(SESSION_IDLE_MS - 1))).toBe('touch')
    expect(sessionState(session, at(SESSION_IDLE_MS))).toBe('expired')
  })

  it('end an API token when revoked or expired', () => {
    expect(apiTokenState({ expiresAt: null, revokedAt: null }, T0)).toBe('active')
    expect(apiTokenState({ expiresAt: at(1), revokedAt: null }, T0)).toBe('active')
    expect(apiTokenState({ expiresAt: T0, revokedAt: null }, T0)).toBe('expired')
    expect(apiTokenState({ expiresAt: at(-1), revokedAt: at(-2) }, T0)).toBe('revoked')
    expect(apiTokenState({ expiresAt: null, revokedAt: at(5) }, T0)).toBe('revoked')
  })
})
