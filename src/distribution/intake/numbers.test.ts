import { describe, expect, it } from 'vitest'
import { denoise, sumOfProducts } from './numbers.ts'

describe('denoise', () => {
  it('removes -0 and noise within 1e-9 of a whole unit, nothing else', () => {
    expect(Object.is(denoise(-0), 0)).toBe(true)
    expect(Object.is(denoise(-3e-12), 0)).toBe(true)
    expect(denoise(29.999_999_999_996)).toBe(30)
    expect(denoise(0.3)).toBe(0.3)
    expect(denoise(12.5)).toBe(12.5)
    expect(denoise(1e-6)).toBe(1e-6)
  })

  it('snaps money to whole fen with perUnit 100', () => {
    expect(denoise(349.949_999_999_999_9, 100)).toBe(349.95)
    expect(denoise(12.030_000_000_000_001, 100)).toBe(12.03)
    expect(denoise(0.123_4, 100)).toBe(0.123_4)
  })
})

describe('sumOfProducts', () => {
  it('adds without drift', () => {
    const pairs = Array.from({ length: 1000 }, () => [0.1, 1] as const)
    expect(sumOfProducts(pairs)).toBe(100)
    expect(sumOfProducts([])).toBe(0)
  })
})
