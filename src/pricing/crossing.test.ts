import { describe, expect, it } from 'vitest'
import { crosses } from './crossing.ts'

describe('alert crossing', () => {
  it.each([
    // direction, threshold, previous, value, fires
    ['above', 20_000, 19_950, 20_010, true],
    ['above', 20_000, 20_000, 20_010, true], // at the threshold counts as not above
    ['above', 20_000, 20_050, 20_100, false], // already above
    ['above', 20_000, 19_950, 20_000, false], // reaching it is not crossing it
    ['above', 20_000, null, 20_010, true], // the first publication
    ['above', 20_000, null, 19_990, false],
    ['below', 1_500, 1_520, 1_480, true],
    ['below', 1_500, 1_480, 1_460, false],
    ['below', 1_500, 1_500, 1_490, true],
    ['below', -100, 50, -110, true], // fees may turn negative
    ['below', 1_500, 1_520, null, false], // a suspended series crosses nothing
  ] as const)('%s %i: %s → %s fires %s', (direction, threshold, previous, value, fires) => {
    expect(crosses(direction, threshold, previous, value)).toBe(fires)
  })
})
