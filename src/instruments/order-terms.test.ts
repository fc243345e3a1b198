import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { at, demo } from './fixtures.test-util.ts'
import type { Instrument } from './model.ts'
import { checkMarketOpen, checkOrderTerms, priceBand } from './order-terms.ts'

const A00 = demo('AL-A00-GY')
const SHEET = demo('SHEET-1060-H24-1.0x1220')
const codeOf = (instrument: Instrument, order: { qtyKg: number; priceCnyPerT?: number }, ref?: number) =>
  checkOrderTerms(instrument, order, ref)?.code ?? null

describe('priceBand', () => {
  it('rounds the low edge up and the high edge down to the tick', () => {
    // 19 850 ± 5 % = 18 857.5 … 20 842.5
    expect(priceBand(A00)).toEqual({ lowCnyPerT: 18_860, highCnyPerT: 20_840 })
    // 20 000 ± 5 % = 19 000 … 21 000: edges on the grid stay
    expect(priceBand(A00, 20_000)).toEqual({ lowCnyPerT: 19_000, highCnyPerT: 21_000 })
    // 1 800 ± 10 % = 1 620 … 1 980
    expect(priceBand(SHEET)).toEqual({ lowCnyPerT: 1620, highCnyPerT: 1980 })
    expect(priceBand({ ...SHEET, tickCnyPerT: 50 }, 1805)).toEqual({ lowCnyPerT: 1650, highCnyPerT: 1950 })
  })

  it('may hold no tick at all when the band is narrower than a tick', () => {
    const band = priceBand({ ...A00, bandBps: 1, tickCnyPerT: 10 }, 1005)
    expect(band.lowCnyPerT).toBeGreaterThan(band.highCnyPerT)
  })

  it('refuses a reference that is not a positive whole price', () => {
    for (const bad of [0, -10, 19_850.5, Number.NaN]) expect(() => priceBand(A00, bad)).toThrow(RangeError)
  })
})

describe('checkOrderTerms', () => {
  it('passes an order of whole lots on the grid within the band, and any market order of whole lots', () => {
    expect(checkOrderTerms(A00, { qtyKg: 10_000, priceCnyPerT: 19_850 })).toBeNull()
    expect(checkOrderTerms(A00, { qtyKg: 5000, priceCnyPerT: 18_860 })).toBeNull()
    expect(checkOrderTerms(A00, { qtyKg: 5000, priceCnyPerT: 20_840 })).toBeNull()
    expect(checkOrderTerms(A00, { qtyKg: 5000 })).toBeNull()
  })

  it('refuses quantities that are not whole lots, naming the field and the nearest lots', () => {
    const refusal = checkOrderTerms(A00, { qtyKg: 12_000, priceCnyPerT: 19_850 })
    expect(refusal).toMatchObject({ ok: false, code: 'QTY_NOT_LOT_MULTIPLE' })
    expect(refusal?.errors).toEqual([
      { field: '/qty', message: 'must be a multiple of the 5000 kg lot, e.g. 10000 or 15000 kg, got 12000' },
    ])
    expect(codeOf(A00, { qtyKg: 2500 })).toBe('QTY_NOT_LOT_MULTIPLE')
    expect(codeOf(A00, { qtyKg: 5000.5 })).toBe('QTY_NOT_LOT_MULTIPLE')
  })

  it('refuses a quantity that is not a positive number as invalid', () => {
    for (const qtyKg of [0, -5000, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      const refusal = checkOrderTerms(A00, { qtyKg })
      expect(refusal?.code, String(qtyKg)).toBe('VALIDATION_FAILED')
      expect(refusal?.errors?.[0]?.field).toBe('/qty')
    }
  })

  it('refuses a price off the tick grid, then one outside the band', () => {
    const offTick = checkOrderTerms(A00, { qtyKg: 5000, priceCnyPerT: 19_855 })
    expect(offTick).toMatchObject({ code: 'PRICE_OFF_TICK', errors: [{ field: '/price' }] })
    expect(offTick?.errors?.[0]?.message).toContain('e.g. 19850 or 19860')
    expect(codeOf(A00, { qtyKg: 5000, priceCnyPerT: 19_850.5 })).toBe('PRICE_OFF_TICK')
    const outside = checkOrderTerms(A00, { qtyKg: 5000, priceCnyPerT: 20_850 })
    expect(outside).toMatchObject({ code: 'PRICE_OUTSIDE_BAND', errors: [{ field: '/price' }] })
    expect(outside?.errors?.[0]?.message).toBe('must lie within 18860–20840 CNY/t (19850 ± 5 %), got 20850')
    expect(codeOf(A00, { qtyKg: 5000, priceCnyPerT: 18_850 })).toBe('PRICE_OUTSIDE_BAND')
    expect(codeOf(A00, { qtyKg: 5000, priceCnyPerT: 0 })).toBe('PRICE_OUTSIDE_BAND')
    expect(codeOf(A00, { qtyKg: 5000, priceCnyPerT: -19_850 })).toBe('PRICE_OUTSIDE_BAND')
    expect(codeOf(A00, { qtyKg: 5000, priceCnyPerT: Number.NaN })).toBe('VALIDATION_FAILED')
  })

  it('checks in order: lot, then tick, then band', () => {
    expect(codeOf(A00, { qtyKg: 1, priceCnyPerT: 1 })).toBe('QTY_NOT_LOT_MULTIPLE')
    expect(codeOf(A00, { qtyKg: 5000, priceCnyPerT: 1 })).toBe('PRICE_OFF_TICK')
  })

  it("uses the day's reference when one is given", () => {
    expect(codeOf(A00, { qtyKg: 5000, priceCnyPerT: 21_000 })).toBe('PRICE_OUTSIDE_BAND')
    expect(codeOf(A00, { qtyKg: 5000, priceCnyPerT: 21_000 }, 20_000)).toBeNull()
  })

  // The oracle, in exact integers: p is in the band iff ref·(1 − b) ≤ p ≤ ref·(1 + b).
  const inBand = (p: number, ref: number, bps: number) =>
    BigInt(p) * 10_000n >= BigInt(ref) * BigInt(10_000 - bps) &&
    BigInt(p) * 10_000n <= BigInt(ref) * BigInt(10_000 + bps)

  it('passes every price on the grid inside the band and refuses every one outside (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.constantFrom(1, 5, 10, 50, 100),
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: -500, max: 500 }),
        (ref, tick, bps, offsetTicks) => {
          const instrument = { ...A00, tickCnyPerT: tick, bandBps: bps, lotKg: 1000 }
          const { lowCnyPerT: low, highCnyPerT: high } = priceBand(instrument, ref)
          // the edges are the outermost grid prices inside the band
          expect(low % tick === 0 && high % tick === 0).toBe(true)
          expect(inBand(low - tick, ref, bps)).toBe(false)
          expect(inBand(high + tick, ref, bps)).toBe(false)
          if (low <= high) expect(inBand(low, ref, bps) && inBand(high, ref, bps)).toBe(true)
          const price = (Math.round(ref / tick) + offsetTicks) * tick
          const refusal = checkOrderTerms(instrument, { qtyKg: 3000, priceCnyPerT: price }, ref)
          expect(refusal?.code ?? null).toBe(inBand(price, ref, bps) ? null : 'PRICE_OUTSIDE_BAND')
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('passes every whole number of lots and refuses every other quantity (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 25, 1000, 5000, 10_000),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 9_999 }),
        (lot, lots, extra) => {
          const instrument = { ...A00, lotKg: lot }
          const qtyKg = lots * lot + (extra % lot)
          const expected = extra % lot === 0 ? null : 'QTY_NOT_LOT_MULTIPLE'
          expect(codeOf(instrument, { qtyKg })).toBe(expected)
        },
      ),
    )
  })
})

describe('checkMarketOpen', () => {
  const PLATE = demo('PLATE-6061-T6-20x1500')
  const CRC = demo('CRC-1060-F-7.0x1600')

  it('takes orders in the opening call, the sessions and the call periods', () => {
    expect(checkMarketOpen(A00, at('2025-03-03 08:55'))).toBeNull()
    expect(checkMarketOpen(A00, at('2025-03-03 10:00'))).toBeNull()
    expect(checkMarketOpen(PLATE, at('2025-03-03 10:00'))).toBeNull()
  })

  it('says why it takes none', () => {
    const noon = at('2025-03-03 12:00')
    expect(checkMarketOpen(A00, noon)).toMatchObject({ code: 'MARKET_CLOSED' })
    expect(checkMarketOpen(A00, noon)?.detail).toContain('08:50–09:00, 09:00–11:30, 13:30–15:00')
    expect(checkMarketOpen(A00, at('2025-03-03 16:00'))?.code).toBe('MARKET_CLOSED')
    expect(checkMarketOpen(PLATE, at('2025-03-03 11:00'))?.code).toBe('MARKET_CLOSED')
    expect(checkMarketOpen({ ...A00, status: 'halted' }, at('2025-03-03 10:00'))?.code).toBe(
      'INSTRUMENT_HALTED',
    )
    expect(checkMarketOpen({ ...A00, status: 'closed' }, at('2025-03-03 10:00'))?.code).toBe('MARKET_CLOSED')
    expect(checkMarketOpen(CRC, at('2025-03-03 10:00'))?.code).toBe('LISTING_ONLY')
  })
})
