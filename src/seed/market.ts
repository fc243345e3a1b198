import type { Random } from '../kernel/random.ts'
import { PLACES, type Place, placeNamed } from '../registry/data/places.ts'
import type { ChainStage, Enterprise } from '../registry/model.ts'
import { type Certification, drawCertifications } from './certifications.ts'
import { type FirmName, GONGYI, type NameBook, zhEn } from './names.ts'
import { CLUSTER_SITES, pointNear, type Site, uniform, yuanToFenRounded } from './sites.ts'

/**
 * The cluster's market: buyers in the 41 customer cities of places.csv, traders in Gongyi and the big
 * trading towns, and the freight firms of the cluster. Every name is invented.
 */

type Industry =
  | 'battery'
  | 'can'
  | 'hvac'
  | 'packaging'
  | 'pharma'
  | 'construction'
  | 'auto'
  | 'electronics'
  | 'appliances'
  | 'shipbuilding'
  | 'printing'
  | 'cable'
  | 'transformer'
  | 'machinery'
  | 'rail'
  | 'mould'
  | 'tank'

interface IndustryProfile {
  suffixes: readonly FirmName[]
  stage: ChainStage
  /** Median yearly revenue, CNY. */
  medianRevenueCny: number
  certifications: Partial<Record<Certification, number>>
}

const INDUSTRIES: Record<Industry, IndustryProfile> = {
  battery: {
    suffixes: [
      zhEn('电池材料有限公司', 'Battery Materials Co., Ltd.'),
      zhEn('新能源科技有限公司', 'New Energy Technology Co., Ltd.'),
    ],
    stage: 'terminal_products',
    medianRevenueCny: 2e9,
    certifications: { 'ISO 9001': 1, 'ISO 14001': 0.8, 'IATF 16949': 0.8 },
  },
  can: {
    suffixes: [
      zhEn('制罐有限公司', 'Can Making Co., Ltd.'),
      zhEn('金属包装有限公司', 'Metal Packaging Co., Ltd.'),
    ],
    stage: 'components',
    medianRevenueCny: 1e9,
    certifications: { 'ISO 9001': 1, 'ISO 14001': 0.6 },
  },
  hvac: {
    suffixes: [
      zhEn('制冷设备有限公司', 'Refrigeration Equipment Co., Ltd.'),
      zhEn('换热器有限公司', 'Heat Exchanger Co., Ltd.'),
    ],
    stage: 'components',
    medianRevenueCny: 600e6,
    certifications: { 'ISO 9001': 1, 'ISO 14001': 0.5 },
  },
  packaging: {
    suffixes: [
      zhEn('包装材料有限公司', 'Packaging Materials Co., Ltd.'),
      zhEn('铝箔制品有限公司', 'Aluminium Foil Products Co., Ltd.'),
    ],
    stage: 'terminal_products',
    medianRevenueCny: 200e6,
    certifications: { 'ISO 9001': 0.9 },
  },
  pharma: {
    suffixes: [zhEn('药用包装有限公司', 'Pharmaceutical Packaging Co., Ltd.')],
    stage: 'terminal_products',
    medianRevenueCny: 300e6,
    certifications: { 'ISO 9001': 1, 'ISO 14001': 0.5 },
  },
  construction: {
    suffixes: [
      zhEn('幕墙工程有限公司', 'Curtain Wall Engineering Co., Ltd.'),
      zhEn('建筑材料有限公司', 'Building Materials Co., Ltd.'),
      zhEn('彩铝科技有限公司', 'Colour-Coated Aluminium Technology Co., Ltd.'),
    ],
    stage: 'terminal_products',
    medianRevenueCny: 300e6,
    certifications: { 'ISO 9001': 0.8, 'ISO 14001': 0.3 },
  },
  auto: {
    suffixes: [
      zhEn('汽车零部件有限公司', 'Auto Parts Co., Ltd.'),
      zhEn('汽车部件有限公司', 'Automotive Components Co., Ltd.'),
    ],
    stage: 'components',
    medianRevenueCny: 800e6,
    certifications: { 'ISO 9001': 1, 'IATF 16949': 0.9, 'ISO 14001': 0.6 },
  },
  electronics: {
    suffixes: [zhEn('电子科技有限公司', 'Electronics Technology Co., Ltd.')],
    stage: 'components',
    medianRevenueCny: 500e6,
    certifications: { 'ISO 9001': 1, 'ISO 14001': 0.6, UL: 0.3 },
  },
  appliances: {
    suffixes: [
      zhEn('电器有限公司', 'Electrical Appliances Co., Ltd.'),
      zhEn('家电有限公司', 'Home Appliances Co., Ltd.'),
    ],
    stage: 'terminal_products',
    medianRevenueCny: 1e9,
    certifications: { 'ISO 9001': 1, 'ISO 14001': 0.7, UL: 0.4 },
  },
  shipbuilding: {
    suffixes: [zhEn('船舶重工有限公司', 'Shipbuilding Heavy Industry Co., Ltd.')],
    stage: 'terminal_products',
    medianRevenueCny: 2e9,
    certifications: { 'ISO 9001': 1, 'ISO 14001': 0.7, CCS: 0.8 },
  },
  printing: {
    suffixes: [zhEn('印刷器材有限公司', 'Printing Materials Co., Ltd.')],
    stage: 'components',
    medianRevenueCny: 300e6,
    certifications: { 'ISO 9001': 1 },
  },
  cable: {
    suffixes: [zhEn('电线电缆有限公司', 'Wire & Cable Co., Ltd.')],
    stage: 'components',
    medianRevenueCny: 600e6,
    certifications: { 'ISO 9001': 1, UL: 0.5 },
  },
  transformer: {
    suffixes: [zhEn('变压器有限公司', 'Transformer Co., Ltd.')],
    stage: 'components',
    medianRevenueCny: 500e6,
    certifications: { 'ISO 9001': 1, 'ISO 14001': 0.5 },
  },
  machinery: {
    suffixes: [zhEn('机械有限公司', 'Machinery Co., Ltd.'), zhEn('重工有限公司', 'Heavy Industry Co., Ltd.')],
    stage: 'terminal_products',
    medianRevenueCny: 800e6,
    certifications: { 'ISO 9001': 1, 'ISO 14001': 0.5 },
  },
  rail: {
    suffixes: [zhEn('轨道交通装备有限公司', 'Rail Transit Equipment Co., Ltd.')],
    stage: 'terminal_products',
    medianRevenueCny: 1.5e9,
    certifications: { 'ISO 9001': 1, 'ISO 14001': 0.8 },
  },
  mould: {
    suffixes: [zhEn('精密模具有限公司', 'Precision Mould Co., Ltd.')],
    stage: 'components',
    medianRevenueCny: 150e6,
    certifications: { 'ISO 9001': 0.8 },
  },
  tank: {
    suffixes: [zhEn('专用汽车有限公司', 'Special Vehicles Co., Ltd.')],
    stage: 'terminal_products',
    medianRevenueCny: 700e6,
    certifications: { 'ISO 9001': 1, 'IATF 16949': 0.4 },
  },
}

/** The industries that buy in each customer city (from the sector notes of places.csv), most typical first. */
const CITY_INDUSTRIES: Record<string, readonly Industry[]> = {
  'Zhengzhou (郑州) city': ['construction', 'auto', 'machinery'],
  Shanghai: ['can', 'packaging', 'auto'],
  Suzhou: ['electronics', 'appliances', 'auto'],
  Wuxi: ['cable', 'hvac', 'packaging'],
  Changzhou: ['battery', 'auto', 'transformer'],
  Jiangyin: ['packaging', 'pharma'],
  Nanjing: ['auto', 'electronics'],
  Xuzhou: ['machinery', 'construction'],
  Hangzhou: ['packaging', 'construction'],
  Ningbo: ['appliances', 'auto'],
  'Taizhou (Zhejiang)': ['auto', 'appliances'],
  Hefei: ['appliances', 'auto', 'battery'],
  Wuhu: ['auto', 'appliances'],
  Guangzhou: ['auto', 'packaging', 'construction'],
  Foshan: ['appliances', 'construction', 'hvac'],
  Shenzhen: ['electronics', 'battery'],
  Dongguan: ['electronics', 'mould'],
  Zhongshan: ['appliances', 'electronics'],
  Zhuhai: ['hvac'],
  Xiamen: ['electronics', 'printing', 'packaging'],
  Fuzhou: ['packaging', 'can'],
  Ningde: ['battery'],
  Tianjin: ['auto', 'packaging', 'can'],
  Beijing: ['construction', 'rail'],
  Shijiazhuang: ['construction', 'pharma', 'machinery'],
  Jinan: ['tank', 'machinery'],
  Qingdao: ['appliances', 'hvac', 'rail'],
  Linyi: ['construction', 'packaging'],
  Taiyuan: ['machinery'],
  "Xi'an": ['auto', 'battery', 'machinery'],
  Wuhan: ['auto', 'appliances'],
  Changsha: ['machinery', 'rail'],
  Nanchang: ['electronics'],
  Chongqing: ['auto', 'electronics'],
  Chengdu: ['electronics', 'battery'],
  Yibin: ['battery'],
  Kunming: ['construction', 'packaging'],
  Nanning: ['construction', 'packaging'],
  Shenyang: ['auto', 'transformer', 'machinery'],
  Dalian: ['shipbuilding', 'tank'],
  Changchun: ['auto', 'rail'],
}

/** How far from a city centre its firms sit, km. */
const CITY_RADIUS_KM = 12

export function generateBuyers(rng: Random, names: NameBook): Enterprise[] {
  const buyers: Enterprise[] = []
  for (const city of PLACES.filter((p) => p.kind === 'customer_city')) {
    const industries = CITY_INDUSTRIES[city.name]
    if (!industries) throw new Error(`no industries for customer city ${city.name}`)
    const count = Math.min(4, Math.max(1, industries.length + rng.int(-1, 1)))
    for (let i = 0; i < count; i++) {
      const profile = INDUSTRIES[industries[i % industries.length]!]
      const name = names.firm(cityPrefix(city), rng.pick(profile.suffixes))
      const point = pointNear(rng, siteOf(city, CITY_RADIUS_KM))
      const revenueCny = Math.min(
        profile.medianRevenueCny * 20,
        Math.max(30e6, Math.exp(rng.normal(Math.log(profile.medianRevenueCny), 0.9))),
      )
      buyers.push({
        id: `b-${String(buyers.length + 1).padStart(4, '0')}`,
        nameZh: name.nameZh,
        nameEn: name.nameEn,
        kind: 'buyer',
        category: null,
        stages: [profile.stage],
        place: city.name,
        province: city.province,
        lat: point.lat,
        lon: point.lon,
        capacityTPerYear: {},
        annualRevenueFen: yuanToFenRounded(revenueCny),
        employees: Math.max(30, Math.round(revenueCny / uniform(rng, 800_000, 2_000_000))),
        certifications: drawCertifications(rng, profile.certifications),
        inCluster: false,
        topTenSheetStrip: false,
        synthetic: true,
      })
    }
  }
  return buyers
}

/** Where traders sit and how many: Gongyi's own market, the provincial capital, the big ingot hubs. */
const TRADER_CITIES: readonly (readonly [string, number])[] = [
  ['Gongyi city centre (巩义)', 4],
  ['Zhengzhou (郑州) city', 2],
  ['Shanghai', 3],
  ['Wuxi', 2],
  ['Foshan', 1],
]

const TRADER_SUFFIXES: readonly FirmName[] = [
  zhEn('铝业贸易有限公司', 'Aluminium Trading Co., Ltd.'),
  zhEn('金属贸易有限公司', 'Metals Trading Co., Ltd.'),
  zhEn('供应链管理有限公司', 'Supply Chain Management Co., Ltd.'),
  zhEn('商贸有限公司', 'Trading Co., Ltd.'),
]

export function generateTraders(rng: Random, names: NameBook): Enterprise[] {
  const traders: Enterprise[] = []
  for (const [placeName, count] of TRADER_CITIES) {
    const city = placeNamed(placeName)
    for (let i = 0; i < count; i++) {
      const prefix = city.kind === 'hub' ? GONGYI : cityPrefix(city)
      const name = names.firm(prefix, rng.pick(TRADER_SUFFIXES))
      const point = pointNear(rng, siteOf(city, city.kind === 'hub' ? 2.5 : CITY_RADIUS_KM))
      // traders turn metal over fast: high revenue, few staff
      const revenueCny = Math.exp(rng.normal(Math.log(1.5e9), 0.8))
      traders.push({
        id: `t-${String(traders.length + 1).padStart(3, '0')}`,
        nameZh: name.nameZh,
        nameEn: name.nameEn,
        kind: 'trader',
        category: null,
        stages: [],
        place: city.name,
        province: city.province,
        lat: point.lat,
        lon: point.lon,
        capacityTPerYear: {},
        annualRevenueFen: yuanToFenRounded(revenueCny),
        employees: Math.max(8, Math.round(revenueCny / uniform(rng, 10e6, 30e6))),
        certifications: drawCertifications(rng, { 'ISO 9001': 0.3 }),
        inCluster: city.kind === 'hub',
        topTenSheetStrip: false,
        synthetic: true,
      })
    }
  }
  return traders
}

const LOGISTICS_SUFFIXES: readonly FirmName[] = [
  zhEn('物流有限公司', 'Logistics Co., Ltd.'),
  zhEn('国际物流有限公司', 'International Logistics Co., Ltd.'),
  zhEn('供应链物流有限公司', 'Supply Chain Logistics Co., Ltd.'),
  zhEn('铝水运输有限公司', 'Molten Aluminium Transport Co., Ltd.'),
]

/** The cluster's freight firms: inbound ingot and molten metal, outbound coils to the customer cities. */
export function generateLogistics(rng: Random, names: NameBook): Enterprise[] {
  const count = rng.int(14, 16)
  const firms: Enterprise[] = []
  for (let i = 0; i < count; i++) {
    const name = names.firm(GONGYI, rng.pick(LOGISTICS_SUFFIXES))
    const site = rng.weighted(CLUSTER_SITES)
    const point = pointNear(rng, site)
    const revenueCny = Math.min(1.2e9, Math.exp(rng.normal(Math.log(120e6), 0.8)))
    firms.push({
      id: `l-${String(i + 1).padStart(3, '0')}`,
      nameZh: name.nameZh,
      nameEn: name.nameEn,
      kind: 'logistics',
      category: null,
      stages: ['casting', 'finishing'],
      place: site.place,
      province: site.province,
      lat: point.lat,
      lon: point.lon,
      capacityTPerYear: {},
      annualRevenueFen: yuanToFenRounded(revenueCny),
      employees: Math.max(30, Math.round(revenueCny / uniform(rng, 300_000, 600_000))),
      certifications: drawCertifications(rng, { 'ISO 9001': 0.5, 'ISO 14001': 0.2 }),
      inCluster: true,
      topTenSheetStrip: false,
      synthetic: true,
    })
  }
  return firms
}

function cityPrefix(city: Place): FirmName {
  return zhEn(city.nameZh, city.name.replace(/\s*\([^)]*\)/g, '').replace(/ city$/, ''))
}

function siteOf(place: Place, radiusKm: number): Site {
  return { place: place.name, province: place.province, lat: place.lat, lon: place.lon, radiusKm }
}
