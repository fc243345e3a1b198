import { describe, expect, it } from 'vitest'
import { readFacts } from './facts-input.ts'

const GOOD = {
  revenueCny: 80_000_000,
  rdExpenseCny: 2_560_000,
  highTechRevenueShare: 0.5,
  techStaffShare: 0.12,
  yearsInNiche: 3,
  mainBusinessShare: 0.8,
  worstEnergyLevel: 2,
  cleanEnergyShare: 0.35,
}

const problems = (json: unknown) => {
  const read = readFacts(json)
  return read.ok ? [] : read.problems.map((p) => `${p.field} ${p.message}`)
}

describe('reading the facts', () => {
  it('takes good facts as they are, and ignores other keys', () => {
    expect(readFacts({ ...GOOD, note: 'x' })).toEqual({ ok: true, value: GOOD })
  })

  it('takes a null energy level (no energy records) and shares of exactly 0 and 1', () => {
    const read = readFacts({ ...GOOD, worstEnergyLevel: null, techStaffShare: 0, mainBusinessShare: 1 })
    expect(read.ok && read.value.worstEnergyLevel).toBe(null)
  })

  it('names every bad field by its JSON pointer', () => {
    const { revenueCny: _r, ...missing } = GOOD
    expect(problems(missing)).toEqual(['/revenueCny is required'])
    expect(
      problems({
        ...GOOD,
        rdExpenseCny: '2560000',
        yearsInNiche: -1,
        highTechRevenueShare: 1.0001,
        cleanEnergyShare: null,
        worstEnergyLevel: 2.5,
      }),
    ).toEqual([
      '/rdExpenseCny must be a number',
      '/yearsInNiche must not be negative',
      '/highTechRevenueShare is a share: at most 1',
      '/cleanEnergyShare must be a number',
      '/worstEnergyLevel must be an integer from 1 to 4, or null',
    ])
    expect(problems({ ...GOOD, worstEnergyLevel: 0 })).toEqual([
      '/worstEnergyLevel must be an integer from 1 to 4, or null',
    ])
    expect(problems({ ...GOOD, worstEnergyLevel: 5 })).toHaveLength(1)
    expect(problems({ ...GOOD, worstEnergyLevel: '2' })).toHaveLength(1)
    const { worstEnergyLevel: _w, ...noLevel } = GOOD
    expect(problems(noLevel)).toEqual(['/worstEnergyLevel is required (or null)'])
    expect(problems([GOOD])).toEqual([' must be an object'])
  })
})
