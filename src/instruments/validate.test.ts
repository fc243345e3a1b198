import { describe, expect, it } from 'vitest'
import { demoInstruments } from './demo.ts'
import type { NewInstrument } from './model.ts'
import { instrumentIssues } from './validate.ts'

const [A00, SHEET] = demoInstruments() as [NewInstrument, NewInstrument]
const fields = (instrument: NewInstrument) => instrumentIssues(instrument).map((e) => e.field)

describe('instrumentIssues', () => {
  it('names each bad field', () => {
    expect(fields({ ...A00, code: 'al-a00' })).toEqual(['/code'])
    expect(fields({ ...A00, lotKg: 0, tickCnyPerT: 2.5 })).toEqual(['/lotKg', '/tickCnyPerT'])
    expect(fields({ ...A00, bandBps: 10_000 })).toEqual(['/bandBps'])
    expect(fields({ ...A00, buyerFeeBps: -1 })).toEqual(['/buyerFeeBps'])
  })

  it('asks a fee-basis instrument for its base, and only it', () => {
    expect(fields({ ...SHEET, baseReference: null, configuredBaseCnyPerT: null })).toEqual([
      '/baseReference',
      '/configuredBaseCnyPerT',
    ])
    expect(fields({ ...A00, baseReference: 'GY-A00' })).toEqual(['/baseReference'])
  })

  it('wants windows within a day, in order, without overlap, and a session for a book', () => {
    expect(fields({ ...A00, sessions: [] })).toEqual(['/sessions'])
    expect(fields({ ...A00, model: 'listing', openingCall: null, sessions: [] })).toEqual([])
    expect(fields({ ...A00, openingCall: { start: '09:10', end: '09:00' } })).toEqual(['/openingCall'])
    expect(
      fields({
        ...A00,
        sessions: [
          { start: '13:30', end: '15:00' },
          { start: '09:00', end: '11:30' },
        ],
      }),
    ).toEqual(['/sessions/1'])
    expect(fields({ ...A00, openingCall: { start: '08:50', end: '09:05' } })).toEqual(['/sessions/0'])
    expect(fields({ ...A00, sessions: [{ start: '21:00', end: '01:00' }] })).toEqual(['/sessions/0'])
  })

  it('refuses a band that holds no tick', () => {
    expect(fields({ ...A00, referencePriceCnyPerT: 1005, bandBps: 1 })).toEqual(['/bandBps'])
  })
})
