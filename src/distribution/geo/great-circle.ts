/** A point in WGS-84 decimal degrees. */
export interface LatLon {
  readonly lat: number
  readonly lon: number
}

/** The mean Earth radius (IUGG R1 = (2a + b) / 3), km: the radius haversine distances use here. */
export const EARTH_RADIUS_KM = 6371.0088

const rad = (degrees: number) => (degrees * Math.PI) / 180

/**
 * The great-circle distance between two points by the haversine formula on a sphere of
 * EARTH_RADIUS_KM, km, unrounded.
 *
 * @example greatCircleKm({ lat: 34.686, lon: 112.868 }, { lat: 34.75, lon: 113.63 }) // ≈ 69.98
 */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat)
  const dLon = rad(b.lon - a.lon)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2
  // min(1, …): rounding can push h a hair above 1 for antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}
