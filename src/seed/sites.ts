import type { Random } from '../kernel/random.ts'

/**
 * Where the cluster's firms sit: Huiguo town and the towns and park of Gongyi next to it. Huiguo's point
 * is the sourced one of places.csv; the others are estimates (town seats, to a few km), good enough for a
 * demo map and for distances to places hundreds of kilometres away.
 */
export interface Site {
  place: string
  province: string
  lat: number
  lon: number
  /** Radius in km around the point where firms are placed. */
  radiusKm: number
}

export const HUIGUO: Site = {
  place: 'Huiguo town (回郭镇) - Gongyi',
  province: 'Henan',
  lat: 34.686,
  lon: 112.868,
  radiusKm: 3,
}

/** The cluster's sites with the share of processors in each (most are in Huiguo town itself). */
export const CLUSTER_SITES: readonly (readonly [Site, number])[] = [
  [HUIGUO, 64],
  [
    {
      place: 'Gongyi Industrial Agglomeration Zone (巩义产业集聚区)',
      province: 'Henan',
      lat: 34.7,
      lon: 112.9,
      radiusKm: 2.5,
    },
    13,
  ],
  [
    { place: 'Zhitian town (芝田镇) - Gongyi', province: 'Henan', lat: 34.716, lon: 112.925, radiusKm: 2.5 },
    13,
  ],
  [{ place: 'Zhanjie town (站街镇) - Gongyi', province: 'Henan', lat: 34.775, lon: 112.935, radiusKm: 2 }, 6],
  [
    {
      place: 'Beishankou town (北山口镇) - Gongyi',
      province: 'Henan',
      lat: 34.765,
      lon: 113.04,
      radiusKm: 2,
    },
    4,
  ],
]

/** Gongyi's city centre: offices of banks, software houses, labs and traders. */
export const GONGYI_CITY: Site = {
  place: 'Gongyi city centre (巩义)',
  province: 'Henan',
  lat: 34.767,
  lon: 112.967,
  radiusKm: 2.5,
}

/** A point drawn uniformly in the disc of the site, rounded to 5 decimals (about 1 m). */
export function pointNear(rng: Random, site: Site): { lat: number; lon: number } {
  const r = site.radiusKm * Math.sqrt(rng.next())
  const angle = 2 * Math.PI * rng.next()
  const dLat = (r * Math.cos(angle)) / 111.2
  const dLon = (r * Math.sin(angle)) / (111.2 * Math.cos((site.lat * Math.PI) / 180))
  return { lat: round5(site.lat + dLat), lon: round5(site.lon + dLon) }
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5
}

/** A number drawn log-uniformly in [min, max]: heavy-tailed sizes. */
export function logUniform(rng: Random, min: number, max: number): number {
  return min * (max / min) ** rng.next()
}

/** A float drawn uniformly in [min, max). */
export function uniform(rng: Random, min: number, max: number): number {
  return min + (max - min) * rng.next()
}

/** Yuan (float) to fen, rounded to whole 10,000 yuan (万元) as firms report revenue. */
export function yuanToFenRounded(yuan: number): bigint {
  return BigInt(Math.max(1, Math.round(yuan / 10_000))) * 1_000_000n
}
