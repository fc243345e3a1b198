/**
 * The distribution calls of the HTTP API. Places, freight, delivered prices and the delivered-price
 * map are public; the intake plans need a session (the cookie goes with every call).
 * @module
 */
import { callJson, queryString } from '../api.ts'
import type { PricesAnswer } from '../pricing/types.ts'
import type {
  DeliveredAnswer,
  DeliveredMapAnswer,
  DispatchAnswer,
  DispatchRequest,
  FreightAnswer,
  FreightMode,
  IntakePlanAnswer,
  IntakePlanSummary,
  PlacesAnswer,
} from './types.ts'

const part = (s: string) => encodeURIComponent(s)

let places: Promise<PlacesAnswer> | null = null

export interface FreightRequest {
  from: string
  to: string
  mode?: FreightMode | null
  tonnes?: string | null
}

export const distributionApi = {
  /** Fetched once per page load (the reference table does not change); a failure is not cached. */
  places: (): Promise<PlacesAnswer> => {
    if (!places) {
      places = callJson<PlacesAnswer>('/distribution/places')
      places.catch(() => {
        places = null
      })
    }
    return places
  },
  freight: (query: FreightRequest) =>
    callJson<FreightAnswer>(`/distribution/freight${queryString({ ...query })}`),
  delivered: (product: string, to: string) =>
    callJson<DeliveredAnswer>(`/distribution/delivered${queryString({ product, to })}`),
  deliveredMap: (product: string) =>
    callJson<DeliveredMapAnswer>(`/distribution/delivered-map${queryString({ product })}`),
  intakePlans: () =>
    callJson<{ synthetic: boolean; plans: IntakePlanSummary[] }>('/distribution/intake-plans'),
  intakePlan: (month: string) => callJson<IntakePlanAnswer>(`/distribution/intake-plans/${part(month)}`),
  /** The day's truck routes (trader, warehouse or admin); 422 LOADS_UNROUTABLE when some cannot go. */
  dispatch: (body: DispatchRequest) =>
    callJson<DispatchAnswer>('/distribution/dispatch', { method: 'POST', body }),
  /** The board, for the products whose all-in is published (the delivered price starts from it). */
  prices: () => callJson<PricesAnswer>('/prices'),
}
