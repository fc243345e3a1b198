/**
 * The shipments' use cases behind one object: create (from a contract or by hand), list, read,
 * record events, and the public tracking read. The clock, the random bytes of tracking codes and
 * the road router are injected.
 * @module
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { ok, type Result, refuse } from '../../kernel/index.ts'
import type { Database } from '../../platform/db/index.ts'
import { formulaRouter, type RoadRouter } from '../geo/index.ts'
import { type CreateRequest, planByHand, planFromContract, type ShipmentPlan } from './creation.ts'
import { formulaRoadM } from './endpoints.ts'
import { etaOf, type RoadDistance } from './eta.ts'
import { checkEvent, type EventRequest } from './events.ts'
import type { LatLon, Shipment, ShipmentEvent, ShipmentReader, ShipmentStatus } from './model.ts'
import {
  type Db,
  enterpriseSites,
  eventsOf,
  findByTrackingCode,
  findContract,
  findShipment,
  insertEvent,
  insertShipment,
  listShipments,
  shippedKgOf,
  updateShipmentState,
} from './store.ts'
import { newTrackingCode } from './tracking-code.ts'

export interface ShipmentServiceOptions {
  readonly db: Kysely<Database>
  /** Epoch ms (default: the system clock). */
  readonly clock?: () => number
  /** Where tracking codes get their randomness (default: node:crypto). */
  readonly randomBytes?: (size: number) => Uint8Array
  /** The origin → destination road distance of a new shipment (default: the circuity formula). */
  readonly router?: RoadRouter
}

/** A shipment with its events, oldest first. */
export interface ShipmentWithEvents {
  readonly shipment: Shipment
  readonly events: readonly ShipmentEvent[]
}

/** Tries before giving up on drawing an unused tracking code (a clash is about 1 in 10^14). */
const CODE_ATTEMPTS = 5

const visibilityOf = (reader: ShipmentReader): string | null => (reader.seesAll ? null : reader.enterpriseId)

const samePoint = (a: LatLon, b: LatLon) => a.lat === b.lat && a.lon === b.lon

/**
 * The road distances the ETA uses: the stored origin → destination distance (which may be a routing
 * server's), the formula for any other leg (from a position fix).
 */
const roadOf =
  (s: Pick<Shipment, 'origin' | 'destination' | 'distanceM'>): RoadDistance =>
  (from, to) =>
    samePoint(from, s.origin) && samePoint(to, s.destination) ? s.distanceM : formulaRoadM(from, to)

export class ShipmentService {
  readonly #db: Kysely<Database>
  readonly #now: () => number
  readonly #randomBytes: (size: number) => Uint8Array
  readonly #router: RoadRouter

  constructor(options: ShipmentServiceOptions) {
    this.#db = options.db
    this.#now = options.clock ?? Date.now
    this.#randomBytes = options.randomBytes ?? nodeRandomBytes
    this.#router = options.router ?? formulaRouter
  }

  /**
   * A new shipment in `planned`: of a contract the reader's enterprise is party to (or any, for
   * admin and warehouse roles; others get CONTRACT_NOT_FOUND, as if it did not exist), or by hand.
   */
  async create(reader: ShipmentReader, request: CreateRequest): Promise<Result<Shipment>> {
    const now = this.#now()
    if (request.contractId === undefined) {
      const plan = planByHand(reader.enterpriseId, request, now)
      return plan.ok ? ok(await this.#store(this.#db, plan.value, reader, now)) : plan
    }
    const contractId = request.contractId
    return this.#db.transaction().execute(async (trx) => {
      const contract = await findContract(trx, contractId, { lock: true })
      const party =
        contract && (contract.buyerId === reader.enterpriseId || contract.sellerId === reader.enterpriseId)
      if (!contract || !(party || reader.seesAll))
        return refuse('CONTRACT_NOT_FOUND', `no contract ${contractId}`, [
          { field: '/contractId', message: 'is not a contract of your enterprise' },
        ])
      const sites = await enterpriseSites(
        trx,
        [contract.sellerId, contract.buyerId, contract.warehouseId].filter((id) => id !== null),
      )
      const plan = planFromContract(
        { contract, sites, shippedKg: await shippedKgOf(trx, contract.id) },
        request,
        now,
      )
      return plan.ok ? ok(await this.#store(trx, plan.value, reader, now)) : plan
    })
  }

  async #store(db: Db, plan: ShipmentPlan, reader: ShipmentReader | null, now: number): Promise<Shipment> {
    const lane = await this.#router.lane(plan.origin, plan.destination)
    const distanceM = Math.round(lane.roadKm * 1000)
    const etaMs = etaOf(
      { status: 'planned', ...plan, events: [] },
      roadOf({ origin: plan.origin, destination: plan.destination, distanceM }),
    )
    return insertShipment(db, {
      ...plan,
      trackingCode: await this.#unusedCode(db),
      distanceM,
      etaMs,
      createdBy: reader?.userId ?? null,
      createdAtMs: now,
      synthetic: false,
    })
  }

  async #unusedCode(db: Db): Promise<string> {
    for (let i = 0; i < CODE_ATTEMPTS; i++) {
      const code = newTrackingCode(this.#randomBytes)
      if (!(await findByTrackingCode(db, code))) return code
    }
    throw new Error('no unused tracking code after several draws: is the random source broken?')
  }

  /** The shipments the reader may see, newest first. */
  async list(
    reader: ShipmentReader,
    filter: { status?: ShipmentStatus; beforeId?: string; limit: number },
  ): Promise<Shipment[]> {
    return listShipments(this.#db, { ...filter, visibleTo: visibilityOf(reader) })
  }

  /** A shipment with its events; null when there is none the reader may see. */
  async get(reader: ShipmentReader, id: string): Promise<ShipmentWithEvents | null> {
    const shipment = await findShipment(this.#db, id, visibilityOf(reader))
    return shipment ? { shipment, events: await eventsOf(this.#db, id) } : null
  }

  /**
   * Records an event and moves the shipment on, or refuses it (SHIPMENT_NOT_FOUND for a shipment
   * the reader may not see; see checkEvent for the rest) having changed nothing.
   */
  async addEvent(
    reader: ShipmentReader,
    id: string,
    request: EventRequest,
  ): Promise<Result<ShipmentWithEvents & { event: ShipmentEvent }>> {
    const now = this.#now()
    return this.#db.transaction().execute(async (trx) => {
      const shipment = await findShipment(trx, id, visibilityOf(reader), { lock: true })
      if (!shipment) return refuse('SHIPMENT_NOT_FOUND', `no shipment ${id}`)
      const before = await eventsOf(trx, id)
      const checked = checkEvent(
        { ...shipment, latestEventAtMs: before.length > 0 ? before[before.length - 1]!.atMs : null },
        request,
        now,
      )
      if (!checked.ok) return checked
      const { next, event, proof } = checked.value
      const stored = await insertEvent(
        trx,
        id,
        { ...event, recordedBy: reader.userId, recordedAtMs: now },
        next.status,
      )
      const events = [...before, stored]
      const etaMs = etaOf({ ...shipment, status: next.status, events }, roadOf(shipment))
      const moved = await updateShipmentState(trx, id, {
        state: next,
        etaMs,
        deliveredAtMs: next.status === 'delivered' ? event.atMs : null,
        proof,
        atMs: now,
      })
      return ok({ shipment: moved, events, event: stored })
    })
  }

  /** The shipment of a tracking code (already normalised), for the public page; null when none. */
  async track(code: string): Promise<ShipmentWithEvents | null> {
    const shipment = await findByTrackingCode(this.#db, code)
    return shipment ? { shipment, events: await eventsOf(this.#db, shipment.id) } : null
  }
}
