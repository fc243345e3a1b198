import { describe, expect, it } from 'vitest'
import {
  addMonths,
  isMonth,
  latestCompleteMonth,
  monthsBetween,
  shanghaiMonth,
  twelveMonthsTo,
} from './months.ts'

describe('months', () => {
  it('turns to the next month at Shanghai midnight, not UTC', () => {
    // 2026-01-31 16:00 UTC is 2026-02-01 00:00 in Shanghai.
    expect(shanghaiMonth(Date.parse('2026-01-31T15:59:59Z'))).toBe('2026-01')
    expect(shanghaiMonth(Date.parse('2026-01-31T16:00:00Z'))).toBe('2026-02')
    expect(latestCompleteMonth(Date.parse('2026-01-31T16:00:00Z'))).toBe('2026-01')
  })

  it('moves across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(addMonths('2025-12', 1)).toBe('2026-01')
    expect(addMonths('2026-03', -26)).toBe('2024-01')
    expect(twelveMonthsTo('2026-02')).toEqual({ from: '2025-03', to: '2026-02' })
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
  })

  it('knows a month from other text', () => {
    expect(isMonth('2026-12')).toBe(true)
    expect(isMonth('2026-13')).toBe(false)
    expect(isMonth('2026-1')).toBe(false)
  })
})
