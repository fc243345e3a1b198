import { describe, expect, it } from 'vitest'
import { formulaLane, type LaneDistances, placeById } from '../geo/index.ts'
import { cnyPerTOfFen, consignment, type FreightFigure, freightFor } from './quote.ts'
import { DEFAULT_TARIFF, type Tariff } from './tariff.ts'

const lane = (from: string, to: string) => formulaLane(placeById(from)!, placeById(to)!)
/** A lane of given road and rail km (the great circle does not enter any tariff). */
const kmLane = (roadKm: number, railKm = roadKm): LaneDistances => ({
  greatCircleKm: railKm / 1.15,
  roadKm,
  roadSource: 'formula',
  railKm,
})
const figure = (tariff: Tariff, mode: 'truck' | 'molten' | 'rail', l: LaneDistances): FreightFigure => {
  const r = freightFor(tariff, mode, l)
  if (!r.ok) throw new Error(r.detail)
  return r
}

describe('default tariffs, figures computed by hand', () => {
  it('the cluster to Zhengzhou: the 4000 minimum by truck, 50 fen/t·km molten, no rail', () => {
    // 70.0081 km great-circle × 1.35 = 94.5109 road km; 80.5093 rail km.
    const zhengzhou = lane('huiguo', 'zhengzhou')
    // 20 × 94.5109 = 1890.2 fen < 4000.
    expect(freightFor(DEFAULT_TARIFF, 'truck', zhengzhou)).toEqual({
      ok: true,
      mode: 'truck',
      tariffVersion: 'default-v1',
      distanceKm: zhengzhou.roadKm,
      distanceSource: 'formula',
      fenPerT: 4000,
      minimumApplied: true,
      payloadT: 32,
    })
    // 50 × 94.51095 = 4725.55 → 4726 (on the unrounded km).
    expect(figure(DEFAULT_TARIFF, 'molten', zhengzhou)).toMatchObject({
      fenPerT: 4726,
      minimumApplied: false,
    })
    expect(freightFor(DEFAULT_TARIFF, 'rail', zhengzhou)).toMatchObject({
      ok: false,
      reason: 'rail_too_short',
    })
  })

  it('the cluster to Shanghai: truck 21345, rail 21853, molten refused', () => {
    // 889.3803 km × 1.20 = 1067.2564 road km: 20 × 1067.2564 = 21345.13 → 21345 fen/t.
    const shanghai = lane('huiguo', 'shanghai')
    expect(figure(DEFAULT_TARIFF, 'truck', shanghai).fenPerT).toBe(21_345)
    // 889.3803 × 1.15 = 1022.7874 rail km: 15.5 × 1022.7874 = 15853.20 → 15853, + 6000 = 21853 fen/t.
    expect(figure(DEFAULT_TARIFF, 'rail', shanghai)).toMatchObject({
      fenPerT: 21_853,
      distanceKm: shanghai.railKm,
      distanceSource: 'formula',
      payloadT: null,
    })
    const molten = freightFor(DEFAULT_TARIFF, 'molten', shanghai)
    expect(molten).toMatchObject({ ok: false, mode: 'molten', reason: 'molten_beyond_range' })
    expect(molten.ok ? null : molten.detail).toBe(
      'molten aluminium goes by ladle truck up to 150 road km; this lane is 1067.256',
    )
  })

  it('the cluster to Guangzhou: rail beats truck', () => {
    // 1285.5331 km: road 1542.6397 → 20 × = 30852.79 → 30853; rail 1478.3630 → 15.5 × = 22914.63 → 22915 + 6000.
    const guangzhou = lane('huiguo', 'guangzhou')
    expect(figure(DEFAULT_TARIFF, 'truck', guangzhou).fenPerT).toBe(30_853)
    expect(figure(DEFAULT_TARIFF, 'rail', guangzhou).fenPerT).toBe(28_915)
  })

  it('molten aluminium from the smelters around the cluster', () => {
    // Zhongfu (Gongyi) → Huiguo: 11.8891 km × 1.35 = 16.0503 road km; 50 × 16.0503 = 802.5 < 4000.
    expect(figure(DEFAULT_TARIFF, 'molten', lane('zhongfu-gongyi', 'huiguo'))).toMatchObject({
      fenPerT: 4000,
      minimumApplied: true,
      payloadT: 32,
    })
    // Jiaozuo Wanfang → Huiguo: 73.1063 × 1.35 = 98.6935 road km; 50 × 98.6935 = 4934.67 → 4935.
    expect(figure(DEFAULT_TARIFF, 'molten', lane('wanfang-jiaozuo', 'huiguo')).fenPerT).toBe(4935)
    // Sanmenxia: 152.7183 × 1.28 = 195.4795 road km, beyond the ladle's 150.
    expect(freightFor(DEFAULT_TARIFF, 'molten', lane('sanmenxia-smelter', 'huiguo')).ok).toBe(false)
  })

  it('offers molten up to 150 road km included, refuses it at 151', () => {
    expect(figure(DEFAULT_TARIFF, 'molten', kmLane(150)).fenPerT).toBe(7500)
    expect(freightFor(DEFAULT_TARIFF, 'molten', kmLane(150.0001)).ok).toBe(false)
    expect(freightFor(DEFAULT_TARIFF, 'molten', kmLane(151))).toEqual({
      ok: false,
      mode: 'molten',
      tariffVersion: 'default-v1',
      reason: 'molten_beyond_range',
      detail: 'molten aluminium goes by ladle truck up to 150 road km; this lane is 151',
    })
    // The truck still goes: 20 × 151 = 3020 < 4000.
    expect(figure(DEFAULT_TARIFF, 'truck', kmLane(151)).fenPerT).toBe(4000)
  })

  it('offers rail only beyond 800 rail km (800 itself is not), and rounds half a fen up', () => {
    expect(freightFor(DEFAULT_TARIFF, 'rail', kmLane(2000, 800))).toMatchObject({
      ok: false,
      reason: 'rail_too_short',
      detail: 'rail is offered beyond 800 rail km; this lane is 800',
    })
    // 15.5 × 801 = 12415.5 → 12416 (half away from zero), + 6000.
    expect(figure(DEFAULT_TARIFF, 'rail', kmLane(2000, 801)).fenPerT).toBe(18_416)
  })

  it('keeps the 4000 minimum up to 200 road km by truck and 80 by ladle', () => {
    expect(figure(DEFAULT_TARIFF, 'truck', kmLane(0)).fenPerT).toBe(4000)
    expect(figure(DEFAULT_TARIFF, 'truck', kmLane(200))).toMatchObject({
      fenPerT: 4000,
      minimumApplied: false,
    })
    expect(figure(DEFAULT_TARIFF, 'truck', kmLane(200.1)).fenPerT).toBe(4002)
    expect(figure(DEFAULT_TARIFF, 'molten', kmLane(80)).fenPerT).toBe(4000)
    expect(figure(DEFAULT_TARIFF, 'molten', kmLane(80.05)).fenPerT).toBe(4003) // 4002.5 → 4003
  })

  it('carries the version that made the figure, with its own coefficients', () => {
    const winter: Tariff = {
      ...DEFAULT_TARIFF,
      id: '2026-winter',
      effectiveFrom: '2026-12-01',
      truck: { rateFenPerTKm: 22.35, minimumFenPerT: 5000, payloadT: 30 },
      rail: { rateFenPerTKm: 15.51, terminalFenPerT: 8000, minRailKm: 500 },
    }
    // 22.35 × 1067.2564 = 23853.18 → 23853; rail 15.51 × 1022.7874 = 15863.43 → 15863 + 8000.
    const shanghai = lane('huiguo', 'shanghai')
    expect(figure(winter, 'truck', shanghai)).toMatchObject({
      fenPerT: 23_853,
      tariffVersion: '2026-winter',
      payloadT: 30,
    })
    expect(figure(winter, 'rail', shanghai)).toMatchObject({ fenPerT: 23_863, tariffVersion: '2026-winter' })
    expect(freightFor(winter, 'rail', kmLane(600, 600)).ok).toBe(true)
  })

  it('says which source made the road distance', () => {
    const osrm: LaneDistances = { ...kmLane(1000, 900), roadSource: 'osrm' }
    expect(figure(DEFAULT_TARIFF, 'truck', osrm).distanceSource).toBe('osrm')
    expect(figure(DEFAULT_TARIFF, 'rail', osrm).distanceSource).toBe('formula')
  })
})

describe('a quantity', () => {
  const shanghai = lane('huiguo', 'shanghai')

  it('gives the total in fen and the trucks, ceil(tonnes / 32)', () => {
    const truck = figure(DEFAULT_TARIFF, 'truck', shanghai)
    expect(consignment(truck, 100_000)).toEqual({ qtyKg: 100_000, totalFen: 2_134_500, vehicles: 4 })
    expect(consignment(truck, 32_000).vehicles).toBe(1)
    expect(consignment(truck, 32_001).vehicles).toBe(2)
    // 21345 × 12.345 = 263504.025 → 263504 fen.
    expect(consignment(truck, 12_345).totalFen).toBe(263_504)
    expect(consignment(figure(DEFAULT_TARIFF, 'rail', shanghai), 100_000)).toEqual({
      qtyKg: 100_000,
      totalFen: 2_185_300,
      vehicles: null,
    })
    // 4001 fen/t × 0.5 t = 2000.5 → 2001.
    expect(consignment({ ...truck, fenPerT: 4001 }, 500).totalFen).toBe(2001)
  })

  it('converts fen per tonne to whole CNY, half away from zero', () => {
    expect(cnyPerTOfFen(17_064)).toBe(171)
    expect(cnyPerTOfFen(17_050)).toBe(171)
    expect(cnyPerTOfFen(17_049)).toBe(170)
    expect(cnyPerTOfFen(4000)).toBe(40)
  })
})
