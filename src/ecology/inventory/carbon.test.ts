import { describe, expect, it } from 'vitest'
import { carbonOf, type GridFactorVersion, gridFactorFor, inventoryOf } from './carbon.ts'

const zero = {
  gridKwh: 0,
  ownPvKwh: 0,
  greenCertKwh: 0,
  naturalGasNm3: 0,
  otherFuelsKgce: 0,
  otherDirectKgco2: 0,
  outputT: 0,
}
const version = (id: string, effectiveFrom: string, kgco2PerKwh: number): GridFactorVersion => ({
  id,
  effectiveFrom,
  kgco2PerKwh,
  note: null,
  createdBy: null,
  createdAtMs: 0,
})

describe('carbonOf', () => {
  it('counts gas and other direct emissions, and grid power at the factor; PV and green power count zero', () => {
    // gas 1 000 × 2.162 = 2 162 + 38 other = 2 200 direct; grid 10 000 × 0.6 = 6 000 indirect.
    const c = carbonOf(
      {
        ...zero,
        naturalGasNm3: 1000,
        otherDirectKgco2: 38,
        gridKwh: 10_000,
        ownPvKwh: 5_000,
        greenCertKwh: 7_000,
      },
      0.6,
    )
    expect(c.gasKgco2).toBeCloseTo(2162, 9)
    expect(c.directKgco2).toBeCloseTo(2200, 9)
    expect(c.indirectKgco2).toBeCloseTo(6000, 9)
    expect(c.totalKgco2).toBeCloseTo(8200, 9)
  })
})

describe('gridFactorFor', () => {
  const versions = [
    version('1', '2000-01', 0.6058),
    version('2', '2025-01', 0.55),
    version('3', '2025-01', 0.53),
    version('4', '2024-06', 0.58),
  ]

  it('takes the latest effective month on or before the month; the later-added of the same month', () => {
    expect(gridFactorFor('2024-05', versions)).toBe(0.6058)
    expect(gridFactorFor('2024-06', versions)).toBe(0.58)
    expect(gridFactorFor('2024-12', versions)).toBe(0.58)
    expect(gridFactorFor('2025-01', versions)).toBe(0.53)
  })

  it('falls back to Henan 2022 when there is no version', () => {
    expect(gridFactorFor('2025-01', [])).toBe(0.6058)
  })
})

describe('inventoryOf', () => {
  it('sums month by month with each month’s factor, and per tonne', () => {
    const records = [
      { ...zero, month: '2025-02', gridKwh: 1000, outputT: 2 },
      { ...zero, month: '2025-01', gridKwh: 1000, naturalGasNm3: 100, outputT: 1 },
      { ...zero, month: '2025-01', gridKwh: 1000, outputT: 1 },
    ]
    const factor = (m: string) => (m === '2025-01' ? 0.5 : 0.25)
    const { months, total } = inventoryOf(records, factor)
    expect(months.map((m) => m.month)).toEqual(['2025-01', '2025-02'])
    // January: 2 000 kWh × 0.5 = 1 000 kg + 100 × 2.162 = 216.2 kg → 1.2162 t over 2 t.
    expect(months[0]!.totalTco2).toBeCloseTo(1.2162, 12)
    expect(months[0]!.tco2PerT).toBeCloseTo(0.6081, 12)
    // February: 1 000 × 0.25 = 250 kg → 0.25 t over 2 t.
    expect(months[1]!.tco2PerT).toBeCloseTo(0.125, 12)
    expect(total.totalTco2).toBeCloseTo(1.4662, 12)
    expect(total.tco2PerT).toBeCloseTo(1.4662 / 4, 12)
    expect(total.directTco2PerT).toBeCloseTo(0.2162 / 4, 12)
    // Energy: 3 000 kWh × 0.1229 + 100 × 1.2143 = 368.7 + 121.43 = 490.13 kgce.
    expect(total.energyTce).toBeCloseTo(0.49013, 12)
    expect(inventoryOf([], factor).total.tco2PerT).toBeNull()
  })
})
