/**
 * The series the center assesses: the daily Gongyi A00 base and, for each product of the basket,
 * a weekly processing fee on the spot track and one on the contract track (kept apart: a term fixing
 * is not a spot deal). All-in = base + fee of the same date.
 * @module
 */
import type { Family, IndexGroup, Series } from './model.ts'

export const BASE_SERIES_ID = 'BASE-A00-GY'

interface Product {
  readonly code: string
  readonly family: Family
  readonly group: IndexGroup
  readonly en: string
  readonly zh: string
  readonly spec: string
}

/** The basket of research/pricing.md 5.1, in the order the board shows it. */
export const PRODUCTS: readonly Product[] = [
  {
    code: '1060-H24-SHEET',
    family: 'sheet',
    group: 'sheet_strip',
    en: '1060 H24 sheet',
    zh: '1060 H24 铝板',
    spec: '1060 H24, 0.5–3 mm',
  },
  {
    code: '1060-CC-COIL',
    family: 'sheet',
    group: 'sheet_strip',
    en: '1060 cast-rolled coil',
    zh: '1060 铸轧卷',
    spec: '1060 cast-rolled coil, 6–8 mm',
  },
  {
    code: '3003-H24-STRIP',
    family: 'sheet',
    group: 'sheet_strip',
    en: '3003 H24 strip',
    zh: '3003 H24 铝带',
    spec: '3003 H24, 0.3–1 mm',
  },
  {
    code: '5052-H32-SHEET',
    family: 'sheet',
    group: 'sheet_strip',
    en: '5052 H32 sheet',
    zh: '5052 H32 铝板',
    spec: '5052 H32, 1–6 mm',
  },
  {
    code: '5083-H111-PLATE',
    family: 'sheet',
    group: 'sheet_strip',
    en: '5083 H111 plate',
    zh: '5083 H111 中厚板',
    spec: '5083 H111, 6–50 mm',
  },
  {
    code: '6061-T651-PLATE',
    family: 'sheet',
    group: 'sheet_strip',
    en: '6061 T651 plate',
    zh: '6061 T651 中厚板',
    spec: '6061 T651, 10–100 mm',
  },
  {
    code: '8011-O-FOIL',
    family: 'foil',
    group: 'foil',
    en: '8011 O household foil',
    zh: '8011 O 家用箔',
    spec: '8011 O, 0.010–0.020 mm',
  },
  {
    code: '1235-O-FOIL',
    family: 'foil',
    group: 'foil',
    en: '1235 O double-zero foil',
    zh: '1235 O 双零箔',
    spec: '1235 O, 0.0055–0.007 mm',
  },
  {
    code: 'BATTERY-FOIL',
    family: 'battery_foil',
    group: 'high_end',
    en: 'Battery foil',
    zh: '电池箔',
    spec: '1070/1060 H18, 12–13 µm',
  },
  {
    code: '3104-H19-CAN',
    family: 'can_stock',
    group: 'high_end',
    en: '3104 H19 can body stock',
    zh: '3104 H19 罐身料',
    spec: '3104 H19, about 0.25 mm',
  },
  {
    code: '1050-PS-BASE',
    family: 'sheet',
    group: 'high_end',
    en: '1050 PS plate base',
    zh: '1050 PS 版基',
    spec: '1050 litho, 0.14–0.3 mm',
  },
  {
    code: '8011-FIN',
    family: 'foil',
    group: 'foil',
    en: '8011 fin stock',
    zh: '8011 空调箔',
    spec: '8011 bare fin stock, 0.09–0.15 mm',
  },
  {
    code: 'CABLE-FOIL',
    family: 'foil',
    group: 'foil',
    en: 'Cable foil',
    zh: '电缆箔',
    spec: '1xxx/8xxx, 0.1–0.2 mm',
  },
]

const BASE: Series = {
  id: BASE_SERIES_ID,
  kind: 'base',
  family: 'ingot',
  track: 'spot',
  frequency: 'daily',
  name: { en: 'Gongyi A00 aluminium ingot (Al99.70)', zh: '巩义 A00 铝锭（Al99.70）' },
  spec: 'Al99.70 ingot, EXW Gongyi, VAT included',
  group: null,
}

const feeSeries = (p: Product, track: 'spot' | 'contract'): Series => ({
  id: `FEE-${p.code}-${track.toUpperCase()}`,
  kind: 'fee',
  family: p.family,
  track,
  frequency: 'weekly',
  name:
    track === 'spot'
      ? { en: `${p.en} processing fee, spot`, zh: `${p.zh} 加工费（现货）` }
      : { en: `${p.en} processing fee, contract`, zh: `${p.zh} 加工费（长协）` },
  spec: `${p.spec}, EXW Gongyi, VAT included`,
  group: p.group,
})

/** Every series: the base first, then the spot fees, then the contract fees. */
export const SERIES: readonly Series[] = [
  BASE,
  ...PRODUCTS.map((p) => feeSeries(p, 'spot')),
  ...PRODUCTS.map((p) => feeSeries(p, 'contract')),
]

const BY_ID = new Map(SERIES.map((s) => [s.id, s]))

export const findSeries = (id: string): Series | undefined => BY_ID.get(id)

/** The fee series of a product code on a track. */
export const feeSeriesId = (productCode: string, track: 'spot' | 'contract'): string =>
  `FEE-${productCode}-${track.toUpperCase()}`
