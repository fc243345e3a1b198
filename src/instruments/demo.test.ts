import { describe, expect, it } from 'vitest'
import { parseSpec, printSpec } from '../registry/index.ts'
import { DEMO_BASE_REFERENCE, demoInstruments } from './demo.ts'
import { priceBand } from './order-terms.ts'
import { instrumentIssues } from './validate.ts'

const demo = demoInstruments('s-0023')

describe('demoInstruments', () => {
  it('lists 8 synthetic instruments with unique codes, all valid', () => {
    expect(demo).toHaveLength(8)
    expect(new Set(demo.map((i) => i.code)).size).toBe(8)
    for (const instrument of demo) {
      expect(instrument.synthetic).toBe(true)
      expect(instrumentIssues(instrument), instrument.code).toEqual([])
      expect(instrument.warehouseEnterpriseId).toBe('s-0023')
    }
  })

  it('stores every spec in the canonical form of the registry, and its form', () => {
    for (const instrument of demo) {
      const parsed = parseSpec(instrument.spec)
      if (!parsed.ok) throw new Error(`${instrument.code}: ${parsed.detail}`)
      expect(printSpec(parsed.value), instrument.code).toBe(instrument.spec)
      expect(parsed.value.form, instrument.code).toBe(instrument.form)
    }
  })

  it('trades A00 ingot receipts all-in and the processed products as a fee over the Gongyi A00 base', () => {
    const [a00, ...products] = demo
    expect(a00).toMatchObject({ code: 'AL-A00-GY', priceBasis: 'all_in', lotKg: 5000, tickCnyPerT: 10 })
    expect(priceBand({ ...a00!, handle: 0 })).toEqual({ lowCnyPerT: 18_860, highCnyPerT: 20_840 })
    for (const product of products) {
      expect(product).toMatchObject({ priceBasis: 'fee', baseReference: DEMO_BASE_REFERENCE })
      expect(product.configuredBaseCnyPerT).toBe(a00!.referencePriceCnyPerT)
      // a fee is a fraction of the ingot price: far below it, far above zero
      expect(product.referencePriceCnyPerT).toBeGreaterThanOrEqual(400)
      expect(product.referencePriceCnyPerT).toBeLessThanOrEqual(12_000)
    }
  })

  it('has every market model: continuous with an opening call, call periods, and a listing', () => {
    const byModel = (model: string) => demo.filter((i) => i.model === model).map((i) => i.code)
    expect(byModel('call')).toEqual(['PLATE-6061-T6-20x1500'])
    expect(byModel('listing')).toEqual(['CRC-1060-F-7.0x1600'])
    expect(byModel('continuous')).toHaveLength(6)
    for (const i of demo.filter((i) => i.model === 'continuous')) {
      expect(i.openingCall).toEqual({ start: '08:50', end: '09:00' })
      expect(i.sessions).toEqual([
        { start: '09:00', end: '11:30' },
        { start: '13:30', end: '15:00' },
      ])
    }
  })
})
