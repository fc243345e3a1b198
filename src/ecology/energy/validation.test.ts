import { describe, expect, it } from 'vitest'
import { LINE_LIMITS, PROCESS_LINES } from './levels.ts'
import { checkSubmission, type EnergySubmission, MAX_OUTPUT_T } from './validation.ts'

const base: EnergySubmission = {
  month: '2026-01',
  line: 'cold_rolling',
  gridKwh: 1000,
  ownPvKwh: 0,
  greenCertKwh: 0,
  naturalGasNm3: 0,
  otherFuelsKgce: 0,
  otherDirectKgco2: 0,
  outputT: 10,
}
const codeOf = (input: Partial<EnergySubmission>, current = '2026-03') => {
  const r = checkSubmission({ ...base, ...input }, current)
  return r.ok ? 'ok' : r.code
}

describe('checkSubmission', () => {
  it('takes a plain month of a known line', () => {
    const r = checkSubmission(base, '2026-03')
    expect(r).toEqual({ ok: true, value: base })
  })

  it('refuses an unknown line and a malformed month', () => {
    expect(codeOf({ line: 'extrusion' })).toBe('ENERGY_LINE_UNKNOWN')
    for (const month of ['2026-00', '2026-13', '2026-1', '26-01', '2026-01-01', ''])
      expect(codeOf({ month }), month).toBe('ENERGY_MONTH_INVALID')
  })

  it('takes the current month and refuses the next', () => {
    expect(codeOf({ month: '2026-03' })).toBe('ok')
    expect(codeOf({ month: '2026-04' })).toBe('ENERGY_MONTH_IN_FUTURE')
    expect(codeOf({ month: '2027-01' }, '2026-12')).toBe('ENERGY_MONTH_IN_FUTURE')
  })

  it('lists every negative field', () => {
    const r = checkSubmission({ ...base, gridKwh: -1, naturalGasNm3: -0.5 }, '2026-03')
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.code).toBe('ENERGY_VALUE_NEGATIVE')
      expect(r.errors?.map((e) => e.field)).toEqual(['/gridKwh', '/naturalGasNm3'])
    }
    expect(codeOf({ otherDirectKgco2: -1 })).toBe('ENERGY_VALUE_NEGATIVE')
    expect(codeOf({ gridKwh: Number.NaN })).toBe('ENERGY_VALUE_NEGATIVE')
  })

  it('refuses energy without output, and takes an idle month (all zero)', () => {
    expect(codeOf({ outputT: 0 })).toBe('ENERGY_OUTPUT_ZERO')
    expect(codeOf({ gridKwh: 0, outputT: 0, otherDirectKgco2: 5 })).toBe('ENERGY_OUTPUT_ZERO')
    expect(codeOf({ gridKwh: 0, outputT: 0 })).toBe('ok')
  })

  it('refuses an intensity above 20× the level-3 limit, and takes exactly that', () => {
    for (const line of PROCESS_LINES) {
      const ceiling = LINE_LIMITS[line].kgcePerT[2] * 20
      expect(codeOf({ line, gridKwh: 0, otherFuelsKgce: ceiling, outputT: 1 }), line).toBe('ok')
      expect(codeOf({ line, gridKwh: 0, otherFuelsKgce: ceiling + 0.01, outputT: 1 }), line).toBe(
        'ENERGY_VALUE_IMPLAUSIBLE',
      )
    }
  })

  it('refuses an output no line makes in a month, and absurd other emissions', () => {
    expect(codeOf({ outputT: MAX_OUTPUT_T, gridKwh: 0 })).toBe('ok')
    expect(codeOf({ outputT: MAX_OUTPUT_T + 1, gridKwh: 0 })).toBe('ENERGY_VALUE_IMPLAUSIBLE')
    // 10 t of output: 100 000 kg of other CO2 is 10 t/t, the ceiling; a kg more is refused.
    expect(codeOf({ otherDirectKgco2: 100_000 })).toBe('ok')
    expect(codeOf({ otherDirectKgco2: 100_001 })).toBe('ENERGY_VALUE_IMPLAUSIBLE')
  })
})
