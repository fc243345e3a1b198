/**
 * The distribution API's answers as the UI reads them (src/distribution/freight-schemas.ts and
 * /work/notes/distribution-api.md). Prices are whole CNY/t, freight in fen/t, distances in km.
 * @module
 */

export const FREIGHT_MODES = ['truck', 'molten', 'rail'] as const
export type FreightMode = (typeof FREIGHT_MODES)[number]
export type MetalForm = 'molten' | 'ingot'

export interface Bilingual {
  en: string
  zh: string
}

export interface Place {
  id: string
  name: string
  nameZh: string
  kind: string
  province: string
  provinceZh: string
  lat: number
  lon: number
  source: string
}

export interface Origin {
  id: string
  placeId: string
  name: Bilingual
}

export interface PlacesAnswer {
  clusterPlaceId: string
  places: Place[]
  origins: Origin[]
}

export interface Point {
  id: string | null
  name: string
  nameZh: string | null
  lat: number
  lon: number
}

export interface Distances {
  greatCircleKm: number
  roadKm: number
  roadSource: 'osrm' | 'formula'
  railKm: number
}

export interface FreightFigure {
  mode: FreightMode
  tariffVersion: string
  distanceKm: number
  distanceSource: 'osrm' | 'formula'
  fenPerT: number
  yuanPerT: string
  minimumApplied: boolean
  payloadT: number | null
}

export interface FreightQuote extends FreightFigure {
  totalFen: number | null
  totalYuan: string | null
  vehicles: number | null
}

export interface NotOffered {
  mode: FreightMode
  tariffVersion: string
  reason: 'molten_beyond_range' | 'rail_too_short'
  detail: string
}

export interface FreightAnswer {
  from: Point
  to: Point
  distances: Distances
  tariff: { id: string; effectiveFrom: string }
  tonnes: string | null
  quotes: FreightQuote[]
  notOffered: NotOffered[]
}

export interface DeliveredOrigin {
  id: string
  placeId: string
  name: Bilingual
  rank: number
  wins: boolean
  allInCnyPerT: number
  differentialCnyPerT: number
  mode: FreightMode
  freightFenPerT: number
  freightCnyPerT: number
  deliveredCnyPerT: number
  distances: Distances
  options: FreightFigure[]
}

export interface DeliveredAnswer {
  synthetic: boolean
  product: { code: string; en: string; zh: string }
  to: Point
  price: {
    seriesId: string
    date: string
    publishedAt: string | null
    baseCnyPerT: number
    feeCnyPerT: number
    allInCnyPerT: number
  }
  tariff: { id: string; effectiveFrom: string }
  differentials: { id: string; effectiveFrom: string; note: string }
  gongyiWins: boolean
  origins: DeliveredOrigin[]
}

/** One customer city of the delivered-price map; margin = best other − Gongyi (> 0: Gongyi wins). */
export interface MapDestination {
  place: string
  name: Bilingual | string
  lat: number
  lon: number
  winner: string
  gongyiRank: number
  gongyiDeliveredCnyPerT: number
  bestOtherDeliveredCnyPerT: number
  marginCnyPerT: number
}

export interface DeliveredMapAnswer {
  synthetic: boolean
  product: string | { code: string; en?: string; zh?: string }
  allInCnyPerT: number
  tariffVersion: string
  destinations: MapDestination[]
}

export interface IntakePlanSummary {
  month: string
  totalCostCny: number
  deliveredT: number
  unmetT: number
  moltenT: number
  moltenShare: number
  gasSavedM3: number
  createdAt: string
  createdBy: string | null
}

export interface IntakeSupplier {
  id: string
  name?: string | null
  lat: number
  lon: number
  form: MetalForm
  capacityT: number
  premiumCnyPerT: number
}

export interface IntakePlant {
  id: string
  name?: string | null
  lat: number
  lon: number
  demandT: Partial<Record<MetalForm, number>>
}

export interface IntakeFlow {
  from: string
  to: string
  form: MetalForm
  tonnes: number
  costCnyPerT: number
}

export interface IntakeResult {
  totalCostCny: number
  flows: IntakeFlow[]
  unmet: { plant: string; form: MetalForm; tonnes: number }[]
  marginalCostCnyPerT: Record<string, number>
}

export interface IntakePlanDetail extends IntakePlanSummary {
  suppliers: IntakeSupplier[]
  plants: IntakePlant[]
  result: IntakeResult
}

export interface IntakePrevious {
  month: string
  totalCostCny: number
  moltenShare: number
  gasSavedM3: number
  deliveredT: number
}

export interface IntakePlanAnswer {
  synthetic: boolean
  plan: IntakePlanDetail
  previous: IntakePrevious | null
}

export type Where = { place: string } | { lat: number; lon: number }

/** The body of POST /distribution/dispatch (src/distribution/dispatch-routes.ts). */
export interface DispatchRequest {
  depot: Where
  depotWindowMin?: [number, number]
  trucks: { id: string; capacityKg: number }[]
  loads: { id: string; to: Where; kg: number; windowMin?: [number, number]; serviceMin?: number }[]
  seed?: number
}

export interface DispatchStop {
  loadId: string
  startMin: number
  start: string
}

export interface DispatchRoute {
  truckId: string
  stops: DispatchStop[]
  km: number
  kg: number
  returnMin: number
  returnAt: string
}

export interface DispatchAnswer {
  routes: DispatchRoute[]
  km: number
  trucksUsed: number
}
