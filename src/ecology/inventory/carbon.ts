/**
 * The enterprise carbon inventory (GB/T 32150 style, scope 1 + 2), pure. Direct CO2 is natural gas
 * at 2.162 kgCO2/Nm³ plus the other direct emissions the enterprise enters; indirect CO2 is grid
 * electricity times the grid factor in force for the month. Own photovoltaic power and power bought
 * with green certificates count zero: the certificate carries the zero-carbon attribute, and
 * counting it at the grid factor would double count it (research/carbon.md 2.2).
 * @module
 */
import {
  DEFAULT_GRID_KGCO2_PER_KWH,
  type EnergyFigures,
  energyKgce,
  KGCO2_PER_NM3_GAS,
  sumFigures,
} from '../energy/levels.ts'

export interface CarbonFigures extends EnergyFigures {
  readonly otherDirectKgco2: number
}

export interface GridFactorVersion {
  readonly id: string
  /** `YYYY-MM`: in force from this month until a later version. */
  readonly effectiveFrom: string
  readonly kgco2PerKwh: number
  readonly note: string | null
  readonly createdBy: string | null
  readonly createdAtMs: number
}

/**
 * The factor in force for `month`: the latest `effectiveFrom` on or before it; of versions from the
 * same month the one added last (`versions` in the order they were added). The default when none is.
 */
export function gridFactorFor(month: string, versions: readonly GridFactorVersion[]): number {
  let found: GridFactorVersion | null = null
  for (const v of versions)
    if (v.effectiveFrom <= month && (found === null || v.effectiveFrom >= found.effectiveFrom)) found = v
  return found?.kgco2PerKwh ?? DEFAULT_GRID_KGCO2_PER_KWH
}

export interface Carbon {
  readonly gasKgco2: number
  readonly otherDirectKgco2: number
  readonly directKgco2: number
  readonly indirectKgco2: number
  readonly totalKgco2: number
}

export function carbonOf(f: CarbonFigures, gridKgco2PerKwh: number): Carbon {
  const gasKgco2 = f.naturalGasNm3 * KGCO2_PER_NM3_GAS
  const directKgco2 = gasKgco2 + f.otherDirectKgco2
  const indirectKgco2 = f.gridKwh * gridKgco2PerKwh
  return {
    gasKgco2,
    otherDirectKgco2: f.otherDirectKgco2,
    directKgco2,
    indirectKgco2,
    totalKgco2: directKgco2 + indirectKgco2,
  }
}

/** One month (or a window) of an enterprise's or the cluster's inventory, tonnes. */
export interface InventoryTotals {
  readonly outputT: number
  readonly energyTce: number
  readonly directTco2: number
  readonly indirectTco2: number
  readonly totalTco2: number
  /** (direct + indirect) per tonne of output; null without output. */
  readonly tco2PerT: number | null
  /** Direct per tonne of output; null without output. */
  readonly directTco2PerT: number | null
}

export interface MonthInventory extends InventoryTotals {
  readonly month: string
  readonly gridKgco2PerKwh: number
}

export interface MonthCarbonFigures extends CarbonFigures {
  readonly month: string
}

/** The totals of any set of records (an enterprise's window, the cluster's). */
export function inventoryTotals(
  records: readonly MonthCarbonFigures[],
  factorOf: (month: string) => number,
): InventoryTotals {
  let direct = 0
  let indirect = 0
  for (const r of records) {
    const c = carbonOf(r, factorOf(r.month))
    direct += c.directKgco2
    indirect += c.indirectKgco2
  }
  const sum = sumFigures(records)
  const perT = (kg: number) => (sum.outputT === 0 ? null : kg / 1000 / sum.outputT)
  return {
    outputT: sum.outputT,
    energyTce: energyKgce(sum) / 1000,
    directTco2: direct / 1000,
    indirectTco2: indirect / 1000,
    totalTco2: (direct + indirect) / 1000,
    tco2PerT: perT(direct + indirect),
    directTco2PerT: perT(direct),
  }
}

/** The inventory month by month (months without records are left out) and over all of them. */
export function inventoryOf(
  records: readonly MonthCarbonFigures[],
  factorOf: (month: string) => number,
): { months: MonthInventory[]; total: InventoryTotals } {
  const byMonth = new Map<string, MonthCarbonFigures[]>()
  for (const r of records) {
    const list = byMonth.get(r.month)
    if (list) list.push(r)
    else byMonth.set(r.month, [r])
  }
  const months = [...byMonth.keys()].sort().map((month) => ({
    month,
    gridKgco2PerKwh: factorOf(month),
    ...inventoryTotals(byMonth.get(month) ?? [], factorOf),
  }))
  return { months, total: inventoryTotals(records, factorOf) }
}
