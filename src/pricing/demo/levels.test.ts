import { describe, expect, it } from 'vitest'
import { createRandom } from '../../kernel/random.ts'
import {
  BASE_CEILING,
  BASE_FLOOR,
  compressionOf,
  FEE_PROFILES,
  simulateBase,
  simulateSpotFee,
} from './levels.ts'

describe('levels', () => {
  it('keep the base inside its band, whatever the seed', () => {
    for (let seed = 0; seed < 20; seed++) {
      const path = simulateBase(createRandom(seed), 545)
      expect(Math.min(...path)).toBeGreaterThanOrEqual(BASE_FLOOR)
      expect(Math.max(...path)).toBeLessThanOrEqual(BASE_CEILING)
    }
  })

  it('compress a fee a little when the base spikes, not when it drifts', () => {
    // 600 above the 20-day average: 0.4 × (600 − 100) = 200, but at most 6 % of a 1,800 fee = 108
    expect(compressionOf(1_800, 600)).toBeCloseTo(108, 6)
    // 300 above: 0.4 × 200 = 80
    expect(compressionOf(1_800, 300)).toBeCloseTo(80, 6)
    expect(compressionOf(1_800, 100)).toBe(0)
    expect(compressionOf(1_800, -400)).toBe(0)
    const calm = Array.from({ length: 30 }, () => 0)
    const spiked = calm.map((x, w) => (w === 20 ? 600 : x))
    const profile = FEE_PROFILES['1060-H24-SHEET']!
    const a = simulateSpotFee(createRandom(5), profile, calm)
    const b = simulateSpotFee(createRandom(5), profile, spiked)
    expect(b.filter((_, w) => w !== 20)).toEqual(a.filter((_, w) => w !== 20))
    expect(a[20]! - b[20]!).toBeGreaterThan(0)
    expect(a[20]! - b[20]!).toBeLessThanOrEqual(Math.ceil(0.06 * a[20]!))
  })

  it('stay inside the research ranges, whatever the seed', () => {
    const excess = Array.from({ length: 104 }, (_, w) => (w % 17 === 0 ? 700 : 0))
    for (const [code, profile] of Object.entries(FEE_PROFILES))
      for (let seed = 0; seed < 10; seed++) {
        const fees = simulateSpotFee(createRandom(seed), profile, excess)
        expect(Math.min(...fees), code).toBeGreaterThanOrEqual(profile.low)
        expect(Math.max(...fees), code).toBeLessThanOrEqual(profile.high)
      }
  })
})
