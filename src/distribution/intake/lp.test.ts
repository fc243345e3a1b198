import { describe, expect, it } from 'vitest'
import { intakeLp } from './lp.ts'

describe('intakeLp', () => {
  it('writes indexed names, a demand equality per demand and a capacity row per supplier with lanes', () => {
    const lp = intakeLp(
      [600, 50, 9],
      [
        { plant: 0, form: 'molten', tonnes: 1000 },
        { plant: 1, form: 'ingot', tonnes: 0.5 },
      ],
      [
        { supplier: 0, demand: 0, costCnyPerT: 271.16 },
        { supplier: 1, demand: 1, costCnyPerT: -12.5 },
        { supplier: 0, demand: 1, costCnyPerT: 0 },
      ],
      100_000,
    )
    expect(lp).toBe(
      [
        'Minimize',
        ' cost:',
        '  271.16 x0',
        '  - 12.5 x1',
        '  + 0 x2',
        '  + 100000 u0',
        '  + 100000 u1',
        'Subject To',
        ' d0: x0 + u0 = 1000',
        ' d1: x1 + x2 + u1 = 0.5',
        ' c0: x0 + x2 <= 600',
        ' c1: x1 <= 50',
        'End',
        '',
      ].join('\n'),
    )
  })
})
