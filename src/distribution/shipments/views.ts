/**
 * The JSON a shipment answers with: the full view for the enterprises party to it, and the public
 * tracking view, built field by field so nothing private can slip through.
 * @module
 */
import type { Shipment, ShipmentEvent } from './model.ts'

const iso = (ms: number) => new Date(ms).toISOString()
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms))

export const shipmentView = (s: Shipment) => ({
  id: s.id,
  trackingCode: s.trackingCode,
  status: s.status,
  heldStatus: s.heldStatus,
  contractId: s.contractId,
  shipperId: s.shipperId,
  consigneeId: s.consigneeId,
  instrument: s.instrument,
  goods: s.goods,
  qtyKg: s.qtyKg,
  truckPlate: s.truckPlate,
  driverName: s.driverName,
  origin: { ...s.origin },
  destination: { ...s.destination },
  distanceM: s.distanceM,
  plannedDepartureAt: iso(s.plannedDepartureMs),
  eta: isoOrNull(s.etaMs),
  deliveredAt: isoOrNull(s.deliveredAtMs),
  proof: s.proof && {
    receiverName: s.proof.receiverName,
    signedAt: iso(s.proof.signedAtMs),
    note: s.proof.note,
  },
  createdAt: iso(s.createdAtMs),
  updatedAt: iso(s.updatedAtMs),
  synthetic: s.synthetic,
})

export const eventView = (e: ShipmentEvent) => ({
  id: e.id,
  type: e.type,
  at: iso(e.atMs),
  place: e.place,
  lat: e.lat,
  lon: e.lon,
  note: e.note,
  statusAfter: e.statusAfter,
  recordedBy: e.recordedBy,
  recordedAt: iso(e.recordedAtMs),
})

/**
 * The tracking page: status, the two cities, ETA and the events' type, time and place name. Left
 * out on purpose: the goods' price and quantity, the parties, the spots' names and coordinates, the
 * truck, the driver, the receiver, and every note (free text may hold anything).
 */
export const trackingView = (s: Shipment, events: readonly ShipmentEvent[]) => ({
  trackingCode: s.trackingCode,
  status: s.status,
  origin: { city: s.origin.city },
  destination: { city: s.destination.city },
  eta: isoOrNull(s.etaMs),
  deliveredAt: isoOrNull(s.deliveredAtMs),
  events: events.map((e) => ({ type: e.type, at: iso(e.atMs), place: e.place })),
  synthetic: s.synthetic,
})
