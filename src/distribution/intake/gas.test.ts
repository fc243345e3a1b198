import { describe, expect, it } from 'vitest'
import { gasSavedM3 } from './gas.ts'

describe('gasSavedM3', () => {
  it('saves 20 m³ of natural gas per molten tonne delivered (60 against 80 m³/t)', () => {
    const flow = { to: 'P', costCnyPerT: 100 }
    expect(
      gasSavedM3({
        flows: [
          { ...flow, from: 'A', form: 'molten', tonnes: 5000 },
          { ...flow, from: 'B', form: 'ingot', tonnes: 3000 },
        ],
      }),
    ).toEqual({ savedM3: 100_000, moltenT: 5000, deliveredT: 8000, moltenShare: 0.625 })
    expect(gasSavedM3({ flows: [] })).toEqual({ savedM3: 0, moltenT: 0, deliveredT: 0, moltenShare: null })
  })
})
