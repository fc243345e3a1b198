/**
 * The demo's CBAM ledgers, all synthetic: a declared SEE for 2026 from every smelter of the demo
 * cluster (primary 1.6–2.3 tCO2e/t, a few secondary at 0.3–0.6, one corrected so the history
 * shows), and three shipments of the demo mill's sheet and foil to EU importers, delivered to
 * Qingdao and Shanghai port a few days ago, each with its communication built on those declarations.
 * @module
 */
import type { Kysely } from 'kysely'
import { ShipmentService } from '../../distribution/index.ts'
import { createRandom } from '../../kernel/index.ts'
import type { Database } from '../../platform/db/index.ts'
import { demoParties } from '../../trading/demo/index.ts'
import { type CommunicationRequest, type GoodRequest, planCommunication } from './communication-plan.ts'
import { insertCommunication } from './communications-store.ts'
import { insertDeclaration } from './declarations-store.ts'
import type { Declaration } from './model.ts'

const META_KEY = 'demo_cbam'
const YEAR = 2026
const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** Who signs at the ports, as in the shipments' own demo. */
const RECEIVERS = ['周敏', '孙丽', '黄涛']
const VERIFIER = 'Synthetic verifier (demo; no verification took place)'

/** SEE to two decimals, drawn evenly in [min, max]. */
const draw = (random: () => number, min: number, max: number) =>
  Math.round((min + random() * (max - min)) * 100) / 100

interface DemoShipment {
  readonly goods: string
  readonly port: 'qingdao' | 'shanghai'
  readonly portName: string
  readonly truckPlate: string
  /** Hours on the road from Huiguo to the port. */
  readonly driveH: number
  readonly importer: CommunicationRequest['importer']
  readonly lines: readonly (Omit<GoodRequest, 'precursors'> & {
    /** Declared precursors by the index of a smelter's primary declaration, tonnes. */
    readonly declared: readonly (readonly [smelter: number, tonnes: number])[]
    readonly secondary?: readonly (readonly [smelter: number, tonnes: number])[]
    /** Ingot without a declaration, counted at the China default. */
    readonly onDefaultT: number
  })[]
}

const SHIPMENTS: readonly DemoShipment[] = [
  {
    goods: '8011 O household foil 0.011 mm, export to Rotterdam (synthetic)',
    port: 'qingdao',
    portName: 'Qingdao port, export terminal',
    truckPlate: '豫A·C7001',
    driveH: 14,
    importer: { name: 'Rotterdam Foil Imports B.V. (synthetic)', country: 'NL', eori: 'NL812345678' },
    lines: [
      {
        cnCode: '76071190',
        description: '8011 O household foil, rolled, not backed',
        outputT: 12_000,
        shippedT: 24,
        naturalGasNm3: 1_150_000,
        otherDirectTco2e: 0,
        electricityKwh: 15_600_000,
        scrapT: 1100,
        declared: [[0, 10_500]],
        onDefaultT: 900,
      },
    ],
  },
  {
    goods: '1060 H24 sheet 1.0 × 1220 mm, export to Hamburg (synthetic)',
    port: 'shanghai',
    portName: 'Shanghai port, Waigaoqiao terminal',
    truckPlate: '豫A·C7002',
    driveH: 19,
    importer: { name: 'Hamburg Metallhandel GmbH (synthetic)', country: 'DE', eori: 'DE1234567890123' },
    lines: [
      {
        cnCode: '76061191',
        description: '1060 H24 sheet, not alloyed, thickness < 3 mm',
        outputT: 30_000,
        shippedT: 26,
        naturalGasNm3: 2_400_000,
        otherDirectTco2e: 150,
        electricityKwh: 21_000_000,
        scrapT: 2800,
        declared: [[1, 27_000]],
        secondary: [[0, 1500]],
        onDefaultT: 0,
      },
    ],
  },
  {
    goods: '5052 H32 sheet and 8079 foil, export to Antwerp (synthetic)',
    port: 'qingdao',
    portName: 'Qingdao port, export terminal',
    truckPlate: '豫A·C7003',
    driveH: 15,
    importer: { name: 'Antwerp Aluminium Trading NV (synthetic)', country: 'BE', eori: 'BE0123456789' },
    lines: [
      {
        cnCode: '76061292',
        description: '5052 H32 sheet, alloyed, thickness < 3 mm',
        outputT: 8000,
        shippedT: 14,
        naturalGasNm3: 680_000,
        otherDirectTco2e: 0,
        electricityKwh: 6_000_000,
        scrapT: 900,
        declared: [[2, 5500]],
        onDefaultT: 1800,
      },
      {
        cnCode: '76071190',
        description: '8079 O foil for pharmaceutical blister, not backed',
        outputT: 3000,
        shippedT: 8,
        naturalGasNm3: 300_000,
        otherDirectTco2e: 0,
        electricityKwh: 4_200_000,
        scrapT: 200,
        declared: [[2, 2000]],
        onDefaultT: 950,
      },
    ],
  },
]

type Db = Kysely<Database>

/**
 * The demo mill's three export shipments, each loaded, on the road and delivered at its port with a
 * proof of delivery, days before `nowMs` (delivered, so no truck plan of today picks them up).
 */
async function deliveredShipments(db: Db, mill: { id: string; name_en: string }, nowMs: number) {
  const shipments = []
  for (const [i, demo] of SHIPMENTS.entries()) {
    const loadedMs = nowMs - (4 + 3 * i) * DAY_MS
    const creator = new ShipmentService({ db, clock: () => loadedMs - DAY_MS })
    const reader = { userId: 'demo', enterpriseId: mill.id, seesAll: false }
    const created = await creator.create(reader, {
      origin: { place: 'huiguo', name: mill.name_en },
      destination: { place: demo.port, name: demo.portName },
      goods: demo.goods,
      qtyKg: Math.round(demo.lines.reduce((s, l) => s + l.shippedT, 0) * 1000),
      truckPlate: demo.truckPlate,
      plannedDepartureAt: new Date(loadedMs + HOUR_MS).toISOString(),
    })
    if (!created.ok) throw new Error(`demo CBAM shipment: ${created.detail}`)
    const mover = new ShipmentService({ db, clock: () => nowMs })
    const deliveredMs = loadedMs + (1 + demo.driveH) * HOUR_MS
    const events = [
      { type: 'loaded' as const, atMs: loadedMs, proof: null },
      { type: 'departed' as const, atMs: loadedMs + HOUR_MS, proof: null },
      {
        type: 'delivered' as const,
        atMs: deliveredMs,
        proof: {
          receiverName: `${RECEIVERS[i % RECEIVERS.length]} (synthetic)`,
          signedAtMs: deliveredMs,
          note: null,
        },
      },
    ]
    for (const e of events) {
      const moved = await mover.addEvent(reader, created.value.id, {
        ...e,
        place: null,
        lat: null,
        lon: null,
        note: null,
      })
      if (!moved.ok) throw new Error(`demo CBAM shipment ${created.value.id}: ${moved.detail}`)
    }
    await db
      .updateTable('shipment')
      .set({ synthetic: true, created_by: null })
      .where('id', '=', BigInt(created.value.id))
      .execute()
    await db
      .updateTable('shipment_event')
      .set({ recorded_by: null })
      .where('shipment_id', '=', BigInt(created.value.id))
      .execute()
    shipments.push(created.value)
  }
  return shipments
}

/**
 * Writes the demo's declarations, shipments and communications once (a second call, or a database
 * without the demo cluster and its smelters, writes nothing); returns how many communications it
 * wrote. Values come from a fixed seed, so every demo shows the same figures. The marker is taken
 * first: a start that stops half-way leaves a smaller demo, never a doubled one.
 *
 * @example await seedDemoCbam(db, Date.now()) // 3
 */
export async function seedDemoCbam(db: Db, nowMs: number): Promise<number> {
  const parties = await demoParties(db)
  if (!parties) return 0
  const smelters = await db
    .selectFrom('enterprise')
    .select(['id', 'name_en'])
    .where('kind', '=', 'smelter')
    .orderBy('id')
    .execute()
  const mill = await db
    .selectFrom('enterprise')
    .select(['id', 'name_en', 'place'])
    .where('id', '=', parties.mill)
    .executeTakeFirst()
  if (smelters.length < 3 || !mill) return 0
  const claimed = await db
    .insertInto('app_meta')
    .values({ key: META_KEY, value: JSON.stringify({ synthetic: true, communications: SHIPMENTS.length }) })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst()
  if (!claimed) return 0

  const shipments = await deliveredShipments(db, mill, nowMs)
  const admin = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'demo-admin')
    .executeTakeFirst()
  const declaredBy = admin?.id ?? null
  return db.transaction().execute(async (trx) => {
    const random = createRandom(7)
    const next = () => random.next()
    const declare = (
      enterpriseId: string,
      see: number,
      route: 'primary' | 'secondary',
      daysAgo: number,
      evidence: string,
    ) =>
      insertDeclaration(trx, {
        enterpriseId,
        cnCode: '7601',
        year: YEAR,
        quarter: null,
        seeTco2ePerT: see,
        route,
        verifier: VERIFIER,
        evidence,
        declaredBy,
        declaredAtMs: nowMs - daysAgo * DAY_MS,
        synthetic: true,
      })
    // Every smelter declares its 2026 primary ingot; the first corrects a preliminary figure.
    await declare(
      smelters[0]!.id,
      2.21,
      'primary',
      60,
      'Preliminary monitoring figure (synthetic), superseded',
    )
    const primary: Declaration[] = []
    for (const [i, s] of smelters.entries())
      primary.push(
        await declare(
          s.id,
          draw(next, 1.6, 2.3),
          'primary',
          50 - i,
          'Annual emissions report 2026 (synthetic)',
        ),
      )
    const secondary: Declaration[] = []
    for (const s of smelters.slice(0, 3))
      secondary.push(
        await declare(s.id, draw(next, 0.3, 0.6), 'secondary', 35, 'Remelt line, > 50 % scrap (synthetic)'),
      )
    const declarations = new Map([...primary, ...secondary].map((d) => [d.id, d]))

    for (const [i, demo] of SHIPMENTS.entries()) {
      const shipment = shipments[i]!
      const request: CommunicationRequest = {
        importer: demo.importer,
        installation: {
          name: `${mill.name_en}, rolling mill (synthetic)`,
          address: `${mill.place}, Zhengzhou, Henan, China`,
          country: 'CN',
          enterpriseId: mill.id,
        },
        year: YEAR,
        goods: demo.lines.map(({ declared, secondary: remelt, onDefaultT, ...line }) => ({
          ...line,
          precursors: [
            ...declared.map(([s, tonnes]) => ({ declarationId: primary[s]!.id, tonnes })),
            ...(remelt ?? []).map(([s, tonnes]) => ({ declarationId: secondary[s]!.id, tonnes })),
            ...(onDefaultT > 0 ? [{ cnCode: '7601', tonnes: onDefaultT }] : []),
          ],
        })),
      }
      const plan = planCommunication(request, {
        shipment,
        declarations,
        installationKnown: true,
        userId: null,
        nowMs,
        synthetic: true,
      })
      if (!plan.ok) throw new Error(`demo CBAM communication: ${plan.detail}`)
      await insertCommunication(trx, plan.value)
    }
    return SHIPMENTS.length
  })
}
