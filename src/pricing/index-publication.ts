/**
 * The indices as published: computed (src/pricing/indices) from the current published spot fees
 * and the base of the same dates, weighed by the yearly output weights kept in app_meta. The result
 * is kept until a publication or new weights change its inputs.
 * @module
 */
import { sql } from 'kysely'
import {
  BASKET,
  computeIndices,
  INDEX_DEFINITIONS,
  type IndexSeries,
  type IndexWeekPoint,
  type IndexYearWeight,
} from './indices/index.ts'
import { BASE_SERIES_ID } from './series.ts'
import type { Db } from './store.ts'

const WEIGHTS_KEY = 'pricing.index_weights'

/** Stores the yearly output weights the indices are weighed with (replacing those stored before). */
export async function saveIndexWeights(db: Db, weights: readonly IndexYearWeight[], synthetic: boolean) {
  const value = JSON.stringify({ synthetic, weights })
  await db
    .insertInto('app_meta')
    .values({ key: WEIGHTS_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: sql`now()` }))
    .execute()
}

async function loadWeights(
  db: Db,
): Promise<{ weights: IndexYearWeight[]; synthetic: boolean; version: string }> {
  const row = await db
    .selectFrom('app_meta')
    .select(['value', 'updated_at'])
    .where('key', '=', WEIGHTS_KEY)
    .executeTakeFirst()
  if (!row) return { weights: [], synthetic: false, version: 'none' }
  const value = row.value as { synthetic: boolean; weights: IndexYearWeight[] }
  return { weights: value.weights, synthetic: value.synthetic, version: row.updated_at.toISOString() }
}

export interface ComputedIndices {
  readonly synthetic: boolean
  readonly series: readonly IndexSeries[]
}

/** What the indices are made of changes only with a publication or new weights. */
async function inputsVersion(db: Db): Promise<string> {
  const row = await db
    .selectFrom('pricing_assessment')
    .select([sql<number>`count(*)::int`.as('n'), sql<string | null>`max(published_at)::text`.as('last')])
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow()
  return `${row.n} ${row.last}`
}

/** Computes the indices from the store, again only when their inputs changed since the last time. */
export class IndexPublisher {
  #cached: { key: string; value: ComputedIndices } | null = null

  async indices(db: Db): Promise<ComputedIndices> {
    const weights = await loadWeights(db)
    const key = `${await inputsVersion(db)} ${weights.version}`
    if (this.#cached?.key === key) return this.#cached.value
    const value = await compute(db, weights.weights, weights.synthetic)
    this.#cached = { key, value }
    return value
  }
}

async function compute(
  db: Db,
  weights: IndexYearWeight[],
  weightsSynthetic: boolean,
): Promise<ComputedIndices> {
  if (weights.length === 0)
    return { synthetic: weightsSynthetic, series: INDEX_DEFINITIONS.map((d) => ({ id: d.id, points: [] })) }
  const rows = await db
    .selectFrom('pricing_assessment')
    .select(['series_id', 'period_date', 'value_cny_per_t', 'synthetic'])
    .where('current', '=', true)
    .where('series_id', 'in', [BASE_SERIES_ID, ...BASKET.map((p) => p.seriesId)])
    .execute()
  const bases = new Map<string, number | null>()
  for (const r of rows)
    if (r.series_id === BASE_SERIES_ID)
      bases.set(r.period_date, r.value_cny_per_t === null ? null : Number(r.value_cny_per_t))
  const productOf = new Map(BASKET.map((p) => [p.seriesId, p.code]))
  const points: IndexWeekPoint[] = []
  for (const r of rows) {
    const product = productOf.get(r.series_id)
    if (!product) continue
    const fee = r.value_cny_per_t === null ? null : Number(r.value_cny_per_t)
    const base = bases.get(r.period_date) ?? null
    points.push({
      product,
      weekEnd: r.period_date,
      fee,
      base,
      allIn: fee === null || base === null ? null : fee + base,
    })
  }
  return {
    synthetic: weightsSynthetic || rows.some((r) => r.synthetic),
    series: computeIndices({ points, weights }),
  }
}
