import { describe, expect, it } from 'vitest'
import { createRandom } from '../../kernel/index.ts'
import {
  newTrackingCode,
  normaliseTrackingCode,
  TRACKING_ALPHABET,
  TRACKING_CODE_INPUT_PATTERN,
} from './tracking-code.ts'

/** Seeded bytes, so the test draws the same codes every run. */
const seededBytes = (seed: number) => {
  const rng = createRandom(seed)
  return (size: number) => Uint8Array.from({ length: size }, () => rng.int(0, 255))
}

describe('tracking codes', () => {
  it('use 30 characters that are hard to confuse', () => {
    expect(TRACKING_ALPHABET).toHaveLength(30)
    expect(new Set(TRACKING_ALPHABET).size).toBe(30)
    for (const c of '01ILOU') expect(TRACKING_ALPHABET).not.toContain(c)
  })

  it('are 10 characters of the alphabet, and do not repeat', () => {
    const bytes = seededBytes(7)
    const codes = Array.from({ length: 2000 }, () => newTrackingCode(bytes))
    for (const code of codes) expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$/)
    expect(new Set(codes).size).toBe(codes.length)
  })

  it('drop the bytes that would bias the draw', () => {
    // 240…255 are skipped: a source of only those bytes then 0, 29 gives the first and last characters.
    let call = 0
    const code = newTrackingCode((size) =>
      call++ === 0
        ? new Uint8Array(size).fill(250)
        : Uint8Array.from({ length: size }, (_, i) => (i % 2 ? 29 : 0)),
    )
    expect(code).toBe('2Z2Z2Z2Z2Z')
  })

  it('are read back from what a person types', () => {
    expect(normaliseTrackingCode('k7qd2-xwmnb')).toBe('K7QD2XWMNB')
    expect(normaliseTrackingCode(' K7QD2 XWMNB ')).toBe('K7QD2XWMNB')
    expect(normaliseTrackingCode('K7QD2XWMN')).toBeNull()
    expect(normaliseTrackingCode('K7QD2XWMN0')).toBeNull()
    expect(new RegExp(TRACKING_CODE_INPUT_PATTERN).test('k7qd2-xwmnb')).toBe(true)
    expect(new RegExp(TRACKING_CODE_INPUT_PATTERN).test('K7QD2XWMNO')).toBe(false)
  })
})
