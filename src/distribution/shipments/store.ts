/**
 * SQL for shipments and their events, and the one read of the trading center's contracts a
 * shipment is made from. Ids are decimal strings outside (bigint in SQL).
 * @module
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { ShipmentEventTable, ShipmentTable } from '../../platform/db/schema-shipments.ts'
import type { MachineState } from './machine.ts'
import type {
  NewShipment,
  NewShipmentEvent,
  ProofOfDelivery,
  Shipment,
  ShipmentEvent,
  ShipmentStatus,
} from './model.ts'

export type Db = Kysely<Database> | Transaction<Database>

const msOrNull = (d: Date | null): number | null => (d === null ? null : d.getTime())
const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms))

export function shipmentFromRow(r: Selectable<ShipmentTable>): Shipment {
  return {
    id: String(r.id),
    trackingCode: r.tracking_code,
    status: r.status,
    heldStatus: r.held_status,
    contractId: r.contract_id === null ? null : String(r.contract_id),
    shipperId: r.shipper_id,
    consigneeId: r.consignee_id,
    instrument: r.instrument,
    goods: r.goods,
    qtyKg: Number(r.qty_kg),
    truckPlate: r.truck_plate,
    driverName: r.driver_name,
    origin: { name: r.origin_name, city: r.origin_city, lat: r.origin_lat, lon: r.origin_lon },
    destination: {
      name: r.destination_name,
      city: r.destination_city,
      lat: r.destination_lat,
      lon: r.destination_lon,
    },
    distanceM: Number(r.distance_m),
    plannedDepartureMs: r.planned_departure_at.getTime(),
    etaMs: msOrNull(r.eta_at),
    deliveredAtMs: msOrNull(r.delivered_at),
    proof:
      r.pod_receiver !== null && r.pod_signed_at !== null
        ? { receiverName: r.pod_receiver, signedAtMs: r.pod_signed_at.getTime(), note: r.pod_note }
        : null,
    createdBy: r.created_by,
    createdAtMs: r.created_at.getTime(),
    updatedAtMs: r.updated_at.getTime(),
    synthetic: r.synthetic,
  }
}

export function eventFromRow(r: Selectable<ShipmentEventTable>): ShipmentEvent {
  return {
    id: String(r.id),
    shipmentId: String(r.shipment_id),
    type: r.type,
    atMs: r.at.getTime(),
    place: r.place,
    lat: r.lat,
    lon: r.lon,
    note: r.note,
    statusAfter: r.status_after,
    recordedBy: r.recorded_by,
    recordedAtMs: r.recorded_at.getTime(),
  }
}

/** Stores a new shipment in `planned`; a clash of tracking codes throws (the unique index). */
export async function insertShipment(db: Db, s: NewShipment): Promise<Shipment> {
  const row = await db
    .insertInto('shipment')
    .values({
      tracking_code: s.trackingCode,
      status: 'planned',
      held_status: null,
      contract_id: s.contractId,
      shipper_id: s.shipperId,
      consignee_id: s.consigneeId,
      instrument: s.instrument,
      goods: s.goods,
      qty_kg: s.qtyKg,
      truck_plate: s.truckPlate,
      driver_name: s.driverName,
      origin_name: s.origin.name,
      origin_city: s.origin.city,
      origin_lat: s.origin.lat,
      origin_lon: s.origin.lon,
      destination_name: s.destination.name,
      destination_city: s.destination.city,
      destination_lat: s.destination.lat,
      destination_lon: s.destination.lon,
      distance_m: s.distanceM,
      planned_departure_at: new Date(s.plannedDepartureMs),
      eta_at: dateOrNull(s.etaMs),
      created_by: s.createdBy,
      created_at: new Date(s.createdAtMs),
      updated_at: new Date(s.createdAtMs),
      synthetic: s.synthetic,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return shipmentFromRow(row)
}

/** Who may see a shipment: every one (null), or those where this enterprise ships or receives. */
export type Visibility = string | null

/** A shipment the enterprise may see, locked for update when asked (inside a transaction). */
export async function findShipment(
  db: Db,
  id: string,
  visibleTo: Visibility,
  options: { lock?: boolean } = {},
): Promise<Shipment | null> {
  let q = db.selectFrom('shipment').selectAll().where('id', '=', BigInt(id))
  if (visibleTo !== null)
    q = q.where((eb) => eb.or([eb('shipper_id', '=', visibleTo), eb('consignee_id', '=', visibleTo)]))
  if (options.lock) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  return row ? shipmentFromRow(row) : null
}

export async function findByTrackingCode(db: Db, code: string): Promise<Shipment | null> {
  const row = await db.selectFrom('shipment').selectAll().where('tracking_code', '=', code).executeTakeFirst()
  return row ? shipmentFromRow(row) : null
}

export interface ShipmentFilter {
  readonly visibleTo: Visibility
  readonly status?: ShipmentStatus
  /** Keyset pagination, newest first: ids below this one. */
  readonly beforeId?: string
  readonly limit: number
}

export async function listShipments(db: Db, f: ShipmentFilter): Promise<Shipment[]> {
  let q = db.selectFrom('shipment').selectAll()
  const { visibleTo } = f
  if (visibleTo !== null)
    q = q.where((eb) => eb.or([eb('shipper_id', '=', visibleTo), eb('consignee_id', '=', visibleTo)]))
  if (f.status !== undefined) q = q.where('status', '=', f.status)
  if (f.beforeId !== undefined) q = q.where('id', '<', BigInt(f.beforeId))
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute()
  return rows.map(shipmentFromRow)
}

/** A shipment's events, oldest first (by time, then by the order they were recorded). */
export async function eventsOf(db: Db, shipmentId: string): Promise<ShipmentEvent[]> {
  const rows = await db
    .selectFrom('shipment_event')
    .selectAll()
    .where('shipment_id', '=', BigInt(shipmentId))
    .orderBy('at')
    .orderBy('id')
    .execute()
  return rows.map(eventFromRow)
}

export async function insertEvent(
  db: Db,
  shipmentId: string,
  e: NewShipmentEvent,
  statusAfter: ShipmentStatus,
): Promise<ShipmentEvent> {
  const row = await db
    .insertInto('shipment_event')
    .values({
      shipment_id: BigInt(shipmentId),
      type: e.type,
      at: new Date(e.atMs),
      place: e.place,
      lat: e.lat,
      lon: e.lon,
      note: e.note,
      status_after: statusAfter,
      recorded_by: e.recordedBy,
      recorded_at: new Date(e.recordedAtMs),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return eventFromRow(row)
}

/** Moves a shipment to its new state, ETA and (on delivery) proof, in the event's transaction. */
export async function updateShipmentState(
  db: Db,
  id: string,
  change: {
    readonly state: MachineState
    readonly etaMs: number | null
    readonly deliveredAtMs: number | null
    readonly proof: ProofOfDelivery | null
    readonly atMs: number
  },
): Promise<Shipment> {
  const { state, proof } = change
  const row = await db
    .updateTable('shipment')
    .set({
      status: state.status,
      held_status: state.heldStatus,
      eta_at: dateOrNull(change.etaMs),
      updated_at: new Date(change.atMs),
      ...(state.status === 'delivered'
        ? {
            delivered_at: dateOrNull(change.deliveredAtMs),
            pod_receiver: proof?.receiverName ?? null,
            pod_signed_at: dateOrNull(proof?.signedAtMs ?? null),
            pod_note: proof?.note ?? null,
          }
        : {}),
    })
    .where('id', '=', BigInt(id))
    .returningAll()
    .executeTakeFirstOrThrow()
  return shipmentFromRow(row)
}

/** A trading contract as a shipment is made from it, with the parties' and warehouse's sites. */
export interface ContractForShipment {
  readonly id: string
  readonly instrument: string
  readonly instrumentName: string | null
  readonly buyerId: string
  readonly sellerId: string
  readonly warehouseId: string | null
  readonly qtyKg: number
  /** The pick-up window, Asia/Shanghai dates `YYYY-MM-DD`. */
  readonly pickupFrom: string
  readonly pickupTo: string
}

/** A contract by id, or null. Locked when asked, so two shipments of it cannot both pass the quantity check. */
export async function findContract(
  db: Db,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ContractForShipment | null> {
  let q = db
    .selectFrom('contract')
    .leftJoin('instrument', 'instrument.code', 'contract.instrument')
    .select((eb) => [
      'contract.id',
      'contract.instrument',
      'instrument.name_en',
      'contract.buyer_id',
      'contract.seller_id',
      'contract.warehouse_id',
      'contract.qty_kg',
      eb.fn<string>('to_char', ['contract.pickup_from', eb.val('YYYY-MM-DD')]).as('from'),
      eb.fn<string>('to_char', ['contract.pickup_to', eb.val('YYYY-MM-DD')]).as('to'),
    ])
    .where('contract.id', '=', BigInt(id))
  if (options.lock) q = q.forUpdate('contract')
  const row = await q.executeTakeFirst()
  if (!row) return null
  return {
    id: String(row.id),
    instrument: row.instrument,
    instrumentName: row.name_en,
    buyerId: row.buyer_id,
    sellerId: row.seller_id,
    warehouseId: row.warehouse_id,
    qtyKg: Number(row.qty_kg),
    pickupFrom: row.from,
    pickupTo: row.to,
  }
}

/** The kg a contract's shipments already carry. */
export async function shippedKgOf(db: Db, contractId: string): Promise<number> {
  const row = await db
    .selectFrom('shipment')
    .select(sql<string>`coalesce(sum(qty_kg), 0)::text`.as('kg'))
    .where('contract_id', '=', BigInt(contractId))
    .executeTakeFirstOrThrow()
  return Number(row.kg)
}

/** The sites of enterprises, by id (those that exist). */
export async function enterpriseSites(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { nameEn: string; place: string; lat: number; lon: number }>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('enterprise')
    .select(['id', 'name_en', 'place', 'lat', 'lon'])
    .where('id', 'in', [...new Set(ids)])
    .execute()
  return new Map(rows.map((r) => [r.id, { nameEn: r.name_en, place: r.place, lat: r.lat, lon: r.lon }]))
}
