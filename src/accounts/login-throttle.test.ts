import { describe, expect, it } from 'vitest'
import { LOGIN_THROTTLE, LoginThrottle, throttleKey } from './login-throttle.ts'

const T0 = Date.parse('2025-03-01T00:00:00Z')
const at = (ms: number) => new Date(T0 + ms)
const MIN = 60_000

describe('login throttle', () => {
  it('refuses after 10 failures in 15 minutes, until the oldest leaves the window', () => {
    const throttle = new LoginThrottle()
    const key = throttleKey('alice', '10.0.0.1')
    for (let i = 0; i < 10; i++) {
      expect(throttle.retryAfterMs(key, at(i * MIN))).toBe(0)
      throttle.recordFailure(key, at(i * MIN))
    }
    expect(throttle.retryAfterMs(key, at(10 * MIN))).toBe(5 * MIN)
    expect(throttle.retryAfterMs(throttleKey('alice', '10.0.0.2'), at(10 * MIN))).toBe(0)
    expect(throttle.retryAfterMs(throttleKey('bob', '10.0.0.1'), at(10 * MIN))).toBe(0)
    expect(throttle.retryAfterMs(key, at(15 * MIN))).toBe(0)
    throttle.recordFailure(key, at(15 * MIN))
    expect(throttle.retryAfterMs(key, at(15 * MIN))).toBe(MIN)
  })

  it('forgets a key on success', () => {
    const throttle = new LoginThrottle()
    const key = throttleKey('alice', '10.0.0.1')
    for (let i = 0; i < 10; i++) throttle.recordFailure(key, at(0))
    expect(throttle.retryAfterMs(key, at(0))).toBeGreaterThan(0)
    throttle.reset(key)
    expect(throttle.retryAfterMs(key, at(0))).toBe(0)
  })

  it('keeps at most maxKeys keys, dropping the stalest', () => {
    const throttle = new LoginThrottle({ ...LOGIN_THROTTLE, maxKeys: 3 })
    for (let i = 0; i < 5; i++) throttle.recordFailure(`k${i}`, at(i))
    expect(throttle.size).toBe(3)
    for (let i = 0; i < 10; i++) throttle.recordFailure('k4', at(10))
    expect(throttle.retryAfterMs('k4', at(10))).toBeGreaterThan(0)
  })
})
