import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hashPassword, parsePasswordHash, type ScryptCost, verifyPassword } from './password.ts'

/** A cheap cost keeps the property runs fast; production uses DEFAULT_SCRYPT_COST. */
const FAST: ScryptCost = { n: 2 ** 10, r: 8, p: 1 }
const TEST: ScryptCost = { n: 2 ** 14, r: 8, p: 1 }

describe('password hashing', () => {
  it('writes a self-describing scrypt hash with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery', TEST)
    const b = await hashPassword('correct horse battery', TEST)
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    expect(a).not.toBe(b)
    expect(a).not.toContain('correct horse battery')
    expect(parsePasswordHash(a)?.cost).toEqual(TEST)
  })

  it('is deterministic for a given salt', async () => {
    const salt = new Uint8Array(16).fill(7)
    expect(await hashPassword('a passphrase', FAST, salt)).toBe(
      await hashPassword('a passphrase', FAST, salt),
    )
  })

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery', TEST)
    expect(await verifyPassword('correct horse battery', stored)).toBe(true)
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false)
    expect(await verifyPassword('', stored)).toBe(false)
  })

  it('verifies with the cost stored in the hash, not the current default', async () => {
    const stored = await hashPassword('old but fine pass', FAST)
    expect(await verifyPassword('old but fine pass', stored)).toBe(true)
  })

  it('treats Unicode passphrases by their NFC form', async () => {
    const composed = '密码是café-铝锭'
    const decomposed = composed.normalize('NFD')
    expect(decomposed).not.toBe(composed)
    const stored = await hashPassword(composed, FAST)
    expect(await verifyPassword(decomposed, stored)).toBe(true)
  })

  it('never matches a malformed or out-of-bounds stored hash', async () => {
    const good = await hashPassword('some password!', FAST)
    const parts = good.split('$')
    const variants = [
      '',
      'plain text password',
      good.replace('scrypt$', 'bcrypt$'),
      [...parts.slice(0, 1), String(2 ** 30), ...parts.slice(2)].join('$'), // N too large
      [...parts.slice(0, 1), '1000', ...parts.slice(2)].join('$'), // N not a power of two
      [...parts.slice(0, 5), 'AAAA'].join('$'), // key too short
      `${good}$extra`,
    ]
    for (const stored of variants) {
      expect(parsePasswordHash(stored)).toBeNull()
      expect(await verifyPassword('some password!', stored)).toBe(false)
    }
  })

  it('refuses to hash with an invalid cost or a short salt', async () => {
    await expect(hashPassword('x'.repeat(12), { n: 1000, r: 8, p: 1 })).rejects.toThrow(/cost/)
    await expect(hashPassword('x'.repeat(12), FAST, new Uint8Array(8))).rejects.toThrow(/salt/)
  })

  it('property: verify(hash(p), p) holds and verify(hash(p), q) fails for q ≠ p', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), async (p, q) => {
        fc.pre(p.normalize('NFC') !== q.normalize('NFC'))
        const stored = await hashPassword(p, FAST)
        expect(await verifyPassword(p, stored)).toBe(true)
        expect(await verifyPassword(q, stored)).toBe(false)
      }),
      { numRuns: 60 },
    )
  })
})
