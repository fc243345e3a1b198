/**
 * What a shipment is: goods on a truck from an origin to a destination, the events of its journey,
 * and its proof of delivery. Quantities in kg, distances in metres, durations in seconds, instants
 * in epoch ms; km and hours only in the UI.
 * @module
 */

/** Where a shipment stands. `exception` holds the state it returns to once resolved. */
export const SHIPMENT_STATUSES = ['planned', 'loaded', 'in_transit', 'exception', 'delivered'] as const
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number]

/** The states an exception can be raised from, and so the ones `resolved` returns to. */
export type HeldStatus = 'loaded' | 'in_transit'

/** What can happen to a shipment; each event type is one request of the events API. */
export const EVENT_TYPES = ['loaded', 'departed', 'position', 'exception', 'resolved', 'delivered'] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** A point in WGS-84 decimal degrees. */
export interface LatLon {
  readonly lat: number
  readonly lon: number
}

/**
 * One end of a shipment. `name` may be private (a firm's yard); `city` is what the public tracking
 * page shows.
 */
export interface Endpoint extends LatLon {
  readonly name: string
  readonly city: string
}

/** Who received the goods and when they signed: required to mark a shipment delivered. */
export interface ProofOfDelivery {
  readonly receiverName: string
  readonly signedAtMs: number
  readonly note: string | null
}

export interface ShipmentEvent {
  readonly id: string
  readonly shipmentId: string
  readonly type: EventType
  readonly atMs: number
  /** A place name (a town, a service area, a yard); may be null for a bare position fix. */
  readonly place: string | null
  readonly lat: number | null
  readonly lon: number | null
  readonly note: string | null
  /** The shipment's status once this event was applied. */
  readonly statusAfter: ShipmentStatus
  /** The user who recorded it; null for the demo's synthetic events. */
  readonly recordedBy: string | null
  readonly recordedAtMs: number
}

export interface Shipment {
  readonly id: string
  /** The public tracking code: anyone holding it sees status, events, ETA and the two cities. */
  readonly trackingCode: string
  readonly status: ShipmentStatus
  /** While in `exception`: the state `resolved` returns to; null otherwise. */
  readonly heldStatus: HeldStatus | null
  /** The trading center's contract it carries; null for a shipment made by hand. */
  readonly contractId: string | null
  /** The enterprise that ships (a contract's seller; the creator's enterprise for one by hand). */
  readonly shipperId: string
  /** The enterprise that receives (a contract's buyer); null when made by hand. */
  readonly consigneeId: string | null
  readonly instrument: string | null
  readonly goods: string
  readonly qtyKg: number
  readonly truckPlate: string | null
  readonly driverName: string | null
  readonly origin: Endpoint
  readonly destination: Endpoint
  /** Road distance origin → destination, metres. */
  readonly distanceM: number
  readonly plannedDepartureMs: number
  /** The estimated arrival as of the latest event; null while an exception is open and once delivered. */
  readonly etaMs: number | null
  readonly deliveredAtMs: number | null
  readonly proof: ProofOfDelivery | null
  readonly createdBy: string | null
  readonly createdAtMs: number
  readonly updatedAtMs: number
  readonly synthetic: boolean
}

export type NewShipment = Omit<
  Shipment,
  'id' | 'status' | 'heldStatus' | 'deliveredAtMs' | 'proof' | 'updatedAtMs'
>

export type NewShipmentEvent = Omit<ShipmentEvent, 'id' | 'shipmentId' | 'statusAfter'>

/** Who is asking: their enterprise, and whether they see every enterprise's shipments. */
export interface ShipmentReader {
  readonly userId: string
  readonly enterpriseId: string
  /** Admin and warehouse roles see and move every shipment; others only their enterprise's. */
  readonly seesAll: boolean
}
