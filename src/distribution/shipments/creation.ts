/**
 * What a new shipment is made of, pure: from a trading contract (its parties' and warehouse's
 * sites, what is left of its quantity, its pick-up window) or by hand (two ends, goods, kg, truck).
 * @module
 */
import { type FieldError, ok, type Result, refuse } from '../../kernel/index.ts'
import { type EndpointRequest, endpointOf, enterpriseEndpoint } from './endpoints.ts'
import type { Endpoint } from './model.ts'
import type { ContractForShipment } from './store.ts'

/** The body of POST /shipments: `contractId`, or the fields of a shipment made by hand. */
export interface CreateRequest {
  readonly contractId?: string
  readonly origin?: EndpointRequest
  readonly destination?: EndpointRequest
  readonly goods?: string
  readonly qtyKg?: number
  readonly truckPlate?: string
  readonly driverName?: string
  /** ISO instant; default: the contract's first pick-up day at 08:00 Beijing time, or now. */
  readonly plannedDepartureAt?: string
}

/** A shipment's content before it gets its code, distance and ETA. */
export interface ShipmentPlan {
  readonly contractId: string | null
  readonly shipperId: string
  readonly consigneeId: string | null
  readonly instrument: string | null
  readonly goods: string
  readonly qtyKg: number
  readonly truckPlate: string | null
  readonly driverName: string | null
  readonly origin: Endpoint
  readonly destination: Endpoint
  readonly plannedDepartureMs: number
}

const HAND_FIELDS = ['origin', 'destination', 'goods'] as const

/** The first pick-up day at 08:00 in Asia/Shanghai (UTC+8 all year). */
export const pickupStartMs = (date: string): number => Date.parse(`${date}T08:00:00+08:00`)

const plannedOf = (request: CreateRequest, fallbackMs: number): number =>
  request.plannedDepartureAt === undefined ? fallbackMs : Date.parse(request.plannedDepartureAt)

/**
 * The plan of a shipment made by hand by `enterpriseId`, or why not: VALIDATION_FAILED for missing
 * or mixed fields, SHIPMENT_PLACE_UNKNOWN for an unknown place id.
 *
 * @example planByHand('p-0001', { origin: { place: 'huiguo' }, destination: { place: 'shanghai' }, goods: '1060 H24 sheet', qtyKg: 30_000, truckPlate: '豫A·12345' }, now)
 */
export function planByHand(
  enterpriseId: string,
  request: CreateRequest,
  nowMs: number,
): Result<ShipmentPlan> {
  const errors: FieldError[] = []
  for (const field of HAND_FIELDS)
    if (request[field] === undefined) errors.push({ field: `/${field}`, message: 'is required' })
  if (request.qtyKg === undefined) errors.push({ field: '/qtyKg', message: 'is required' })
  if (request.truckPlate === undefined) errors.push({ field: '/truckPlate', message: 'is required' })
  if (errors.length > 0) return refuse('VALIDATION_FAILED', 'A shipment by hand is not complete', errors)
  const origin = endpointOf(request.origin!, '/origin')
  if (!origin.ok) return origin
  const destination = endpointOf(request.destination!, '/destination')
  if (!destination.ok) return destination
  return ok({
    contractId: null,
    shipperId: enterpriseId,
    consigneeId: null,
    instrument: null,
    goods: request.goods!,
    qtyKg: request.qtyKg!,
    truckPlate: request.truckPlate!,
    driverName: request.driverName ?? null,
    origin: origin.value,
    destination: destination.value,
    plannedDepartureMs: plannedOf(request, nowMs),
  })
}

/** What a contract's shipment is made from besides the contract itself. */
export interface ContractContext {
  readonly contract: ContractForShipment
  /** The sites of the seller, the buyer and the warehouse, where registered. */
  readonly sites: ReadonlyMap<string, { nameEn: string; place: string; lat: number; lon: number }>
  /** The kg its earlier shipments carry. */
  readonly shippedKg: number
}

/**
 * The plan of a shipment of a contract: from its warehouse (else the seller's site) to the buyer's
 * site, the rest of its quantity unless `qtyKg` says less, leaving at the start of the pick-up
 * window (or now, when that has passed). Refused: VALIDATION_FAILED when hand fields are mixed in,
 * CONTRACT_QTY_EXCEEDED past the contract's quantity, SHIPMENT_PLACE_UNKNOWN when a party has no
 * registered site.
 */
export function planFromContract(
  { contract, sites, shippedKg }: ContractContext,
  request: CreateRequest,
  nowMs: number,
): Result<ShipmentPlan> {
  const mixed = HAND_FIELDS.filter((f) => request[f] !== undefined)
  if (mixed.length > 0)
    return refuse(
      'VALIDATION_FAILED',
      'A shipment of a contract takes its places and goods from the contract',
      mixed.map((f) => ({ field: `/${f}`, message: 'must be absent with contractId' })),
    )
  const leftKg = contract.qtyKg - shippedKg
  const qtyKg = request.qtyKg ?? leftKg
  if (leftKg <= 0 || qtyKg > leftKg)
    return refuse(
      'CONTRACT_QTY_EXCEEDED',
      `contract ${contract.id} is for ${contract.qtyKg} kg, of which ${shippedKg} kg are already shipped`,
      [
        {
          field: request.qtyKg === undefined ? '/contractId' : '/qtyKg',
          message: `at most ${Math.max(0, leftKg)} kg`,
        },
      ],
    )
  const from =
    (contract.warehouseId !== null ? sites.get(contract.warehouseId) : undefined) ??
    sites.get(contract.sellerId)
  const to = sites.get(contract.buyerId)
  if (!from || !to)
    return refuse(
      'SHIPMENT_PLACE_UNKNOWN',
      `the ${from ? 'buyer' : 'seller'} of contract ${contract.id} has no registered site`,
    )
  return ok({
    contractId: contract.id,
    shipperId: contract.sellerId,
    consigneeId: contract.buyerId,
    instrument: contract.instrument,
    goods: contract.instrumentName ?? contract.instrument,
    qtyKg,
    truckPlate: request.truckPlate ?? null,
    driverName: request.driverName ?? null,
    origin: enterpriseEndpoint(from),
    destination: enterpriseEndpoint(to),
    plannedDepartureMs: plannedOf(request, Math.max(nowMs, pickupStartMs(contract.pickupFrom))),
  })
}
