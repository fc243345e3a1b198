import { describe, expect, it } from 'vitest'
import { capShares, median, roundToTen } from './numbers.ts'

describe('median', () => {
  it('takes the middle of an odd count and the mean of the two middles of an even count', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(() => median([])).toThrow(RangeError)
  })
})

describe('roundToTen', () => {
  it('rounds half away from zero', () => {
    expect([1004.9, 1005, 1015, -1005, -1004.9, -5, 5, 4.9, 0].map(roundToTen)).toEqual([
      1000, 1010, 1020, -1010, -1000, -10, 10, 0, 0,
    ])
  })
  it('counts a half that floating point put a hair below as the half', () => {
    // 0.1 + 0.2 = 0.30000000000000004; 1004.9999999999999 is what a weighted mean of 1000 and 1010 can give
    expect(roundToTen(1004.9999999999999)).toBe(1010)
    expect(roundToTen(-1004.9999999999999)).toBe(-1010)
  })
})

describe('capShares', () => {
  it('leaves shares under the cap alone', () => {
    expect(capShares([30, 30, 40], 0.4)).toEqual([0.3, 0.3, 0.4])
  })
  it('caps every share above the cap at once and shares the rest by weight', () => {
    // .5 .4 .05 .05 → .35 .35, the rest .30 over 5 + 5 → .15 .15
    const shares = capShares([50, 40, 5, 5], 0.35)
    for (const [i, s] of [0.35, 0.35, 0.15, 0.15].entries()) expect(shares[i]).toBeCloseTo(s, 12)
  })
  it('repeats until none is above', () => {
    // .70 .25 .03 .02 → A .35; .65 over 30: B = .5417 → capped; .30 over 5: C .18, D .12
    const shares = capShares([70, 25, 3, 2], 0.35)
    for (const [i, s] of [0.35, 0.35, 0.18, 0.12].entries()) expect(shares[i]).toBeCloseTo(s, 12)
  })
  it('refuses a cap that cannot hold the shares', () => {
    expect(() => capShares([1, 1], 0.35)).toThrow(RangeError)
  })
})
