import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  cleanEnergyShare,
  energyFactsOf,
  energyLevel,
  intensityKgcePerT,
  LINE_LIMITS,
  type LineFigures,
  PROCESS_LINES,
} from './levels.ts'

const zero = { gridKwh: 0, ownPvKwh: 0, greenCertKwh: 0, naturalGasNm3: 0, otherFuelsKgce: 0, outputT: 0 }

describe('GB 21351-2023 limits', () => {
  it('holds the class I values of every row (research/carbon.md 3.2)', () => {
    expect(Object.fromEntries(PROCESS_LINES.map((l) => [l, LINE_LIMITS[l].kgcePerT]))).toEqual({
      casting_molten: [70, 85, 100],
      casting_ingot: [125, 145, 185],
      hot_rolling: [75, 95, 120],
      cold_rolling: [70, 90, 110],
      cold_rolling_anneal: [110, 135, 160],
      twin_roll_casting: [80, 100, 120],
      foil_single_zero: [80, 115, 150],
      foil_double_zero: [120, 150, 230],
    })
  })

  const EPS = 0.001
  for (const line of PROCESS_LINES) {
    const [l1, l2, l3] = LINE_LIMITS[line].kgcePerT
    it(`${line}: each bound belongs to its own level (inclusive), just above is the next`, () => {
      expect(energyLevel(line, l1 - EPS)).toBe(1)
      expect(energyLevel(line, l1)).toBe(1)
      expect(energyLevel(line, l1 + EPS)).toBe(2)
      expect(energyLevel(line, l2 - EPS)).toBe(2)
      expect(energyLevel(line, l2)).toBe(2)
      expect(energyLevel(line, l2 + EPS)).toBe(3)
      expect(energyLevel(line, l3 - EPS)).toBe(3)
      expect(energyLevel(line, l3)).toBe(3)
      expect(energyLevel(line, l3 + EPS)).toBe(4)
    })
  }

  it('a worse intensity never gives a better level', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROCESS_LINES),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        (line, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a]
          expect(energyLevel(line, lo)).toBeLessThanOrEqual(energyLevel(line, hi))
        },
      ),
    )
  })
})

describe('intensityKgcePerT', () => {
  it('adds the three kinds of electricity, gas and other fuels per tonne', () => {
    // electricity 30 000 + 5 000 + 5 000 = 40 000 kWh × 0.1229 = 4 916 kgce
    // gas 2 000 Nm³ × 1.2143 = 2 428.6 kgce; other fuels 155.4 kgce
    // total 7 500 kgce / 100 t = 75 kgce/t
    const r = {
      gridKwh: 30_000,
      ownPvKwh: 5_000,
      greenCertKwh: 5_000,
      naturalGasNm3: 2_000,
      otherFuelsKgce: 155.4,
      outputT: 100,
    }
    expect(intensityKgcePerT(r)).toBeCloseTo(75, 9)
    expect(energyLevel('hot_rolling', 75)).toBe(1)
  })

  it('counts green-certificate kWh once (they are not also in grid)', () => {
    // 1 000 kWh green only: 122.9 kgce / 1 t
    expect(intensityKgcePerT({ ...zero, greenCertKwh: 1000, outputT: 1 })).toBeCloseTo(122.9, 9)
  })

  it('is null when nothing was produced', () => {
    expect(intensityKgcePerT({ ...zero, gridKwh: 10 })).toBeNull()
    expect(intensityKgcePerT(zero)).toBeNull()
  })

  it('takes decimal tonnes', () => {
    // 1 000 Nm³ × 1.2143 = 1 214.3 kgce / 12.5 t = 97.144
    expect(intensityKgcePerT({ ...zero, naturalGasNm3: 1000, outputT: 12.5 })).toBeCloseTo(97.144, 9)
  })
})

describe('energyFactsOf', () => {
  const rec = (line: LineFigures['line'], f: Partial<LineFigures>): LineFigures => ({ ...zero, line, ...f })

  it('judges each line by its total over the months, and takes the worst line', () => {
    const records = [
      // hot rolling: month 1 at 110 kgce/t (level 3), month 2 at 70 (level 1) → total
      // (11 000 + 7 000) kgce / 200 t = 90 → level 2 (not 3)
      rec('hot_rolling', { otherFuelsKgce: 11_000, outputT: 100 }),
      rec('hot_rolling', { otherFuelsKgce: 7_000, outputT: 100 }),
      // cold rolling: 10 000 kWh × 0.1229 = 1 229 kgce / 10 t = 122.9 → above 110 → level 4
      rec('cold_rolling', { gridKwh: 8_000, ownPvKwh: 2_000, outputT: 10 }),
    ]
    const facts = energyFactsOf(records)
    expect(facts.worstEnergyLevel).toBe(4)
    // clean share: 2 000 PV / 10 000 kWh = 0.2
    expect(facts.cleanEnergyShare).toBeCloseTo(0.2, 12)
    expect(energyFactsOf(records.slice(0, 2)).worstEnergyLevel).toBe(2)
  })

  it('has no level and no share without output or electricity', () => {
    expect(energyFactsOf([])).toEqual({ worstEnergyLevel: null, cleanEnergyShare: null })
    expect(energyFactsOf([rec('foil_single_zero', { naturalGasNm3: 5 })])).toEqual({
      worstEnergyLevel: null,
      cleanEnergyShare: null,
    })
  })

  it('clean share counts PV and green certificates over all electricity', () => {
    // (300 + 200) / (500 + 300 + 200) = 0.5
    expect(cleanEnergyShare([{ ...zero, gridKwh: 500, ownPvKwh: 300, greenCertKwh: 200 }])).toBe(0.5)
  })
})
