/**
 * The registry's vocabulary: enterprise kinds, supporting-firm categories, chain stages, product
 * forms. Every list is ordered as it should show in the UI; the values are stable API strings.
 */

export const ENTERPRISE_KINDS = [
  'processor',
  'supporting',
  'smelter',
  'refinery',
  'trader',
  'buyer',
  'logistics',
] as const
export type EnterpriseKind = (typeof ENTERPRISE_KINDS)[number]

export const SUPPORTING_CATEGORIES = [
  'equipment',
  'rolls_and_moulds',
  'chemicals_and_lubricants',
  'packaging',
  'logistics',
  'testing_and_certification',
  'recycling',
  'energy_services',
  'finance',
  'software',
] as const
export type SupportingCategory = (typeof SUPPORTING_CATEGORIES)[number]

/** Stages of the industrial chain, from raw metal to terminal products (plus recycling back). */
export const CHAIN_STAGES = [
  'casting',
  'cast_rolling',
  'hot_rolling',
  'cold_rolling',
  'foil_rolling',
  'finishing',
  'components',
  'terminal_products',
  'recycling',
] as const
export type ChainStage = (typeof CHAIN_STAGES)[number]

export const PRODUCT_FORMS = [
  'ingot',
  'billet',
  'cast_rolled_coil',
  'plate',
  'sheet',
  'strip',
  'foil',
] as const
export type ProductForm = (typeof PRODUCT_FORMS)[number]

/** A registered enterprise as the API and the store see it. Money in fen (bigint), capacity in t/year. */
export interface Enterprise {
  id: string
  nameZh: string
  nameEn: string
  kind: EnterpriseKind
  /** Only for kind `supporting`; null otherwise. */
  category: SupportingCategory | null
  stages: ChainStage[]
  place: string
  province: string
  lat: number
  lon: number
  /** Capacity in tonnes per year, per product form. */
  capacityTPerYear: Partial<Record<ProductForm, number>>
  annualRevenueFen: bigint
  employees: number
  certifications: string[]
  inCluster: boolean
  topTenSheetStrip: boolean
  /** True for every enterprise of the generated demo cluster. */
  synthetic: boolean
}

/**
 * One line of a processor's catalogue: what it offers and how much a month. Thickness in integer
 * micrometres, width in integer millimetres, capacity in tonnes per month.
 */
export interface CatalogueItem {
  id: string
  enterpriseId: string
  form: ProductForm
  alloy: string
  temper: string
  thicknessMinUm: number
  thicknessMaxUm: number
  widthMinMm: number
  widthMaxMm: number
  application: string | null
  monthlyCapacityT: number
}

/** Enterprise ids are short, lowercase and URL-safe. */
export const ENTERPRISE_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,39}$'

/** Wrought alloy designations (GB/T 3190, the same four digits as the AA register) the center lists. */
export const ALLOYS = [
  '1050',
  '1060',
  '1070',
  '1100',
  '1235',
  '3003',
  '3004',
  '3102',
  '3104',
  '3105',
  '5005',
  '5052',
  '5083',
  '5182',
  '5754',
  '6061',
  '6063',
  '6082',
  '8011',
  '8021',
  '8079',
] as const
export type Alloy = (typeof ALLOYS)[number]

/** Unalloyed ingot grades (GB/T 1196): A00 is Al99.70. */
export const INGOT_GRADES = ['Al99.85', 'Al99.80', 'Al99.70', 'Al99.60', 'Al99.50'] as const

/** Temper designations (GB/T 16475) the center accepts. */
export const TEMPERS = [
  'F',
  'O',
  'H111',
  'H112',
  'H12',
  'H14',
  'H16',
  'H18',
  'H19',
  'H22',
  'H24',
  'H26',
  'H28',
  'H32',
  'H34',
  'H36',
  'H38',
  'T4',
  'T5',
  'T6',
  'T651',
] as const
export type Temper = (typeof TEMPERS)[number]

/** End uses that name a product family of their own in the trade. */
export const APPLICATIONS = [
  'battery_foil',
  'can_body_stock',
  'can_end_stock',
  'ps_plate_base',
  'fin_stock',
  'cable_foil',
  'household_foil',
  'container_foil',
  'pharma_foil',
  'packaging_foil',
  'roofing',
  'colour_coating',
  'marine_plate',
  'tank_plate',
  'mould_plate',
  'auto_body_sheet',
  'electronics',
  'curtain_wall',
  'nameplate',
  'transformer_strip',
] as const
export type Application = (typeof APPLICATIONS)[number]

/** Thickness bounds in micrometres by form: foil ≤ 0.2 mm, sheet and strip 0.2–6 mm, plate > 6 mm. */
export const THICKNESS_UM_BY_FORM = {
  foil: { min: 4, max: 200 },
  sheet: { min: 200, max: 6000 },
  strip: { min: 200, max: 6000 },
  cast_rolled_coil: { min: 5000, max: 10000 },
  plate: { min: 6001, max: 300000 },
} as const satisfies Partial<Record<ProductForm, { min: number; max: number }>>

/**
 * Share of capacity the cluster summary counts as output: output = Σ capacity × 85 %. The cluster
 * reports about 4–5 Mt a year of output; the registry stores capacity only.
 */
export const OUTPUT_UTILISATION_PERCENT = 85
