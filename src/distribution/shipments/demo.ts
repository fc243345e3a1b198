/**
 * The demo's shipments: a dozen synthetic journeys of the demo mill's goods to buyers across China,
 * in every state (planned, loaded, on the road with position fixes, held by an exception,
 * delivered with proof). The demo mill's contracts, where there are any, are shipped first. Times
 * are set back from `now` by the trip's duration under the driving rules, and every event passes
 * the state machine.
 * @module
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { demoParties } from '../../trading/demo/index.ts'
import { type ContractContext, planFromContract, type ShipmentPlan } from './creation.ts'
import {
  DRIVERS,
  JOURNEYS,
  type Journey,
  PAYLOAD_KG,
  RECEIVERS,
  type Timeline,
  TRUCKS,
  timelineOf,
} from './demo-timeline.ts'
import { cityOf, enterpriseEndpoint, formulaRoadM } from './endpoints.ts'
import { etaOf } from './eta.ts'
import { type MachineState, nextState } from './machine.ts'
import type { ProofOfDelivery } from './model.ts'
import {
  type ContractForShipment,
  type Db,
  enterpriseSites,
  findContract,
  insertEvent,
  insertShipment,
  updateShipmentState,
} from './store.ts'
import { newTrackingCode } from './tracking-code.ts'

const META_KEY = 'demo_shipments'
/** How long before its first event a demo shipment was planned. */
const CREATED_BEFORE_MS = 26 * 3_600_000

/** The demo mill's contracts not shipped yet, oldest first (at most `limit`). */
async function unshippedContracts(db: Db, mill: string, limit: number): Promise<ContractForShipment[]> {
  const rows = await db
    .selectFrom('contract')
    .select('id')
    .where('seller_id', '=', mill)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('shipment').select('id').whereRef('shipment.contract_id', '=', 'contract.id'))),
    )
    .orderBy('id')
    .limit(limit)
    .execute()
  const found: ContractForShipment[] = []
  for (const { id } of rows) {
    const contract = await findContract(db, String(id))
    if (contract) found.push(contract)
  }
  return found
}

/** Who the demo's journeys are between: the mill, a buyer in each city, the mill's contracts. */
interface DemoCast {
  readonly mill: string
  readonly buyerIn: (city: string) => string
  readonly contracts: readonly ContractForShipment[]
  readonly sites: ContractContext['sites']
}

function planOf(cast: DemoCast, i: number, journey: Journey, nowMs: number): ShipmentPlan | null {
  const truck = { truckPlate: TRUCKS[i % TRUCKS.length]!, driverName: DRIVERS[i % DRIVERS.length]! }
  const contract = cast.contracts[i]
  if (contract) {
    const plan = planFromContract(
      { contract, sites: cast.sites, shippedKg: 0 },
      { qtyKg: Math.min(PAYLOAD_KG, contract.qtyKg) },
      nowMs,
    )
    if (plan.ok) return { ...plan.value, ...truck }
  }
  const consignee = cast.buyerIn(journey.city)
  const from = cast.sites.get(cast.mill)
  const to = cast.sites.get(consignee)
  if (!from || !to) return null
  return {
    contractId: null,
    shipperId: cast.mill,
    consigneeId: consignee,
    instrument: null,
    goods: journey.goods,
    qtyKg: journey.qtyKg,
    ...truck,
    origin: enterpriseEndpoint(from),
    destination: enterpriseEndpoint(to),
    plannedDepartureMs: nowMs,
  }
}

async function storeJourney(
  db: Db,
  plan: ShipmentPlan,
  timeline: Timeline,
  random: (size: number) => Uint8Array,
) {
  const planned = { ...plan, plannedDepartureMs: timeline.plannedDepartureMs }
  const distanceM = formulaRoadM(plan.origin, plan.destination)
  const first = timeline.events[0]?.atMs ?? timeline.plannedDepartureMs
  const shipment = await insertShipment(db, {
    ...planned,
    trackingCode: newTrackingCode(random),
    distanceM,
    etaMs: etaOf({ status: 'planned', ...planned, events: [] }, formulaRoadM),
    createdBy: null,
    createdAtMs: Math.min(first, timeline.plannedDepartureMs) - CREATED_BEFORE_MS,
    synthetic: true,
  })
  let state: MachineState = { status: 'planned', heldStatus: null }
  let proof: ProofOfDelivery | null = null
  const stored = []
  for (const e of timeline.events) {
    const next = nextState(state, e.type)
    if (!next.ok) throw new Error(`demo shipment ${shipment.id}: ${next.detail}`)
    state = next.value
    const { point, ...fields } = e
    const event = {
      ...fields,
      lat: point?.lat ?? null,
      lon: point?.lon ?? null,
      recordedBy: null,
      recordedAtMs: e.atMs,
    }
    stored.push(await insertEvent(db, shipment.id, event, state.status))
    if (e.type === 'delivered')
      proof = {
        receiverName: `${RECEIVERS[stored.length % RECEIVERS.length]} (synthetic)`,
        signedAtMs: e.atMs,
        note: null,
      }
  }
  const last = stored[stored.length - 1]
  if (!last) return
  await updateShipmentState(db, shipment.id, {
    state,
    etaMs: etaOf({ ...planned, status: state.status, events: stored }, formulaRoadM),
    deliveredAtMs: state.status === 'delivered' ? last.atMs : null,
    proof,
    atMs: last.atMs,
  })
}

/**
 * Writes the demo shipments once (a second call, or a database without the demo cluster, writes
 * nothing); returns how many it wrote. Tracking codes are random, as always.
 *
 * @example await seedDemoShipments(db, new Date()) // 12
 */
export async function seedDemoShipments(
  db: Kysely<Database>,
  now: Date | number,
  random: (size: number) => Uint8Array = randomBytes,
): Promise<number> {
  const nowMs = typeof now === 'number' ? now : now.getTime()
  const parties = await demoParties(db)
  if (!parties) return 0
  return db.transaction().execute(async (trx) => {
    const done = await trx.selectFrom('app_meta').select('key').where('key', '=', META_KEY).executeTakeFirst()
    if (done) return 0
    const buyers = await trx
      .selectFrom('enterprise')
      .select(['id', 'place', 'lat', 'lon'])
      .where('kind', '=', 'buyer')
      .orderBy('id')
      .execute()
    const contracts = await unshippedContracts(trx, parties.mill, 2)
    const ends = contracts.flatMap((c) => [c.sellerId, c.buyerId, ...(c.warehouseId ? [c.warehouseId] : [])])
    const cast: DemoCast = {
      mill: parties.mill,
      buyerIn: (city) => (city && buyers.find((b) => cityOf(b.place, b) === city)?.id) || parties.buyer,
      contracts,
      sites: await enterpriseSites(trx, [parties.mill, ...buyers.map((b) => b.id), ...ends]),
    }
    let written = 0
    for (const [i, journey] of JOURNEYS.entries()) {
      const plan = planOf(cast, i, journey, nowMs)
      if (!plan) continue
      await storeJourney(trx, plan, timelineOf(plan, journey.stage, nowMs), random)
      written++
    }
    await trx
      .insertInto('app_meta')
      .values({ key: META_KEY, value: JSON.stringify({ synthetic: true, shipments: written }) })
      .execute()
    return written
  })
}
