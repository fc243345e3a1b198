/**
 * The demo's energy ledger: monthly records of the last 24 complete months (Asia/Shanghai) for the
 * cluster's processors, synthetic. Each processor gets 2–4 lines that follow from its registry
 * stages; each line a 12-month intensity drawn inside one GB 21351-2023 level (about 15 % of lines
 * at level 1, 40 % level 2, 35 % level 3, 10 % above level 3) with monthly noise, split into gas
 * and electricity by the line's typical mix (research/carbon.md 3.3). A quarter of the processors
 * run rooftop photovoltaics, some buy green certificates; a few months carry a correction with its
 * reason. Every figure is invented for the demo.
 * @module
 */
import { type Kysely, sql } from 'kysely'
import { createRandom, type Random } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { KGCE_PER_KWH, KGCE_PER_NM3_GAS, LINE_LIMITS, type ProcessLine } from './energy/levels.ts'
import { addMonths, latestCompleteMonth, monthsBetween } from './energy/months.ts'
import { insertRevisions, type NewRevision } from './energy/store.ts'

const META_KEY = 'demo_ecology'
const SEED = 2107
const MONTHS = 24
const DAY_MS = 86_400_000

/** Of a line's energy (kgce), the part from natural gas; about 1 % is other fuels, the rest power. */
const GAS_SHARE: Record<ProcessLine, number> = {
  casting_molten: 0.85,
  casting_ingot: 0.9,
  hot_rolling: 0.6,
  cold_rolling: 0.15,
  cold_rolling_anneal: 0.45,
  twin_roll_casting: 0.4,
  foil_single_zero: 0.05,
  foil_double_zero: 0.05,
}
const OTHER_FUELS_SHARE = 0.01
/** Diesel: about 3.10 kgCO2/kg at 1.4571 kgce/kg. */
const KGCO2_PER_KGCE_DIESEL = 2.13
/** Of a plant's monthly capacity, what each line handles (a tonne passes several lines). */
const THROUGHPUT: Record<ProcessLine, number> = {
  casting_molten: 0.9,
  casting_ingot: 0.6,
  hot_rolling: 0.6,
  cold_rolling: 0.7,
  cold_rolling_anneal: 0.5,
  twin_roll_casting: 0.35,
  foil_single_zero: 0.3,
  foil_double_zero: 0.25,
}
/** The demo mill's lines: no twin-roll casting, so there is a line left to submit by hand. */
const MILL_LINES: readonly ProcessLine[] = [
  'casting_molten',
  'hot_rolling',
  'cold_rolling_anneal',
  'foil_double_zero',
]

interface Processor {
  readonly id: string
  readonly stages: readonly string[]
  readonly capacityT: number
  readonly topTen: boolean
}

/** The lines a processor runs, from its stages: at least 2, at most 4. */
export function linesOf(stages: readonly string[], rng: Random): ProcessLine[] {
  const has = (s: string) => stages.includes(s)
  const lines: ProcessLine[] = []
  if (has('casting')) lines.push(has('recycling') || rng.chance(0.35) ? 'casting_ingot' : 'casting_molten')
  if (has('cast_rolling')) lines.push('twin_roll_casting')
  if (has('hot_rolling')) lines.push('hot_rolling')
  if (has('cold_rolling')) lines.push(rng.chance(0.5) ? 'cold_rolling_anneal' : 'cold_rolling')
  if (has('foil_rolling')) lines.push(rng.chance(0.5) ? 'foil_double_zero' : 'foil_single_zero')
  if (lines.length < 2) {
    if (has('foil_rolling'))
      lines.push(lines.includes('foil_double_zero') ? 'foil_single_zero' : 'foil_double_zero')
    else if (has('cold_rolling'))
      lines.push(lines.includes('cold_rolling') ? 'cold_rolling_anneal' : 'cold_rolling')
    else lines.push('casting_ingot' === lines[0] ? 'casting_molten' : 'casting_ingot')
  }
  return lines.length > 4 ? rng.sample(lines, 4) : lines
}

/** A 12-month intensity inside a level drawn with the demo's weights. */
function targetIntensity(line: ProcessLine, rng: Random): number {
  const [l1, l2, l3] = LINE_LIMITS[line].kgcePerT
  const level = rng.weighted([
    [1, 15],
    [2, 40],
    [3, 35],
    [4, 10],
  ] as const)
  const [lo, hi] =
    level === 1 ? [0.8 * l1, l1] : level === 2 ? [l1, l2] : level === 3 ? [l2, l3] : [l3, 1.25 * l3]
  // Keep clear of the bounds, so monthly noise rarely moves the year's level.
  return lo + (hi - lo) * (0.15 + 0.7 * rng.next())
}

const round1 = (x: number) => Math.round(x * 10) / 10

interface Mix {
  readonly pvShare: number
  readonly greenShare: number
}

function monthFigures(
  line: ProcessLine,
  intensity: number,
  outputT: number,
  month: string,
  mix: Mix,
  rng: Random,
): Omit<
  NewRevision,
  'enterpriseId' | 'month' | 'line' | 'revision' | 'reason' | 'submittedBy' | 'submittedAtMs' | 'synthetic'
> {
  const m = Number(month.slice(5, 7))
  // Winter months burn more gas for heating the furnaces up and the halls.
  const winter = m === 12 || m <= 2 ? 1.04 : m >= 6 && m <= 8 ? 0.98 : 1
  const kgce = intensity * winter * (1 + rng.normal(0, 0.03)) * outputT
  const gasShare = GAS_SHARE[line]
  const otherFuelsKgce = round1(kgce * OTHER_FUELS_SHARE)
  const naturalGasNm3 = Math.round((kgce * gasShare) / KGCE_PER_NM3_GAS)
  const kwh = (kgce * (1 - gasShare - OTHER_FUELS_SHARE)) / KGCE_PER_KWH
  // PV yields more in summer.
  const pv = mix.pvShare * (m >= 5 && m <= 9 ? 1.25 : m <= 2 || m === 12 ? 0.7 : 1)
  const ownPvKwh = Math.round(kwh * pv)
  const greenCertKwh = Math.round(kwh * mix.greenShare)
  return {
    gridKwh: Math.round(kwh) - ownPvKwh - greenCertKwh,
    ownPvKwh,
    greenCertKwh,
    naturalGasNm3,
    otherFuelsKgce,
    otherDirectKgco2: round1(otherFuelsKgce * KGCO2_PER_KGCE_DIESEL),
    outputT,
  }
}

const CORRECTIONS: readonly { reason: string; fix: (f: NewRevision) => Partial<NewRevision> }[] = [
  {
    reason: '补录主变压器电表读数 / main transformer meter reading added after the power bill arrived',
    fix: (f) => ({ gridKwh: Math.round(f.gridKwh * 1.08) }),
  },
  {
    reason: '产量按入库单更正 / output corrected to the warehouse receipts',
    fix: (f) => ({ outputT: round1(f.outputT * 0.96) }),
  },
  {
    reason: '天然气表换表，按燃气公司账单更正 / gas meter replaced; corrected to the gas company bill',
    fix: (f) => ({ naturalGasNm3: Math.round(f.naturalGasNm3 * 1.05) }),
  },
]

async function clusterProcessors(db: Kysely<Database>): Promise<Processor[]> {
  const rows = await db
    .selectFrom('enterprise as e')
    .leftJoin('enterprise_capacity as c', 'c.enterprise_id', 'e.id')
    .select(['e.id', 'e.stages', 'e.top_ten_sheet_strip'])
    .select(sql<number>`coalesce(sum(c.tonnes_per_year), 0)::float8`.as('capacity_t'))
    .where('e.kind', '=', 'processor')
    .where('e.in_cluster', '=', true)
    .groupBy(['e.id', 'e.stages', 'e.top_ten_sheet_strip'])
    .orderBy('e.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    stages: r.stages,
    capacityT: r.capacity_t,
    topTen: r.top_ten_sheet_strip,
  }))
}

/** The demo's records for the processors over the months (pure but for the random draws). */
export function demoRecords(
  processors: readonly Processor[],
  months: readonly string[],
  rng: Random,
): NewRevision[] {
  const out: NewRevision[] = []
  const millId = processors.find((p) => p.topTen)?.id
  let corrections = 0
  for (const p of processors) {
    const lines = p.id === millId ? [...MILL_LINES] : linesOf(p.stages, rng)
    const mix: Mix = {
      pvShare: p.id === millId || rng.chance(0.25) ? 0.05 + 0.2 * rng.next() : 0,
      greenShare: p.id === millId || rng.chance(0.15) ? 0.1 + 0.3 * rng.next() : 0,
    }
    const monthlyT = Math.max(p.capacityT, 6000) / 12
    const utilisation = 0.75 + 0.15 * rng.next()
    for (const line of lines) {
      const intensity = targetIntensity(line, rng)
      for (const month of months) {
        const seasonal = month.endsWith('-02') ? 0.85 : 1
        const outputT = round1(
          monthlyT * utilisation * THROUGHPUT[line] * seasonal * (1 + rng.normal(0, 0.05)),
        )
        const [y, mo] = month.split('-').map(Number) as [number, number]
        const submittedAtMs = Date.UTC(y, mo, 5, 2)
        const record: NewRevision = {
          enterpriseId: p.id,
          month,
          line,
          revision: 1,
          reason: null,
          submittedBy: null,
          submittedAtMs,
          synthetic: true,
          ...monthFigures(line, intensity, outputT, month, mix, rng),
        }
        // About one month in 600 was corrected a few weeks later.
        const correction = rng.chance(1 / 600) || (p.id === millId && month === months[months.length - 3])
        if (!correction) {
          out.push(record)
          continue
        }
        const c = CORRECTIONS[corrections++ % CORRECTIONS.length]!
        out.push({ ...record, current: false })
        out.push({
          ...record,
          ...c.fix(record),
          revision: 2,
          reason: c.reason,
          submittedAtMs: submittedAtMs + 20 * DAY_MS,
        })
      }
    }
  }
  return out
}

/**
 * Writes the demo's records once (an app_meta key records it, so a later start writes nothing);
 * nothing when the registry has no processors in the cluster.
 *
 * @returns the number of revisions written
 * @example await seedDemoEcology(db, Date.now())
 */
export async function seedDemoEcology(db: Kysely<Database>, nowMs: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const done = await trx.selectFrom('app_meta').select('key').where('key', '=', META_KEY).executeTakeFirst()
    if (done) return 0
    const processors = await clusterProcessors(trx)
    if (processors.length === 0) return 0
    const to = latestCompleteMonth(nowMs)
    const months = monthsBetween(addMonths(to, 1 - MONTHS), to)
    const records = demoRecords(processors, months, createRandom(SEED))
    await insertRevisions(trx, records)
    await trx
      .insertInto('app_meta')
      .values({
        key: META_KEY,
        value: JSON.stringify({ synthetic: true, from: months[0], to, records: records.length }),
      })
      .execute()
    return records.length
  })
}
