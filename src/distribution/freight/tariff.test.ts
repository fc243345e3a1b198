import { describe, expect, it } from 'vitest'
import {
  DEFAULT_TARIFF,
  isCalendarDate,
  sameCoefficients,
  type Tariff,
  tariffErrors,
  versionInForce,
} from './tariff.ts'

describe('tariff versions', () => {
  it('pins the defaults of issue 6', () => {
    expect(DEFAULT_TARIFF).toEqual({
      id: 'default-v1',
      effectiveFrom: '2000-01-01',
      truck: { rateFenPerTKm: 20, minimumFenPerT: 4000, payloadT: 32 },
      molten: { rateFenPerTKm: 50, minimumFenPerT: 4000, maxRoadKm: 150, payloadT: 32 },
      rail: { rateFenPerTKm: 15.5, terminalFenPerT: 6000, minRailKm: 800 },
    })
    expect(tariffErrors(DEFAULT_TARIFF)).toEqual([])
  })

  it('refuses finer decimals than the tariff keeps, bad dates and out-of-range values', () => {
    const bad: Tariff = {
      id: '-x',
      effectiveFrom: '2026-02-30',
      truck: { rateFenPerTKm: 20.005, minimumFenPerT: 4000.5, payloadT: 0 },
      molten: { rateFenPerTKm: 0, minimumFenPerT: -1, maxRoadKm: 150.05, payloadT: 32 },
      rail: { rateFenPerTKm: 15.5, terminalFenPerT: 6000, minRailKm: 800 },
    }
    expect(tariffErrors(bad).map((e) => e.field)).toEqual([
      '/id',
      '/effectiveFrom',
      '/truck/rateFenPerTKm',
      '/truck/minimumFenPerT',
      '/truck/payloadT',
      '/molten/rateFenPerTKm',
      '/molten/minimumFenPerT',
      '/molten/maxRoadKm',
    ])
    // Two decimals on a rate and one on a km are kept exactly, binary fractions notwithstanding.
    const fine = {
      ...DEFAULT_TARIFF,
      truck: { ...DEFAULT_TARIFF.truck, rateFenPerTKm: 19.99 },
      rail: { ...DEFAULT_TARIFF.rail, rateFenPerTKm: 0.01, minRailKm: 799.9 },
    }
    expect(tariffErrors(fine)).toEqual([])
  })

  it('knows calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true)
    expect(isCalendarDate('2026-02-29')).toBe(false)
    expect(isCalendarDate('2026-1-01')).toBe(false)
  })

  it('puts in force the latest version effective on or before the date, the last added on a tie', () => {
    const v = (id: string, effectiveFrom: string) => ({ id, effectiveFrom })
    const versions = [v('a', '2000-01-01'), v('b', '2026-03-01'), v('c', '2026-03-01'), v('d', '2027-01-01')]
    expect(versionInForce(versions, '2026-02-28')?.id).toBe('a')
    expect(versionInForce(versions, '2026-03-01')?.id).toBe('c')
    expect(versionInForce(versions, '2026-12-31')?.id).toBe('c')
    expect(versionInForce(versions, '2027-01-01')?.id).toBe('d')
    expect(versionInForce(versions, '1999-12-31')).toBeNull()
  })

  it('compares coefficients whatever the key order', () => {
    const reordered = {
      ...DEFAULT_TARIFF,
      truck: { payloadT: 32, minimumFenPerT: 4000, rateFenPerTKm: 20 },
    }
    expect(sameCoefficients(DEFAULT_TARIFF, reordered)).toBe(true)
    expect(
      sameCoefficients(DEFAULT_TARIFF, { ...reordered, truck: { ...reordered.truck, payloadT: 30 } }),
    ).toBe(false)
  })
})
