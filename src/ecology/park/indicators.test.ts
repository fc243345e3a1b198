import { describe, expect, it } from 'vitest'
import { type ParkRecord, parkIndicators, parkScale } from './indicators.ts'

const zero = {
  gridKwh: 0,
  ownPvKwh: 0,
  greenCertKwh: 0,
  naturalGasNm3: 0,
  otherFuelsKgce: 0,
  otherDirectKgco2: 0,
  outputT: 0,
}
const record = (f: Partial<ParkRecord>): ParkRecord => ({
  enterpriseId: 'a',
  month: '2025-01',
  line: 'cold_rolling',
  ...zero,
  ...f,
})

describe('park scale', () => {
  it('bands the year’s energy at 0.2 and 1 Mtce (1 Mtce itself is in the lower band)', () => {
    expect(parkScale(199_999.9)).toBe('below_0_2_mtce')
    expect(parkScale(200_000)).toBe('0_2_to_1_mtce')
    expect(parkScale(1_000_000)).toBe('0_2_to_1_mtce')
    expect(parkScale(1_000_000.1)).toBe('above_1_mtce')
  })

  it('holds a park above 1 Mtce to 0.30 tCO2/tce, others to 0.20', () => {
    // 1 000 000 100 kgce of other fuels → 1 000 000.1 tce, no CO2: value 0.
    const big = parkIndicators([record({ otherFuelsKgce: 1_000_000_100, outputT: 1e7 })], () => 0.6)
    expect(big.scale).toBe('above_1_mtce')
    expect(big.indicators[0]).toMatchObject({
      id: 'co2_per_tce',
      value: 0,
      target: 0.3,
      gap: -0.3,
      pass: true,
    })
    const small = parkIndicators([record({ otherFuelsKgce: 1000, outputT: 10 })], () => 0.6)
    expect(small.scale).toBe('below_0_2_mtce')
    expect(small.indicators[0]!.target).toBe(0.2)
  })
})

describe('parkIndicators', () => {
  it('passes an indicator exactly at its target (bounds inclusive)', () => {
    // Clean share: 900 PV of 1 000 kWh = 0.9 exactly; one more grid kWh falls short.
    const at = parkIndicators([record({ gridKwh: 100, ownPvKwh: 900, outputT: 100 })], () => 0)
    expect(at.indicators[1]).toMatchObject({ value: 0.9, gap: 0, pass: true })
    const below = parkIndicators([record({ gridKwh: 101, ownPvKwh: 900, outputT: 100 })], () => 0)
    expect(below.indicators[1]!.pass).toBe(false)
    // CO2 per tce: 1 000 kWh grid = 122.9 kgce; at f kgCO2/kWh that is 1 000 f kg over 0.1229 tce,
    // so f = 0.2 × 0.1229 = 0.02458 gives 0.2 t/tce (up to rounding in the last bit).
    const co2 = parkIndicators([record({ gridKwh: 1000, outputT: 10 })], () => 0.02458)
    expect(co2.indicators[0]!.value).toBeCloseTo(0.2, 12)
    const over = parkIndicators([record({ gridKwh: 1000, outputT: 10 })], () => 0.0246)
    expect(over.indicators[0]).toMatchObject({ pass: false })
    expect(over.indicators[0]!.gap).toBeCloseTo(0.0246 / 0.1229 - 0.2, 12)
  })

  it('judges each enterprise’s line by its window total, and counts lines of two enterprises apart', () => {
    const records = [
      // a's cold rolling: 100 and 80 kgce/t in two months → 180 / 2 t = 90 → level 2.
      record({ otherFuelsKgce: 100, outputT: 1 }),
      record({ month: '2025-02', otherFuelsKgce: 80, outputT: 1 }),
      // b's cold rolling: 111 kgce/t → level 4.
      record({ enterpriseId: 'b', otherFuelsKgce: 111, outputT: 1 }),
      // b's idle foil line has no output: it has no level and does not count.
      record({ enterpriseId: 'b', line: 'foil_single_zero' }),
    ]
    const park = parkIndicators(records, () => 0.5)
    expect(park.lineCount).toBe(2)
    expect(park.linesByLevel).toEqual({ 1: 0, 2: 1, 3: 0, 4: 1 })
    expect(park.indicators[2]).toMatchObject({ value: 0.5, gap: 0.5, pass: false })
    // No electricity: no clean share, no verdict.
    expect(park.indicators[1]).toMatchObject({ value: null, gap: null, pass: null })
  })

  it('has no values without records', () => {
    const park = parkIndicators([], () => 0.6)
    expect(park.indicators.map((i) => i.value)).toEqual([null, null, null])
    expect(park.lineCount).toBe(0)
  })
})
