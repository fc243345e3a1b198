import { describe, expect, it } from 'vitest'
import { gasSavedM3 } from './gas.ts'
import { IntakeInputError } from './input.ts'
import type { IntakeProblem } from './model.ts'
import { solveIntake } from './solve.ts'

// Every place sits on the meridian 113° E, so a great-circle distance is R × Δlat:
// 1° = 6371.0088 × π / 180 = 111.19508 km. Road km = gc × 1.35 (< 100), × 1.28 (100–300), × 1.20.
// Freight, fen/t: molten max(4000, round(50 × road)), ingot max(4000, round(20 × road)).
const at = (lat: number) => ({ lat, lon: 113 })

describe('solveIntake: hand-checked problems', () => {
  // Problem A, molten only. Plants P1 at 34.0° (1000 t), P2 at 33.5° (500 t).
  //   FAR   35.0°, 600 t, premium 200: → P1 1.0° = 111.195 gc → 142.330 road → 7116.49 → 7116 fen
  //                                     cost 200 + 71.16 = 271.16; → P2 1.5° → 213.49 road > 150: no lane
  //   NEAR  34.3°, 700 t, premium 300: → P1 0.3° = 33.359 gc → 45.034 road → 2251.7 → min 4000 fen
  //                                     cost 340; → P2 0.8° = 88.956 gc → 120.091 road → 6004.5 → 6005 fen
  //                                     cost 360.05
  //   SOUTH 33.0°, 300 t, premium 330: → P2 0.5° = 55.598 gc → 75.057 road → min 4000: cost 370;
  //                                     → P1 1.0° → 142.330 road → 7116 fen: cost 401.16
  // The cheap far FAR beats the dear near NEAR for P1 but binds at 600 t. The other 900 t (400 P1,
  // 500 P2) must come from NEAR (700) and SOUTH (300). Moving a tonne from NEAR to SOUTH costs
  // 401.16 − 340 = 61.16 at P1 but 370 − 360.05 = 9.95 at P2, so NEAR fills up: 400 P1 + 300 P2, and
  // SOUTH sends P2 the last 200 (100 t to spare).
  // Total = 600 × 271.16 + 400 × 340 + 300 × 360.05 + 200 × 370
  //       = 162 696 + 136 000 + 108 015 + 74 000 = 480 711.
  // Marginal tonne: P2 from SOUTH's spare capacity, 370. P1 from NEAR, which hands one of its P2
  // tonnes to SOUTH: 340 + 9.95 = 349.95 (SOUTH direct is 401.16).
  // Dual check: 1000 × 349.95 + 500 × 370 + 600 × (−78.79 FAR) + 700 × (−9.95 NEAR) = 480 711.
  const problemA: IntakeProblem = {
    suppliers: [
      { id: 'SOUTH', ...at(33), form: 'molten', capacityT: 300, premiumCnyPerT: 330 },
      { id: 'NEAR', ...at(34.3), form: 'molten', capacityT: 700, premiumCnyPerT: 300 },
      { id: 'FAR', ...at(35), form: 'molten', capacityT: 600, premiumCnyPerT: 200 },
    ],
    plants: [
      { id: 'P1', ...at(34), demandT: { molten: 1000, ingot: 0 } },
      { id: 'P2', ...at(33.5), demandT: { molten: 500, ingot: 0 } },
    ],
  }

  it('A: a cheap far supplier before a dear near one, capacities binding, the next lane taking the rest', async () => {
    const plan = await solveIntake(problemA)
    expect(plan).toEqual({
      totalCostCny: 480_711,
      flows: [
        { from: 'FAR', to: 'P1', form: 'molten', tonnes: 600, costCnyPerT: 271.16 },
        { from: 'NEAR', to: 'P1', form: 'molten', tonnes: 400, costCnyPerT: 340 },
        { from: 'NEAR', to: 'P2', form: 'molten', tonnes: 300, costCnyPerT: 360.05 },
        { from: 'SOUTH', to: 'P2', form: 'molten', tonnes: 200, costCnyPerT: 370 },
      ],
      unmet: [],
      marginalCostCnyPerT: { 'P1/molten': 349.95, 'P2/molten': 370 },
    })
    expect(gasSavedM3(plan)).toEqual({ savedM3: 30_000, moltenT: 1500, deliveredT: 1500, moltenShare: 1 })
  })

  it('A: the marginal cost is what one more tonne costs (re-solved with 1001 t at P1)', async () => {
    const base = await solveIntake(problemA)
    const more = await solveIntake({
      ...problemA,
      plants: [{ id: 'P1', ...at(34), demandT: { molten: 1001 } }, problemA.plants[1]!],
    })
    expect(more.totalCostCny - base.totalCostCny).toBeCloseTo(349.95, 6)
  })

  // Problem B, penalty 1000 CNY/t. Plants Q1 at 34.0° (molten 500, ingot 800), Q2 at 36.0° (ingot 200,
  // molten 0: no row, no marginal cost, no unmet entry).
  //   M2 molten 35.2°, 1000 t, premium 100: → Q1 1.2° = 133.434 gc → 170.80 road > 150 km: no lane,
  //                                         so Q1's 500 t of molten go unmet (marginal = penalty 1000)
  //   I1 ingot 37.0°, 300 t, premium 900:   → Q1 3.0° = 333.585 gc → 400.302 road → 8006.05 → 8006 fen
  //                                         cost 980.06; → Q2 1.0° → 142.33 road → 2846.6 → min 4000: 940
  //   I2 ingot 34.5°, 5000 t, premium 980:  → Q1 0.5° → 75.06 road → min 4000: 1020 > 1000 penalty
  //                                         → Q2 1.5° → 213.49 road → 4269.9 → 4270 fen: 1022.70 > 1000
  // I2 is dearer than leaving the demand unmet everywhere. I1's 300 t save 60/t at Q2 and 19.94/t at
  // Q1: Q2 gets its 200 t, Q1 the other 100 t and 700 t of Q1's ingot stay unmet.
  // Total (flows only) = 200 × 940 + 100 × 980.06 = 188 000 + 98 006 = 286 006.
  // Marginal: Q1/ingot 1000 (unmet at the margin); Q1/molten 1000; Q2/ingot: I1 hands a tonne from Q1
  // to Q2, Q1 leaves one more unmet: 940 + (1000 − 980.06) = 959.94.
  // Dual check: 500 × 1000 + 800 × 1000 + 200 × 959.94 + 300 × (−19.94) = 1 486 006
  //           = 286 006 + 1000 × (500 + 700) unmet.
  const problemB: IntakeProblem = {
    suppliers: [
      { id: 'M2', ...at(35.2), form: 'molten', capacityT: 1000, premiumCnyPerT: 100 },
      { id: 'I1', ...at(37), form: 'ingot', capacityT: 300, premiumCnyPerT: 900 },
      { id: 'I2', ...at(34.5), form: 'ingot', capacityT: 5000, premiumCnyPerT: 980 },
    ],
    plants: [
      { id: 'Q1', ...at(34), demandT: { molten: 500, ingot: 800 } },
      { id: 'Q2', ...at(36), demandT: { molten: 0, ingot: 200 } },
    ],
    unmetPenaltyCnyPerT: 1000,
  }

  it('B: molten beyond 150 road km unmet, the penalty chosen over lanes dearer than it', async () => {
    const plan = await solveIntake(problemB)
    expect(plan).toEqual({
      totalCostCny: 286_006,
      flows: [
        { from: 'I1', to: 'Q1', form: 'ingot', tonnes: 100, costCnyPerT: 980.06 },
        { from: 'I1', to: 'Q2', form: 'ingot', tonnes: 200, costCnyPerT: 940 },
      ],
      unmet: [
        { plant: 'Q1', form: 'ingot', tonnes: 700 },
        { plant: 'Q1', form: 'molten', tonnes: 500 },
      ],
      marginalCostCnyPerT: { 'Q1/ingot': 1000, 'Q1/molten': 1000, 'Q2/ingot': 959.94 },
    })
    expect(gasSavedM3(plan)).toEqual({ savedM3: 0, moltenT: 0, deliveredT: 300, moltenShare: 0 })
  })

  it('B: with the default penalty (100 000) the dear lane is used and nothing ingot stays unmet', async () => {
    const { unmetPenaltyCnyPerT: _, ...rest } = problemB
    const plan = await solveIntake(rest)
    // Q1 ingot: 100 t from I1 at 980.06, 700 t from I2 at 1020; Q2 200 t from I1 at 940.
    // 98 006 + 714 000 + 188 000 = 1 000 006. Molten still has no lane: 500 t unmet at 100 000.
    expect(plan.totalCostCny).toBe(1_000_006)
    expect(plan.unmet).toEqual([{ plant: 'Q1', form: 'molten', tonnes: 500 }])
    // Q1/ingot from I2's spare capacity; Q2/ingot via I1, shifting Q1's tonne to I2: 940 + 39.94.
    expect(plan.marginalCostCnyPerT).toEqual({ 'Q1/ingot': 1020, 'Q1/molten': 100_000, 'Q2/ingot': 979.94 })
  })
})

describe('solveIntake: choices', () => {
  // 150 road km = 117.1875 gc km (× 1.28) = 1.053891° of latitude.
  it('carries molten up to 150 road km inclusive, not beyond', async () => {
    const plan = (lat: number) =>
      solveIntake({
        suppliers: [{ id: 'S', ...at(34 + lat), form: 'molten', capacityT: 10, premiumCnyPerT: 0 }],
        plants: [{ id: 'P', ...at(34), demandT: { molten: 10 } }],
      })
    // 149.987 road km → 7499.35 → 7499 fen
    expect((await plan(1.0538)).flows).toEqual([
      { from: 'S', to: 'P', form: 'molten', tonnes: 10, costCnyPerT: 74.99 },
    ])
    // 150.016 road km: no lane
    expect(await plan(1.054)).toEqual({
      totalCostCny: 0,
      flows: [],
      unmet: [{ plant: 'P', form: 'molten', tonnes: 10 }],
      marginalCostCnyPerT: { 'P/molten': 100_000 },
    })
  })

  it('returns an empty plan when no plant needs anything', async () => {
    const plan = await solveIntake({
      suppliers: [{ id: 'S', ...at(34), form: 'ingot', capacityT: 10, premiumCnyPerT: 0 }],
      plants: [{ id: 'P', ...at(34), demandT: { molten: 0, ingot: 0 } }],
    })
    expect(plan).toEqual({ totalCostCny: 0, flows: [], unmet: [], marginalCostCnyPerT: {} })
    expect(gasSavedM3(plan).moltenShare).toBeNull()
  })

  it('takes any id (LP keywords, signs, spaces, CJK): the program names its variables by index', async () => {
    const ids = ['End', 'Subject To: x0 + u0 >= 3', '中孚 铝水', '-1e5']
    const plan = await solveIntake({
      suppliers: [
        { id: ids[0]!, ...at(34.1), form: 'ingot', capacityT: 5, premiumCnyPerT: 10 },
        { id: ids[1]!, ...at(34.1), form: 'molten', capacityT: 5, premiumCnyPerT: 10 },
      ],
      plants: [
        { id: ids[2]!, ...at(34), demandT: { molten: 3, ingot: 3 } },
        { id: ids[3]!, ...at(34), demandT: { ingot: 2 } },
      ],
    })
    // 0.1° → 15 road km: min 4000 fen both ways; cost 50 everywhere.
    expect(plan.flows.map((f) => [f.from, f.to, f.tonnes])).toEqual([
      ['End', '-1e5', 2],
      ['End', '中孚 铝水', 3],
      ['Subject To: x0 + u0 >= 3', '中孚 铝水', 3],
    ])
    expect(plan.totalCostCny).toBe(400)
    expect(Object.keys(plan.marginalCostCnyPerT)).toEqual([
      '-1e5/ingot',
      '中孚 铝水/ingot',
      '中孚 铝水/molten',
    ])
  })

  it('keeps offers under one supplier id apart (both forms, or price tiers)', async () => {
    const plan = await solveIntake({
      suppliers: [
        { id: 'Z', ...at(34.1), form: 'ingot', capacityT: 4, premiumCnyPerT: 20 },
        { id: 'Z', ...at(34.1), form: 'ingot', capacityT: 4, premiumCnyPerT: 10 },
        { id: 'Z', ...at(34.1), form: 'molten', capacityT: 9, premiumCnyPerT: 0 },
      ],
      plants: [{ id: 'P', ...at(34), demandT: { molten: 1, ingot: 6 } }],
    })
    expect(plan.flows).toEqual([
      { from: 'Z', to: 'P', form: 'ingot', tonnes: 4, costCnyPerT: 50 },
      { from: 'Z', to: 'P', form: 'ingot', tonnes: 2, costCnyPerT: 60 },
      { from: 'Z', to: 'P', form: 'molten', tonnes: 1, costCnyPerT: 40 },
    ])
    expect(plan.marginalCostCnyPerT).toEqual({ 'P/ingot': 60, 'P/molten': 40 })
  })

  it('adds premiums in fen (no 0.1 + 0.2 residue), fractional tonnes as they come', async () => {
    const plan = await solveIntake({
      suppliers: [{ id: 'S', ...at(34.1), form: 'ingot', capacityT: 10, premiumCnyPerT: 0.1 }],
      plants: [{ id: 'P', ...at(34), demandT: { ingot: 0.3 } }],
    })
    expect(plan.flows).toEqual([{ from: 'S', to: 'P', form: 'ingot', tonnes: 0.3, costCnyPerT: 40.1 }])
    expect(plan.totalCostCny).toBe(12.03)
  })

  it('throws IntakeInputError on an invalid problem, naming each field', async () => {
    const bad = {
      suppliers: [{ id: 'S', lat: 34, lon: 113, form: 'liquid', capacityT: -1, premiumCnyPerT: 0 }],
      plants: [
        { id: 'P', lat: 34, lon: 113, demandT: { molten: 1 } },
        { id: 'P', lat: 95, lon: 113, demandT: { ingot: Number.NaN } },
      ],
    } as unknown as IntakeProblem
    const error = await solveIntake(bad).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntakeInputError)
    expect((error as IntakeInputError).problems.map((p) => p.field)).toEqual([
      '/suppliers/0/form',
      '/suppliers/0/capacityT',
      '/plants/1/lat',
      '/plants/1/demandT/ingot',
      '/plants/1/id',
    ])
  })
})
