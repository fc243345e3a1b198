import { describe, expect, it } from 'vitest'
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './cookie.ts'

describe('session cookie', () => {
  it('is read from a Cookie header among others', () => {
    expect(readCookie(undefined, SESSION_COOKIE)).toBeNull()
    expect(readCookie('', SESSION_COOKIE)).toBeNull()
    expect(readCookie('a=1; huiguo_session=hgs_abc; b=2', SESSION_COOKIE)).toBe('hgs_abc')
    expect(readCookie('huiguo_session="hgs_q"', SESSION_COOKIE)).toBe('hgs_q')
    expect(readCookie('xhuiguo_session=1;huiguo_session=2', SESSION_COOKIE)).toBe('2')
    expect(readCookie('huiguo_session=first; huiguo_session=second', SESSION_COOKIE)).toBe('first')
    expect(readCookie('garbage; =x; huiguo_session', SESSION_COOKIE)).toBeNull()
  })

  it('is set HttpOnly and SameSite=Strict on /, Secure over https', () => {
    expect(sessionCookie('hgs_t', false)).toBe('huiguo_session=hgs_t; Path=/; HttpOnly; SameSite=Strict')
    expect(sessionCookie('hgs_t', true)).toBe(
      'huiguo_session=hgs_t; Path=/; HttpOnly; SameSite=Strict; Secure',
    )
    expect(clearedSessionCookie(false)).toBe('huiguo_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict')
  })
})
