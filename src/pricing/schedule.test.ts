import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  isCalendarDate,
  isPublicationDate,
  latestClosedWindow,
  nextPublicationDate,
  previousPublicationDate,
  publicationDates,
  shanghaiDateOf,
  windowContaining,
  windowOf,
} from './schedule.ts'

const at = (iso: string) => Date.parse(iso)
const iso = (ms: number) => new Date(ms).toISOString()

// June 2025: the 12th and 19th are Thursdays, the 14th and 15th a weekend.
describe('weekly windows (fees)', () => {
  it('run from Friday 15:00 to Thursday 15:00 Shanghai and publish at 17:00', () => {
    const w = windowOf('weekly', '2025-06-12')!
    expect(iso(w.startMs)).toBe('2025-06-06T07:00:00.000Z')
    expect(iso(w.endMs)).toBe('2025-06-12T07:00:00.000Z')
    expect(iso(w.publishAtMs)).toBe('2025-06-12T09:00:00.000Z')
  })

  it('exist only for Thursdays', () => {
    expect(windowOf('weekly', '2025-06-11')).toBeNull()
    expect(windowOf('weekly', '2025-06-13')).toBeNull()
    expect(isPublicationDate('weekly', '2025-06-19')).toBe(true)
  })

  it('close at Thursday 15:00 exactly: the end is excluded from the period', () => {
    expect(latestClosedWindow('weekly', at('2025-06-12T06:59:59.999Z')).date).toBe('2025-06-05')
    expect(latestClosedWindow('weekly', at('2025-06-12T07:00:00.000Z')).date).toBe('2025-06-12')
    expect(latestClosedWindow('weekly', at('2025-06-15T12:00:00Z')).date).toBe('2025-06-12')
    expect(windowContaining('weekly', at('2025-06-12T06:59:59.999Z'))?.date).toBe('2025-06-12')
    expect(windowContaining('weekly', at('2025-06-13T07:00:00.000Z'))?.date).toBe('2025-06-19')
  })

  it('leave Thursday 15:00 to Friday 15:00 outside every weekly window', () => {
    expect(windowContaining('weekly', at('2025-06-12T07:00:00.000Z'))).toBeNull()
    expect(windowContaining('weekly', at('2025-06-13T06:59:59.999Z'))).toBeNull()
  })

  it('read the Shanghai date, not the UTC one, of an instant', () => {
    // 16:30Z on Wednesday is 00:30 on Thursday in Shanghai; Thursday's window is still open.
    expect(shanghaiDateOf(at('2025-06-11T16:30:00Z'))).toBe('2025-06-12')
    expect(latestClosedWindow('weekly', at('2025-06-11T16:30:00Z')).date).toBe('2025-06-05')
  })
})

describe('daily windows (base)', () => {
  it('run from the previous weekday 15:00 to 15:00, so Monday takes in the weekend', () => {
    const tuesday = windowOf('daily', '2025-06-10')!
    expect(iso(tuesday.startMs)).toBe('2025-06-09T07:00:00.000Z')
    expect(iso(tuesday.endMs)).toBe('2025-06-10T07:00:00.000Z')
    expect(iso(tuesday.publishAtMs)).toBe('2025-06-10T09:00:00.000Z')
    const monday = windowOf('daily', '2025-06-16')!
    expect(iso(monday.startMs)).toBe('2025-06-13T07:00:00.000Z')
    expect(windowOf('daily', '2025-06-14')).toBeNull()
    expect(windowOf('daily', '2025-06-15')).toBeNull()
  })

  it('give the latest closed window from any instant', () => {
    expect(latestClosedWindow('daily', at('2025-06-14T03:00:00Z')).date).toBe('2025-06-13')
    expect(latestClosedWindow('daily', at('2025-06-16T06:00:00Z')).date).toBe('2025-06-13')
    expect(latestClosedWindow('daily', at('2025-06-16T07:00:00Z')).date).toBe('2025-06-16')
    expect(windowContaining('daily', at('2025-06-14T03:00:00Z'))?.date).toBe('2025-06-16')
  })

  it('step over weekends', () => {
    expect(previousPublicationDate('daily', '2025-06-16')).toBe('2025-06-13')
    expect(nextPublicationDate('daily', '2025-06-13')).toBe('2025-06-16')
    expect(nextPublicationDate('daily', '2025-06-14')).toBe('2025-06-16')
    expect(nextPublicationDate('daily', '2025-06-09')).toBe('2025-06-10')
    expect(publicationDates('daily', '2025-06-13', '2025-06-17')).toEqual([
      '2025-06-13',
      '2025-06-16',
      '2025-06-17',
    ])
  })
})

describe('calendar', () => {
  it('lists the Thursdays of a month', () => {
    expect(publicationDates('weekly', '2025-06-01', '2025-06-30')).toEqual([
      '2025-06-05',
      '2025-06-12',
      '2025-06-19',
      '2025-06-26',
    ])
  })

  it('refuses dates that do not exist', () => {
    expect(isCalendarDate('2025-02-30')).toBe(false)
    expect(isCalendarDate('2024-02-29')).toBe(true)
    expect(isCalendarDate('2025-6-1')).toBe(false)
    expect(isPublicationDate('weekly', '2025-13-04')).toBe(false)
  })

  it.each([
    ['weekly', 86_400_000],
    ['daily', 0],
  ] as const)('lays %s windows end to start, with a gap of %i ms', (f, gapMs) => {
    const instant = fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') })
    fc.assert(
      fc.property(instant, (ms) => {
        const closed = latestClosedWindow(f, ms)
        expect(closed.endMs <= ms).toBe(true)
        const next = windowOf(f, nextPublicationDate(f, closed.date))!
        expect(next.endMs > ms).toBe(true)
        expect(next.startMs - closed.endMs).toBe(gapMs)
        const w = windowContaining(f, ms)
        if (w) expect(w.startMs <= ms && ms < w.endMs).toBe(true)
        else expect(ms - closed.endMs < gapMs).toBe(true)
      }),
    )
  })
})
