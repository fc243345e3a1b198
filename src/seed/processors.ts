import type { Random } from '../kernel/random.ts'
import {
  type CatalogueItem,
  CHAIN_STAGES,
  type ChainStage,
  type Enterprise,
  type ProductForm,
} from '../registry/model.ts'
import { catalogueFor, type Tier } from './catalogue.ts'
import { type Certification, drawCertifications } from './certifications.ts'
import { type FirmName, GONGYI, HENAN, type NameBook, zhEn } from './names.ts'
import { CLUSTER_SITES, logUniform, pointNear, uniform, yuanToFenRounded } from './sites.ts'

/**
 * The cluster's processors. Sizes are heavy-tailed: four national top-ten sheet/strip producers of
 * 480–720 kt/y, about twenty large mills, many mid-sized and small ones, scaled so that the cluster's
 * capacity is 5.05–5.45 Mt/y (output at 85 % ≈ 4.3–4.6 Mt, as the cluster reports 4–5 Mt). Revenue is
 * capacity × utilisation × (A00 ingot + the processing fee of each form) with a little other income.
 */

/** What a mill does, which fixes its stages and the forms it sells. */
type Archetype =
  | 'integrated'
  | 'hot_plate'
  | 'cast_cold_foil'
  | 'cast_cold'
  | 'foil'
  | 'cold'
  | 'cast'
  | 'foil_converter'

const STAGES: Record<Archetype, readonly ChainStage[]> = {
  integrated: ['casting', 'cast_rolling', 'hot_rolling', 'cold_rolling', 'foil_rolling', 'finishing'],
  hot_plate: ['casting', 'hot_rolling', 'cold_rolling', 'finishing'],
  cast_cold_foil: ['casting', 'cast_rolling', 'cold_rolling', 'foil_rolling', 'finishing'],
  cast_cold: ['casting', 'cast_rolling', 'cold_rolling', 'finishing'],
  foil: ['cold_rolling', 'foil_rolling', 'finishing'],
  cold: ['cold_rolling', 'finishing'],
  cast: ['casting', 'cast_rolling'],
  foil_converter: ['foil_rolling', 'finishing', 'terminal_products'],
}

/** Share ranges of capacity by form (normalised after drawing). */
const FORM_SHARES: Record<Archetype, Partial<Record<ProductForm, readonly [number, number]>>> = {
  integrated: {
    cast_rolled_coil: [0.02, 0.06],
    plate: [0.08, 0.15],
    sheet: [0.15, 0.25],
    strip: [0.35, 0.45],
    foil: [0.15, 0.3],
  },
  hot_plate: { plate: [0.5, 0.8], sheet: [0.2, 0.5] },
  cast_cold_foil: { cast_rolled_coil: [0, 0.1], sheet: [0, 0.15], strip: [0.2, 0.4], foil: [0.4, 0.7] },
  cast_cold: { cast_rolled_coil: [0.05, 0.3], sheet: [0.3, 0.5], strip: [0.3, 0.5] },
  foil: { strip: [0, 0.15], foil: [0.85, 1] },
  cold: { sheet: [0.4, 0.6], strip: [0.4, 0.6] },
  cast: { cast_rolled_coil: [1, 1] },
  foil_converter: { foil: [1, 1] },
}

const ARCHETYPES_BY_TIER: Record<Exclude<Tier, 'giant'>, readonly (readonly [Archetype, number])[]> = {
  large: [
    ['hot_plate', 3],
    ['cast_cold_foil', 5],
    ['cast_cold', 5],
    ['foil', 3],
    ['cold', 1],
  ],
  mid: [
    ['hot_plate', 1],
    ['cast_cold_foil', 2],
    ['cast_cold', 4],
    ['foil', 3],
    ['cold', 2],
    ['cast', 1.5],
  ],
  small: [
    ['cast', 4],
    ['cold', 4],
    ['foil', 1.5],
    ['cast_cold', 1.5],
    ['foil_converter', 1.5],
  ],
}

const SUFFIXES: Record<Archetype, readonly FirmName[]> = {
  integrated: [zhEn('铝业集团有限公司', 'Aluminium Group Co., Ltd.')],
  hot_plate: [
    zhEn('铝业有限公司', 'Aluminium Co., Ltd.'),
    zhEn('铝板有限公司', 'Aluminium Plate Co., Ltd.'),
    zhEn('新材料有限公司', 'New Materials Co., Ltd.'),
  ],
  cast_cold_foil: [
    zhEn('铝业有限公司', 'Aluminium Co., Ltd.'),
    zhEn('铝箔有限公司', 'Aluminium Foil Co., Ltd.'),
    zhEn('新材料有限公司', 'New Materials Co., Ltd.'),
  ],
  cast_cold: [
    zhEn('铝业有限公司', 'Aluminium Co., Ltd.'),
    zhEn('铝板带有限公司', 'Aluminium Sheet & Strip Co., Ltd.'),
    zhEn('金属材料有限公司', 'Metal Materials Co., Ltd.'),
  ],
  foil: [
    zhEn('铝箔有限公司', 'Aluminium Foil Co., Ltd.'),
    zhEn('铝业有限公司', 'Aluminium Co., Ltd.'),
    zhEn('新材料有限公司', 'New Materials Co., Ltd.'),
  ],
  cold: [
    zhEn('铝板带有限公司', 'Aluminium Sheet & Strip Co., Ltd.'),
    zhEn('铝业有限公司', 'Aluminium Co., Ltd.'),
    zhEn('铝材有限公司', 'Aluminium Products Co., Ltd.'),
  ],
  cast: [
    zhEn('铝业有限公司', 'Aluminium Co., Ltd.'),
    zhEn('金属材料有限公司', 'Metal Materials Co., Ltd.'),
    zhEn('铝材有限公司', 'Aluminium Products Co., Ltd.'),
  ],
  foil_converter: [
    zhEn('铝箔制品有限公司', 'Aluminium Foil Products Co., Ltd.'),
    zhEn('铝箔有限公司', 'Aluminium Foil Co., Ltd.'),
  ],
}

/** Gongyi A00 ingot, CNY/t, the base of every processed product's price (pricing.md 1.5). */
const A00_CNY_PER_T = 19_500

/** Processing fees, CNY/t, by form (pricing.md 1.4); the giants' strip and foil are can stock and battery foil. */
const FEE_CNY_PER_T: Record<'giant' | 'other', Partial<Record<ProductForm, readonly [number, number]>>> = {
  other: {
    cast_rolled_coil: [400, 800],
    sheet: [1200, 3500],
    strip: [1800, 4000],
    plate: [4000, 10_000],
    foil: [4500, 9000],
  },
  giant: {
    cast_rolled_coil: [400, 800],
    sheet: [2000, 4500],
    strip: [3000, 5000],
    plate: [5000, 12_000],
    foil: [6000, 12_000],
  },
}

const MILL_WIDTH_MM: Record<Tier, readonly [number, number]> = {
  small: [1300, 1650],
  mid: [1600, 2050],
  large: [2000, 2350],
  giant: [2400, 2650],
}

/** Least capacity a form must have to be sold (100 t a month); smaller shares go to the main form. */
const MIN_FORM_T = 1200

interface Spec {
  tier: Tier
  archetype: Archetype
  capacityT: number
}

export interface ProcessorsResult {
  processors: Enterprise[]
  catalogue: CatalogueItem[]
}

export function generateProcessors(rng: Random, names: NameBook): ProcessorsResult {
  const specs = drawSpecs(rng)
  const processors: Enterprise[] = []
  const catalogue: CatalogueItem[] = []
  let catalogueSeq = 0
  const nextCatalogueId = () => `c-${String(++catalogueSeq).padStart(6, '0')}`

  specs.forEach((spec, index) => {
    const id = `p-${String(index + 1).padStart(4, '0')}`
    const capacity = splitCapacity(rng, spec)
    const millWidthMm = 50 * Math.round(uniform(rng, ...MILL_WIDTH_MM[spec.tier]) / 50)
    const items = catalogueFor(
      rng,
      { enterpriseId: id, tier: spec.tier, millWidthMm, capacityTPerYear: capacity },
      nextCatalogueId,
    )
    catalogue.push(...items)

    const stages = new Set<ChainStage>(STAGES[spec.archetype])
    if (stages.has('casting') && rng.chance(spec.tier === 'giant' ? 0.75 : 0.15)) stages.add('recycling')

    const prefix =
      spec.tier === 'giant' ||
      (spec.tier === 'large' && rng.chance(0.5)) ||
      (spec.tier === 'mid' && rng.chance(0.15))
        ? HENAN
        : GONGYI
    const name = names.firm(prefix, rng.pick(SUFFIXES[spec.archetype]))
    const site = rng.weighted(CLUSTER_SITES)
    const point = pointNear(rng, site)
    const capacityT = Object.values(capacity).reduce((a, b) => a + b, 0)

    processors.push({
      id,
      nameZh: name.nameZh,
      nameEn: name.nameEn,
      kind: 'processor',
      category: null,
      stages: CHAIN_STAGES.filter((s) => stages.has(s)),
      place: site.place,
      province: site.province,
      lat: point.lat,
      lon: point.lon,
      capacityTPerYear: capacity,
      annualRevenueFen: revenueFen(rng, spec.tier, capacity),
      employees: Math.max(20, Math.round(capacityT / uniform(rng, 150, 400))),
      certifications: certificationsFor(rng, spec.tier, new Set(items.map((i) => i.application))),
      inCluster: true,
      topTenSheetStrip: spec.tier === 'giant',
      synthetic: true,
    })
  })
  return { processors, catalogue }
}

/** Tiers, archetypes and total capacities, scaled to the cluster's total, in registry order. */
function drawSpecs(rng: Random): Spec[] {
  const count = rng.int(212, 220)
  const large = rng.int(18, 22)
  const mid = Math.round((count - 4 - large) * 0.4)
  const small = count - 4 - large - mid

  const giants: Spec[] = Array.from({ length: 4 }, () => ({
    tier: 'giant',
    archetype: 'integrated',
    capacityT: 1000 * rng.int(480, 720),
  }))
  const others: Spec[] = []
  const push = (tier: Exclude<Tier, 'giant'>, n: number, min: number, max: number) => {
    for (let i = 0; i < n; i++) {
      others.push({
        tier,
        archetype: rng.weighted(ARCHETYPES_BY_TIER[tier]),
        capacityT: logUniform(rng, min, max),
      })
    }
  }
  push('large', large, 35_000, 120_000)
  push('mid', mid, 8000, 35_000)
  push('small', small, 1700, 8000)

  const targetT = 1000 * rng.int(5050, 5450)
  const giantsT = giants.reduce((a, s) => a + s.capacityT, 0)
  const othersT = others.reduce((a, s) => a + s.capacityT, 0)
  const scale = (targetT - giantsT) / othersT
  for (const s of others) s.capacityT = Math.max(1500, s.capacityT * scale)

  return rng.sample([...giants, ...others], giants.length + others.length)
}

/** Capacity per form, in whole 100 t, each form at least MIN_FORM_T. */
function splitCapacity(rng: Random, spec: Spec): Partial<Record<ProductForm, number>> {
  const ranges = Object.entries(FORM_SHARES[spec.archetype]) as [ProductForm, readonly [number, number]][]
  const draws = ranges.map(([form, [lo, hi]]) => [form, uniform(rng, lo, hi)] as const)
  const sum = draws.reduce((a, [, x]) => a + x, 0)
  const main = draws.reduce((best, d) => (d[1] > best[1] ? d : best))[0]
  const out: Partial<Record<ProductForm, number>> = {}
  let dropped = 0
  for (const [form, x] of draws) {
    const t = 100 * Math.round((spec.capacityT * x) / sum / 100)
    if (form !== main && t < MIN_FORM_T) dropped += t
    else out[form] = t
  }
  out[main] = Math.max(MIN_FORM_T, (out[main] ?? 0) + dropped)
  return out
}

function revenueFen(rng: Random, tier: Tier, capacity: Partial<Record<ProductForm, number>>): bigint {
  const giant = tier === 'giant'
  const fees = FEE_CNY_PER_T[giant ? 'giant' : 'other']
  const utilisation = giant ? uniform(rng, 0.9, 1) : uniform(rng, 0.78, 0.94)
  const otherIncome = giant ? uniform(rng, 1.03, 1.12) : uniform(rng, 1, 1.04)
  let yuan = 0
  for (const [form, t] of Object.entries(capacity) as [ProductForm, number][]) {
    const [lo, hi] = fees[form] ?? [0, 0]
    yuan += t * utilisation * (A00_CNY_PER_T + uniform(rng, lo, hi))
  }
  yuan *= otherIncome
  // the national top ten report 10–25 bn CNY a year
  if (giant) yuan = Math.min(24.8e9, Math.max(10.2e9, yuan))
  return yuanToFenRounded(yuan)
}

function certificationsFor(rng: Random, tier: Tier, applications: Set<string | null>): Certification[] {
  const base: Record<Tier, Partial<Record<Certification, number>>> = {
    giant: {
      'ISO 9001': 1,
      'ISO 14001': 1,
      'ISO 45001': 1,
      'GB/T 29490': 1,
      绿色工厂: 1,
      高新技术企业: 1,
      'IATF 16949': 0.5,
    },
    large: {
      'ISO 9001': 1,
      'ISO 14001': 0.9,
      'ISO 45001': 0.8,
      'GB/T 29490': 0.5,
      绿色工厂: 0.4,
      高新技术企业: 0.75,
      'IATF 16949': 0.15,
    },
    mid: {
      'ISO 9001': 1,
      'ISO 14001': 0.6,
      'ISO 45001': 0.45,
      'GB/T 29490': 0.15,
      绿色工厂: 0.08,
      高新技术企业: 0.35,
    },
    small: { 'ISO 9001': 0.75, 'ISO 14001': 0.25, 'ISO 45001': 0.15, 高新技术企业: 0.08 },
  }
  const chances = { ...base[tier] }
  if (applications.has('auto_body_sheet') || applications.has('battery_foil')) chances['IATF 16949'] = 1
  if (applications.has('marine_plate')) {
    chances.CCS = 1
    chances.DNV = 0.6
    chances.ABS = 0.4
    chances.LR = 0.4
  }
  if (applications.has('cable_foil') || applications.has('transformer_strip')) chances.UL = 0.4
  return drawCertifications(rng, chances)
}
