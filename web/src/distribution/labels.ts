/**
 * Small pure helpers of the distribution screens: names in the UI language, the products a
 * delivered price can be asked for, and number formatting. Nothing here touches the DOM.
 * @module
 */
import { formatInteger, type Lang, NONE } from '../format.ts'
import type { PricesAnswer } from '../pricing/types.ts'
import type { Bilingual, Place, Point } from './types.ts'

/** The place kinds in the order the pickers group them. */
export const PLACE_KIND_ORDER = [
  'cluster',
  'hub',
  'customer_city',
  'smelter',
  'smelter_refinery',
  'alumina_refinery',
  'smelter_closed',
] as const

/** Smelters that can sell metal (the closed one is left off the map). */
export const SMELTER_KINDS: readonly string[] = ['smelter', 'smelter_refinery']

/** A place's name in the UI language. */
export const placeName = (place: Pick<Place, 'name' | 'nameZh'>, lang: Lang): string =>
  lang === 'zh' ? place.nameZh || place.name : place.name

/** A resolved point's name (coordinates have no Chinese name). */
export const pointName = (point: Point, lang: Lang): string =>
  lang === 'zh' && point.nameZh ? point.nameZh : point.name

/** A name that may be bilingual or a plain string. */
export const nameOf = (name: Bilingual | string | null | undefined, lang: Lang): string =>
  name == null ? NONE : typeof name === 'string' ? name : name[lang] || name.en

const CJK = /[\u4e00-\u9fff]/
const EN_ZH = /^(.+?)\s*[(（]([^()（）]+)[)）]$/

/**
 * A name that may be bilingual, a plain string, or "English (中文)" as the intake plans give plants:
 * the part in the UI language.
 */
export function shortName(name: Bilingual | string | null | undefined, lang: Lang): string {
  if (typeof name !== 'string') return nameOf(name, lang)
  const m = EN_ZH.exec(name)
  if (!m || !CJK.test(m[2]!) || CJK.test(m[1]!)) return name
  return lang === 'zh' ? m[2]! : m[1]!
}

/** A product of the basket whose spot all-in is published. */
export interface ProductChoice {
  code: string
  name: Bilingual
}

const SPOT_FEE = /^FEE-(.+)-SPOT$/

/**
 * The products of the board with a published spot all-in: code from the fee series id, name from the
 * series name without its "processing fee, spot" ending.
 */
export function productsOf(prices: PricesAnswer): ProductChoice[] {
  const out: ProductChoice[] = []
  for (const row of prices.series) {
    const m = SPOT_FEE.exec(row.id)
    if (!m || row.allIn === null) continue
    out.push({
      code: m[1]!,
      name: {
        en: row.name.en.replace(/ processing fee, spot$/, ''),
        zh: row.name.zh.replace(/\s*加工费（现货）$/, ''),
      },
    })
  }
  return out
}

/** A whole CNY/t figure. */
export const formatCny = (value: number | null | undefined): string =>
  value === null || value === undefined ? NONE : formatInteger(value)

/** A signed whole figure: "+120", "-35", "0". */
export const formatSigned = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value)
    ? NONE
    : `${value > 0 ? '+' : ''}${formatInteger(value)}`

/** A share (0–1) as a percentage with one decimal: 0.4567 → "45.7 %". */
export function formatShare(share: number | null | undefined, lang: Lang): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return NONE
  const pct = (share * 100).toFixed(1)
  return lang === 'zh' ? `${pct}%` : `${pct} %`
}

/** Kilometres to one decimal with separators. */
export function formatKm(km: number): string {
  if (!Number.isFinite(km)) return NONE
  const [int, frac] = km.toFixed(1).split('.') as [string, string]
  return `${formatInteger(Number(int))}.${frac}`
}

/** A tonnes field as the API takes it ("12.5"), or null when it is not a positive number of t. */
export function tonnesText(text: string): string | null {
  const m = /^\s*(\d{1,6})(?:[.,](\d{1,3}))?\s*$/.exec(text)
  if (!m) return null
  const value = `${Number(m[1])}${m[2] ? `.${m[2]}` : ''}`
  return Number(value) > 0 && Number(value) <= 100_000 ? value : null
}

/** How far Gongyi wins or loses, in CNY/t of delivered price: the colour of a city. */
export type MarginBand = 'winStrong' | 'win' | 'lose' | 'loseStrong'
export const STRONG_CNY_PER_T = 300

export const BAND_FILL: Readonly<Record<MarginBand, string>> = {
  winStrong: '#1f7a4d',
  win: '#7cc49a',
  lose: '#f0a39b',
  loseStrong: '#c9302c',
}
export const BANDS: readonly MarginBand[] = ['winStrong', 'win', 'lose', 'loseStrong']
/** A city with no comparison (the map answer is missing). */
export const NO_DATA_FILL = '#9aa7b4'

/** The band of a margin (best other − Gongyi, CNY/t). */
export function bandOf(marginCnyPerT: number): MarginBand {
  if (marginCnyPerT > 0) return marginCnyPerT >= STRONG_CNY_PER_T ? 'winStrong' : 'win'
  return marginCnyPerT <= -STRONG_CNY_PER_T ? 'loseStrong' : 'lose'
}
