/**
 * The shipments API's answers as the UI reads them (see src/distribution/shipments/schemas.ts).
 * @module
 */

export const SHIPMENT_STATUSES = ['planned', 'loaded', 'in_transit', 'exception', 'delivered'] as const
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number]

export const EVENT_TYPES = ['loaded', 'departed', 'position', 'exception', 'resolved', 'delivered'] as const
export type EventType = (typeof EVENT_TYPES)[number]

export interface Endpoint {
  name: string
  city: string
  lat: number
  lon: number
}

export interface Shipment {
  id: string
  trackingCode: string
  status: ShipmentStatus
  heldStatus: 'loaded' | 'in_transit' | null
  contractId: string | null
  shipperId: string
  consigneeId: string | null
  instrument: string | null
  goods: string
  qtyKg: number
  truckPlate: string | null
  driverName: string | null
  origin: Endpoint
  destination: Endpoint
  distanceM: number
  plannedDepartureAt: string
  eta: string | null
  deliveredAt: string | null
  proof: { receiverName: string; signedAt: string; note: string | null } | null
  createdAt: string
  updatedAt: string
  synthetic: boolean
}

export interface ShipmentEvent {
  id: string
  type: EventType
  at: string
  place: string | null
  lat: number | null
  lon: number | null
  note: string | null
  statusAfter: ShipmentStatus
  recordedBy: string | null
  recordedAt: string
}

export interface ShipmentDetail {
  shipment: Shipment
  events: ShipmentEvent[]
}

/** The public tracking view: no parties, names, truck, driver, notes or coordinates. */
export interface Tracking {
  trackingCode: string
  status: ShipmentStatus
  origin: { city: string }
  destination: { city: string }
  eta: string | null
  deliveredAt: string | null
  events: { type: EventType; at: string; place: string | null }[]
  synthetic: boolean
}

export interface EventRequest {
  type: EventType
  at: string
  place?: string
  lat?: number
  lon?: number
  note?: string
  proof?: { receiverName: string; signedAt: string; note?: string }
}

/** A contract of the trading center as GET /contracts lists it. */
export interface ContractRow {
  id: string
  instrument: string
  side: 'buy' | 'sell'
  counterpartyId: string
  qtyKg: number
  pickupFrom: string
  pickupTo: string
  status: string
}
