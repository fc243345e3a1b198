import { greatCircleKm, type LatLon } from './great-circle.ts'

/**
 * Road km ÷ great-circle km by band of great-circle km (research/logistics.md 2.4):
 * below 100 km (gc < 100) 1.35; from 100 to 300 km (100 ≤ gc ≤ 300: both boundaries, 100 and 300,
 * fall in this band) 1.28; beyond 300 km (gc > 300) 1.20. The road distance this gives drops at a
 * boundary (99.9 km × 1.35 = 134.9 km, 100 km × 1.28 = 128 km): the formula's own property, kept.
 */
export const CIRCUITY_BANDS = [
  { upToGreatCircleKm: 100, inclusive: false, factor: 1.35 },
  { upToGreatCircleKm: 300, inclusive: true, factor: 1.28 },
  { upToGreatCircleKm: Number.POSITIVE_INFINITY, inclusive: true, factor: 1.2 },
] as const

/** Rail km ÷ great-circle km. */
export const RAIL_CIRCUITY = 1.15

/** The circuity factor for a great-circle distance, km. */
export function circuityOf(greatCircleKm: number): number {
  for (const band of CIRCUITY_BANDS)
    if (
      greatCircleKm < band.upToGreatCircleKm ||
      (band.inclusive && greatCircleKm === band.upToGreatCircleKm)
    )
      return band.factor
  return CIRCUITY_BANDS[2].factor // reached only by NaN
}

/** Where a road distance came from: a routing server (OSRM) or the circuity formula. */
export type RoadSource = 'osrm' | 'formula'

/**
 * The distances of one lane, km, unrounded: tariffs apply to them as they are (round(20 × road km),
 * not 20 × a rounded km), and only what is shown is rounded.
 */
export interface LaneDistances {
  readonly greatCircleKm: number
  readonly roadKm: number
  readonly roadSource: RoadSource
  /** Rail km = great-circle × RAIL_CIRCUITY; never from a routing server. */
  readonly railKm: number
}

/**
 * A lane's distances by the formulas alone: great-circle, road = great-circle × circuity (bands on
 * the great-circle km), rail = great-circle × 1.15.
 *
 * @example formulaLane(huiguo, zhengzhou) // { greatCircleKm: 70.008…, roadKm: 94.510…, railKm: 80.509…, … }
 */
export function formulaLane(from: LatLon, to: LatLon): LaneDistances {
  const gc = greatCircleKm(from, to)
  return { greatCircleKm: gc, roadKm: gc * circuityOf(gc), roadSource: 'formula', railKm: gc * RAIL_CIRCUITY }
}

/** A distance as shown: km to three decimals (the metre), half away from zero. */
export const shownKm = (km: number): number => Math.round(km * 1000) / 1000
