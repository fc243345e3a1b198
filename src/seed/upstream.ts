import type { Random } from '../kernel/random.ts'
import { PLACES, type Place } from '../registry/data/places.ts'
import type { Enterprise } from '../registry/model.ts'
import { drawCertifications } from './certifications.ts'
import type { NameBook } from './names.ts'
import { uniform, yuanToFenRounded } from './sites.ts'

/**
 * The smelters and alumina refineries of places.csv. Unlike the rest of the demo cluster these are real,
 * public operators and keep their real names; every figure attached to them (capacity where the table
 * gives none, revenue, staff, certifications) is an estimate or invented, so they too are `synthetic`.
 * The closed Shenhuo Yongcheng smelter is left out.
 */

/** Primary aluminium capacity, t/y: the table's sourced figure where it has one, else its estimate. */
const SMELTER_CAPACITY_T: Record<string, number> = {
  'Henan Zhongfu Industrial / Yulian (中孚实业/豫联) - Gongyi': 250_000, // EST ~250 kt left in Gongyi
  'Yichuan Power Group / Yidian (伊电/伊川) - Yichuan county': 500_000, // EST ~0.5 Mt
  "Luoyang Wanji / Xiangjiang Wanji (万基) - Xin'an county": 300_000, // EST 0.2–0.4 Mt
  'Jiaozuo Wanfang (焦作万方) - Jiaozuo': 420_000, // SRC 420 kt
  'Dengfeng Power Group aluminium alloy (登电集团) - Dengfeng': 150_000, // EST 0.1–0.2 Mt
  'Linzhou Linfeng (林丰铝电) - Linzhou': 80_000, // EST; remaining capacity unknown
  'Sanmenxia primary aluminium (retained quota; e.g. Hengkang/Tianyuan)': 240_000, // SRC 240 kt retained
  'Chalco Shanxi (中铝山西) - Hejin - Yuncheng': 400_000, // EST; the table gives only alumina
  'Shanxi Zhongrun (Chalco JV) - Luliang': 500_000, // SRC 500 kt planned
  'Weiqiao / China Hongqiao - Zouping (邹平)': 2_000_000, // EST half of ~4 Mt left in Shandong
  'Weiqiao / Hongqiao - Binzhou (滨州) north': 2_000_000, // EST the other half
  'Xinfa Group (信发) - Chiping - Liaocheng': 3_480_000, // SRC 3.48 Mt (2014)
  'Xinjiang smelters (Changji/Zhundong)': 800_000, // SRC Shenhuo Xinjiang 800 kt; many others
  'Baotou (包头) smelters': 1_000_000, // EST
}

/** Alumina capacity, t/y, used for the refineries' revenue and staff. */
const REFINERY_CAPACITY_T: Record<string, number> = {
  'Chalco Henan branch (中铝河南分公司) - Shangjie - Zhengzhou': 1_750_000, // EST 1.5–2 Mt
  'Chalco Zhongzhou Aluminium (中州铝业) - Xiuwu - Jiaozuo': 2_400_000, // SRC 2.4 Mt design
  'East Hope Sanmenxia (东方希望) - Mianchi county': 2_500_000, // SRC 2.5 Mt design
  'Yixiang Aluminium (义翔铝业) - Yima': 600_000, // SRC 600 kt
  'Kaiman Aluminium (开曼铝业) - Sanmenxia (Shanzhou)': 1_750_000, // EST 1.5–2 Mt
  'East Hope Jinzhong (晋中) - Jiexiu': 3_200_000, // SRC 3.2 Mt design
  'Chalco Shandong (中铝山东) - Zibo': 900_000, // SRC 900 kt alumina chemicals
}

const INGOT_CNY_PER_T = 19_000
const ALUMINA_CNY_PER_T = 3000

/** The English name without the Chinese in brackets: "Jiaozuo Wanfang (焦作万方) - Jiaozuo" → "Jiaozuo Wanfang - Jiaozuo". */
export function englishName(place: Place): string {
  return place.name.replace(/\s*\([^)]*[\u4e00-\u9fff][^)]*\)/g, '').trim()
}

export function generateUpstream(
  rng: Random,
  names: NameBook,
): { smelters: Enterprise[]; refineries: Enterprise[] } {
  const smelters: Enterprise[] = []
  const refineries: Enterprise[] = []
  for (const place of PLACES) {
    if (place.kind === 'smelter' || place.kind === 'smelter_refinery') {
      const capacityT = SMELTER_CAPACITY_T[place.name]
      if (capacityT === undefined) throw new Error(`no capacity for smelter ${place.name}`)
      names.reserve(place.nameZh)
      smelters.push({
        id: `m-${String(smelters.length + 1).padStart(2, '0')}`,
        ...common(place),
        kind: 'smelter',
        stages: ['casting'],
        capacityTPerYear: { ingot: capacityT },
        annualRevenueFen: yuanToFenRounded(capacityT * uniform(rng, 0.85, 0.98) * INGOT_CNY_PER_T),
        employees: Math.round(capacityT / uniform(rng, 150, 300)),
        certifications: drawCertifications(rng, {
          'ISO 9001': 1,
          'ISO 14001': 1,
          'ISO 45001': 0.9,
          绿色工厂: 0.5,
        }),
      })
    } else if (place.kind === 'alumina_refinery') {
      const aluminaT = REFINERY_CAPACITY_T[place.name]
      if (aluminaT === undefined) throw new Error(`no capacity for refinery ${place.name}`)
      names.reserve(place.nameZh)
      refineries.push({
        id: `r-${String(refineries.length + 1).padStart(2, '0')}`,
        ...common(place),
        kind: 'refinery',
        stages: [],
        capacityTPerYear: {},
        annualRevenueFen: yuanToFenRounded(aluminaT * uniform(rng, 0.8, 0.95) * ALUMINA_CNY_PER_T),
        employees: Math.round(aluminaT / uniform(rng, 600, 1200)),
        certifications: drawCertifications(rng, { 'ISO 9001': 1, 'ISO 14001': 1, 'ISO 45001': 0.8 }),
      })
    }
  }
  return { smelters, refineries }
}

function common(place: Place) {
  return {
    nameZh: place.nameZh,
    nameEn: englishName(place),
    category: null,
    place: place.name,
    province: place.province,
    lat: place.lat,
    lon: place.lon,
    inCluster: false,
    topTenSheetStrip: false,
    synthetic: true,
  } as const
}
