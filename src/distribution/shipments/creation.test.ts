import { describe, expect, it } from 'vitest'
import { pickupStartMs, planByHand, planFromContract } from './creation.ts'
import { cityOf, endpointOf } from './endpoints.ts'
import type { ContractForShipment } from './store.ts'

const NOW = Date.parse('2026-03-02T06:00:00Z')

describe('the ends of a shipment', () => {
  it('shows a city, never a firm', () => {
    expect(cityOf('Huiguo town (回郭镇) - Gongyi')).toBe('Gongyi')
    expect(cityOf('Zhengzhou (郑州) city')).toBe('Zhengzhou')
    expect(cityOf('Gongyi city centre (巩义)')).toBe('Gongyi')
    expect(cityOf('Shanghai')).toBe('Shanghai')
    expect(cityOf("Xi'an")).toBe("Xi'an")
    expect(cityOf('Taizhou (Zhejiang)')).toBe('Taizhou (Zhejiang)')
    // A site named after no town: the nearest reference town within 30 km (Huiguo, 3 km away).
    expect(cityOf('Gongyi Industrial Agglomeration Zone (巩义产业集聚区)', { lat: 34.7, lon: 112.9 })).toBe(
      'Gongyi',
    )
    expect(cityOf('Far Away Park (远方园区)', { lat: 0, lon: 0 })).toBe('Far Away Park')
  })

  it('takes a known place id, or coordinates with a city', () => {
    expect(endpointOf({ place: 'shanghai' }, '/destination')).toEqual({
      ok: true,
      value: { name: 'Shanghai', city: 'Shanghai', lat: 31.23, lon: 121.47 },
    })
    expect(endpointOf({ place: 'huiguo', name: 'Mill 3, gate 2' }, '/origin')).toMatchObject({
      ok: true,
      value: { name: 'Mill 3, gate 2', city: 'Gongyi' },
    })
    expect(endpointOf({ lat: 30.5, lon: 114.3, city: 'Wuhan' }, '/destination')).toEqual({
      ok: true,
      value: { name: 'Wuhan', city: 'Wuhan', lat: 30.5, lon: 114.3 },
    })
  })

  it('refuses an unknown place, both forms at once, or coordinates without a city', () => {
    expect(endpointOf({ place: 'atlantis' }, '/origin')).toMatchObject({
      ok: false,
      code: 'SHIPMENT_PLACE_UNKNOWN',
    })
    expect(endpointOf({ place: 'shanghai', lat: 1, lon: 2 }, '/origin')).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    })
    expect(endpointOf({ lat: 1, lon: 2 }, '/origin')).toMatchObject({
      ok: false,
      errors: [{ field: '/origin/city' }],
    })
    expect(endpointOf({}, '/origin')).toMatchObject({ ok: false, errors: [{ field: '/origin/place' }] })
  })
})

describe('a shipment by hand', () => {
  it('needs its ends, goods, quantity and truck', () => {
    expect(planByHand('p-0001', {}, NOW)).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      errors: [
        { field: '/origin' },
        { field: '/destination' },
        { field: '/goods' },
        { field: '/qtyKg' },
        { field: '/truckPlate' },
      ],
    })
    const plan = planByHand(
      'p-0001',
      {
        origin: { place: 'huiguo' },
        destination: { place: 'wuxi' },
        goods: '3003 H14 strip',
        qtyKg: 28_000,
        truckPlate: '豫A·12345',
      },
      NOW,
    )
    expect(plan).toMatchObject({
      ok: true,
      value: { shipperId: 'p-0001', consigneeId: null, driverName: null, plannedDepartureMs: NOW },
    })
  })
})

describe('a shipment of a contract', () => {
  const contract: ContractForShipment = {
    id: '7',
    instrument: 'SHEET-1060-H24-1.0x1220',
    instrumentName: '1060 H24 sheet 1.0×1220',
    buyerId: 'b-0001',
    sellerId: 'p-0001',
    warehouseId: 's-0023',
    qtyKg: 50_000,
    pickupFrom: '2026-03-04',
    pickupTo: '2026-03-10',
  }
  const sites = new Map([
    ['p-0001', { nameEn: 'Mill', place: 'Huiguo town (回郭镇) - Gongyi', lat: 34.69, lon: 112.87 }],
    ['s-0023', { nameEn: 'Warehouse', place: 'Zhitian town (芝田镇) - Gongyi', lat: 34.72, lon: 112.93 }],
    ['b-0001', { nameEn: 'Buyer', place: 'Shanghai', lat: 31.2, lon: 121.5 }],
  ])

  it('goes from the warehouse to the buyer, at the start of the pick-up window', () => {
    const plan = planFromContract({ contract, sites, shippedKg: 0 }, {}, NOW)
    expect(plan).toMatchObject({
      ok: true,
      value: {
        contractId: '7',
        shipperId: 'p-0001',
        consigneeId: 'b-0001',
        goods: '1060 H24 sheet 1.0×1220',
        qtyKg: 50_000,
        origin: { name: 'Warehouse', city: 'Gongyi' },
        destination: { name: 'Buyer', city: 'Shanghai' },
        plannedDepartureMs: Date.parse('2026-03-04T00:00:00Z'),
      },
    })
    expect(pickupStartMs('2026-03-04')).toBe(Date.parse('2026-03-04T08:00:00+08:00'))
  })

  it('ships no more than the contract holds', () => {
    expect(planFromContract({ contract, sites, shippedKg: 30_000 }, {}, NOW)).toMatchObject({
      ok: true,
      value: { qtyKg: 20_000 },
    })
    expect(planFromContract({ contract, sites, shippedKg: 30_000 }, { qtyKg: 20_001 }, NOW)).toMatchObject({
      ok: false,
      code: 'CONTRACT_QTY_EXCEEDED',
    })
    expect(planFromContract({ contract, sites, shippedKg: 50_000 }, {}, NOW)).toMatchObject({
      ok: false,
      code: 'CONTRACT_QTY_EXCEEDED',
    })
  })

  it('takes no places or goods from the request', () => {
    expect(planFromContract({ contract, sites, shippedKg: 0 }, { goods: 'other' }, NOW)).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      errors: [{ field: '/goods' }],
    })
  })
})
