import { describe, expect, it } from 'vitest'
import { COMPETING_ORIGINS, formulaLane, GONGYI_ORIGIN, placeById } from '../geo/index.ts'
import { deliveredPrices } from './delivered.ts'
import { checkDifferentials, DEFAULT_DIFFERENTIALS, type DifferentialTable } from './differentials.ts'
import { DEFAULT_TARIFF } from './tariff.ts'

const ALL_IN = 22_450
const lanesTo = (id: string) =>
  [GONGYI_ORIGIN, ...COMPETING_ORIGINS].map((origin) => ({
    origin,
    lane: formulaLane(placeById(origin.placeId)!, placeById(id)!),
  }))
const delivered = (to: string, differentials: DifferentialTable = DEFAULT_DIFFERENTIALS) =>
  deliveredPrices({ gongyiAllInCnyPerT: ALL_IN, tariff: DEFAULT_TARIFF, differentials, lanes: lanesTo(to) })
const summary = (to: string, differentials?: DifferentialTable) =>
  delivered(to, differentials).rows.map((r) => [
    r.origin.id,
    r.rank,
    r.freight.mode,
    r.freight.fenPerT,
    r.deliveredCnyPerT,
  ])

describe('delivered prices', () => {
  it('Wuhan: Gongyi wins by a yuan', () => {
    // Gongyi: 475.0297 km × 1.2 = 570.0357 road km → 11400.71 → 11401 fen → 114 CNY/t → 22564.
    // Luoyang: 480.7651 km × 1.2 = 576.9181 → 11538.36 → 11538 fen → 115 CNY/t → 22565.
    expect(summary('wuhan')).toEqual([
      ['gongyi', 1, 'truck', 11_401, 22_564],
      ['luoyang', 2, 'truck', 11_538, 22_565],
      ['wuxi', 3, 'truck', 13_926, 22_589],
      ['jiangyin', 4, 'truck', 14_072, 22_591],
      ['zouping', 5, 'truck', 18_379, 22_634],
    ])
    const { rows, gongyiWins } = delivered('wuhan')
    expect(gongyiWins).toBe(true)
    expect(rows.map((r) => r.wins)).toEqual([true, false, false, false, false])
    expect(rows[0]).toMatchObject({ allInCnyPerT: ALL_IN, differentialCnyPerT: 0, freightCnyPerT: 114 })
    // Rail is not offered at 546.3 rail km: truck is the only option.
    expect(rows[0]!.options.map((o) => o.mode)).toEqual(['truck'])
  })

  it('Shanghai: Wuxi and Jiangyin share the win at the truck minimum', () => {
    expect(summary('shanghai')).toEqual([
      ['wuxi', 1, 'truck', 4000, 22_490],
      ['jiangyin', 1, 'truck', 4000, 22_490],
      ['zouping', 3, 'truck', 17_136, 22_621],
      ['gongyi', 4, 'truck', 21_345, 22_663],
      ['luoyang', 5, 'truck', 22_126, 22_671],
    ])
    expect(delivered('shanghai').gongyiWins).toBe(false)
    // Gongyi's options: truck 21345 is cheaper than rail 21853.
    const gongyi = delivered('shanghai').rows.find((r) => r.origin.id === 'gongyi')!
    expect(gongyi.options.map((o) => [o.mode, o.fenPerT])).toEqual([
      ['truck', 21_345],
      ['rail', 21_853],
    ])
  })

  it('Guangzhou: every origin goes by rail', () => {
    const rows = delivered('guangzhou').rows
    expect(rows.every((r) => r.freight.mode === 'rail')).toBe(true)
    expect(rows.find((r) => r.origin.id === 'gongyi')).toMatchObject({
      rank: 4,
      freightCnyPerT: 289, // 28915 fen
      deliveredCnyPerT: 22_739,
    })
  })

  it('Zhengzhou: Gongyi and Luoyang both at the minimum share the win', () => {
    const { rows, gongyiWins } = delivered('zhengzhou')
    expect(rows.slice(0, 2).map((r) => [r.origin.id, r.rank, r.deliveredCnyPerT])).toEqual([
      ['gongyi', 1, 22_490],
      ['luoyang', 1, 22_490],
    ])
    expect(gongyiWins).toBe(true)
  })

  it('adds the differentials to the competing origins only', () => {
    const checked = checkDifferentials({
      id: 'luoyang-discount',
      effectiveFrom: '2026-01-01',
      cnyPerT: { luoyang: -2 },
    })
    if (!checked.ok) throw new Error('refused')
    expect(checked.value.cnyPerT).toEqual({ zouping: 0, wuxi: 0, jiangyin: 0, luoyang: -2 })
    const { rows, gongyiWins } = delivered('wuhan', checked.value)
    expect(rows.slice(0, 2).map((r) => [r.origin.id, r.allInCnyPerT, r.deliveredCnyPerT, r.wins])).toEqual([
      ['luoyang', 22_448, 22_563, true],
      ['gongyi', 22_450, 22_564, false],
    ])
    expect(gongyiWins).toBe(false)
  })

  it('refuses differentials for unknown origins, fractions and absurd sizes', () => {
    const checked = checkDifferentials({
      id: 'v2',
      effectiveFrom: '2026-13-01',
      cnyPerT: { gongyi: 5, wuxi: 1.5, luoyang: 200_000 },
    })
    expect(checked.ok ? [] : checked.errors.map((e) => e.field)).toEqual([
      '/effectiveFrom',
      '/cnyPerT/gongyi',
      '/cnyPerT/wuxi',
      '/cnyPerT/luoyang',
    ])
  })
})
