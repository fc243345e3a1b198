import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { at, demo } from './fixtures.test-util.ts'
import { minuteOfDay, nextPhaseChangeAt, tradeDateOf, tradingPhaseAt } from './sessions.ts'

const A00 = demo('AL-A00-GY')
const PLATE = demo('PLATE-6061-T6-20x1500')
const CRC = demo('CRC-1060-F-7.0x1600')
const MS = 1

describe('tradeDateOf', () => {
  it('is the Shanghai date, which runs 8 hours ahead of UTC', () => {
    expect(tradeDateOf(Date.parse('2025-03-03T15:59:59.999Z'))).toBe('2025-03-03')
    expect(tradeDateOf(Date.parse('2025-03-03T16:00:00.000Z'))).toBe('2025-03-04')
    expect(tradeDateOf(Date.parse('2024-12-31T16:00:00Z'))).toBe('2025-01-01')
    expect(tradeDateOf(Date.parse('2024-02-28T16:30:00Z'))).toBe('2024-02-29')
    expect(tradeDateOf(at('2025-03-03 00:00'))).toBe('2025-03-03')
    expect(tradeDateOf(0)).toBe('1970-01-01')
    expect(tradeDateOf(-8 * 3_600_000 - 1)).toBe('1969-12-31')
  })

  it('answers each instant of a sequence as on its own, whichever days were asked before', () => {
    const instant = fc.integer({ min: -3e12, max: 4e12 })
    // Runs within one day too: no kept answer may leak across midnight.
    const nearby = instant.chain((t) =>
      fc.array(
        fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 }).map((d) => t + d),
        { maxLength: 6 },
      ),
    )
    fc.assert(
      fc.property(fc.array(nearby, { maxLength: 10 }), (runs) => {
        for (const t of runs.flat())
          expect(tradeDateOf(t)).toBe(new Date(t + 8 * 3_600_000).toISOString().slice(0, 10))
      }),
    )
  })
})

describe('tradeDateOf over more days than it keeps', () => {
  it('answers rightly while the days asked outnumber the dates it keeps, and once it has let them go', () => {
    const day = 86_400_000
    const first = Date.parse('2025-01-01T04:00:00Z')
    const days = Array.from({ length: 200 }, (_, d) => first + d * day)
    // Forward through 200 days, back to the first ones (let go by then), then backward, and a
    // contract's pick-up window (tomorrow, then days later) for each day in turn.
    const asked = [...days, ...days.slice(0, 70), ...[...days].reverse()]
    asked.push(...days.flatMap((t) => [t + day, t + 5 * day]))
    for (const t of asked) expect(tradeDateOf(t)).toBe(new Date(t + 8 * 3_600_000).toISOString().slice(0, 10))
  })
})

describe('minuteOfDay', () => {
  it('reads HH:MM from 00:00 to 23:59 and nothing else', () => {
    expect(minuteOfDay('00:00')).toBe(0)
    expect(minuteOfDay('08:50')).toBe(530)
    expect(minuteOfDay('23:59')).toBe(1439)
    for (const bad of ['24:00', '9:00', '09:60', '09:00:00', ' 09:00', ''])
      expect(minuteOfDay(bad)).toBeNull()
  })
})

describe('tradingPhaseAt', () => {
  it('walks a continuous day: closed, opening call, continuous, break, continuous, closed', () => {
    const phases: [string, string][] = [
      ['2025-03-03 00:00', 'closed'],
      ['2025-03-03 08:49', 'closed'],
      ['2025-03-03 08:50', 'opening_call'],
      ['2025-03-03 08:59', 'opening_call'],
      ['2025-03-03 09:00', 'continuous'],
      ['2025-03-03 11:29', 'continuous'],
      ['2025-03-03 11:30', 'break'],
      ['2025-03-03 13:29', 'break'],
      ['2025-03-03 13:30', 'continuous'],
      ['2025-03-03 14:59', 'continuous'],
      ['2025-03-03 15:00', 'closed'],
      ['2025-03-03 23:59', 'closed'],
    ]
    for (const [time, phase] of phases) expect(tradingPhaseAt(A00, at(time)), time).toBe(phase)
  })

  it('changes phase exactly on the minute, not a millisecond before', () => {
    expect(tradingPhaseAt(A00, at('2025-03-03 08:50') - MS)).toBe('closed')
    expect(tradingPhaseAt(A00, at('2025-03-03 09:00') - MS)).toBe('opening_call')
    expect(tradingPhaseAt(A00, at('2025-03-03 11:30') - MS)).toBe('continuous')
    expect(tradingPhaseAt(A00, at('2025-03-03 15:00') - MS)).toBe('continuous')
  })

  it('uses Shanghai time when the UTC date is the day before', () => {
    // 08:50 in Shanghai on 4 March is 00:50 UTC on 4 March; 07:59 is 23:59 UTC on 3 March.
    expect(tradingPhaseAt(A00, Date.parse('2025-03-04T00:50:00Z'))).toBe('opening_call')
    expect(tradingPhaseAt(A00, Date.parse('2025-03-03T23:59:59Z'))).toBe('closed')
    expect(tradingPhaseAt(A00, Date.parse('2025-03-04T01:00:00Z'))).toBe('continuous')
    expect(tradingPhaseAt(A00, Date.parse('2025-03-04T07:00:00Z'))).toBe('closed')
  })

  it('calls the sessions of a call-auction instrument call periods', () => {
    expect(tradingPhaseAt(PLATE, at('2025-03-03 09:59'))).toBe('closed')
    expect(tradingPhaseAt(PLATE, at('2025-03-03 10:00'))).toBe('call')
    expect(tradingPhaseAt(PLATE, at('2025-03-03 10:30'))).toBe('break')
    expect(tradingPhaseAt(PLATE, at('2025-03-03 14:29'))).toBe('call')
    expect(tradingPhaseAt(PLATE, at('2025-03-03 14:30'))).toBe('closed')
  })

  it('is closed for listings and for halted or closed instruments', () => {
    const noon = at('2025-03-03 10:00')
    expect(tradingPhaseAt(CRC, noon)).toBe('closed')
    expect(tradingPhaseAt({ ...A00, status: 'halted' }, noon)).toBe('closed')
    expect(tradingPhaseAt({ ...A00, status: 'closed' }, noon)).toBe('closed')
  })

  it('refuses to guess on a malformed stored session', () => {
    const broken = { ...A00, sessions: [{ start: '9:00', end: '11:30' }] }
    expect(() => tradingPhaseAt(broken, at('2025-03-03 10:00'))).toThrow(RangeError)
  })
})

describe('nextPhaseChangeAt', () => {
  it('is the next window edge, on the next day after the close', () => {
    expect(nextPhaseChangeAt(A00, at('2025-03-03 08:00'))).toBe(at('2025-03-03 08:50'))
    expect(nextPhaseChangeAt(A00, at('2025-03-03 08:50'))).toBe(at('2025-03-03 09:00'))
    expect(nextPhaseChangeAt(A00, at('2025-03-03 12:00'))).toBe(at('2025-03-03 13:30'))
    expect(nextPhaseChangeAt(A00, at('2025-03-03 15:00'))).toBe(at('2025-03-04 08:50'))
    expect(nextPhaseChangeAt(PLATE, at('2025-03-03 10:10'))).toBe(at('2025-03-03 10:30'))
  })

  it('is null when no book runs', () => {
    expect(nextPhaseChangeAt(CRC, at('2025-03-03 08:00'))).toBeNull()
    expect(nextPhaseChangeAt({ ...A00, status: 'halted' }, at('2025-03-03 08:00'))).toBeNull()
  })
})
