import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BASKET } from './basket.ts'
import { weight } from './fixtures.test-util.ts'
import { buildWeights, cappedShares } from './weights.ts'

/** The shares to 9 decimals. */
const near = (xs: number[]) => xs.map((x) => expect.closeTo(x, 9))

describe('cappedShares: 30 % a product, cap-and-redistribute', () => {
  it('caps one product and shares the rest in proportion', () => {
    // 60/10/10/10/10 → 30, and the other 70 % over four equal products: 17.5 % each.
    expect(cappedShares([60, 10, 10, 10, 10])).toEqual(near([0.3, 0.175, 0.175, 0.175, 0.175]))
  })

  it('repeats until none is above: the redistribution pushes a second product over', () => {
    // 45/25/10/10/10: cap the first at 30 %; the other 70 % over 25+10+10+10 = 55 gives the second
    // 70 × 25/55 = 31.8 % > 30 %, so cap it too; the last 40 % over three equal products: 13.3 % each.
    expect(cappedShares([45, 25, 10, 10, 10])).toEqual(near([0.3, 0.3, 0.4 / 3, 0.4 / 3, 0.4 / 3]))
  })

  it('with four products the cap still holds (4 × 30 % ≥ 100 %)', () => {
    // 70/10/10/10 → 30 % and 70/3 % each for the others.
    expect(cappedShares([70, 10, 10, 10])).toEqual(near([0.3, 0.7 / 3, 0.7 / 3, 0.7 / 3]))
  })

  it('with three or fewer products no 30 % cap is feasible: the shares stay as they are', () => {
    expect(cappedShares([60, 30, 10])).toEqual(near([0.6, 0.3, 0.1]))
    expect(cappedShares([5])).toEqual([1])
  })

  it('sums to 1, caps when it can, keeps the order and the uncapped products’ proportions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 13 }),
        (amounts) => {
          const shares = cappedShares(amounts)
          expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9)
          const cap = amounts.length >= 4 ? 0.3 : 1
          for (let i = 0; i < amounts.length; i++) {
            expect(shares[i]!).toBeLessThanOrEqual(cap + 1e-9)
            for (let j = 0; j < amounts.length; j++) {
              if (amounts[i]! > amounts[j]!) expect(shares[i]!).toBeGreaterThanOrEqual(shares[j]! - 1e-12)
              if (shares[i]! < 0.3 - 1e-9 && shares[j]! < 0.3 - 1e-9)
                expect(shares[i]! / shares[j]!).toBeCloseTo(amounts[i]! / amounts[j]!, 9)
            }
          }
        },
      ),
    )
  })
})

describe('buildWeights: which survey year weighs a week', () => {
  const a = BASKET[0]!.code
  const rows = [weight(2023, a, 100, 20_000), weight(2025, a, 300, 21_000)]
  const weightsFor = buildWeights(rows)

  it('takes the latest surveyed year before the week’s year', () => {
    expect(weightsFor(2024).year).toBe(2023)
    expect(weightsFor(2025).year).toBe(2023)
    expect(weightsFor(2026).year).toBe(2025)
    expect(weightsFor(2026).valueCny[0]).toBe(300 * 21_000)
    expect(weightsFor(2026).outputT[0]).toBe(300)
    expect(weightsFor(2026).outputT[1]).toBe(0)
  })

  it('with no prior year, takes the first surveyed year’s own amounts', () => {
    expect(weightsFor(2023).year).toBe(2023)
    expect(weightsFor(2020).year).toBe(2023)
  })

  it('refuses what is a caller’s bug: no rows, unknown products, duplicates, bad amounts', () => {
    expect(() => buildWeights([])).toThrow(RangeError)
    expect(() => buildWeights([weight(2024, 'NOPE', 1, 1)])).toThrow(RangeError)
    expect(() => buildWeights([weight(2024, a, 1, 1), weight(2024, a, 2, 1)])).toThrow(RangeError)
    expect(() => buildWeights([weight(2024, a, -1, 1)])).toThrow(RangeError)
    expect(() => buildWeights([weight(2024, a, 1, 0)])).toThrow(RangeError)
  })
})
