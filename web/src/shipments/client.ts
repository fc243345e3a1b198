/**
 * The shipments calls of the HTTP API: the members' list, detail, creation and events (session
 * cookie), and the public tracking read (no login).
 * @module
 */
import { callJson, queryString } from '../api.ts'
import type {
  ContractRow,
  EventRequest,
  Shipment,
  ShipmentDetail,
  ShipmentStatus,
  Tracking,
} from './types.ts'

const part = (s: string) => encodeURIComponent(s)

export const shipmentsApi = {
  list: (query: { status?: ShipmentStatus | null; cursor?: string | null }) =>
    callJson<{ items: Shipment[]; nextCursor: string | null }>(
      `/shipments${queryString({ ...query, limit: 50 })}`,
    ),
  get: (id: string) => callJson<ShipmentDetail>(`/shipments/${part(id)}`),
  fromContract: (body: { contractId: string; truckPlate?: string; driverName?: string }) =>
    callJson<{ shipment: Shipment }>('/shipments', { method: 'POST', body }),
  addEvent: (id: string, body: EventRequest) =>
    callJson<{ shipment: Shipment }>(`/shipments/${part(id)}/events`, { method: 'POST', body }),
  contracts: () => callJson<{ items: ContractRow[] }>('/contracts?limit=50'),
  track: (code: string) => callJson<Tracking>(`/track/${part(code)}`),
}
