import { describe, expect, it } from 'vitest'
import { readFootprintInput } from './footprint-input.ts'

const valid = () => ({
  good: { cnCode: '76061192', outputT: 100, origin: 'CN' },
  year: 2026,
  installation: {
    naturalGasNm3: 1000,
    otherDirectTco2e: 0.5,
    electricityKwh: 50_000,
    gridKgco2PerKwh: 0.6058,
  },
  precursors: [
    { cnCode: '7601', tonnes: 90, seeTco2ePerT: 1.8 },
    { cnCode: '7601', tonnes: 10, seeTco2ePerT: null, origin: ' DE ' },
  ],
  scrapT: 15,
  eurPerTco2: 75.36,
})

/** The refusal's problems as `pointer message` lines. */
function problems(json: unknown): { code: string; lines: string[] } {
  const r = readFootprintInput(json)
  if (r.ok) throw new Error('expected a refusal')
  return { code: r.code, lines: (r.errors ?? []).map((e) => `${e.field} ${e.message}`) }
}

describe('readFootprintInput', () => {
  it('reads a valid input as it is, trimming origins and leaving absent ones out', () => {
    const r = readFootprintInput(valid())
    expect(r).toEqual({
      ok: true,
      value: {
        ...valid(),
        precursors: [
          { cnCode: '7601', tonnes: 90, seeTco2ePerT: 1.8 },
          { cnCode: '7601', tonnes: 10, seeTco2ePerT: null, origin: 'DE' },
        ],
      },
    })
    expect(r.ok && 'origin' in r.value.precursors[0]!).toBe(false)
  })

  it('takes a missing seeTco2ePerT as null (on defaults) and a CN code given as a whole number', () => {
    const json = valid()
    json.good.cnCode = 76061192 as unknown as string
    json.precursors = [{ cnCode: '7601', tonnes: 5 } as (typeof json.precursors)[0]]
    const r = readFootprintInput(json)
    expect(r.ok && r.value.good.cnCode).toBe('76061192')
    expect(r.ok && r.value.precursors[0]!.seeTco2ePerT).toBe(null)
  })

  it('names every missing part by its JSON pointer', () => {
    const { code, lines } = problems({})
    expect(code).toBe('VALIDATION_FAILED')
    expect(lines).toEqual([
      '/good must be an object',
      '/good/cnCode must be a CN code of 4, 6, 8 or 10 digits',
      '/good/outputT must be a finite number',
      '/good/origin must be a non-empty string',
      '/year must be a whole year between 1900 and 2200',
      '/installation must be an object',
      '/installation/naturalGasNm3 must be a finite number',
      '/installation/otherDirectTco2e must be a finite number',
      '/installation/electricityKwh must be a finite number',
      '/installation/gridKgco2PerKwh must be a finite number',
      '/precursors must be an array',
      '/scrapT must be a finite number',
      '/eurPerTco2 must be a finite number',
    ])
    expect(problems([]).lines[0]).toBe(' must be an object')
  })

  it('refuses impossible values, each at its own pointer', () => {
    const json = valid() as Record<string, unknown> & ReturnType<typeof valid>
    json.good = { cnCode: '76A6', outputT: 0, origin: '' }
    json.year = 2026.5
    json.installation = { ...valid().installation, naturalGasNm3: -1, electricityKwh: Number.NaN }
    json.precursors = [
      { cnCode: '7601', tonnes: -3, seeTco2ePerT: -0.1 },
      { cnCode: '7601', tonnes: 1, seeTco2ePerT: null, origin: '' },
      'ingot' as never,
    ]
    json.scrapT = '15' as never
    const { code, lines } = problems(json)
    expect(code).toBe('VALIDATION_FAILED')
    expect(lines).toEqual([
      '/good/cnCode must be a CN code of 4, 6, 8 or 10 digits',
      '/good/outputT must be greater than 0',
      '/good/origin must be a non-empty string',
      '/year must be a whole year between 1900 and 2200',
      '/installation/naturalGasNm3 must not be negative',
      '/installation/electricityKwh must be a finite number',
      '/precursors/0/tonnes must not be negative',
      '/precursors/0/seeTco2ePerT must not be negative',
      '/precursors/1/origin must be a non-empty string',
      '/precursors/2 must be an object',
      '/precursors/2/cnCode must be a CN code of 4, 6, 8 or 10 digits',
      '/precursors/2/tonnes must be a finite number',
      '/scrapT must be a finite number',
    ])
  })

  it('answers CN_CODE_UNKNOWN when only headings are wrong, VALIDATION_FAILED when more is', () => {
    const json = valid()
    json.good.cnCode = '7603'
    json.precursors[0]!.cnCode = '7602'
    const only = problems(json)
    expect(only.code).toBe('CN_CODE_UNKNOWN')
    expect(only.lines).toEqual([
      '/good/cnCode heading 7603 has no CBAM default in method v1',
      '/precursors/0/cnCode heading 7602 has no CBAM default in method v1',
    ])
    json.scrapT = -1
    const more = problems(json)
    expect(more.code).toBe('VALIDATION_FAILED')
    expect(more.lines).toContain('/scrapT must not be negative')
    expect(more.lines).toContain('/precursors/0/cnCode heading 7602 has no CBAM default in method v1')
  })
})
