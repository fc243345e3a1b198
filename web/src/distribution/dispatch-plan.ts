/**
 * The day's loads of the routes tab, without the DOM: planned shipments split into truck loads, the
 * fleet, and the body of POST /distribution/dispatch. The browser test builds the same body.
 * @module
 */
import type { Shipment } from '../shipments/types.ts'
import type { DispatchRequest } from './types.ts'

/** The depot every truck leaves from and comes back to: the cluster's place. */
export const DEPOT_PLACE = 'huiguo'
export const DEFAULT_TRUCKS = 6
export const DEFAULT_PAYLOAD_T = 32
export const MAX_TRUCKS = 100
/** The API takes at most 60 t per truck. */
export const MAX_PAYLOAD_T = 60
/** The depot opens at 06:00; trucks must be back by 22:00 the same day, or the next. */
export const DEPOT_OPEN_MIN = 360
export const RETURN_BY = { sameDay: 1320, nextDay: 2760 } as const
export type ReturnBy = keyof typeof RETURN_BY

/** One truck load: a whole shipment, or part `part` of `parts` of a shipment over the payload. */
export interface DayLoad {
  id: string
  shipment: Shipment
  kg: number
  part: number
  parts: number
}

/** Splits every shipment into loads of at most `payloadKg` (full payloads, then the rest). */
export function loadsOf(shipments: readonly Shipment[], payloadKg: number): DayLoad[] {
  return shipments.flatMap((s) => {
    const parts = Math.max(1, Math.ceil(s.qtyKg / payloadKg))
    return Array.from({ length: parts }, (_, i) => ({
      id: parts === 1 ? s.id : `${s.id}-${i + 1}`,
      shipment: s,
      kg: i < parts - 1 ? payloadKg : s.qtyKg - payloadKg * (parts - 1),
      part: i + 1,
      parts,
    }))
  })
}

/** A truck's id as the API sees it: T01, T02, … */
export const truckId = (n: number): string => `T${String(n).padStart(2, '0')}`
/** The truck's number back from its id. */
export const truckNumber = (id: string): number => Number(id.replace(/^T0*/, '')) || 0

export function dispatchRequest(
  loads: readonly DayLoad[],
  trucks: number,
  payloadKg: number,
  returnBy: ReturnBy,
): DispatchRequest {
  return {
    depot: { place: DEPOT_PLACE },
    depotWindowMin: [DEPOT_OPEN_MIN, RETURN_BY[returnBy]],
    trucks: Array.from({ length: trucks }, (_, i) => ({ id: truckId(i + 1), capacityKg: payloadKg })),
    loads: loads.map((l) => ({
      id: l.id,
      to: { lat: l.shipment.destination.lat, lon: l.shipment.destination.lon },
      kg: l.kg,
    })),
  }
}

/** The load ids a LOADS_UNROUTABLE detail names ("no truck can take a, b within …"). */
export function unroutableIds(detail: string): string[] {
  const m = /can take (.+?) within/.exec(detail)
  return m
    ? m[1]!
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : []
}

const PALETTE = ['#1d4f80', '#d9480f', '#2b8a3e', '#862e9c', '#e67700', '#0b7285', '#c2255c', '#5c940d']

/** A truck's colour on the map and beside its table. */
export const truckColour = (id: string): string =>
  PALETTE[(Math.max(truckNumber(id), 1) - 1) % PALETTE.length]!
