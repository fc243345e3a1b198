import { describe, expect, it } from 'vitest'
import { createRandom } from '../kernel/index.ts'
import { demoRecords, linesOf } from './demo.ts'
import { energyFactsOf } from './energy/levels.ts'
import { monthsBetween } from './energy/months.ts'
import { checkSubmission } from './energy/validation.ts'
import { parkIndicators } from './park/indicators.ts'

const STAGE_SETS = [
  ['cold_rolling', 'finishing'],
  ['casting', 'cast_rolling'],
  ['foil_rolling', 'finishing', 'terminal_products'],
  ['casting', 'cast_rolling', 'hot_rolling', 'cold_rolling', 'foil_rolling', 'finishing', 'recycling'],
  ['casting', 'hot_rolling', 'cold_rolling', 'finishing'],
]
const processors = Array.from({ length: 120 }, (_, i) => ({
  id: `p-${String(i).padStart(4, '0')}`,
  stages: STAGE_SETS[i % STAGE_SETS.length]!,
  capacityT: 20_000 + 5_000 * i,
  topTen: i === 3,
}))
const months = monthsBetween('2024-03', '2026-02')

describe('the demo ledger', () => {
  const records = demoRecords(processors, months, createRandom(2107))

  it('gives every processor 2–4 distinct lines its stages allow, for all 24 months', () => {
    for (const p of processors) {
      const own = records.filter((r) => r.enterpriseId === p.id && r.revision === 1)
      const lines = new Set(own.map((r) => r.line))
      expect(lines.size).toBeGreaterThanOrEqual(2)
      expect(lines.size).toBeLessThanOrEqual(4)
      expect(own).toHaveLength(lines.size * 24)
      if (!p.stages.includes('foil_rolling')) expect([...lines].some((l) => l.startsWith('foil'))).toBe(false)
    }
    for (let i = 0; i < 50; i++) {
      const lines = linesOf(STAGE_SETS[i % STAGE_SETS.length]!, createRandom(i))
      expect(new Set(lines).size).toBe(lines.length)
    }
  })

  it('is a ledger the API would take: every revision passes the checks', () => {
    for (const r of records) {
      const checked = checkSubmission(r, '2026-03')
      expect(checked.ok, `${r.enterpriseId} ${r.line} ${r.month}`).toBe(true)
    }
  })

  it('has lines at every level, most at 2–3, and a few corrections with their reason', () => {
    const current = records.filter((r) => r.current !== false)
    const park = parkIndicators(current, () => 0.6058)
    const { 1: l1, 2: l2, 3: l3, 4: l4 } = park.linesByLevel
    expect(l1).toBeGreaterThan(0)
    expect(l4).toBeGreaterThan(0)
    expect(l2 + l3).toBeGreaterThan(l1 + l4)
    const fixed = records.filter((r) => r.revision === 2)
    expect(fixed.length).toBeGreaterThanOrEqual(4)
    expect(fixed.every((r) => r.reason !== null && r.reason.length > 0)).toBe(true)
    // Each corrected month keeps its first revision as history, no longer current.
    for (const f of fixed) {
      const first = records.find(
        (r) =>
          r.enterpriseId === f.enterpriseId && r.month === f.month && r.line === f.line && r.revision === 1,
      )
      expect(first?.current).toBe(false)
    }
    expect(records.every((r) => r.synthetic)).toBe(true)
  })

  it('gives the demo mill photovoltaics, green certificates and no twin-roll casting', () => {
    const mill = records.filter((r) => r.enterpriseId === 'p-0003')
    expect(new Set(mill.map((r) => r.line))).toEqual(
      new Set(['casting_molten', 'hot_rolling', 'cold_rolling_anneal', 'foil_double_zero']),
    )
    expect(energyFactsOf(mill).cleanEnergyShare).toBeGreaterThan(0.1)
  })
})
