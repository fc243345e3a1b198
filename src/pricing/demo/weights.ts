/**
 * The demo cluster's output per product and year, which weighs the indices: sheet and strip carry
 * most of the tonnage (Gongyi's cast-rolled mills), foil comes second, the high-end products less.
 * @module
 */
import type { Random } from '../../kernel/random.ts'
import type { IndexYearWeight } from '../indices/index.ts'
import { PRODUCTS } from '../series.ts'

/** Tonnes in the first weighted year, and yearly growth. About 3 Mt of the cluster's 4–5 Mt output. */
const OUTPUT: Readonly<Record<string, { readonly tonnes: number; readonly growth: number }>> = {
  '1060-H24-SHEET': { tonnes: 620_000, growth: 0.04 },
  '1060-CC-COIL': { tonnes: 450_000, growth: 0.01 },
  '3003-H24-STRIP': { tonnes: 480_000, growth: 0.04 },
  '5052-H32-SHEET': { tonnes: 300_000, growth: 0.05 },
  '5083-H111-PLATE': { tonnes: 90_000, growth: 0.06 },
  '6061-T651-PLATE': { tonnes: 70_000, growth: 0.06 },
  '8011-O-FOIL': { tonnes: 260_000, growth: 0.04 },
  '1235-O-FOIL': { tonnes: 150_000, growth: 0.05 },
  // capacity kept coming while the fee fell (research 1.4, S27)
  'BATTERY-FOIL': { tonnes: 60_000, growth: 0.2 },
  '3104-H19-CAN': { tonnes: 180_000, growth: 0.06 },
  '1050-PS-BASE': { tonnes: 70_000, growth: 0.03 },
  '8011-FIN': { tonnes: 160_000, growth: 0.02 },
  'CABLE-FOIL': { tonnes: 55_000, growth: 0.03 },
}

/**
 * One row per product and year.
 * @param years oldest first
 * @param avgAllIn a product's average all-in price in a year, CNY/t
 */
export function outputWeights(
  rng: Random,
  years: readonly number[],
  avgAllIn: (product: string, year: number) => number,
): IndexYearWeight[] {
  const rows: IndexYearWeight[] = []
  years.forEach((year, i) => {
    for (const { code } of PRODUCTS) {
      const { tonnes, growth } = OUTPUT[code]!
      const outputT = Math.round((tonnes * (1 + growth) ** i * (1 + rng.normal(0, 0.02))) / 100) * 100
      rows.push({ year, product: code, outputT, avgAllIn: Math.round(avgAllIn(code, year)) })
    }
  })
  return rows
}
