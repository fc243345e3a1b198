import { describe, expect, it } from 'vitest'
import { computeIndices, roundHalfAway } from './compute.ts'
import { run, week, weight } from './fixtures.test-util.ts'
import { INDEX_DEFINITIONS } from './model.ts'

// Every expectation below is worked by hand in the comment beside it. Prices are [base, fee]; the
// all-in is their sum.
const SHEET = '1060-H24-SHEET' // sheet_strip
const FOIL = '8011-O-FOIL' // foil

describe('the all-in index, its sub-indices, the ex-base version and the barometer in one basket', () => {
  // Value shares: sheet 300 t × 20,000 = 6.0 M, foil 160 t × 25,000 = 4.0 M → 60 % / 40 %.
  // Volume shares: 300 / 460 and 160 / 460. Only 2024 is surveyed: its own shares weigh 2024.
  const weights = [weight(2024, SHEET, 300, 20_000), weight(2024, FOIL, 160, 25_000)]
  const out = run({
    weights,
    points: [
      ...week('2024-01-04', { [SHEET]: [19_000, 1_000], [FOIL]: [19_000, 6_000] }),
      ...week('2024-01-11', { [SHEET]: [19_500, 1_500], [FOIL]: [19_500, 4_250] }),
    ],
  })

  it('is 1000 in the base week', () => {
    expect(out.ALLIN['2024-01-04']).toBe(1000)
    expect(out['ALLIN-EXBASE']['2024-01-04']).toBe(1000)
    expect(out['ALLIN-SHEET_STRIP']['2024-01-04']).toBe(1000)
    expect(out['ALLIN-FOIL']['2024-01-04']).toBe(1000)
  })

  it('moves by the weighted relatives of the all-in prices', () => {
    // sheet 21,000 / 20,000 = 1.05, foil 23,750 / 25,000 = 0.95: 1000 × (0.6 × 1.05 + 0.4 × 0.95) = 1010.0
    expect(out.ALLIN['2024-01-11']).toBe(1010)
    // Each sub-index holds one product here: its own relative.
    expect(out['ALLIN-SHEET_STRIP']['2024-01-11']).toBe(1050)
    expect(out['ALLIN-FOIL']['2024-01-11']).toBe(950)
  })

  it('has no point for a group without a weighted product', () => {
    expect(out['ALLIN-HIGH_END']).toEqual({})
  })

  it('ex-base: the base held at the link week, only the fees move', () => {
    // Base at the link (base) week 19,000. Sheet (19,000 + 1,500) / 20,000 = 1.025, foil
    // (19,000 + 4,250) / 25,000 = 0.93: 1000 × (0.6 × 1.025 + 0.4 × 0.93) = 1000 × 0.987 = 987.0
    expect(out['ALLIN-EXBASE']['2024-01-11']).toBe(987)
  })

  it('barometer: the volume-weighted average fee in CNY/t', () => {
    // (300 × 1,000 + 160 × 6,000) / 460 = 1,260,000 / 460 = 2,739.13 → 2,739
    expect(out['FEE-BAROMETER']['2024-01-04']).toBe(2739)
    // (300 × 1,500 + 160 × 4,250) / 460 = 1,130,000 / 460 = 2,456.52 → 2,457
    expect(out['FEE-BAROMETER']['2024-01-11']).toBe(2457)
  })

  it('lists every index in the published order', () => {
    const ids = computeIndices({ weights, points: week('2024-01-04', { [SHEET]: [19_000, 1_000] }) }).map(
      (s) => s.id,
    )
    expect(ids).toEqual(INDEX_DEFINITIONS.map((d) => d.id))
  })
})

describe('the yearly link', () => {
  // 2023 survey → 2024 weights: sheet 300 × 20,000 = 6 M, foil 160 × 25,000 = 4 M → 60 / 40.
  // 2024 survey → 2025 weights: sheet 100 × 20,000 = 2 M, foil 240 × 25,000 = 6 M → 25 / 75.
  const weights = [
    weight(2023, SHEET, 300, 20_000),
    weight(2023, FOIL, 160, 25_000),
    weight(2024, SHEET, 100, 20_000),
    weight(2024, FOIL, 240, 25_000),
  ]
  const out = run({
    weights,
    points: [
      ...week('2024-12-19', { [SHEET]: [19_000, 1_000], [FOIL]: [19_000, 6_000] }),
      // The link week, the last of 2024: sheet 22,000 (× 1.1), foil flat: 1000 × (0.66 + 0.4) = 1060.0
      ...week('2024-12-26', { [SHEET]: [20_000, 2_000], [FOIL]: [19_000, 6_000] }),
      // The first week of 2025 at the link week's prices: new weights, same level.
      ...week('2025-01-02', { [SHEET]: [20_000, 2_000], [FOIL]: [19_000, 6_000] }),
      // Foil 27,500 / 25,000 = 1.1 against the link week: 1060 × (0.25 × 1 + 0.75 × 1.1) = 1139.5
      // (the 2024 weights would give 1060 × 1.04 = 1102.4; a fixed base 1000 × 1.1 = 1100).
      ...week('2025-01-09', { [SHEET]: [20_000, 2_000], [FOIL]: [19_000, 8_500] }),
    ],
  })

  it('re-weights at the link week without a level break', () => {
    expect(out.ALLIN).toEqual({
      '2024-12-19': 1000,
      '2024-12-26': 1060,
      '2025-01-02': 1060,
      '2025-01-09': 1139.5,
    })
  })

  it('ex-base: base held at the new link week; the fee moves from there', () => {
    // 2024: sheet (19,000 + 2,000) / 20,000 = 1.05: 1000 × (0.6 × 1.05 + 0.4) = 1030.0.
    // 2025 links at 2024-12-26 (bases 20,000 and 19,000): foil (19,000 + 8,500) / 25,000 = 1.1:
    // 1030 × (0.25 + 0.75 × 1.1) = 1030 × 1.075 = 1107.25 → 1107.3
    expect(out['ALLIN-EXBASE']).toEqual({
      '2024-12-19': 1000,
      '2024-12-26': 1030,
      '2025-01-02': 1030,
      '2025-01-09': 1107.3,
    })
  })

  it('barometer: the new year’s volume shares from its first week', () => {
    // 2024 (300 / 160): (300 × 2,000 + 160 × 6,000) / 460 = 1,560,000 / 460 = 3,391.3 → 3,391
    expect(out['FEE-BAROMETER']['2024-12-26']).toBe(3391)
    // 2025 (100 / 240): (100 × 2,000 + 240 × 6,000) / 340 = 1,640,000 / 340 = 4,823.5 → 4,824
    expect(out['FEE-BAROMETER']['2025-01-02']).toBe(4824)
  })
})

describe('the 30 % cap', () => {
  const flat = [20_000, 0] as const // base 20,000, fee 0: all-in 20,000
  const up = (pct: number) => [20_000, 200 * pct] as const

  it('caps the basket iteratively and shares the rest', () => {
    // Outputs 450/250/100/100/100 t at 20,000: shares 45/25/10/10/10 % → capped 30/30/13.3/13.3/13.3 %
    // (worked in weights.test.ts). Week 2: the first +10 %, the third +30 %:
    // 1000 × (1 + 0.3 × 0.1 + 0.4/3 × 0.3) = 1000 × 1.07 = 1070.0 (uncapped: 1075.0).
    const products = ['1060-H24-SHEET', '1060-CC-COIL', '3003-H24-STRIP', '5052-H32-SHEET', '5083-H111-PLATE']
    const outputs = [450, 250, 100, 100, 100]
    const out = run({
      weights: products.map((p, i) => weight(2024, p, outputs[i]!, 20_000)),
      points: [
        ...week('2024-03-07', Object.fromEntries(products.map((p) => [p, flat]))),
        ...week(
          '2024-03-14',
          Object.fromEntries(products.map((p, i) => [p, i === 0 ? up(10) : i === 2 ? up(30) : flat])),
        ),
      ],
    })
    expect(out.ALLIN['2024-03-14']).toBe(1070)
    expect(out['ALLIN-SHEET_STRIP']['2024-03-14']).toBe(1070)
  })

  it('leaves a sub-index of three products uncapped while the headline is capped', () => {
    // Battery foil 600, can stock 300, PS base 100, sheet 100, foil 100 t, all at 20,000.
    // High-end (three products, no feasible 30 % cap): 60/30/10 %. Battery foil +10 %: 1060.0.
    // Headline: 50/25/8.3/8.3/8.3 % → battery foil 30 %; 70 % over 300+100+100+100 gives can stock
    // 35 % > 30 %, capped; 40 % over three: 13.3 % each. Battery foil +10 %: 1000 × 1.03 = 1030.0.
    const products = ['BATTERY-FOIL', '3104-H19-CAN', '1050-PS-BASE', SHEET, FOIL]
    const outputs = [600, 300, 100, 100, 100]
    const out = run({
      weights: products.map((p, i) => weight(2024, p, outputs[i]!, 20_000)),
      points: [
        ...week('2024-03-07', Object.fromEntries(products.map((p) => [p, flat]))),
        ...week('2024-03-14', Object.fromEntries(products.map((p, i) => [p, i === 0 ? up(10) : flat]))),
      ],
    })
    expect(out['ALLIN-HIGH_END']['2024-03-14']).toBe(1060)
    expect(out.ALLIN['2024-03-14']).toBe(1030)
  })

  it('caps the foil sub-index (four products: 30 % holds)', () => {
    // 700/100/100/100 t → 30 % and 70/3 % each. 8011 foil +10 %: 1000 × 1.03 = 1030.0.
    const products = ['8011-O-FOIL', '1235-O-FOIL', '8011-FIN', 'CABLE-FOIL']
    const outputs = [700, 100, 100, 100]
    const out = run({
      weights: products.map((p, i) => weight(2024, p, outputs[i]!, 20_000)),
      points: [
        ...week('2024-03-07', Object.fromEntries(products.map((p) => [p, flat]))),
        ...week('2024-03-14', Object.fromEntries(products.map((p, i) => [p, i === 0 ? up(10) : flat]))),
      ],
    })
    expect(out['ALLIN-FOIL']['2024-03-14']).toBe(1030)
  })
})

describe('the barometer with fees at or below zero', () => {
  it('averages negative fees as they are, in CNY/t', () => {
    // (300 × −200 + 100 × 500) / 400 = −10,000 / 400 = −25
    const out = run({
      weights: [weight(2024, SHEET, 300, 20_000), weight(2024, FOIL, 100, 25_000)],
      points: week('2024-01-04', { [SHEET]: [20_000, -200], [FOIL]: [20_000, 500] }),
    })
    expect(out['FEE-BAROMETER']['2024-01-04']).toBe(-25)
  })

  it('rounds half away from zero', () => {
    // (100 × −50 + 300 × 0) / 400 = −12.5 → −13
    const out = run({
      weights: [weight(2024, SHEET, 100, 20_000), weight(2024, FOIL, 300, 25_000)],
      points: week('2024-01-04', { [SHEET]: [20_000, -50], [FOIL]: [20_000, 0] }),
    })
    expect(out['FEE-BAROMETER']['2024-01-04']).toBe(-13)
    expect(roundHalfAway(12.5, 1)).toBe(13)
    expect(roundHalfAway(-0.4, 1)).toBe(0)
    expect(roundHalfAway(1012.25, 0.1)).toBe(1012.3)
    expect(roundHalfAway(1012.2499, 0.1)).toBe(1012.2)
  })
})

describe('missing weeks', () => {
  const weights = [weight(2024, SHEET, 300, 20_000), weight(2024, FOIL, 160, 25_000)] // 60 / 40 %

  it('carries a product’s last value into a week without one', () => {
    const out = run({
      weights,
      points: [
        ...week('2024-01-04', { [SHEET]: [19_000, 1_000], [FOIL]: [19_000, 6_000] }),
        // No foil point: foil stays at 25,000. Sheet × 1.05: 1000 × (0.63 + 0.4) = 1030.0
        ...week('2024-01-11', { [SHEET]: [19_500, 1_500] }),
        // Sheet null (suspended): stays at 21,000. Foil 26,250 (× 1.05): 1000 × (0.63 + 0.42) = 1050.0
        ...week('2024-01-18', { [SHEET]: null, [FOIL]: [19_500, 6_750] }),
      ],
    })
    expect(out.ALLIN).toEqual({ '2024-01-04': 1000, '2024-01-11': 1030, '2024-01-18': 1050 })
    // Barometer 2024-01-18: (300 × 1,500 + 160 × 6,750) / 460 = 1,530,000 / 460 = 3,326.1 → 3,326
    expect(out['FEE-BAROMETER']['2024-01-18']).toBe(3326)
  })

  it('starts in the first week in which every weighted product has a price', () => {
    const out = run({
      weights,
      points: [
        ...week('2024-01-04', { [SHEET]: [19_000, 1_000] }),
        ...week('2024-01-11', { [SHEET]: [19_000, 1_000], [FOIL]: [19_000, 6_000] }),
        // Sheet × 1.1 against the base week 2024-01-11: 1000 × (0.66 + 0.4) = 1060.0
        ...week('2024-01-18', { [SHEET]: [19_000, 3_000] }),
      ],
    })
    expect(out.ALLIN).toEqual({ '2024-01-11': 1000, '2024-01-18': 1060 })
    // The sheet sub-index has all its products in the first week already.
    expect(out['ALLIN-SHEET_STRIP']).toEqual({ '2024-01-04': 1000, '2024-01-11': 1000, '2024-01-18': 1100 })
    expect(Object.keys(out['FEE-BAROMETER'])).toEqual(['2024-01-11', '2024-01-18'])
  })

  it('leaves a newly surveyed product without a price at the link week out until the next link', () => {
    // 2024 weighs sheet only (2023 survey); the 2024 survey adds foil, never priced by 2024-12-26.
    // 2025 therefore keeps sheet alone: sheet × 1.1 → 1000 × 1.1 = 1100.0, foil’s move is ignored.
    const out = run({
      weights: [
        weight(2023, SHEET, 300, 20_000),
        weight(2024, SHEET, 300, 20_000),
        weight(2024, FOIL, 300, 20_000),
      ],
      points: [
        ...week('2024-12-26', { [SHEET]: [19_000, 1_000] }),
        ...week('2025-01-02', { [SHEET]: [19_000, 1_000], [FOIL]: [19_000, 6_000] }),
        ...week('2025-01-09', { [SHEET]: [19_000, 3_000], [FOIL]: [19_000, 9_000] }),
      ],
    })
    expect(out.ALLIN).toEqual({ '2024-12-26': 1000, '2025-01-02': 1000, '2025-01-09': 1100 })
  })
})

describe('input a caller must get right', () => {
  const weights = [weight(2024, SHEET, 1, 20_000)]
  it('gives empty indices for no points', () => {
    expect(computeIndices({ points: [], weights: [] }).every((s) => s.points.length === 0)).toBe(true)
  })
  it('refuses unknown products, bad dates, duplicates, missing weights and non-numbers', () => {
    expect(() => run({ weights, points: week('2024-01-04', { 'FEE-1060-H24-SHEET-SPOT': [1, 1] }) })).toThrow(
      RangeError,
    )
    expect(() => run({ weights, points: week('2024-1-4', { [SHEET]: [1, 1] }) })).toThrow(RangeError)
    expect(() =>
      run({
        weights,
        points: [...week('2024-01-04', { [SHEET]: [1, 1] }), ...week('2024-01-04', { [SHEET]: [1, 1] })],
      }),
    ).toThrow(RangeError)
    expect(() => run({ weights: [], points: week('2024-01-04', { [SHEET]: [1, 1] }) })).toThrow(RangeError)
    expect(() => run({ weights, points: week('2024-01-04', { [SHEET]: [Number.NaN, 1] }) })).toThrow(
      RangeError,
    )
  })
})
