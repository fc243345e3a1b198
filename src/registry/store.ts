import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { Database, EnterpriseTable } from '../platform/db/index.ts'
import type {
  CatalogueItem,
  ChainStage,
  Enterprise,
  EnterpriseKind,
  ProductForm,
  SupportingCategory,
} from './model.ts'

type Db = Kysely<Database> | Transaction<Database>

/** Rows go to the database in batches: one statement per batch keeps PGlite and a server fast. */
const INSERT_BATCH_ROWS = 250

export interface EnterpriseFilter {
  kind?: EnterpriseKind
  stage?: ChainStage
  category?: SupportingCategory
  inCluster?: boolean
  topTenSheetStrip?: boolean
  /** Case-insensitive substring of either name or the id. */
  q?: string
  /** Keyset pagination: only ids after this one. */
  afterId?: string
  limit: number
}

export interface ProductFilter {
  form?: ProductForm
  alloy?: string
  temper?: string
  /** Items whose thickness range covers this value. */
  thicknessUm?: number
  /** Items whose width range covers this value. */
  widthMm?: number
  application?: string
  enterpriseId?: string
  afterId?: string
  limit: number
}

export interface ProductRow extends CatalogueItem {
  enterpriseNameZh: string
  enterpriseNameEn: string
}

/** Inserts new enterprises with their capacities; an existing id is an error (primary key). */
export async function insertEnterprises(db: Db, enterprises: readonly Enterprise[]): Promise<void> {
  await writeEnterprises(db, enterprises, false)
}

export async function insertCatalogue(db: Db, items: readonly CatalogueItem[]): Promise<void> {
  for (let i = 0; i < items.length; i += INSERT_BATCH_ROWS) {
    await db
      .insertInto('catalogue_item')
      .values(
        items.slice(i, i + INSERT_BATCH_ROWS).map((c) => ({
          id: c.id,
          enterprise_id: c.enterpriseId,
          form: c.form,
          alloy: c.alloy,
          temper: c.temper,
          thickness_min_um: c.thicknessMinUm,
          thickness_max_um: c.thicknessMaxUm,
          width_min_mm: c.widthMinMm,
          width_max_mm: c.widthMaxMm,
          application: c.application,
          monthly_capacity_t: c.monthlyCapacityT,
        })),
      )
      .execute()
  }
}

export async function existingEnterpriseIds(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('enterprise')
    .select('id')
    .where('id', 'in', [...ids])
    .execute()
  return rows.map((r) => r.id)
}

export async function countEnterprises(db: Db): Promise<number> {
  const row = await db
    .selectFrom('enterprise')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow()
  return row.n
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`

export async function findEnterprises(db: Db, filter: EnterpriseFilter): Promise<Enterprise[]> {
  let query = db.selectFrom('enterprise').selectAll().orderBy('id').limit(filter.limit)
  if (filter.kind) query = query.where('kind', '=', filter.kind)
  if (filter.category) query = query.where('category', '=', filter.category)
  if (filter.stage) query = query.where(sql<boolean>`stages @> array[${filter.stage}]::text[]`)
  if (filter.inCluster !== undefined) query = query.where('in_cluster', '=', filter.inCluster)
  if (filter.topTenSheetStrip !== undefined)
    query = query.where('top_ten_sheet_strip', '=', filter.topTenSheetStrip)
  if (filter.afterId) query = query.where('id', '>', filter.afterId)
  if (filter.q) {
    const pattern = likePattern(filter.q)
    query = query.where((eb) =>
      eb.or([eb('name_zh', 'ilike', pattern), eb('name_en', 'ilike', pattern), eb('id', 'ilike', pattern)]),
    )
  }
  const rows = await query.execute()
  return withCapacities(db, rows)
}

export async function findEnterprise(db: Db, id: string): Promise<Enterprise | null> {
  const row = await db.selectFrom('enterprise').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return null
  const [enterprise] = await withCapacities(db, [row])
  return enterprise ?? null
}

/** Every enterprise, ordered by id (CSV export). */
export async function allEnterprises(db: Db): Promise<Enterprise[]> {
  const rows = await db.selectFrom('enterprise').selectAll().orderBy('id').execute()
  return withCapacities(db, rows)
}

type EnterpriseRow = Selectable<EnterpriseTable>

async function withCapacities(db: Db, rows: readonly EnterpriseRow[]): Promise<Enterprise[]> {
  if (rows.length === 0) return []
  const capacities = await db
    .selectFrom('enterprise_capacity')
    .selectAll()
    .where(
      'enterprise_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('form')
    .execute()
  const byEnterprise = new Map<string, Partial<Record<ProductForm, number>>>()
  for (const c of capacities) {
    const map = byEnterprise.get(c.enterprise_id) ?? {}
    map[c.form as ProductForm] = c.tonnes_per_year
    byEnterprise.set(c.enterprise_id, map)
  }
  return rows.map((r) => ({
    id: r.id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    kind: r.kind as EnterpriseKind,
    category: r.category as SupportingCategory | null,
    stages: r.stages as ChainStage[],
    place: r.place,
    province: r.province,
    lat: r.lat,
    lon: r.lon,
    capacityTPerYear: byEnterprise.get(r.id) ?? {},
    annualRevenueFen: BigInt(r.annual_revenue_fen),
    employees: r.employees,
    certifications: r.certifications,
    inCluster: r.in_cluster,
    topTenSheetStrip: r.top_ten_sheet_strip,
    synthetic: r.synthetic,
  }))
}

export async function findCatalogueOf(db: Db, enterpriseId: string): Promise<CatalogueItem[]> {
  const rows = await db
    .selectFrom('catalogue_item')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('id')
    .execute()
  return rows.map(toCatalogueItem)
}

export async function findProducts(db: Db, filter: ProductFilter): Promise<ProductRow[]> {
  let query = db
    .selectFrom('catalogue_item as c')
    .innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
    .selectAll('c')
    .select(['e.name_zh as enterprise_name_zh', 'e.name_en as enterprise_name_en'])
    .orderBy('c.id')
    .limit(filter.limit)
  if (filter.form) query = query.where('c.form', '=', filter.form)
  if (filter.alloy) query = query.where('c.alloy', '=', filter.alloy)
  if (filter.temper) query = query.where('c.temper', '=', filter.temper)
  if (filter.application) query = query.where('c.application', '=', filter.application)
  if (filter.enterpriseId) query = query.where('c.enterprise_id', '=', filter.enterpriseId)
  if (filter.thicknessUm !== undefined)
    query = query
      .where('c.thickness_min_um', '<=', filter.thicknessUm)
      .where('c.thickness_max_um', '>=', filter.thicknessUm)
  if (filter.widthMm !== undefined)
    query = query.where('c.width_min_mm', '<=', filter.widthMm).where('c.width_max_mm', '>=', filter.widthMm)
  if (filter.afterId) query = query.where('c.id', '>', filter.afterId)
  const rows = await query.execute()
  return rows.map((r) => ({
    ...toCatalogueItem(r),
    enterpriseNameZh: r.enterprise_name_zh,
    enterpriseNameEn: r.enterprise_name_en,
  }))
}

function toCatalogueItem(r: Selectable<Database['catalogue_item']>): CatalogueItem {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    form: r.form as ProductForm,
    alloy: r.alloy,
    temper: r.temper,
    thicknessMinUm: r.thickness_min_um,
    thicknessMaxUm: r.thickness_max_um,
    widthMinMm: r.width_min_mm,
    widthMaxMm: r.width_max_mm,
    application: r.application,
    monthlyCapacityT: r.monthly_capacity_t,
  }
}

export interface StageCoverage {
  stage: string
  enterprises: number
  processors: number
  supporting: number
}

/** How many enterprises cover each chain stage, by kind. */
export async function stageCoverage(db: Db): Promise<StageCoverage[]> {
  const rows = await db
    .selectFrom(
      sql<{ stage: string; kind: string }>`(select unnest(stages) as stage, kind from enterprise)`.as('s'),
    )
    .select([
      's.stage',
      sql<number>`count(*)::int`.as('enterprises'),
      sql<number>`(count(*) filter (where s.kind = 'processor'))::int`.as('processors'),
      sql<number>`(count(*) filter (where s.kind = 'supporting'))::int`.as('supporting'),
    ])
    .groupBy('s.stage')
    .execute()
  return rows
}

export interface ClusterTotals {
  processingEnterprises: number
  supportingEnterprises: number
  topTenSheetStrip: number
  processorRevenueFen: bigint
  enterprisesByKind: Record<string, number>
  capacityTPerYearByForm: Record<string, number>
  processorCapacityTPerYear: number
}

export async function clusterTotals(db: Db): Promise<ClusterTotals> {
  const byKind = await db
    .selectFrom('enterprise')
    .select([
      'kind',
      sql<number>`count(*)::int`.as('n'),
      sql<string>`coalesce(sum(annual_revenue_fen), 0)::text`.as('revenue_fen'),
      sql<number>`(count(*) filter (where top_ten_sheet_strip))::int`.as('top_ten'),
    ])
    .groupBy('kind')
    .execute()
  const capacity = await db
    .selectFrom('enterprise_capacity as c')
    .innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
    .where('e.kind', '=', 'processor')
    .select(['c.form', sql<string>`sum(c.tonnes_per_year)::text`.as('tonnes')])
    .groupBy('c.form')
    .execute()
  const processor = byKind.find((r) => r.kind === 'processor')
  const capacityTPerYearByForm = Object.fromEntries(capacity.map((r) => [r.form, Number(r.tonnes)]))
  return {
    processingEnterprises: processor?.n ?? 0,
    supportingEnterprises: byKind.find((r) => r.kind === 'supporting')?.n ?? 0,
    topTenSheetStrip: byKind.reduce((sum, r) => sum + r.top_ten, 0),
    processorRevenueFen: BigInt(processor?.revenue_fen ?? '0'),
    enterprisesByKind: Object.fromEntries(byKind.map((r) => [r.kind, r.n])),
    capacityTPerYearByForm,
    processorCapacityTPerYear: Object.values(capacityTPerYearByForm).reduce((a, b) => a + b, 0),
  }
}

/** The processors with the largest revenue, with their total capacity. */
export async function topProcessors(
  db: Db,
  limit: number,
): Promise<Array<Enterprise & { capacityTotalT: number }>> {
  const rows = await db
    .selectFrom('enterprise')
    .selectAll()
    .where('kind', '=', 'processor')
    .orderBy('annual_revenue_fen', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute()
  const enterprises = await withCapacities(db, rows)
  return enterprises.map((e) => ({
    ...e,
    capacityTotalT: Object.values(e.capacityTPerYear).reduce((a, b) => a + (b ?? 0), 0),
  }))
}

/** Deletes every capacity row of these enterprises. */
export async function deleteCapacitiesOf(db: Db, enterpriseIds: readonly string[]): Promise<void> {
  for (let i = 0; i < enterpriseIds.length; i += INSERT_BATCH_ROWS) {
    const batch = enterpriseIds.slice(i, i + INSERT_BATCH_ROWS)
    await db.deleteFrom('enterprise_capacity').where('enterprise_id', 'in', batch).execute()
  }
}

/**
 * Inserts the new enterprises and rewrites the existing ones (by id): every column but `created_at`,
 * and their capacities replaced by the given ones. Their catalogue rows are kept. Run it in a
 * transaction to write all or nothing.
 */
export async function upsertEnterprises(db: Db, enterprises: readonly Enterprise[]): Promise<void> {
  await writeEnterprises(db, enterprises, true)
}

const UPDATED_ON_CONFLICT = [
  'name_zh',
  'name_en',
  'kind',
  'category',
  'stages',
  'place',
  'province',
  'lat',
  'lon',
  'annual_revenue_fen',
  'employees',
  'certifications',
  'in_cluster',
  'top_ten_sheet_strip',
  'synthetic',
] as const

async function writeEnterprises(db: Db, enterprises: readonly Enterprise[], upsert: boolean): Promise<void> {
  for (let i = 0; i < enterprises.length; i += INSERT_BATCH_ROWS) {
    const batch = enterprises.slice(i, i + INSERT_BATCH_ROWS)
    const insert = db.insertInto('enterprise').values(
      batch.map((e) => ({
        id: e.id,
        name_zh: e.nameZh,
        name_en: e.nameEn,
        kind: e.kind,
        category: e.category,
        stages: e.stages,
        place: e.place,
        province: e.province,
        lat: e.lat,
        lon: e.lon,
        annual_revenue_fen: e.annualRevenueFen,
        employees: e.employees,
        certifications: e.certifications,
        in_cluster: e.inCluster,
        top_ten_sheet_strip: e.topTenSheetStrip,
        synthetic: e.synthetic,
      })),
    )
    if (upsert) {
      await insert
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) =>
              Object.fromEntries(UPDATED_ON_CONFLICT.map((column) => [column, eb.ref(`excluded.${column}`)])),
            ),
        )
        .execute()
      await deleteCapacitiesOf(
        db,
        batch.map((e) => e.id),
      )
    } else {
      await insert.execute()
    }
    const capacities = batch.flatMap((e) =>
      Object.entries(e.capacityTPerYear).map(([form, tonnes]) => ({
        enterprise_id: e.id,
        form,
        tonnes_per_year: tonnes as number,
      })),
    )
    if (capacities.length > 0) await db.insertInto('enterprise_capacity').values(capacities).execute()
  }
}
