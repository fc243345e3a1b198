import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HIGH_END_GROUPS, highEndGroupOf, highEndShare } from './high-end.ts'

describe('high-end share', () => {
  it('groups by application first, then plate by form', () => {
    expect(highEndGroupOf({ form: 'foil', application: 'battery_foil' })).toBe('battery_foil')
    expect(highEndGroupOf({ form: 'sheet', application: 'can_end_stock' })).toBe('can_stock')
    // A plate listed for PS plate base counts once, as PS plate base.
    expect(highEndGroupOf({ form: 'plate', application: 'ps_plate_base' })).toBe('ps_plate_base')
    expect(highEndGroupOf({ form: 'plate', application: 'mould_plate' })).toBe('plate')
    expect(highEndGroupOf({ form: 'foil', application: 'household_foil' })).toBeNull()
    expect(highEndGroupOf({ form: 'sheet', application: null })).toBeNull()
  })

  it('sums capacities: 100 battery foil + 50 plate of 600 listed → 25 %', () => {
    const share = highEndShare([
      { form: 'foil', application: 'battery_foil', monthlyCapacityT: 100 },
      { form: 'plate', application: null, monthlyCapacityT: 50 },
      { form: 'sheet', application: 'roofing', monthlyCapacityT: 450 },
    ])
    expect(share.totalMonthlyCapacityT).toBe(600)
    expect(share.highEndMonthlyCapacityT).toBe(150)
    expect(share.share).toBe(0.25)
    expect(share.groups.find((g) => g.group === 'plate')?.monthlyCapacityT).toBe(50)
    expect(share.groups.find((g) => g.group === 'can_stock')?.share).toBe(0)
  })

  it('has no share when nothing is listed', () => {
    expect(highEndShare([]).share).toBeNull()
  })

  it('the groups add up to the high-end total, which never exceeds the total', () => {
    const item = fc.record({
      form: fc.constantFrom('foil', 'sheet', 'strip', 'plate'),
      application: fc.constantFrom(null, 'battery_foil', 'can_body_stock', 'roofing', 'auto_body_sheet'),
      monthlyCapacityT: fc.integer({ min: 0, max: 5000 }),
    })
    fc.assert(
      fc.property(fc.array(item), (items) => {
        const s = highEndShare(items)
        const sum = s.groups.reduce((a, g) => a + g.monthlyCapacityT, 0)
        expect(sum).toBe(s.highEndMonthlyCapacityT)
        expect(s.highEndMonthlyCapacityT).toBeLessThanOrEqual(s.totalMonthlyCapacityT)
        expect(s.groups.map((g) => g.group)).toEqual([...HIGH_END_GROUPS])
      }),
    )
  })
})
