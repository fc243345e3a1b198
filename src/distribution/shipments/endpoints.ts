/**
 * The two ends of a shipment: a known place (by its distribution id), a registered enterprise's
 * site, or coordinates with a city named. Pure; the road distance comes from the geo module.
 * @module
 */
import { type FieldError, ok, type Result, refuse } from '../../kernel/index.ts'
import { DISTRIBUTION_PLACES, formulaLane, greatCircleKm, placeById } from '../geo/index.ts'
import type { Endpoint, LatLon } from './model.ts'

/** An end as a client gives it: `place` (a place id such as `shanghai`), or `lat`, `lon` and `city`. */
export interface EndpointRequest {
  readonly place?: string
  /** The private name of the spot (a yard, a gate); defaults to the place's or the city's name. */
  readonly name?: string
  readonly city?: string
  readonly lat?: number
  readonly lon?: number
}

const SUFFIXES = / (?:city centre|city|county|smelters|north)$/
/** A firm whose place names no town is shown at the nearest town within this distance. */
const NEAR_TOWN_KM = 30

/** The reference towns: the cluster, the hubs around it and the customer cities. */
const TOWNS = DISTRIBUTION_PLACES.filter(
  (p) => p.kind === 'customer_city' || p.kind === 'hub' || p.kind === 'cluster',
)

/** The city in a place name: after the last ' - ', without the Chinese in brackets or 'city'. */
function cityInName(placeName: string): string {
  const parts = placeName.split(' - ')
  const last = (parts[parts.length - 1] ?? placeName).replace(/\s*\([^)]*[\u4e00-\u9fff][^)]*\)/g, '').trim()
  return last.replace(SUFFIXES, '').trim() || placeName
}

/**
 * The city the public sees for a place of the reference table or a firm's site: the place's own
 * name ('Zhengzhou (郑州) city' → 'Zhengzhou', 'Taizhou (Zhejiang)' as it is), the town after the
 * dash ('Huiguo town (回郭镇) - Gongyi' → 'Gongyi'), else the nearest reference town within 30 km
 * of `point` ('Gongyi Industrial Agglomeration Zone' → 'Gongyi'), else the name without its
 * Chinese. A firm's own name never reaches the tracking page.
 */
export function cityOf(placeName: string, point?: LatLon): string {
  const known = DISTRIBUTION_PLACES.some((p) => p.name === placeName)
  if (known || placeName.includes(' - ') || !point) return cityInName(placeName)
  let nearest: (typeof TOWNS)[number] | null = null
  let nearestKm = NEAR_TOWN_KM
  for (const town of TOWNS) {
    const km = greatCircleKm(point, town)
    if (km <= nearestKm) [nearest, nearestKm] = [town, km]
  }
  return nearest ? cityOf(nearest.name) : cityInName(placeName)
}

/**
 * The endpoint of a request, or why it is refused: VALIDATION_FAILED when it mixes or lacks the
 * two forms, SHIPMENT_PLACE_UNKNOWN for a place id the reference table does not hold.
 *
 * @example endpointOf({ place: 'shanghai' }, '/destination') // { name: 'Shanghai', city: 'Shanghai', lat: 31.23, lon: 121.47 }
 */
export function endpointOf(request: EndpointRequest, field: string): Result<Endpoint> {
  const { place, name, city, lat, lon } = request
  const hasPoint = lat !== undefined || lon !== undefined
  const errors: FieldError[] = []
  if (place !== undefined && hasPoint)
    errors.push({ field: `${field}/place`, message: 'give a place or coordinates, not both' })
  else if (place === undefined && !hasPoint)
    errors.push({ field: `${field}/place`, message: 'give a place id, or lat, lon and city' })
  else if (hasPoint) {
    if (lat === undefined) errors.push({ field: `${field}/lat`, message: 'goes with lon' })
    if (lon === undefined) errors.push({ field: `${field}/lon`, message: 'goes with lat' })
    if (city === undefined) errors.push({ field: `${field}/city`, message: 'is required with coordinates' })
  }
  if (errors.length > 0) return refuse('VALIDATION_FAILED', `${field} is not a valid place`, errors)
  if (place !== undefined) {
    const known = placeById(place)
    if (!known)
      return refuse(
        'SHIPMENT_PLACE_UNKNOWN',
        `there is no place "${place}"; give lat, lon and city instead`,
        [{ field: `${field}/place`, message: 'is not a known place id' }],
      )
    const knownCity = city ?? cityOf(known.name)
    return ok({ name: name ?? known.name, city: knownCity, lat: known.lat, lon: known.lon })
  }
  return ok({ name: name ?? city!, city: city!, lat: lat!, lon: lon! })
}

/** The endpoint of a registered enterprise: its site, named by the firm, shown as its city. */
export const enterpriseEndpoint = (e: {
  nameEn: string
  place: string
  lat: number
  lon: number
}): Endpoint => ({ name: e.nameEn, city: cityOf(e.place, e), lat: e.lat, lon: e.lon })

/** Road metres by the circuity formula (great-circle × the band's factor), to the metre. */
export const formulaRoadM = (from: LatLon, to: LatLon): number =>
  Math.round(formulaLane(from, to).roadKm * 1000)
