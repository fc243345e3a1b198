/**
 * SQL for the smelters' declarations. Rows are only ever inserted; whether one is superseded is
 * read from the rows after it (the same smelter, CN code, year, quarter and route, a higher id).
 * @module
 */
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { Declaration, NewDeclaration } from './model.ts'

export type Db = Kysely<Database> | Transaction<Database>

/** Declarations with their smelter's names, their declarant and the id that supersedes them. */
function selectDeclarations(db: Db) {
  return db
    .selectFrom('cbam_declaration as d')
    .innerJoin('enterprise as e', 'e.id', 'd.enterprise_id')
    .leftJoin('app_user as u', 'u.id', 'd.declared_by')
    .select((eb) => [
      'd.id',
      'd.enterprise_id',
      'e.name_en',
      'e.name_zh',
      'd.cn_code',
      'd.year',
      'd.quarter',
      'd.see_tco2e_per_t',
      'd.route',
      'd.verifier',
      'd.evidence',
      'd.declared_by',
      'u.username',
      'd.declared_at',
      'd.synthetic',
      eb
        .selectFrom('cbam_declaration as l')
        .select((l) => l.fn.min('l.id').as('next'))
        .whereRef('l.enterprise_id', '=', 'd.enterprise_id')
        .whereRef('l.cn_code', '=', 'd.cn_code')
        .whereRef('l.year', '=', 'd.year')
        .whereRef('l.route', '=', 'd.route')
        .where(sql<boolean>`l.quarter is not distinct from d.quarter`)
        .whereRef('l.id', '>', 'd.id')
        .as('superseded_by'),
    ])
}

type Row = Awaited<ReturnType<ReturnType<typeof selectDeclarations>['execute']>>[number]

function declarationFromRow(r: Row): Declaration {
  return {
    id: String(r.id),
    enterpriseId: r.enterprise_id,
    enterpriseNameEn: r.name_en,
    enterpriseNameZh: r.name_zh,
    cnCode: r.cn_code,
    year: r.year,
    quarter: r.quarter,
    seeTco2ePerT: r.see_tco2e_per_t,
    route: r.route,
    verifier: r.verifier,
    evidence: r.evidence,
    declaredBy: r.declared_by && r.username ? { userId: r.declared_by, username: r.username } : null,
    declaredAtMs: r.declared_at.getTime(),
    supersededBy: r.superseded_by === null || r.superseded_by === undefined ? null : String(r.superseded_by),
    synthetic: r.synthetic,
  }
}

export async function insertDeclaration(db: Db, d: NewDeclaration): Promise<Declaration> {
  const { id } = await db
    .insertInto('cbam_declaration')
    .values({
      enterprise_id: d.enterpriseId,
      cn_code: d.cnCode,
      year: d.year,
      quarter: d.quarter,
      see_tco2e_per_t: d.seeTco2ePerT,
      route: d.route,
      verifier: d.verifier,
      evidence: d.evidence,
      declared_by: d.declaredBy,
      declared_at: new Date(d.declaredAtMs),
      synthetic: d.synthetic,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const [stored] = await findDeclarations(db, [String(id)])
  return stored!
}

/** The declarations of these ids that exist, by id. */
export async function findDeclarations(db: Db, ids: readonly string[]): Promise<Declaration[]> {
  if (ids.length === 0) return []
  const rows = await selectDeclarations(db)
    .where(
      'd.id',
      'in',
      [...new Set(ids)].map((id) => BigInt(id)),
    )
    .execute()
  return rows.map(declarationFromRow)
}

export interface DeclarationFilter {
  readonly enterpriseId?: string
  readonly year?: number
  /** Only those not superseded. */
  readonly currentOnly?: boolean
  /** Keyset pagination, newest first: ids below this one. */
  readonly beforeId?: string
  readonly limit: number
}

export async function listDeclarations(db: Db, f: DeclarationFilter): Promise<Declaration[]> {
  let base = selectDeclarations(db)
  if (f.enterpriseId !== undefined) base = base.where('d.enterprise_id', '=', f.enterpriseId)
  if (f.year !== undefined) base = base.where('d.year', '=', f.year)
  if (f.beforeId !== undefined) base = base.where('d.id', '<', BigInt(f.beforeId))
  if (f.currentOnly)
    base = base.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('cbam_declaration as n')
            .select('n.id')
            .whereRef('n.enterprise_id', '=', 'd.enterprise_id')
            .whereRef('n.cn_code', '=', 'd.cn_code')
            .whereRef('n.year', '=', 'd.year')
            .whereRef('n.route', '=', 'd.route')
            .where(sql<boolean>`n.quarter is not distinct from d.quarter`)
            .whereRef('n.id', '>', 'd.id'),
        ),
      ),
    )
  const rows = await base.orderBy('d.id', 'desc').limit(f.limit).execute()
  return rows.map(declarationFromRow)
}

/** An enterprise's kind, or null when there is none of that id. */
export async function enterpriseKindOf(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('enterprise').select('kind').where('id', '=', id).executeTakeFirst()
  return row?.kind ?? null
}
