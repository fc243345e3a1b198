/**
 * Every published index from one set of weekly points and yearly weights.
 * @module
 */
import { feeBarometer } from './barometer.ts'
import { BASKET } from './basket.ts'
import { allInRelative, chainLinked, exBaseRelative } from './chain.ts'
import { buildGrid, type WeekGrid } from './grid.ts'
import { INDEX_DEFINITIONS, type IndexInput, type IndexPoint, type IndexSeries } from './model.ts'
import { buildWeights } from './weights.ts'

/** Within this of a half, a value counts as the half (a level meant to be …x5 can come out …x4999…). */
const EPSILON = 1e-9

/** Rounds half away from zero to a multiple of `step` (0.1 for index points, 1 for CNY/t). */
export function roundHalfAway(x: number, step: number): number {
  const units = Math.abs(x) / step
  const floor = Math.floor(units)
  const rounded = units - floor >= 0.5 - EPSILON ? floor + 1 : floor
  // Dividing by 1/step instead of multiplying by step keeps 0.1 steps exact (1139.5, not 1139.5000000000002).
  const value = rounded / Math.round(1 / step)
  return x < 0 && value !== 0 ? -value : value
}

const toPoints = (grid: WeekGrid, levels: Float64Array, step: number): IndexPoint[] => {
  const points: IndexPoint[] = []
  levels.forEach((level, k) => {
    if (!Number.isNaN(level)) points.push({ date: grid.weeks[k]!, value: roundHalfAway(level, step) })
  })
  return points
}

/**
 * Computes ALLIN, its three group sub-indices, ALLIN-EXBASE and FEE-BAROMETER, in INDEX_DEFINITIONS
 * order. Pure. Levels chain unrounded; only the published points are rounded, indices to 0.1 and the
 * barometer to 1 CNY/t.
 * @example
 * computeIndices({ points: [{ product: '8011-O-FOIL', weekEnd: '2025-01-02', fee: 5600, base: 19900, allIn: 25500 }],
 *   weights: [{ year: 2024, product: '8011-O-FOIL', outputT: 1000, avgAllIn: 25000 }] })
 * // ALLIN: [{ date: '2025-01-02', value: 1000 }], FEE-BAROMETER: [{ date: '2025-01-02', value: 5600 }], …
 */
export function computeIndices(input: IndexInput): IndexSeries[] {
  const grid = buildGrid(input.points)
  if (grid.weeks.length === 0) return INDEX_DEFINITIONS.map((d) => ({ id: d.id, points: [] }))
  const weightsFor = buildWeights(input.weights)
  const everyProduct = BASKET.map((_, j) => j)
  const allIn = allInRelative(grid)
  return INDEX_DEFINITIONS.map((d) => {
    if (d.id === 'FEE-BAROMETER')
      return { id: d.id, points: toPoints(grid, feeBarometer(grid, weightsFor), 1) }
    if (d.id === 'ALLIN-EXBASE')
      return {
        id: d.id,
        points: toPoints(grid, chainLinked(grid, everyProduct, exBaseRelative(grid), weightsFor), 0.1),
      }
    const members = d.group === null ? everyProduct : everyProduct.filter((j) => BASKET[j]!.group === d.group)
    return { id: d.id, points: toPoints(grid, chainLinked(grid, members, allIn, weightsFor), 0.1) }
  })
}
