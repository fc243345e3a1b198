import type { Random } from '../kernel/random.ts'
import type { Alloy, Application, CatalogueItem, ChainStage, ProductForm, Temper } from '../registry/model.ts'

/** Size class of a processor; some products need the lines and approvals only the big ones have. */
export type Tier = 'small' | 'mid' | 'large' | 'giant'
export const TIER_RANK: Record<Tier, number> = { small: 0, mid: 1, large: 2, giant: 3 }

/** The stage a processor must run to offer a form: foil needs a foil mill, plate a hot mill, and so on. */
export const STAGE_FOR_FORM: Record<ProductForm, ChainStage> = {
  ingot: 'casting',
  billet: 'casting',
  cast_rolled_coil: 'cast_rolling',
  plate: 'hot_rolling',
  sheet: 'cold_rolling',
  strip: 'cold_rolling',
  foil: 'foil_rolling',
}

/** A product a mill can offer: thickness in µm, width in mm, the smallest tier that makes it, how common. */
interface Template {
  form: 'foil' | 'sheet' | 'strip' | 'plate' | 'cast_rolled_coil'
  alloy: Alloy
  temper: Temper
  um: readonly [number, number]
  mm: readonly [number, number]
  application: Application | null
  tier: Tier
  weight: number
}

const t = (
  form: Template['form'],
  alloy: Alloy,
  temper: Temper,
  um: readonly [number, number],
  mm: readonly [number, number],
  application: Application | null,
  tier: Tier,
  weight: number,
): Template => ({ form, alloy, temper, um, mm, application, tier, weight })

/**
 * The trade's mainstream products, per form. Thickness inside THICKNESS_UM_BY_FORM; tempers follow GB/T
 * 16475 usage: T only for 6xxx, T651 only for plate, H3x only for 5xxx and 3004/3104/3105.
 */
export const TEMPLATES: readonly Template[] = [
  // foil (≤ 0.2 mm), widths ≤ 1700 mm
  t('foil', '8011', 'O', [9, 20], [200, 1600], 'household_foil', 'small', 5),
  t('foil', '8011', 'H24', [30, 200], [200, 1600], 'container_foil', 'small', 4),
  t('foil', '3003', 'H24', [30, 200], [300, 1500], 'container_foil', 'mid', 2),
  t('foil', '1235', 'O', [6, 9], [600, 1650], 'packaging_foil', 'mid', 3),
  t('foil', '8079', 'O', [6, 9], [600, 1650], 'packaging_foil', 'mid', 2),
  t('foil', '8011', 'O', [10, 50], [300, 1600], 'packaging_foil', 'small', 2),
  t('foil', '1070', 'H18', [10, 16], [400, 1600], 'battery_foil', 'large', 3),
  t('foil', '1060', 'H18', [12, 20], [400, 1600], 'battery_foil', 'large', 2),
  t('foil', '8021', 'O', [20, 60], [200, 1300], 'pharma_foil', 'mid', 2),
  t('foil', '8011', 'H18', [20, 25], [200, 1300], 'pharma_foil', 'mid', 1),
  t('foil', '8011', 'H22', [90, 150], [200, 1400], 'fin_stock', 'mid', 3),
  t('foil', '3102', 'H24', [90, 150], [200, 1400], 'fin_stock', 'mid', 1),
  t('foil', '1060', 'O', [100, 200], [200, 1300], 'cable_foil', 'small', 2),
  t('foil', '8011', 'O', [100, 200], [200, 1300], 'cable_foil', 'small', 1),
  t('foil', '1060', 'O', [20, 200], [200, 1300], null, 'small', 1),
  // sheet (0.2–6 mm), widths 800–2650 mm
  t('sheet', '1060', 'H24', [500, 3000], [1000, 2200], null, 'small', 5),
  t('sheet', '1050', 'H14', [300, 4000], [1000, 2000], null, 'small', 3),
  t('sheet', '1100', 'H14', [300, 3000], [1000, 2000], null, 'small', 2),
  t('sheet', '1060', 'O', [500, 6000], [1000, 2000], null, 'small', 1),
  t('sheet', '3003', 'O', [500, 3000], [1000, 2000], null, 'small', 1),
  t('sheet', '1060', 'H18', [300, 1000], [1000, 1500], 'nameplate', 'small', 1),
  t('sheet', '3003', 'H24', [500, 1200], [1000, 1600], 'roofing', 'small', 3),
  t('sheet', '3003', 'H24', [1500, 4000], [1000, 2000], 'curtain_wall', 'mid', 2),
  t('sheet', '3004', 'H34', [700, 1200], [1000, 1600], 'roofing', 'mid', 1),
  t('sheet', '5005', 'H34', [1500, 4000], [1000, 2000], 'curtain_wall', 'mid', 1),
  t('sheet', '5052', 'H32', [1000, 6000], [1000, 2200], null, 'mid', 4),
  t('sheet', '5052', 'H32', [500, 2000], [1000, 1600], 'electronics', 'mid', 1),
  t('sheet', '6061', 'T6', [500, 6000], [1000, 2000], null, 'mid', 2),
  t('sheet', '6061', 'T4', [500, 6000], [1000, 2000], null, 'mid', 1),
  t('sheet', '8011', 'H14', [200, 260], [1000, 1600], null, 'mid', 1),
  t('sheet', '5083', 'O', [2000, 6000], [1200, 2500], null, 'large', 1),
  t('sheet', '5754', 'O', [800, 3000], [1200, 2200], 'auto_body_sheet', 'giant', 2),
  t('sheet', '5182', 'O', [800, 2500], [1200, 2200], 'auto_body_sheet', 'giant', 1),
  // strip (0.2–6 mm, coiled), widths 800–2650 mm
  t('strip', '3003', 'H24', [200, 3000], [1000, 2000], null, 'small', 4),
  t('strip', '3003', 'H14', [200, 2000], [1000, 2000], null, 'small', 2),
  t('strip', '1060', 'H24', [300, 3000], [1000, 2000], null, 'small', 3),
  t('strip', '1060', 'O', [200, 2500], [800, 1600], 'transformer_strip', 'small', 2),
  t('strip', '3105', 'H24', [200, 1200], [900, 1600], 'colour_coating', 'small', 3),
  t('strip', '5052', 'H32', [500, 4000], [1000, 2200], null, 'mid', 2),
  t('strip', '1050', 'H18', [200, 300], [1000, 1700], 'ps_plate_base', 'large', 2),
  t('strip', '3104', 'H19', [220, 300], [1500, 2100], 'can_body_stock', 'giant', 4),
  t('strip', '5182', 'H19', [200, 280], [1200, 1900], 'can_end_stock', 'giant', 2),
  // plate (> 6 mm), hot-rolled
  t('plate', '5083', 'H111', [6500, 80000], [1500, 2650], 'marine_plate', 'mid', 3),
  t('plate', '5083', 'H112', [8000, 150000], [1500, 2650], null, 'mid', 1),
  t('plate', '6061', 'T651', [8000, 100000], [1200, 2650], null, 'mid', 2),
  t('plate', '6061', 'T651', [20000, 200000], [1200, 2650], 'mould_plate', 'mid', 2),
  t('plate', '6082', 'T651', [10000, 150000], [1200, 2650], null, 'mid', 1),
  t('plate', '5052', 'H112', [6500, 50000], [1200, 2650], 'tank_plate', 'mid', 2),
  t('plate', '5754', 'H111', [6500, 40000], [1200, 2650], 'tank_plate', 'mid', 1),
  t('plate', '1060', 'H112', [6500, 100000], [1000, 2200], null, 'mid', 1),
  // cast-rolled coil (5–10 mm): the cluster's feedstock for cold and foil rolling
  t('cast_rolled_coil', '1060', 'F', [6000, 8000], [1000, 2000], null, 'small', 4),
  t('cast_rolled_coil', '8011', 'F', [6000, 8000], [1000, 2000], null, 'small', 3),
  t('cast_rolled_coil', '3003', 'F', [6000, 8000], [1000, 2000], null, 'small', 2),
  t('cast_rolled_coil', '1050', 'F', [6000, 8000], [1000, 2000], null, 'small', 1),
  t('cast_rolled_coil', '1235', 'F', [6000, 7500], [1000, 2000], null, 'mid', 1),
  t('cast_rolled_coil', '5052', 'F', [6000, 8000], [1000, 2000], null, 'mid', 1),
]

/** A processor as far as its catalogue needs it. */
export interface CatalogueInput {
  enterpriseId: string
  tier: Tier
  /** Widest product the firm's mills roll, mm. */
  millWidthMm: number
  capacityTPerYear: Partial<Record<ProductForm, number>>
}

const ROWS_BY_TIER: Record<Tier, readonly [number, number]> = {
  small: [2, 3],
  mid: [3, 5],
  large: [4, 7],
  giant: [7, 8],
}
const FOIL_MAX_WIDTH_MM = 1700

/**
 * The catalogue of one processor: 2–8 rows, at least one per form it makes, taken from the templates
 * its tier allows; monthly capacities of a form add up to at most its yearly capacity / 12. Ids are
 * given by `nextId`.
 */
export function catalogueFor(rng: Random, firm: CatalogueInput, nextId: () => string): CatalogueItem[] {
  const forms = (Object.keys(firm.capacityTPerYear) as ProductForm[]).filter(
    (f) => (firm.capacityTPerYear[f] ?? 0) > 0,
  )
  const eligible = new Map<ProductForm, Template[]>()
  for (const form of forms) {
    eligible.set(
      form,
      TEMPLATES.filter((tpl) => tpl.form === form && TIER_RANK[tpl.tier] <= TIER_RANK[firm.tier]),
    )
  }
  const [lo, hi] = ROWS_BY_TIER[firm.tier]
  const total = Math.min(8, Math.max(rng.int(lo, hi), forms.length, 2))
  const rowsPerForm = new Map<ProductForm, number>(forms.map((f) => [f, 1]))
  for (let assigned = forms.length; assigned < total; assigned++) {
    const open = forms.filter((f) => rowsPerForm.get(f)! < eligible.get(f)!.length)
    if (open.length === 0) break
    const form = rng.weighted(open.map((f) => [f, firm.capacityTPerYear[f]!] as const))
    rowsPerForm.set(form, rowsPerForm.get(form)! + 1)
  }

  const items: CatalogueItem[] = []
  for (const form of forms) {
    const chosen = weightedSample(rng, eligible.get(form)!, rowsPerForm.get(form)!, firm.tier)
    const monthly = Math.floor(firm.capacityTPerYear[form]! / 12)
    // one tonne to each row first, the rest by weight: the rows never add up to more than the budget
    const budget = Math.max(chosen.length, Math.floor(monthly * (0.85 + 0.15 * rng.next())))
    const spare = budget - chosen.length
    const shares = chosen.map((tpl) => tpl.weight * (0.5 + rng.next()))
    const sum = shares.reduce((a, b) => a + b, 0)
    chosen.forEach((tpl, i) => {
      const widthCap = form === 'foil' ? Math.min(FOIL_MAX_WIDTH_MM, firm.millWidthMm) : firm.millWidthMm
      const widthMax = Math.max(tpl.mm[0] + 100, Math.min(tpl.mm[1], widthCap))
      items.push({
        id: nextId(),
        enterpriseId: firm.enterpriseId,
        form,
        alloy: tpl.alloy,
        temper: tpl.temper,
        thicknessMinUm: tpl.um[0],
        thicknessMaxUm: tpl.um[1],
        widthMinMm: tpl.mm[0],
        widthMaxMm: Math.min(widthMax, tpl.mm[1]),
        application: tpl.application,
        monthlyCapacityT: 1 + Math.floor((spare * shares[i]!) / sum),
      })
    })
  }
  return items
}

/** k distinct templates, drawn with their weights. */
function weightedSample(rng: Random, items: readonly Template[], k: number, tier: Tier): Template[] {
  const left = [...items]
  const out: Template[] = []
  // the big mills' own specialities (can stock, auto sheet, battery foil) come first in their catalogues
  const weight = (tpl: Template) =>
    tpl.weight * (tpl.tier === tier && TIER_RANK[tier] >= TIER_RANK.large ? 4 : 1)
  while (out.length < k && left.length > 0) {
    const pick = rng.weighted(left.map((tpl, i) => [i, weight(tpl)] as const))
    out.push(left[pick]!)
    left.splice(pick, 1)
  }
  return out
}
