import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PLACES } from '../registry/data/places.ts'
import {
  type CatalogueItem,
  ENTERPRISE_ID_PATTERN,
  type Enterprise,
  type EnterpriseKind,
  OUTPUT_UTILISATION_PERCENT,
  type ProductForm,
  SUPPORTING_CATEGORIES,
  THICKNESS_UM_BY_FORM,
  validateSpec,
} from '../registry/index.ts'
import { STAGE_FOR_FORM } from './catalogue.ts'
import { type DemoCluster, generateCluster } from './generate.ts'

const FEN_PER_BN_CNY = 100n * 1_000_000_000n
const HUIGUO = { lat: 34.686, lon: 112.868 }

const ID_SHAPE: Record<EnterpriseKind, RegExp> = {
  processor: /^p-\d{4}$/,
  supporting: /^s-\d{4}$/,
  smelter: /^m-\d{2}$/,
  refinery: /^r-\d{2}$/,
  trader: /^t-\d{3}$/,
  buyer: /^b-\d{4}$/,
  logistics: /^l-\d{3}$/,
}

const capacityOf = (e: Enterprise): number =>
  Object.values(e.capacityTPerYear).reduce((a, t) => a + (t ?? 0), 0)
const ofKind = (c: DemoCluster, kind: EnterpriseKind) => c.enterprises.filter((e) => e.kind === kind)

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6371 * Math.asin(Math.sqrt(h))
}

/** The elements that break a rule, as short labels (an empty list when all keep it). */
function breaking<T extends { id: string }>(items: readonly T[], keeps: (item: T) => boolean): string[] {
  return items.filter((item) => !keeps(item)).map((item) => item.id)
}

/** Every invariant the demo cluster keeps, whatever the seed. Checks collect offenders, then assert once. */
function checkCluster(c: DemoCluster): void {
  const { enterprises, catalogue } = c
  const processors = ofKind(c, 'processor')
  const supporting = ofKind(c, 'supporting')

  // ids, names, basic fields
  const idPattern = new RegExp(ENTERPRISE_ID_PATTERN)
  expect(breaking(enterprises, (e) => idPattern.test(e.id) && ID_SHAPE[e.kind].test(e.id))).toEqual([])
  expect(breaking(enterprises, (e) => e.synthetic === true)).toEqual([])
  expect(breaking(enterprises, (e) => e.nameZh.length > 0 && e.nameEn.length > 0)).toEqual([])
  expect(breaking(enterprises, (e) => Number.isSafeInteger(e.employees) && e.employees > 0)).toEqual([])
  expect(breaking(enterprises, (e) => e.annualRevenueFen > 0n)).toEqual([])
  expect(breaking(enterprises, (e) => (e.category === null) === (e.kind !== 'supporting'))).toEqual([])
  expect(breaking(enterprises, (e) => !e.topTenSheetStrip || e.kind === 'processor')).toEqual([])
  expect(
    breaking(enterprises, (e) =>
      Object.values(e.capacityTPerYear).every((t) => Number.isSafeInteger(t) && t! > 0),
    ),
  ).toEqual([])
  expect(new Set(enterprises.map((e) => e.id)).size).toBe(enterprises.length)
  expect(new Set(enterprises.map((e) => e.nameZh)).size).toBe(enterprises.length)
  expect(new Set(enterprises.map((e) => e.nameEn)).size).toBe(enterprises.length)

  // processors: count, the four giants, totals the cluster reports
  expect(processors.length).toBeGreaterThanOrEqual(210)
  const giants = processors.filter((p) => p.topTenSheetStrip)
  expect(giants).toHaveLength(4)
  const bn = (n: number) => BigInt(n) * FEN_PER_BN_CNY
  expect(
    breaking(giants, (g) => {
      const t = capacityOf(g)
      return t >= 400_000 && t <= 800_000 && g.annualRevenueFen >= bn(10) && g.annualRevenueFen <= bn(25)
    }),
  ).toEqual([])
  const revenue = processors.reduce((a, p) => a + p.annualRevenueFen, 0n)
  expect(revenue).toBeGreaterThan(bn(100))
  const outputT = (processors.reduce((a, p) => a + capacityOf(p), 0) * OUTPUT_UTILISATION_PERCENT) / 100
  expect(outputT).toBeGreaterThanOrEqual(4_000_000)
  expect(outputT).toBeLessThanOrEqual(5_000_000)
  expect(breaking(processors, (p) => p.inCluster && p.employees >= 20 && km(p, HUIGUO) < 25)).toEqual([])
  expect(
    breaking(processors, (p) =>
      (Object.keys(p.capacityTPerYear) as ProductForm[]).every((f) => p.stages.includes(STAGE_FOR_FORM[f])),
    ),
  ).toEqual([])

  // supporting firms across every category, no capacity
  expect(supporting.length).toBeGreaterThanOrEqual(690)
  expect(new Set(supporting.map((s) => s.category))).toEqual(new Set(SUPPORTING_CATEGORIES))
  expect(breaking(supporting, (s) => s.inCluster && Object.keys(s.capacityTPerYear).length === 0)).toEqual([])

  // upstream: the table's smelters (not the closed one) and refineries
  const smelterPlaces = PLACES.filter((p) => p.kind === 'smelter' || p.kind === 'smelter_refinery')
  expect(ofKind(c, 'smelter').map((s) => s.place)).toEqual(smelterPlaces.map((p) => p.name))
  const refineryPlaces = PLACES.filter((p) => p.kind === 'alumina_refinery')
  expect(ofKind(c, 'refinery').map((r) => r.place)).toEqual(refineryPlaces.map((p) => p.name))
  expect(breaking(ofKind(c, 'smelter'), (m) => (m.capacityTPerYear.ingot ?? 0) > 0)).toEqual([])

  // buyers in every customer city, 1–4 each, near it
  const cities = PLACES.filter((p) => p.kind === 'customer_city')
  expect(cities).toHaveLength(41)
  const buyers = ofKind(c, 'buyer')
  const perCity = new Map<string, number>()
  for (const b of buyers) perCity.set(b.place, (perCity.get(b.place) ?? 0) + 1)
  expect(
    cities.filter((city) => !((perCity.get(city.name) ?? 0) >= 1 && perCity.get(city.name)! <= 4)),
  ).toEqual([])
  const cityByName = new Map(cities.map((city) => [city.name, city]))
  expect(breaking(buyers, (b) => cityByName.has(b.place) && km(b, cityByName.get(b.place)!) < 15)).toEqual([])
  expect(ofKind(c, 'trader').length).toBe(12)
  expect(ofKind(c, 'logistics').length).toBeGreaterThanOrEqual(14)

  checkCatalogue(catalogue, processors)
}

function checkCatalogue(catalogue: CatalogueItem[], processors: Enterprise[]): void {
  const byId = new Map(processors.map((p) => [p.id, p]))
  expect(new Set(catalogue.map((r) => r.id)).size).toBe(catalogue.length)
  expect(breaking(catalogue, (r) => /^c-\d{6}$/.test(r.id))).toEqual([])

  // each row belongs to a processor that runs the stage of its form and has capacity in it
  expect(
    breaking(catalogue, (r) => {
      const firm = byId.get(r.enterpriseId)
      return (
        !!firm && firm.stages.includes(STAGE_FOR_FORM[r.form]) && (firm.capacityTPerYear[r.form] ?? 0) > 0
      )
    }),
  ).toEqual([])

  // sizes inside the form's bounds, whole units
  expect(
    breaking(catalogue, (r) => {
      const bounds = THICKNESS_UM_BY_FORM[r.form as keyof typeof THICKNESS_UM_BY_FORM]
      return (
        bounds !== undefined &&
        [r.thicknessMinUm, r.thicknessMaxUm, r.widthMinMm, r.widthMaxMm, r.monthlyCapacityT].every(
          Number.isSafeInteger,
        ) &&
        bounds.min <= r.thicknessMinUm &&
        r.thicknessMinUm <= r.thicknessMaxUm &&
        r.thicknessMaxUm <= bounds.max &&
        r.widthMinMm < r.widthMaxMm &&
        r.widthMaxMm <= (r.form === 'foil' ? 1700 : 2650) &&
        (r.form === 'foil' || r.widthMinMm >= 800) &&
        r.monthlyCapacityT > 0
      )
    }),
  ).toEqual([])

  // both corners of every row are specs the center accepts (temper, application and size rules)
  const refused: string[] = []
  for (const r of catalogue) {
    for (const [thicknessUm, widthMm] of [
      [r.thicknessMinUm, r.widthMinMm],
      [r.thicknessMaxUm, r.widthMaxMm],
    ]) {
      const spec = {
        form: r.form,
        alloy: r.alloy,
        temper: r.temper,
        thicknessUm,
        widthMm,
        application: r.application,
      }
      const result = validateSpec(spec)
      if (!result.ok) refused.push(`${r.id} ${r.alloy}-${r.temper} ${r.form}: ${result.detail}`)
    }
  }
  expect(refused).toEqual([])

  // 2–8 rows a processor, every form it makes offered, at most its capacity a month
  const monthly = new Map<string, number>()
  const rows = new Map<string, number>()
  for (const r of catalogue) {
    const key = `${r.enterpriseId}/${r.form}`
    monthly.set(key, (monthly.get(key) ?? 0) + r.monthlyCapacityT)
    rows.set(r.enterpriseId, (rows.get(r.enterpriseId) ?? 0) + 1)
  }
  expect(
    breaking(processors, (p) => {
      const n = rows.get(p.id) ?? 0
      return (
        n >= 2 &&
        n <= 8 &&
        Object.entries(p.capacityTPerYear).every(([form, t]) => {
          const sum = monthly.get(`${p.id}/${form}`) ?? 0
          return sum > 0 && sum <= t! / 12
        })
      )
    }),
  ).toEqual([])
}

describe('generateCluster', () => {
  const cluster = generateCluster(1)

  it('is deterministic: the same seed gives a deep-equal cluster, another seed another one', () => {
    expect(generateCluster(1)).toEqual(cluster)
    const other = generateCluster(2)
    expect(other).not.toEqual(cluster)
    expect(other.enterprises[0]!.nameZh).not.toBe(cluster.enterprises[0]!.nameZh)
  })

  it('keeps every invariant for seed 1', () => {
    checkCluster(cluster)
  })

  it('labels the real smelters with their own names and invents all others', () => {
    const zhongfu = cluster.enterprises.find((e) => e.id === 'm-01')!
    expect(zhongfu.nameZh).toContain('中孚')
    expect(zhongfu.inCluster).toBe(false)
    const invented = cluster.enterprises.filter((e) => e.kind !== 'smelter' && e.kind !== 'refinery')
    for (const e of invented) expect(e.nameZh).not.toMatch(/明泰|中孚|豫联|神火|万基/)
  })

  it('gives the giants the mills of a national top-ten producer', () => {
    for (const g of ofKind(cluster, 'processor').filter((p) => p.topTenSheetStrip)) {
      expect(g.stages).toEqual(
        expect.arrayContaining(['casting', 'hot_rolling', 'cold_rolling', 'foil_rolling']),
      )
      expect(g.certifications).toContain('ISO 9001')
    }
  })

  it('keeps the invariants for any seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        checkCluster(generateCluster(seed))
      }),
      { numRuns: 5 },
    )
  })
})
