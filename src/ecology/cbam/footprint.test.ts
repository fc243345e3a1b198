import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type FootprintInput, type FootprintRecord, footprint } from './footprint.ts'
import { EUR, sheet } from './footprint-fixture.test-util.ts'
import { cbamFactor, HEADING_DEFAULTS, markUp } from './schedule.ts'

/** No installation emissions: the good's SEE is exactly the one precursor's declared SEE. */
const pure = (cnCode: string, year: number, seeTco2ePerT: number, outputT = 1): FootprintInput => ({
  good: { cnCode, outputT, origin: 'CN' },
  year,
  installation: { naturalGasNm3: 0, otherDirectTco2e: 0, electricityKwh: 0, gridKgco2PerKwh: 0.6058 },
  precursors: [{ cnCode: '7601', tonnes: outputT, seeTco2ePerT }],
  scrapT: 0,
  eurPerTco2: EUR,
})

/** Only defaults: no installation data, one tonne of the good from one tonne of undeclared ingot. */
const onDefaults = (cnCode: string, year: number, origin = 'CN'): FootprintInput => ({
  good: { cnCode, outputT: 1, origin },
  year,
  installation: { naturalGasNm3: 0, otherDirectTco2e: 0, electricityKwh: 0, gridKgco2PerKwh: 0 },
  precursors: [{ cnCode: '7601', tonnes: 1, seeTco2ePerT: null }],
  scrapT: 0,
  eurPerTco2: EUR,
})

function record(input: FootprintInput): FootprintRecord {
  const r = footprint(input)
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.detail}`)
  return r.value
}

describe('footprint (method v1), step by step', () => {
  it('works the whole sheet example through every step', () => {
    const r = record(sheet())
    // 1. direct = 1000 Nm³ × 2.162 / 1000 = 2.162 t, + 0.5 other = 2.662 t
    expect(r.directTco2e).toBeCloseTo(2.662, 12)
    // 2. 90 t × 1.8 (declared) = 162; 10 t × 3.000 (7601 China) × 1.1 (2026) = 33 → 195 t
    expect(r.precursorTco2e).toBeCloseTo(195, 12)
    // 3. SEE = (2.662 + 195) / 100 = 1.97662; indirect = 50 000 × 0.6058 / 1000 / 100 = 0.3029
    expect(r.seeTco2ePerT).toBeCloseTo(1.97662, 12)
    expect(r.indirectTco2ePerT).toBeCloseTo(0.3029, 12)
    // 4. default = 4.120 × 1.1 = 4.532; benchmark × factor = (1.423 + 0.056) × 0.975 = 1.442025
    expect(r.defaultSeeTco2ePerT).toBeCloseTo(4.532, 12)
    //    payable 1.97662 − 1.442025 = 0.534595; default 4.532 − 1.442025 = 3.089975
    expect(r.payableTco2ePerT).toBeCloseTo(0.534595, 12)
    expect(r.defaultPayableTco2ePerT).toBeCloseTo(3.089975, 12)
    //    cost 0.534595 × 75.36 = 40.2870792; default 3.089975 × 75.36 = 232.860516
    expect(r.costEurPerT).toBeCloseTo(40.2870792, 9)
    expect(r.defaultCostEurPerT).toBeCloseTo(232.860516, 9)
    //    saving (232.860516 − 40.2870792) × 100 t = 19 257.34368
    expect(r.savingEur).toBeCloseTo(19_257.34368, 6)
    expect(r.precursorsOnDefaults).toBe(1)
    expect(Object.keys(r)).toEqual([
      'seeTco2ePerT',
      'directTco2e',
      'precursorTco2e',
      'indirectTco2ePerT',
      'defaultSeeTco2ePerT',
      'payableTco2ePerT',
      'defaultPayableTco2ePerT',
      'costEurPerT',
      'defaultCostEurPerT',
      'savingEur',
      'precursorsOnDefaults',
    ])
  })

  it('1. turns gas into CO2 at 2.162 kg/Nm³ and adds other direct emissions', () => {
    const gasOnly = sheet({
      installation: { naturalGasNm3: 1000, otherDirectTco2e: 0, electricityKwh: 0, gridKgco2PerKwh: 0 },
      precursors: [],
    })
    // 1000 Nm³ → 2.162 t; with no precursors SEE = 2.162 / 100 t
    expect(record(gasOnly).directTco2e).toBeCloseTo(2.162, 12)
    expect(record(gasOnly).seeTco2ePerT).toBeCloseTo(0.02162, 12)
    const both = sheet({
      installation: { naturalGasNm3: 250_000, otherDirectTco2e: 12.5, electricityKwh: 0, gridKgco2PerKwh: 0 },
      precursors: [],
    })
    // 250 000 × 2.162 / 1000 = 540.5 t, + 12.5 = 553 t
    expect(record(both).directTco2e).toBeCloseTo(553, 9)
  })

  it('1. gives scrap no emissions: any tonnage of scrap leaves the record as it is', () => {
    const none = record(sheet({ scrapT: 0 }))
    expect(record(sheet({ scrapT: 15 }))).toEqual(none)
    expect(record(sheet({ scrapT: 10_000 }))).toEqual(none)
  })

  it('2. counts a declared precursor at its declared SEE, an undeclared one at default × (1 + mark-up)', () => {
    const declared = record(pure('7606', 2026, 1.9, 10))
    // 10 t × 1.9 = 19 t, over 10 t of good = 1.9
    expect(declared.precursorTco2e).toBeCloseTo(19, 12)
    expect(declared.precursorsOnDefaults).toBe(0)
    const byDefault = record(onDefaults('7606', 2026))
    // 1 t × 3.000 × 1.1 = 3.3 t
    expect(byDefault.precursorTco2e).toBeCloseTo(3.3, 12)
    expect(byDefault.precursorsOnDefaults).toBe(1)
    // A declared 0 is an actual value (a zero-emission supplier), not a missing one.
    expect(record(pure('7606', 2026, 0)).precursorTco2e).toBe(0)
    expect(record(pure('7606', 2026, 0)).precursorsOnDefaults).toBe(0)
  })

  it.each([
    // year, mark-up, 7601 China precursor 3.000 × (1 + m), 7606 China good 4.120 × (1 + m)
    [2025, 0, 3.0, 4.12],
    [2026, 0.1, 3.3, 4.532],
    [2027, 0.2, 3.6, 4.944],
    [2028, 0.3, 3.9, 5.356],
    [2040, 0.3, 3.9, 5.356],
  ])('2./4. marks defaults up in %i by %f', (year, m, precursor, good) => {
    expect(markUp(year)).toBe(m)
    const r = record(onDefaults('7606', year))
    expect(r.precursorTco2e).toBeCloseTo(precursor, 12)
    expect(r.defaultSeeTco2ePerT).toBeCloseTo(good, 12)
  })

  it.each([
    // origin, 7601 precursor in 2026, 7606 good's default in 2026
    ['CN', 3.3, 4.532], // China: 3.000 × 1.1, 4.120 × 1.1
    ['cn', 3.3, 4.532], // the code is read without regard to case
    ['DE', 2.4233, 4.0887], // other countries: 2.203 × 1.1, 3.717 × 1.1
    ['IN', 2.4233, 4.0887], // India has its own annex row, but method v1 knows only the two columns
  ])('2./4. reads origin %s from its column', (origin, precursor, good) => {
    const r = record(onDefaults('7606', 2026, origin))
    expect(r.precursorTco2e).toBeCloseTo(precursor, 12)
    expect(r.defaultSeeTco2ePerT).toBeCloseTo(good, 12)
  })

  it("2. gives a precursor without an origin the good's origin, and one with an origin its own", () => {
    const base = onDefaults('7606', 2026, 'DE')
    // Good made in DE: ingot without origin is read as DE, 2.203 × 1.1 = 2.4233
    expect(record(base).precursorTco2e).toBeCloseTo(2.4233, 12)
    // The same ingot from China: 3.000 × 1.1 = 3.3, though the good is made in DE
    const chinese = { ...base, precursors: [{ cnCode: '7601', tonnes: 1, seeTco2ePerT: null, origin: 'CN' }] }
    expect(record(chinese).precursorTco2e).toBeCloseTo(3.3, 12)
    // And the reverse: good made in China from Indian ingot, 2.4233
    const indian = {
      ...onDefaults('7606', 2026, 'CN'),
      precursors: [{ cnCode: '7601', tonnes: 1, seeTco2ePerT: null, origin: 'IN' }],
    }
    expect(record(indian).precursorTco2e).toBeCloseTo(2.4233, 12)
  })

  it('3. reports indirect emissions beside the SEE without adding them', () => {
    const dark = record(sheet({ installation: { ...sheet().installation, electricityKwh: 0 } }))
    const lit = record(sheet({ installation: { ...sheet().installation, electricityKwh: 2_000_000 } }))
    expect(lit.seeTco2ePerT).toBe(dark.seeTco2ePerT)
    expect(lit.costEurPerT).toBe(dark.costEurPerT)
    expect(dark.indirectTco2ePerT).toBe(0)
    // 2 000 000 kWh × 0.6058 kg / 1000 = 1211.6 t over 100 t = 12.116 t/t
    expect(lit.indirectTco2ePerT).toBeCloseTo(12.116, 12)
  })

  it.each([
    // heading, China default, benchmark 1.423 + increment; SEE 5 in 2025 (factor 1) pays 5 − benchmark
    ['7601', 3.0, 1.423],
    ['7606', 4.12, 1.479],
    ['7607', 5.559, 1.589],
  ])('4. takes %s with default %f and benchmark %f', (cnCode, china, benchmark) => {
    const r = record(pure(cnCode, 2025, 5))
    expect(r.defaultSeeTco2ePerT).toBeCloseTo(china, 12)
    expect(r.payableTco2ePerT).toBeCloseTo(5 - benchmark, 12)
    expect(r.defaultPayableTco2ePerT).toBeCloseTo(china - benchmark, 12)
  })

  it.each([
    // year, CBAM factor; 7601 at SEE 5 pays 5 − 1.423 × factor
    [2024, 1, 3.577],
    [2025, 1, 3.577],
    [2026, 0.975, 3.612575], // 1.423 × 0.975 = 1.387425
    [2027, 0.95, 3.64815], // 1.423 × 0.95 = 1.35185
    [2033, 0.14, 4.80078], // 1.423 × 0.14 = 0.19922
    [2034, 0, 5],
    [2040, 0, 5],
  ])('4. applies the CBAM factor of %i (%f)', (year, factor, payable) => {
    expect(cbamFactor(year)).toBe(factor)
    expect(record(pure('7601', year, 5)).payableTco2ePerT).toBeCloseTo(payable, 12)
  })

  it('4. lists every CBAM factor of the definitive period', () => {
    expect([2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033].map(cbamFactor)).toEqual([
      0.975, 0.95, 0.9, 0.775, 0.515, 0.39, 0.265, 0.14,
    ])
  })

  it('4. floors payable at 0 when the SEE is below benchmark × factor', () => {
    // 7606 in 2026: free 1.442025; an SEE of 1.0 would be −0.442025, so it pays nothing
    const r = record(pure('7606', 2026, 1.0, 20))
    expect(r.seeTco2ePerT).toBeCloseTo(1.0, 12)
    expect(r.payableTco2ePerT).toBe(0)
    expect(r.costEurPerT).toBe(0)
    // The default still pays 3.089975 × 75.36 = 232.860516 €/t; the saving is all of it on 20 t
    expect(r.defaultCostEurPerT).toBeCloseTo(232.860516, 9)
    expect(r.savingEur).toBeCloseTo(232.860516 * 20, 6)
    // Exactly at the threshold it is 0 too (SEE = 1.442025 → 0, not negative)
    expect(record(pure('7606', 2026, 1.479 * 0.975)).payableTco2ePerT).toBe(0)
  })

  it('4. prices a saving, negative when the actual SEE is worse than the default', () => {
    // 7606 2026: SEE 6 → (6 − 1.442025) × 75.36 = 343.488996 €/t against the default's 232.860516
    const worse = record(pure('7606', 2026, 6, 3))
    expect(worse.costEurPerT).toBeCloseTo(343.488996, 9)
    // (232.860516 − 343.488996) × 3 t = −331.88544
    expect(worse.savingEur).toBeCloseTo(-331.88544, 6)
    // Equal to the default: no saving
    expect(record(pure('7606', 2026, 4.532)).savingEur).toBeCloseTo(0, 9)
  })

  it('counts the precursors on defaults', () => {
    const input = sheet({
      precursors: [
        { cnCode: '7601', tonnes: 40, seeTco2ePerT: null },
        { cnCode: '7601', tonnes: 40, seeTco2ePerT: 2.0 },
        { cnCode: '7606', tonnes: 20, seeTco2ePerT: null, origin: 'DE' },
      ],
    })
    const r = record(input)
    expect(r.precursorsOnDefaults).toBe(2)
    // 40 × 3.3 + 40 × 2.0 + 20 × 3.717 × 1.1 = 132 + 80 + 81.774 = 293.774
    expect(r.precursorTco2e).toBeCloseTo(293.774, 9)
    expect(record(sheet({ precursors: [] })).precursorsOnDefaults).toBe(0)
  })

  it('refuses an unknown heading of the good or of a precursor with CN_CODE_UNKNOWN', () => {
    const powder = footprint(sheet({ good: { cnCode: '7603', outputT: 1, origin: 'CN' } }))
    expect(powder).toMatchObject({ ok: false, code: 'CN_CODE_UNKNOWN' })
    expect(!powder.ok && powder.errors?.[0]?.field).toBe('/good/cnCode')
    const scrap = footprint(
      sheet({
        precursors: [
          { cnCode: '7601', tonnes: 1, seeTco2ePerT: 2 },
          { cnCode: '7602', tonnes: 1, seeTco2ePerT: 0 },
        ],
      }),
    )
    expect(scrap).toMatchObject({ ok: false, code: 'CN_CODE_UNKNOWN' })
    expect(!scrap.ok && scrap.errors?.[0]?.field).toBe('/precursors/1/cnCode')
    expect(footprint(sheet({ good: { cnCode: '2710', outputT: 1, origin: 'CN' } })).ok).toBe(false)
  })

  it('reads an 8-digit code, with or without spaces, as its heading', () => {
    const heading = record(sheet())
    expect(record(sheet({ good: { cnCode: '76061192', outputT: 100, origin: 'CN' } }))).toEqual(heading)
    expect(record(sheet({ good: { cnCode: '7606 11 92', outputT: 100, origin: 'CN' } }))).toEqual(heading)
    const ingot = sheet({
      precursors: [
        { cnCode: '76011000', tonnes: 90, seeTco2ePerT: 1.8 },
        { cnCode: '7601 20', tonnes: 10, seeTco2ePerT: null },
      ],
    })
    expect(record(ingot)).toEqual(heading)
  })

  it.each([
    // carbon.md 1.8: China defaults × mark-up − benchmark × factor, at €75.36
    ['7606', 2026, 232.9], // 4.532 − 1.479 × 0.975 = 3.089975 → 232.86
    ['7606', 2028, 303.3], // 5.356 − 1.479 × 0.9 = 4.0249 → 303.32
    ['7606', 2030, 346.2], // 5.356 − 1.479 × 0.515 = 4.594315 → 346.23
    ['7607', 2026, 344.1], // 6.1149 − 1.589 × 0.975 = 4.565625 → 344.07
    ['7601', 2026, 144.1], // 3.3 − 1.423 × 0.975 = 1.912575 → 144.13
  ])('matches the worked example of carbon.md 1.8: %s in %i ≈ €%f/t', (cnCode, year, eur) => {
    expect(record(onDefaults(cnCode, year)).defaultCostEurPerT).toBeCloseTo(eur, 0)
  })

  it('gives ≈ €232.9/t for 7606 in 2026 from China on defaults (the issue’s check)', () => {
    const r = record(onDefaults('7606', 2026))
    // 4.532 − 1.479 × 0.975 = 3.089975 t/t; × 75.36 = 232.860516
    expect(r.defaultPayableTco2ePerT).toBeCloseTo(3.089975, 12)
    expect(r.defaultCostEurPerT).toBeCloseTo(232.860516, 9)
    expect(Math.abs(r.defaultCostEurPerT - 232.9)).toBeLessThan(0.05)
  })
})

// ---- properties ----

const HEADINGS = HEADING_DEFAULTS.map((d) => d.heading)
const amount = (max: number) => fc.double({ min: 0, max, noNaN: true, noDefaultInfinity: true })
const precursorArb = fc.record({
  cnCode: fc.constantFrom(...HEADINGS),
  tonnes: amount(1e5),
  seeTco2ePerT: fc.option(amount(20), { nil: null }),
  origin: fc.option(fc.constantFrom('CN', 'DE', 'IN', 'cn'), { nil: undefined }),
})
const inputArb: fc.Arbitrary<FootprintInput> = fc.record({
  good: fc.record({
    cnCode: fc.constantFrom(...HEADINGS),
    outputT: fc.double({ min: 0.001, max: 1e5, noNaN: true, noDefaultInfinity: true }),
    origin: fc.constantFrom('CN', 'DE', 'IN', 'cn'),
  }),
  year: fc.integer({ min: 2020, max: 2040 }),
  installation: fc.record({
    naturalGasNm3: amount(1e7),
    otherDirectTco2e: amount(1e4),
    electricityKwh: amount(1e8),
    gridKgco2PerKwh: amount(1.5),
  }),
  precursors: fc
    .array(precursorArb, { maxLength: 4 })
    .map((ps) => ps.map(({ origin, ...p }) => (origin === undefined ? p : { ...p, origin }))),
  scrapT: amount(1e5),
  eurPerTco2: amount(500),
})

/** Equal up to floating-point noise relative to the size of the numbers. */
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))

describe('footprint properties', () => {
  it('never pays more than the SEE, and never less than 0', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = record(input)
        expect(r.payableTco2ePerT).toBeLessThanOrEqual(Math.max(0, r.seeTco2ePerT))
        expect(r.defaultPayableTco2ePerT).toBeLessThanOrEqual(Math.max(0, r.defaultSeeTco2ePerT))
        expect(r.payableTco2ePerT).toBeGreaterThanOrEqual(0)
        expect(r.costEurPerT).toBeGreaterThanOrEqual(0)
      }),
    )
  })

  it('prices linearly in €/tCO2', () => {
    fc.assert(
      fc.property(inputArb, fc.double({ min: 0, max: 10, noNaN: true }), (input, k) => {
        const at = record(input)
        const scaled = record({ ...input, eurPerTco2: input.eurPerTco2 * k })
        expect(near(scaled.costEurPerT, at.costEurPerT * k)).toBe(true)
        expect(near(scaled.defaultCostEurPerT, at.defaultCostEurPerT * k)).toBe(true)
        expect(scaled.seeTco2ePerT).toBe(at.seeTco2ePerT)
      }),
    )
  })

  it('saves (default cost − cost) × output', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = record(input)
        expect(near(r.savingEur, (r.defaultCostEurPerT - r.costEurPerT) * input.good.outputT)).toBe(true)
      }),
    )
  })

  it('never lowers the SEE when a declared precursor SEE goes up', () => {
    fc.assert(
      fc.property(inputArb, precursorArb, amount(20), amount(10), (input, extra, declared, raise) => {
        // One precursor with a declared value is always there to raise.
        const precursors = [...input.precursors, { ...extra, seeTco2ePerT: declared }]
        const before = record({ ...input, precursors })
        const last = precursors.length - 1
        const raised = precursors.map((p, i) => (i === last ? { ...p, seeTco2ePerT: declared + raise } : p))
        const after = record({ ...input, precursors: raised })
        expect(after.seeTco2ePerT).toBeGreaterThanOrEqual(before.seeTco2ePerT)
        expect(after.payableTco2ePerT).toBeGreaterThanOrEqual(before.payableTco2ePerT)
      }),
    )
  })
})
