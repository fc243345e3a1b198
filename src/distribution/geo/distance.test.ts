import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { placeById } from '../data/places.ts'
import { circuityOf, formulaLane, RAIL_CIRCUITY, shownKm } from './distance.ts'
import { EARTH_RADIUS_KM, greatCircleKm } from './great-circle.ts'

const at = (id: string) => placeById(id)!

describe('great-circle distance', () => {
  it('is haversine on R = 6371.0088 km', () => {
    expect(EARTH_RADIUS_KM).toBe(6371.0088)
    // Huiguo (34.686, 112.868) → Zhengzhou (34.75, 113.63), by hand: Δφ = 0.064° = 0.00111701 rad,
    // Δλ = 0.762° = 0.01329941 rad; h = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2)
    // = 3.119282e-7 + 0.822283 × 0.821647 × 4.421792e-5 = 3.018672e-5;
    // d = 2R asin √h = 2 × 6371.0088 × 0.00549425 = 70.0081 km.
    expect(greatCircleKm(at('huiguo'), at('zhengzhou'))).toBeCloseTo(70.0081, 4)
    // → Shanghai (31.23, 121.47): h = 9.093070e-4 + 0.822283 × 0.855093 × 5.624420e-3 = 4.863997e-3 → 889.3803 km.
    expect(greatCircleKm(at('huiguo'), at('shanghai'))).toBeCloseTo(889.3803, 4)
    // A quarter of the equator, and a point to itself.
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 90 })).toBeCloseTo((Math.PI / 2) * 6371.0088, 9)
    expect(greatCircleKm(at('wuxi'), at('wuxi'))).toBe(0)
  })

  it('agrees with the great-circle km of every lane of lanes-from-huiguo.csv (rounded to the km)', () => {
    for (const [id, km] of Object.entries(LANE_GC_KM))
      expect(Math.round(greatCircleKm(at('huiguo'), at(id))), id).toBe(km)
  })

  it('is symmetric, non-negative and never above half the circumference', () => {
    const point = fc.record({
      lat: fc.double({ min: -90, max: 90, noNaN: true }),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
    })
    fc.assert(
      fc.property(point, point, (a, b) => {
        const d = greatCircleKm(a, b)
        expect(d).toBeGreaterThanOrEqual(0)
        expect(d).toBeLessThanOrEqual(Math.PI * EARTH_RADIUS_KM + 1e-9)
        expect(Math.abs(d - greatCircleKm(b, a))).toBeLessThan(1e-9)
      }),
    )
  })
})

describe('road and rail distance by formula', () => {
  it('takes 1.35 below 100 km, 1.28 from 100 to 300 km (both included), 1.20 beyond', () => {
    expect(circuityOf(0)).toBe(1.35)
    expect(circuityOf(99.999)).toBe(1.35)
    expect(circuityOf(100)).toBe(1.28)
    expect(circuityOf(300)).toBe(1.28)
    expect(circuityOf(300.001)).toBe(1.2)
    expect(RAIL_CIRCUITY).toBe(1.15)
  })

  it('gives the lanes of the cluster', () => {
    // Zhengzhou: 70.0081 × 1.35 = 94.5109 road km, × 1.15 = 80.5093 rail km.
    const zhengzhou = formulaLane(at('huiguo'), at('zhengzhou'))
    expect(zhengzhou.roadSource).toBe('formula')
    expect(shownKm(zhengzhou.roadKm)).toBe(94.511)
    expect(shownKm(zhengzhou.railKm)).toBe(80.509)
    // Shanghai: 889.3803 × 1.20 = 1067.2564; × 1.15 = 1022.7874.
    const shanghai = formulaLane(at('huiguo'), at('shanghai'))
    expect(shownKm(shanghai.greatCircleKm)).toBe(889.38)
    expect(shownKm(shanghai.roadKm)).toBe(1067.256)
    expect(shownKm(shanghai.railKm)).toBe(1022.787)
    // Sanmenxia smelter: 152.7183 km great-circle, in the middle band: × 1.28 = 195.4795.
    expect(shownKm(formulaLane(at('huiguo'), at('sanmenxia-smelter')).roadKm)).toBe(195.479)
  })

  it('never gives a road shorter than the great circle', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 20_000, noNaN: true }), (gc) => {
        expect(gc * circuityOf(gc)).toBeGreaterThanOrEqual(gc)
      }),
    )
  })
})

/** gc_km of research lanes-from-huiguo.csv (an estimate table derived from places.csv), by place id. */
const LANE_GC_KM: Record<string, number> = {
  gongyi: 13,
  'zhongfu-gongyi': 12,
  'yidian-yichuan': 51,
  'wanji-xinan': 66,
  'wanfang-jiaozuo': 73,
  'dengdian-dengfeng': 30,
  'linfeng-linzhou': 177,
  'sanmenxia-smelter': 153,
  'shenhuo-yongcheng': 340,
  'chalco-henan-shangjie': 41,
  'chalco-zhongzhou': 80,
  'easthope-mianchi': 98,
  'yixiang-yima': 91,
  'kaiman-sanmenxia': 162,
  xingyang: 48,
  pingdingshan: 106,
  luoyang: 39,
  zhengzhou: 70,
  'chalco-shanxi-hejin': 221,
  'zhongrun-luliang': 351,
  'easthope-jinzhong': 274,
  'hongqiao-zouping': 502,
  'hongqiao-binzhou': 548,
  'xinfa-chiping': 371,
  'chalco-shandong-zibo': 524,
  'xinjiang-smelters': 2417,
  'baotou-smelters': 716,
  shanghai: 889,
  suzhou: 812,
  wuxi: 779,
  changzhou: 734,
  jiangyin: 754,
  nanjing: 623,
  xuzhou: 399,
  hangzhou: 842,
  ningbo: 975,
  'taizhou-zj': 1050,
  hefei: 516,
  wuhu: 639,
  guangzhou: 1286,
  foshan: 1297,
  shenzhen: 1356,
  dongguan: 1300,
  zhongshan: 1354,
  zhuhai: 1382,
  xiamen: 1242,
  fuzhou: 1139,
  ningde: 1096,
  tianjin: 622,
  beijing: 658,
  shijiazhuang: 401,
  jinan: 442,
  qingdao: 698,
  linyi: 503,
  taiyuan: 355,
  xian: 362,
  wuhan: 475,
  changsha: 718,
  nanchang: 725,
  chongqing: 824,
  chengdu: 937,
  yibin: 1018,
  kunming: 1451,
  nanning: 1391,
  shenyang: 1214,
  dalian: 908,
  changchun: 1474,
}
