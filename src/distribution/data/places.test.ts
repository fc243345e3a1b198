import { describe, expect, it } from 'vitest'
import { PLACES } from '../../registry/data/places.ts'
import { COMPETING_ORIGINS, DISTRIBUTION_PLACES, GONGYI_ORIGIN, placeById } from './places.ts'

describe('distribution places', () => {
  it('gives every reference place one stable id', () => {
    expect(DISTRIBUTION_PLACES).toHaveLength(PLACES.length)
    expect(DISTRIBUTION_PLACES).toHaveLength(68)
    expect(new Set(DISTRIBUTION_PLACES.map((p) => p.id)).size).toBe(68)
    expect(new Set(DISTRIBUTION_PLACES.map((p) => p.name)).size).toBe(68)
    for (const p of DISTRIBUTION_PLACES) expect(p.id).toMatch(/^[a-z0-9][a-z0-9-]{0,39}$/)
  })

  it('has the cluster, the 41 customer cities and the competing origins with coordinates and sources', () => {
    expect(placeById('huiguo')).toMatchObject({ kind: 'cluster', lat: 34.686, lon: 112.868 })
    expect(DISTRIBUTION_PLACES.filter((p) => p.kind === 'customer_city')).toHaveLength(41)
    for (const p of DISTRIBUTION_PLACES) {
      expect(Math.abs(p.lat)).toBeLessThanOrEqual(90)
      expect(Math.abs(p.lon)).toBeLessThanOrEqual(180)
      expect(p.source).toMatch(/SRC|EST/)
    }
    expect(COMPETING_ORIGINS.map((o) => o.id)).toEqual(['zouping', 'wuxi', 'jiangyin', 'luoyang'])
    expect(placeById('hongqiao-zouping')).toMatchObject({ province: 'Shandong', lat: 36.86, lon: 117.74 })
    expect(placeById('wuxi')).toMatchObject({ province: 'Jiangsu', lat: 31.49, lon: 120.31 })
    expect(placeById('jiangyin')).toMatchObject({ province: 'Jiangsu', lat: 31.92, lon: 120.28 })
    expect(placeById('luoyang')).toMatchObject({ province: 'Henan', lat: 34.62, lon: 112.45 })
    for (const o of [GONGYI_ORIGIN, ...COMPETING_ORIGINS]) expect(placeById(o.placeId), o.id).not.toBeNull()
    expect(placeById('atlantis')).toBeNull()
  })
})
