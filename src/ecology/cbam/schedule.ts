/**
 * The CBAM numbers method v1 uses (issue 7; research/carbon.md 1.6–1.7): the EU's default embedded
 * emissions of aluminium goods, the mark-up on defaults, the primary-aluminium benchmark with each
 * heading's increment, and the CBAM factor (the share of free allocation EU producers keep). Data,
 * not code: a later method version adds a table beside these instead of editing them.
 * @module
 */

/** tCO2e per tonne of good, direct emissions only, before mark-up (IR 2025/2621 Annex I). */
export interface HeadingDefaults {
  readonly heading: string
  readonly nameEn: string
  readonly nameZh: string
  readonly chinaTco2ePerT: number
  readonly otherCountriesTco2ePerT: number
  /** Added to the primary-aluminium benchmark for goods of this heading. */
  readonly benchmarkIncrementTco2ePerT: number
}

export const HEADING_DEFAULTS: readonly HeadingDefaults[] = [
  {
    heading: '7601',
    nameEn: 'Unwrought aluminium',
    nameZh: '未锻轧铝',
    chinaTco2ePerT: 3.0,
    otherCountriesTco2ePerT: 2.203,
    benchmarkIncrementTco2ePerT: 0,
  },
  {
    heading: '7604',
    nameEn: 'Bars, rods and profiles',
    nameZh: '铝条、杆、型材',
    chinaTco2ePerT: 4.881,
    otherCountriesTco2ePerT: 3.233,
    benchmarkIncrementTco2ePerT: 0.056,
  },
  {
    heading: '7605',
    nameEn: 'Wire',
    nameZh: '铝丝',
    chinaTco2ePerT: 4.881,
    otherCountriesTco2ePerT: 3.184,
    benchmarkIncrementTco2ePerT: 0.056,
  },
  {
    heading: '7606',
    nameEn: 'Plates, sheets and strip > 0.2 mm',
    nameZh: '铝板、片、带（厚度 > 0.2 mm）',
    chinaTco2ePerT: 4.12,
    otherCountriesTco2ePerT: 3.717,
    benchmarkIncrementTco2ePerT: 0.056,
  },
  {
    heading: '7607',
    nameEn: 'Foil ≤ 0.2 mm',
    nameZh: '铝箔（厚度 ≤ 0.2 mm）',
    chinaTco2ePerT: 5.559,
    otherCountriesTco2ePerT: 3.893,
    benchmarkIncrementTco2ePerT: 0.166,
  },
  {
    heading: '7608',
    nameEn: 'Tubes and pipes',
    nameZh: '铝管',
    chinaTco2ePerT: 4.896,
    otherCountriesTco2ePerT: 3.22,
    benchmarkIncrementTco2ePerT: 0.056,
  },
  {
    heading: '7612',
    nameEn: 'Casks, drums, cans and boxes ≤ 300 l',
    nameZh: '铝制桶、罐、听、盒（≤ 300 升）',
    chinaTco2ePerT: 5.559,
    otherCountriesTco2ePerT: 3.944,
    benchmarkIncrementTco2ePerT: 0.166,
  },
  {
    heading: '7616',
    nameEn: 'Other articles of aluminium',
    nameZh: '其他铝制品',
    chinaTco2ePerT: 5.559,
    otherCountriesTco2ePerT: 3.891,
    benchmarkIncrementTco2ePerT: 0.166,
  },
]

const BY_HEADING = new Map(HEADING_DEFAULTS.map((d) => [d.heading, d]))

/** The 4-digit heading of a CN code written with or without spaces or dots ("7606 12 20" → "7606"). */
export function headingOf(cnCode: string): string | null {
  const digits = cnCode.replace(/[\s.]/g, '')
  if (!/^\d{4}(\d{2}){0,3}$/.test(digits)) return null
  return digits.slice(0, 4)
}

/** The defaults of a CN code's heading, or null when method v1 has none for it. */
export function defaultsOf(cnCode: string): HeadingDefaults | null {
  const heading = headingOf(cnCode)
  return heading === null ? null : (BY_HEADING.get(heading) ?? null)
}

/** Origin `CN` reads the China column; every other origin the "other countries" column. */
export const isChina = (origin: string): boolean => origin.trim().toUpperCase() === 'CN'

export const defaultTco2ePerT = (defaults: HeadingDefaults, origin: string): number =>
  isChina(origin) ? defaults.chinaTco2ePerT : defaults.otherCountriesTco2ePerT

/** The mark-up on default values: none before the definitive period, then 10 %, 20 %, 30 %. */
export function markUp(year: number): number {
  if (year < 2026) return 0
  if (year === 2026) return 0.1
  if (year === 2027) return 0.2
  return 0.3
}

/** Primary aluminium's benchmark, tCO2e/t (leaked final draft, Dec 2025; carbon.md 1.7). */
export const PRIMARY_BENCHMARK_TCO2E_PER_T = 1.423

const CBAM_FACTORS: Readonly<Record<number, number>> = {
  2026: 0.975,
  2027: 0.95,
  2028: 0.9,
  2029: 0.775,
  2030: 0.515,
  2031: 0.39,
  2032: 0.265,
  2033: 0.14,
}

/** The CBAM factor of a year: 1 before 2026 (full free allocation), 0 from 2034. */
export function cbamFactor(year: number): number {
  if (year < 2026) return 1
  if (year >= 2034) return 0
  return CBAM_FACTORS[year]!
}
