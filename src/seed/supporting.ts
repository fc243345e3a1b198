import type { Random } from '../kernel/random.ts'
import { CHAIN_STAGES, type ChainStage, type Enterprise, type SupportingCategory } from '../registry/model.ts'
import { type Certification, drawCertifications } from './certifications.ts'
import { type FirmName, GONGYI, type NameBook, zhEn } from './names.ts'
import { CLUSTER_SITES, GONGYI_CITY, pointNear, uniform, yuanToFenRounded } from './sites.ts'

/**
 * The ~700 supporting firms of the cluster: equipment makers, roll and mould shops, oil and chemical
 * suppliers, packers, hauliers, labs, scrap recyclers, energy services, a few lenders and software houses.
 */
interface CategoryProfile {
  /** How many the cluster has (a few more may be drawn). */
  count: number
  /** Stages the category can serve; each firm serves a few of them. */
  serves: readonly ChainStage[]
  /** How many of those stages a firm serves. */
  servesCount: readonly [number, number]
  /** The stage every firm of the category serves, if there is one. */
  core?: ChainStage
  /** Median yearly revenue, CNY. */
  medianRevenueCny: number
  /** Revenue per employee, CNY. */
  revenuePerEmployeeCny: number
  suffixes: readonly FirmName[]
  certifications: Partial<Record<Certification, number>>
  /** Share of the firms with an office in Gongyi's city centre rather than by the mills. */
  cityShare: number
}

const ROLLING: readonly ChainStage[] = ['cast_rolling', 'hot_rolling', 'cold_rolling', 'foil_rolling']

export const CATEGORY_PROFILES: Record<SupportingCategory, CategoryProfile> = {
  equipment: {
    count: 140,
    serves: ['casting', 'cast_rolling', 'hot_rolling', 'cold_rolling', 'foil_rolling', 'finishing'],
    servesCount: [1, 3],
    medianRevenueCny: 30e6,
    revenuePerEmployeeCny: 700_000,
    suffixes: [
      zhEn('机械设备有限公司', 'Machinery Equipment Co., Ltd.'),
      zhEn('重工机械有限公司', 'Heavy Machinery Co., Ltd.'),
      zhEn('电气设备有限公司', 'Electrical Equipment Co., Ltd.'),
      zhEn('冶金设备有限公司', 'Metallurgical Equipment Co., Ltd.'),
      zhEn('工业炉有限公司', 'Industrial Furnace Co., Ltd.'),
    ],
    certifications: { 'ISO 9001': 0.7, 'ISO 14001': 0.2, 高新技术企业: 0.15 },
    cityShare: 0,
  },
  rolls_and_moulds: {
    count: 60,
    serves: ROLLING,
    servesCount: [1, 2],
    medianRevenueCny: 25e6,
    revenuePerEmployeeCny: 600_000,
    suffixes: [
      zhEn('轧辊有限公司', 'Rolls Co., Ltd.'),
      zhEn('辊套有限公司', 'Roll Shell Co., Ltd.'),
      zhEn('模具有限公司', 'Mould Co., Ltd.'),
    ],
    certifications: { 'ISO 9001': 0.7, 高新技术企业: 0.1 },
    cityShare: 0,
  },
  chemicals_and_lubricants: {
    count: 55,
    serves: ['casting', 'hot_rolling', 'cold_rolling', 'foil_rolling', 'finishing'],
    servesCount: [1, 3],
    medianRevenueCny: 20e6,
    revenuePerEmployeeCny: 1_200_000,
    suffixes: [
      zhEn('润滑油有限公司', 'Lubricants Co., Ltd.'),
      zhEn('化工有限公司', 'Chemical Co., Ltd.'),
      zhEn('轧制油有限公司', 'Rolling Oil Co., Ltd.'),
    ],
    certifications: { 'ISO 9001': 0.6, 'ISO 14001': 0.4, 'ISO 45001': 0.2 },
    cityShare: 0,
  },
  packaging: {
    count: 130,
    serves: ['finishing', 'terminal_products'],
    servesCount: [1, 2],
    core: 'finishing',
    medianRevenueCny: 10e6,
    revenuePerEmployeeCny: 450_000,
    suffixes: [
      zhEn('包装材料有限公司', 'Packaging Materials Co., Ltd.'),
      zhEn('木业包装有限公司', 'Wooden Packaging Co., Ltd.'),
      zhEn('纸管有限公司', 'Paper Core Co., Ltd.'),
      zhEn('包装有限公司', 'Packaging Co., Ltd.'),
    ],
    certifications: { 'ISO 9001': 0.5 },
    cityShare: 0,
  },
  logistics: {
    count: 150,
    serves: ['casting', 'finishing'],
    servesCount: [1, 2],
    medianRevenueCny: 8e6,
    revenuePerEmployeeCny: 500_000,
    suffixes: [
      zhEn('运输有限公司', 'Transport Co., Ltd.'),
      zhEn('货运有限公司', 'Freight Co., Ltd.'),
      zhEn('仓储有限公司', 'Warehousing Co., Ltd.'),
      zhEn('汽车运输有限公司', 'Motor Transport Co., Ltd.'),
    ],
    certifications: { 'ISO 9001': 0.15 },
    cityShare: 0,
  },
  testing_and_certification: {
    count: 35,
    serves: ['casting', 'finishing', 'components', 'terminal_products'],
    servesCount: [1, 3],
    medianRevenueCny: 5e6,
    revenuePerEmployeeCny: 300_000,
    suffixes: [
      zhEn('检测技术有限公司', 'Testing Technology Co., Ltd.'),
      zhEn('计量检测有限公司', 'Metrology & Testing Co., Ltd.'),
      zhEn('质量技术服务有限公司', 'Quality Technical Services Co., Ltd.'),
    ],
    certifications: { CNAS: 0.6, CMA: 0.8, 'ISO 9001': 0.3 },
    cityShare: 0.4,
  },
  recycling: {
    count: 60,
    serves: ['recycling', 'casting'],
    servesCount: [1, 2],
    core: 'recycling',
    medianRevenueCny: 40e6,
    revenuePerEmployeeCny: 2_000_000,
    suffixes: [
      zhEn('再生资源有限公司', 'Renewable Resources Co., Ltd.'),
      zhEn('废旧物资回收有限公司', 'Scrap Recycling Co., Ltd.'),
      zhEn('再生金属有限公司', 'Recycled Metals Co., Ltd.'),
    ],
    certifications: { 'ISO 14001': 0.3, 'ISO 9001': 0.3 },
    cityShare: 0,
  },
  energy_services: {
    count: 40,
    serves: ['casting', 'cast_rolling', 'hot_rolling', 'cold_rolling', 'foil_rolling', 'finishing'],
    servesCount: [1, 4],
    medianRevenueCny: 30e6,
    revenuePerEmployeeCny: 1_500_000,
    suffixes: [
      zhEn('能源科技有限公司', 'Energy Technology Co., Ltd.'),
      zhEn('燃气有限公司', 'Gas Co., Ltd.'),
      zhEn('光伏科技有限公司', 'Photovoltaic Technology Co., Ltd.'),
      zhEn('节能服务有限公司', 'Energy Saving Services Co., Ltd.'),
    ],
    certifications: { 'ISO 9001': 0.4, 'ISO 14001': 0.3, 高新技术企业: 0.2 },
    cityShare: 0.2,
  },
  finance: {
    count: 12,
    serves: ['casting', 'finishing'],
    servesCount: [1, 2],
    medianRevenueCny: 50e6,
    revenuePerEmployeeCny: 2_500_000,
    suffixes: [
      zhEn('融资租赁有限公司', 'Financial Leasing Co., Ltd.'),
      zhEn('供应链金融服务有限公司', 'Supply Chain Finance Services Co., Ltd.'),
      zhEn('融资担保有限公司', 'Financing Guarantee Co., Ltd.'),
      zhEn('小额贷款有限公司', 'Microcredit Co., Ltd.'),
    ],
    certifications: {},
    cityShare: 0.9,
  },
  software: {
    count: 18,
    serves: ['casting', 'cast_rolling', 'hot_rolling', 'cold_rolling', 'foil_rolling', 'finishing'],
    servesCount: [1, 4],
    medianRevenueCny: 5e6,
    revenuePerEmployeeCny: 400_000,
    suffixes: [
      zhEn('信息技术有限公司', 'Information Technology Co., Ltd.'),
      zhEn('软件有限公司', 'Software Co., Ltd.'),
      zhEn('网络科技有限公司', 'Network Technology Co., Ltd.'),
    ],
    certifications: { 高新技术企业: 0.5, 'ISO 9001': 0.3 },
    cityShare: 0.8,
  },
}

export function generateSupporting(rng: Random, names: NameBook): Enterprise[] {
  const firms: Enterprise[] = []
  for (const [category, profile] of Object.entries(CATEGORY_PROFILES) as [
    SupportingCategory,
    CategoryProfile,
  ][]) {
    const n = profile.count + rng.int(0, Math.ceil(profile.count * 0.03))
    for (let i = 0; i < n; i++) firms.push(supportingFirm(rng, names, category, profile))
  }
  // registry order mixes the categories, as firms registered over the years
  return rng
    .sample(firms, firms.length)
    .map((firm, i) => ({ ...firm, id: `s-${String(i + 1).padStart(4, '0')}` }))
}

function supportingFirm(
  rng: Random,
  names: NameBook,
  category: SupportingCategory,
  profile: CategoryProfile,
): Enterprise {
  const name = names.firm(GONGYI, rng.pick(profile.suffixes))
  const site = rng.chance(profile.cityShare) ? GONGYI_CITY : rng.weighted(CLUSTER_SITES)
  const point = pointNear(rng, site)
  const served = new Set(rng.sample(profile.serves, rng.int(...profile.servesCount)))
  if (profile.core) served.add(profile.core)
  // log-normal around the median, capped: a few big firms, many small ones
  const revenueCny = Math.min(
    profile.medianRevenueCny * 30,
    Math.max(500_000, Math.exp(rng.normal(Math.log(profile.medianRevenueCny), 0.9))),
  )
  return {
    id: '',
    nameZh: name.nameZh,
    nameEn: name.nameEn,
    kind: 'supporting',
    category,
    stages: CHAIN_STAGES.filter((s) => served.has(s)),
    place: site.place,
    province: site.province,
    lat: point.lat,
    lon: point.lon,
    capacityTPerYear: {},
    annualRevenueFen: yuanToFenRounded(revenueCny),
    employees: Math.max(5, Math.round(revenueCny / (profile.revenuePerEmployeeCny * uniform(rng, 0.7, 1.3)))),
    certifications: drawCertifications(rng, profile.certifications),
    inCluster: true,
    topTenSheetStrip: false,
    synthetic: true,
  }
}
