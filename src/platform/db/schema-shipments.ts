import type { ColumnType } from 'kysely'

type Int8 = ColumnType<bigint, bigint | string | number, bigint | string | number>
type NullableInt8 = ColumnType<
  bigint | null,
  bigint | string | number | null | undefined,
  bigint | string | number | null
>
type Id = ColumnType<bigint, never, never>
type Instant = ColumnType<Date, Date | string, Date | string>
type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type ShipmentStatusText = 'planned' | 'loaded' | 'in_transit' | 'exception' | 'delivered'

/** Shipments and their events (migration 0008_shipments, written by src/distribution/shipments). */
export interface ShipmentsTables {
  shipment: ShipmentTable
  shipment_event: ShipmentEventTable
}

export interface ShipmentTable {
  id: Id
  tracking_code: string
  status: ShipmentStatusText
  /** The state an open exception returns to; null unless status is 'exception'. */
  held_status: 'loaded' | 'in_transit' | null
  contract_id: NullableInt8
  shipper_id: string
  consignee_id: string | null
  instrument: string | null
  goods: string
  qty_kg: Int8
  truck_plate: string | null
  driver_name: string | null
  origin_name: string
  origin_city: string
  origin_lat: number
  origin_lon: number
  destination_name: string
  destination_city: string
  destination_lat: number
  destination_lon: number
  distance_m: Int8
  planned_departure_at: Instant
  eta_at: NullableInstant
  delivered_at: NullableInstant
  pod_receiver: string | null
  pod_signed_at: NullableInstant
  pod_note: string | null
  created_by: string | null
  created_at: Instant
  updated_at: Instant
  synthetic: ColumnType<boolean, boolean | undefined, boolean>
}

export interface ShipmentEventTable {
  id: Id
  shipment_id: Int8
  type: 'loaded' | 'departed' | 'position' | 'exception' | 'resolved' | 'delivered'
  at: Instant
  place: string | null
  lat: number | null
  lon: number | null
  note: string | null
  status_after: ShipmentStatusText
  recorded_by: string | null
  recorded_at: Instant
}
