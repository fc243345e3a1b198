import { describe, expect, it } from 'vitest'
import { checkProgramme, isCalendarDay, type ProgrammeBody } from './programme-check.ts'

const BODY: ProgrammeBody = {
  nameZh: ' 测试 ',
  nameEn: 'Test',
  descriptionZh: '说明',
  descriptionEn: 'About',
  rules: [
    {
      rule: 'rd_intensity',
      comparison: '>=',
      tiers: [
        { revenueUpToCny: 50_000_000, threshold: 0.05 },
        { revenueUpToCny: null, threshold: 0.03 },
      ],
    },
    { rule: 'energy_level', comparison: '<=', threshold: 2 },
  ],
  amountFen: '30000000',
  budgetFen: '0',
  opensOn: '2026-01-01',
  closesOn: '2026-01-01',
  status: 'open',
  noteEn: '  ',
}

const fields = (body: ProgrammeBody) => {
  const checked = checkProgramme(body)
  return checked.ok ? [] : (checked.errors ?? []).map((e) => `${e.field} ${e.message}`)
}

describe('checking a programme an administrator saves', () => {
  it('takes a valid one, trimming names and dropping empty notes', () => {
    const checked = checkProgramme(BODY)
    expect(checked.ok && checked.value).toMatchObject({
      nameZh: '测试',
      amountFen: 30_000_000n,
      budgetFen: 0n,
      noteEn: null,
      noteZh: null,
    })
  })

  it('names every problem by its pointer', () => {
    expect(
      fields({
        ...BODY,
        amountFen: '0',
        opensOn: '2026-02-30',
        rules: [
          { rule: 'tech_staff_share', comparison: '>=', threshold: 1.2 },
          { rule: 'tech_staff_share', comparison: '>=' },
          { rule: 'energy_level', comparison: '<=', threshold: 2.5 },
          { rule: 'revenue', comparison: '>=', tiers: [{ revenueUpToCny: 10, threshold: 1 }] },
        ],
      }),
    ).toEqual([
      '/rules/0/threshold is a share: at most 1',
      '/rules/1/rule tech_staff_share is already a rule',
      '/rules/1 give a threshold or tiers, not both',
      '/rules/2/threshold must be an energy level 1 to 4',
      '/rules/3/tiers/0/revenueUpToCny the last tier covers all above: null',
      '/opensOn is not a calendar day YYYY-MM-DD',
      '/amountFen must be more than 0',
    ])
    expect(fields({ ...BODY, rules: [] })).toEqual(['/rules needs at least one rule'])
    expect(fields({ ...BODY, closesOn: '2025-12-31' })).toEqual(['/closesOn is before opensOn'])
  })

  it('knows a calendar day', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true)
    expect(isCalendarDay('2026-02-29')).toBe(false)
    expect(isCalendarDay('2026-1-01')).toBe(false)
  })
})
