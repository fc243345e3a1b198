import { describe, expect, it } from 'vitest'
import { demoInstruments } from '../instruments/index.ts'
import type { TradeRecord } from '../trading/service/index.ts'
import { findSeries } from './series.ts'
import { dealOfTrade, seriesOfInstrument } from './trade-deals.ts'

const instruments = demoInstruments('WH-1')
const byCode = (code: string) => {
  const found = instruments.find((i) => i.code === code)
  if (!found) throw new Error(`no demo instrument ${code}`)
  return { ...found, handle: 0 }
}

describe('trades as deals', () => {
  it('maps every demo instrument to its series', () => {
    const mapped = Object.fromEntries(instruments.map((i) => [i.code, seriesOfInstrument(i)]))
    expect(mapped).toEqual({
      'AL-A00-GY': 'BASE-A00-GY',
      'SHEET-1060-H24-1.0x1220': 'FEE-1060-H24-SHEET-SPOT',
      'STRIP-3003-H14-0.5x1250': 'FEE-3003-H24-STRIP-SPOT',
      'SHEET-5052-H32-2.0x1500': 'FEE-5052-H32-SHEET-SPOT',
      'FOIL-8011-O-0.012': 'FEE-8011-O-FOIL-SPOT',
      'FOIL-1235-O-0.006': 'FEE-1235-O-FOIL-SPOT',
      'PLATE-6061-T6-20x1500': 'FEE-6061-T651-PLATE-SPOT',
      'CRC-1060-F-7.0x1600': 'FEE-1060-CC-COIL-SPOT',
    })
    for (const id of Object.values(mapped)) expect(findSeries(id!)).toBeDefined()
  })

  it('tells 8011 household foil from fin stock by temper, and prices nothing it cannot', () => {
    expect(seriesOfInstrument({ spec: 'FOIL 8011-H22 0.12x500', priceBasis: 'fee' })).toBe(
      'FEE-8011-FIN-SPOT',
    )
    expect(seriesOfInstrument({ spec: 'FOIL 1070-H18 0.012x600', priceBasis: 'fee' })).toBe(
      'FEE-BATTERY-FOIL-SPOT',
    )
    // An all-in sheet price holds an unknown base; another ingot grade is not A00.
    expect(seriesOfInstrument({ spec: 'SHEET 1060-H24 1.0x1220', priceBasis: 'all_in' })).toBeNull()
    expect(seriesOfInstrument({ spec: 'INGOT Al99.85', priceBasis: 'all_in' })).toBeNull()
    expect(seriesOfInstrument({ spec: 'SHEET 7075-T6 2.0x1220', priceBasis: 'fee' })).toBeNull()
    expect(seriesOfInstrument({ spec: 'not a spec', priceBasis: 'fee' })).toBeNull()
  })

  it('makes the seller the submitter, the fee the value and the rest the base used', () => {
    const trade: TradeRecord = {
      id: 41,
      seq: 7,
      instrument: 'SHEET-1060-H24-1.0x1220',
      priceCnyPerT: 1_820,
      allInCnyPerT: 21_670,
      qtyKg: 25_000,
      buyOrderId: 1,
      sellOrderId: 2,
      buyerId: 'E-BUYER',
      sellerId: 'E-MILL',
      aggressor: 'buy',
      notionalFen: 0n,
      buyerFeeFen: 0n,
      sellerFeeFen: 0n,
      atMs: Date.parse('2025-06-10T02:00:00Z'),
    }
    const deal = dealOfTrade(trade, byCode('SHEET-1060-H24-1.0x1220'), 'FEE-1060-H24-SHEET-SPOT')
    expect(deal).toMatchObject({
      seriesId: 'FEE-1060-H24-SHEET-SPOT',
      submitter: 'E-MILL',
      submittedBy: null,
      source: 'trading',
      tradeId: '41',
      value: 1_820,
      qtyKg: 25_000,
      baseUsed: 19_850,
      baseConvention: 'day',
      deliveryDays: 7,
      paymentDays: 0,
      affiliated: false,
      pricedOnIndex: false,
      dealAtMs: trade.atMs,
      submittedAtMs: trade.atMs,
      synthetic: true,
    })
    const ingot = dealOfTrade(
      { ...trade, priceCnyPerT: 19_900, allInCnyPerT: 19_900 },
      byCode('AL-A00-GY'),
      'BASE-A00-GY',
    )
    expect(ingot).toMatchObject({ value: 19_900, baseUsed: null, baseConvention: null, deliveryDays: 5 })
  })
})
