/**
 * The zero-carbon park indicators of the 2025 national notice (发改环资〔2025〕910号) over a window of
 * the cluster's records, pure (research/carbon.md 4.1):
 * - core: CO2 per tonne of standard coal of energy used, ≤ 0.20 tCO2/tce for parks using
 *   0.2–1 Mtce a year and ≤ 0.30 above 1 Mtce. The notice sets no value below 0.2 Mtce; such a
 *   park is held to 0.20 and the answer says so (`scale: 'below_0_2_mtce'`).
 * - clean-energy share (own PV + green certificates over all electricity) ≥ 90 %;
 * - the share of process lines at energy level 2 or better, target 100 %; a line is one
 *   enterprise's line, judged by its total intensity over the window.
 * CO2 is scope 1 + 2 as in the inventory (src/ecology/inventory/carbon.ts).
 * @module
 */

import {
  cleanEnergyShare,
  type EnergyLevel,
  energyLevel,
  intensityKgcePerT,
  LINE_LIMITS,
  type LineFigures,
  lineLevels,
  PROCESS_LINES,
  type ProcessLine,
  sumFigures,
} from '../energy/levels.ts'
import { inventoryTotals, type MonthCarbonFigures } from '../inventory/carbon.ts'

export const PARK_BAND_LOW_TCE = 200_000
export const PARK_BAND_HIGH_TCE = 1_000_000
export const CO2_PER_TCE_LIMIT = 0.2
export const CO2_PER_TCE_LIMIT_LARGE = 0.3
export const CLEAN_ENERGY_TARGET = 0.9
export const LEVEL_2_LINES_TARGET = 1

export type ParkScale = 'below_0_2_mtce' | '0_2_to_1_mtce' | 'above_1_mtce'
export type IndicatorId = 'co2_per_tce' | 'clean_energy_share' | 'lines_at_level_2'

export interface ParkIndicator {
  readonly id: IndicatorId
  /** The notice's core indicator (failing it blocks acceptance); the others guide. */
  readonly core: boolean
  readonly value: number | null
  readonly target: number
  readonly comparison: 'at_most' | 'at_least'
  /**
   * How far the value is from the target, in the indicator's unit: positive is still to close,
   * zero or negative is met (the margin). Null without a value.
   */
  readonly gap: number | null
  readonly pass: boolean | null
}

export interface ParkRecord extends LineFigures, MonthCarbonFigures {
  readonly enterpriseId: string
}

export interface LineAssessment {
  readonly enterpriseId: string
  readonly line: ProcessLine
  readonly intensityKgcePerT: number | null
  readonly level: EnergyLevel | null
}

export interface ParkIndicators {
  readonly energyTce: number
  readonly co2T: number
  readonly scale: ParkScale
  readonly indicators: readonly ParkIndicator[]
  readonly lineCount: number
  readonly linesByLevel: Readonly<Record<EnergyLevel, number>>
}

export function parkScale(energyTcePerYear: number): ParkScale {
  if (energyTcePerYear < PARK_BAND_LOW_TCE) return 'below_0_2_mtce'
  return energyTcePerYear <= PARK_BAND_HIGH_TCE ? '0_2_to_1_mtce' : 'above_1_mtce'
}

function indicator(
  id: IndicatorId,
  value: number | null,
  target: number,
  comparison: 'at_most' | 'at_least',
): ParkIndicator {
  const gap = value === null ? null : comparison === 'at_most' ? value - target : target - value
  return {
    id,
    core: id === 'co2_per_tce',
    value,
    target,
    comparison,
    gap,
    pass: gap === null ? null : gap <= 0,
  }
}

/** Every enterprise's lines with their level over the records. */
export function assessLines(records: readonly ParkRecord[]): LineAssessment[] {
  const byEnterprise = new Map<string, ParkRecord[]>()
  for (const r of records) {
    const list = byEnterprise.get(r.enterpriseId)
    if (list) list.push(r)
    else byEnterprise.set(r.enterpriseId, [r])
  }
  return [...byEnterprise.keys()]
    .sort()
    .flatMap((enterpriseId) =>
      lineLevels(byEnterprise.get(enterpriseId) ?? []).map((l) => ({ enterpriseId, ...l })),
    )
}

/** The indicators over the records of a 12-month window (its energy is the park's year). */
export function parkIndicators(
  records: readonly ParkRecord[],
  factorOf: (month: string) => number,
): ParkIndicators {
  const totals = inventoryTotals(records, factorOf)
  const scale = parkScale(totals.energyTce)
  const limit = scale === 'above_1_mtce' ? CO2_PER_TCE_LIMIT_LARGE : CO2_PER_TCE_LIMIT
  const co2PerTce = totals.energyTce === 0 ? null : totals.totalTco2 / totals.energyTce
  const assessed = assessLines(records).filter((l) => l.level !== null)
  const linesByLevel: Record<EnergyLevel, number> = { 1: 0, 2: 0, 3: 0, 4: 0 }
  for (const l of assessed) linesByLevel[l.level as EnergyLevel]++
  const atLevel2 = assessed.length === 0 ? null : (linesByLevel[1] + linesByLevel[2]) / assessed.length
  return {
    energyTce: totals.energyTce,
    co2T: totals.totalTco2,
    scale,
    indicators: [
      indicator('co2_per_tce', co2PerTce, limit, 'at_most'),
      indicator('clean_energy_share', cleanEnergyShare(records), CLEAN_ENERGY_TARGET, 'at_least'),
      indicator('lines_at_level_2', atLevel2, LEVEL_2_LINES_TARGET, 'at_least'),
    ],
    lineCount: assessed.length,
    linesByLevel,
  }
}

export interface ClusterLineIntensity {
  readonly line: ProcessLine
  readonly outputT: number
  /** Σ energy / Σ output of every enterprise's line: the output-weighted mean. */
  readonly intensityKgcePerT: number | null
  readonly level: EnergyLevel | null
  readonly level2LimitKgcePerT: number
  readonly level3LimitKgcePerT: number
}

/** The cluster's intensity of each line that has records, in the order of PROCESS_LINES. */
export function clusterLineIntensities(records: readonly LineFigures[]): ClusterLineIntensity[] {
  return PROCESS_LINES.flatMap((line) => {
    const of = records.filter((r) => r.line === line)
    if (of.length === 0) return []
    const sum = sumFigures(of)
    const intensity = intensityKgcePerT(sum)
    const [, l2, l3] = LINE_LIMITS[line].kgcePerT
    return [
      {
        line,
        outputT: sum.outputT,
        intensityKgcePerT: intensity,
        level: intensity === null ? null : energyLevel(line, intensity),
        level2LimitKgcePerT: l2,
        level3LimitKgcePerT: l3,
      },
    ]
  })
}
