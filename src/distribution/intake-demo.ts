/**
 * The demo's intake plans: the current and the previous month's (Asia/Shanghai), synthetic. The
 * plants are the demo registry's largest casting processors of the cluster (Huiguo and the Gongyi
 * towns, at their registry coordinates); the suppliers are the smelters of the reference places
 * within 1000 km of the cluster, each offering molten metal (when within the ladle trucks' range of
 * the cluster) and ingot.
 *
 * Every figure is an assumption of the demo, not market data: capacities are the places' noted
 * estimates (SRC/EST, or synthetic where the note gives none); the share offered to the cluster,
 * the premiums over the base price (molten 150–220 CNY/t, ingot 50–120) and the plants' demand of
 * primary metal are plausible, invented figures.
 * @module
 */
import { type Kysely, sql } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import { shanghaiDateOf } from '../pricing/index.ts'
import { CLUSTER_PLACE_ID, formulaLane, greatCircleKm, placeById } from './geo/index.ts'
import { MOLTEN_MAX_ROAD_KM } from './intake/index.ts'
import { type IntakePlanInput, planAndSaveIntake } from './intake-service.ts'

const META_KEY = 'demo_intake_plans'
const DAY_MS = 86_400_000
/** "Surrounding": Xinjiang (about 2400 km) is a long-haul source, not part of the month's plan. */
const SURROUNDING_KM = 1000
/** How many of the cluster's processors the plan feeds: the largest that cast (and so melt). */
const PLANT_COUNT = 10

/** Annual capacity (kt) from each place's note, and the demo's premiums over the base, CNY/t. */
const SMELTERS: readonly {
  readonly placeId: string
  readonly capacityKt: number
  readonly moltenPremium: number
  readonly ingotPremium: number
}[] = [
  { placeId: 'zhongfu-gongyi', capacityKt: 250, moltenPremium: 150, ingotPremium: 80 }, // EST ~250 kt
  { placeId: 'yidian-yichuan', capacityKt: 500, moltenPremium: 180, ingotPremium: 90 }, // EST ~0.5 Mt
  { placeId: 'wanji-xinan', capacityKt: 300, moltenPremium: 200, ingotPremium: 100 }, // EST 0.2–0.4 Mt
  { placeId: 'wanfang-jiaozuo', capacityKt: 420, moltenPremium: 170, ingotPremium: 70 }, // SRC 420 kt
  { placeId: 'dengdian-dengfeng', capacityKt: 150, moltenPremium: 220, ingotPremium: 110 }, // EST 0.1–0.2 Mt
  { placeId: 'linfeng-linzhou', capacityKt: 100, moltenPremium: 200, ingotPremium: 120 }, // synthetic
  { placeId: 'sanmenxia-smelter', capacityKt: 240, moltenPremium: 190, ingotPremium: 90 }, // SRC 240 kt
  { placeId: 'zhongrun-luliang', capacityKt: 500, moltenPremium: 190, ingotPremium: 60 }, // SRC 500 kt planned
  { placeId: 'hongqiao-zouping', capacityKt: 4000, moltenPremium: 180, ingotPremium: 50 }, // EST ~4 Mt
  { placeId: 'hongqiao-binzhou', capacityKt: 2000, moltenPremium: 180, ingotPremium: 55 }, // synthetic
  { placeId: 'baotou-smelters', capacityKt: 2000, moltenPremium: 180, ingotPremium: 60 }, // synthetic
]

/** Smelters run at 90 %; of a month's output they offer the cluster half their molten, a fifth as ingot. */
const UTILISATION = 0.9
const MOLTEN_OFFERED = 0.5
const INGOT_OFFERED = 0.2
/** A plant runs at 85 % and takes 60 % of its metal as primary aluminium (the rest is scrap and returns). */
const PLANT_UTILISATION = 0.85
const PRIMARY_SHARE = 0.6
/** Of its primary metal a giant (400 kt/y and more) takes 35 % molten, a smaller plant 25 %. */
const moltenShareOf = (capacityT: number) => (capacityT >= 400_000 ? 0.35 : 0.25)

const round100 = (t: number) => 100 * Math.round(t / 100)

/** The month before `YYYY-MM`. */
export function monthBefore(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number]
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`
}

interface DemoPlant {
  readonly id: string
  readonly name: string
  readonly lat: number
  readonly lon: number
  readonly capacityT: number
}

async function clusterPlants(db: Kysely<Database>): Promise<DemoPlant[]> {
  const rows = await db
    .selectFrom('enterprise as e')
    .innerJoin('enterprise_capacity as c', 'c.enterprise_id', 'e.id')
    .select(['e.id', 'e.name_en', 'e.name_zh', 'e.lat', 'e.lon'])
    .select(sql<number>`sum(c.tonnes_per_year)::float8`.as('capacity_t'))
    .where('e.kind', '=', 'processor')
    .where('e.in_cluster', '=', true)
    .where(sql<boolean>`e.stages && array['casting', 'cast_rolling']::text[]`)
    .groupBy(['e.id', 'e.name_en', 'e.name_zh', 'e.lat', 'e.lon'])
    .orderBy('capacity_t', 'desc')
    .orderBy('e.id')
    .limit(PLANT_COUNT)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: `${r.name_en} (${r.name_zh})`,
    lat: r.lat,
    lon: r.lon,
    capacityT: r.capacity_t,
  }))
}

/**
 * The demo's problem for one month: `scale` multiplies demand, the premiums move by `moltenShift`
 * and `ingotShift` CNY/t (the previous month had dearer molten and cheaper ingot).
 */
export function demoIntakeProblem(
  month: string,
  plants: readonly DemoPlant[],
  { scale, moltenShift, ingotShift }: { scale: number; moltenShift: number; ingotShift: number },
): IntakePlanInput {
  const cluster = placeById(CLUSTER_PLACE_ID)!
  const suppliers = SMELTERS.flatMap((s) => {
    const place = placeById(s.placeId)
    if (place?.kind !== 'smelter') throw new Error(`demo smelter ${s.placeId} is not a smelter place`)
    if (greatCircleKm(place, cluster) > SURROUNDING_KM) return []
    const monthlyT = (s.capacityKt * 1000 * UTILISATION) / 12
    const base = { id: place.id, name: place.name, lat: place.lat, lon: place.lon }
    const ingot = {
      ...base,
      form: 'ingot' as const,
      capacityT: round100(monthlyT * INGOT_OFFERED),
      premiumCnyPerT: s.ingotPremium + ingotShift,
    }
    if (formulaLane(place, cluster).roadKm > MOLTEN_MAX_ROAD_KM) return [ingot]
    const molten = {
      ...base,
      form: 'molten' as const,
      capacityT: round100(monthlyT * MOLTEN_OFFERED),
      premiumCnyPerT: s.moltenPremium + moltenShift,
    }
    return [molten, ingot]
  })
  return {
    month,
    suppliers,
    plants: plants.map((p) => {
      const primaryT = (p.capacityT / 12) * PLANT_UTILISATION * PRIMARY_SHARE * scale
      const molten = round100(primaryT * moltenShareOf(p.capacityT))
      return {
        id: p.id,
        name: p.name,
        lat: p.lat,
        lon: p.lon,
        demandT: { molten, ingot: round100(primaryT) - molten },
      }
    }),
  }
}

/**
 * Saves the demo's intake plans for the current and the previous month (Asia/Shanghai of `nowMs`),
 * synthetic, once: an app_meta key records it, so a later start writes nothing. Writes nothing
 * when the registry has no casting processors in the cluster.
 *
 * @returns the number of plans written (2, or 0)
 * @example await seedDemoIntakePlans(db, Date.now()) // 2
 */
export async function seedDemoIntakePlans(db: Kysely<Database>, nowMs: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const done = await trx.selectFrom('app_meta').select('key').where('key', '=', META_KEY).executeTakeFirst()
    if (done) return 0
    const plants = await clusterPlants(trx)
    if (plants.length === 0) return 0
    const current = shanghaiDateOf(nowMs).slice(0, 7)
    const months = [
      {
        month: monthBefore(current),
        atMs: nowMs - 30 * DAY_MS,
        shifts: { scale: 0.95, moltenShift: 20, ingotShift: -10 },
      },
      { month: current, atMs: nowMs, shifts: { scale: 1, moltenShift: 0, ingotShift: 0 } },
    ]
    for (const { month, atMs, shifts } of months) {
      const saved = await planAndSaveIntake(trx, demoIntakeProblem(month, plants, shifts), {
        createdBy: null,
        createdAtMs: atMs,
        synthetic: true,
      })
      if (!saved.ok) throw new Error(`the demo intake problem of ${month} is invalid: ${saved.detail}`)
    }
    await trx
      .insertInto('app_meta')
      .values({
        key: META_KEY,
        value: JSON.stringify({ synthetic: true, months: months.map((m) => m.month) }),
      })
      .execute()
    return months.length
  })
}
