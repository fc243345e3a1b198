/**
 * The shipments API's schemas: request bodies, queries and parameters (strict: no coercion, no
 * unknown fields), and the two views a shipment answers with, the members' and the public one
 * (fields not listed are never sent).
 * @module
 */
import { type TSchema, Type } from 'typebox'
import { CursorQuery, LimitQuery, StringEnum } from '../../platform/http/schemas.ts'
import { EVENT_TYPES, SHIPMENT_STATUSES } from './model.ts'
import { TRACKING_CODE_INPUT_PATTERN } from './tracking-code.ts'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

const ID_PATTERN = '^[1-9][0-9]{0,17}$'
export const ID = new RegExp(ID_PATTERN)
/** The largest quantity a shipment takes, kg (the largest a contract can have). */
export const MAX_QTY_KG = 1_000_000_000

const Instant = Type.String({ format: 'date-time', maxLength: 40, description: 'ISO 8601 with a time zone' })
const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'WGS-84 latitude, degrees' })
const Lon = Type.Number({ minimum: -180, maximum: 180, description: 'WGS-84 longitude, degrees' })
const Note = Type.String({ minLength: 1, maxLength: 1000 })
const Status = StringEnum(SHIPMENT_STATUSES)
const EventType = StringEnum(EVENT_TYPES)

const EndpointBody = Type.Object(
  {
    place: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9-]{1,60}$',
        description: 'A place id of /distribution, e.g. shanghai',
      }),
    ),
    name: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'The spot: a yard, a gate' }),
    ),
    city: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'Shown on the tracking page' }),
    ),
    lat: Type.Optional(Lat),
    lon: Type.Optional(Lon),
  },
  { additionalProperties: false, description: 'A place id, or lat, lon and city' },
)

export const CreateBody = Type.Object(
  {
    contractId: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'Ship a trading contract' })),
    origin: Type.Optional(EndpointBody),
    destination: Type.Optional(EndpointBody),
    goods: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    qtyKg: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_QTY_KG, description: 'kg; a contract: default the rest' }),
    ),
    truckPlate: Type.Optional(Type.String({ minLength: 2, maxLength: 20 })),
    driverName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    plannedDepartureAt: Type.Optional(Instant),
  },
  {
    additionalProperties: false,
    description:
      'From a contract: contractId (and optionally qtyKg, truck, planned departure). By hand: origin, destination, goods, qtyKg and truckPlate.',
  },
)

export const EventBody = Type.Object(
  {
    type: EventType,
    at: Instant,
    place: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'A place name' })),
    lat: Type.Optional(Lat),
    lon: Type.Optional(Lon),
    note: Type.Optional(Note),
    proof: Type.Optional(
      Type.Object(
        {
          receiverName: Type.String({ minLength: 1, maxLength: 100 }),
          signedAt: Instant,
          note: Type.Optional(Note),
        },
        { additionalProperties: false, description: 'Proof of delivery: required with type delivered' },
      ),
    ),
  },
  { additionalProperties: false },
)

export const ListQuery = Type.Object(
  { status: Type.Optional(Status), limit: Type.Optional(LimitQuery), cursor: Type.Optional(CursorQuery) },
  { additionalProperties: false },
)

export const IdParams = Type.Object(
  { id: Type.String({ pattern: ID_PATTERN }) },
  { additionalProperties: false },
)

export const CodeParams = Type.Object(
  { code: Type.String({ pattern: TRACKING_CODE_INPUT_PATTERN, description: 'The tracking code' }) },
  { additionalProperties: false },
)

const EndpointJson = Type.Object({
  name: Type.String(),
  city: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
})

export const EventJson = Type.Object({
  id: Type.String(),
  type: EventType,
  at: Type.String(),
  place: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  note: Nullable(Type.String()),
  statusAfter: Status,
  recordedBy: Nullable(Type.String()),
  recordedAt: Type.String(),
})

export const ShipmentJson = Type.Object({
  id: Type.String(),
  trackingCode: Type.String(),
  status: Status,
  heldStatus: Nullable(StringEnum(['loaded', 'in_transit'] as const)),
  contractId: Nullable(Type.String()),
  shipperId: Type.String(),
  consigneeId: Nullable(Type.String()),
  instrument: Nullable(Type.String()),
  goods: Type.String(),
  qtyKg: Type.Integer(),
  truckPlate: Nullable(Type.String()),
  driverName: Nullable(Type.String()),
  origin: EndpointJson,
  destination: EndpointJson,
  distanceM: Type.Integer({ description: 'Road distance, metres' }),
  plannedDepartureAt: Type.String(),
  eta: Nullable(Type.String({ description: 'As of the latest event; null in exception and once delivered' })),
  deliveredAt: Nullable(Type.String()),
  proof: Nullable(
    Type.Object({ receiverName: Type.String(), signedAt: Type.String(), note: Nullable(Type.String()) }),
  ),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  synthetic: Type.Boolean(),
})

export const ShipmentDetailJson = Type.Object({ shipment: ShipmentJson, events: Type.Array(EventJson) })

/** What anyone with the code sees: no prices, parties, names, truck, driver, notes or coordinates. */
export const TrackingJson = Type.Object({
  trackingCode: Type.String(),
  status: Status,
  origin: Type.Object({ city: Type.String() }),
  destination: Type.Object({ city: Type.String() }),
  eta: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
  events: Type.Array(Type.Object({ type: EventType, at: Type.String(), place: Nullable(Type.String()) })),
  synthetic: Type.Boolean(),
})
