/**
 * The grid emission factors the operator set (migration 0011): every version is kept; none is
 * edited or removed.
 * @module
 */
import { ok, type Result, refuse } from '../../kernel/index.ts'
import { isMonth } from '../energy/months.ts'
import type { Db } from '../energy/store.ts'
import type { GridFactorVersion } from './carbon.ts'

/** A factor of 2 kgCO2/kWh or more is no grid's (pure coal power is about 0.8–1.0). */
export const MAX_GRID_KGCO2_PER_KWH = 2

export interface NewGridFactor {
  readonly effectiveFrom: string
  readonly kgco2PerKwh: number
  readonly note: string | null
}

export function checkGridFactor(input: NewGridFactor): Result<NewGridFactor> {
  if (!isMonth(input.effectiveFrom))
    return refuse(
      'GRID_FACTOR_INVALID',
      `effectiveFrom ${JSON.stringify(input.effectiveFrom)} is not YYYY-MM`,
      [{ field: '/effectiveFrom', message: 'must be YYYY-MM' }],
    )
  if (!(input.kgco2PerKwh > 0 && input.kgco2PerKwh < MAX_GRID_KGCO2_PER_KWH))
    return refuse('GRID_FACTOR_INVALID', `kgco2PerKwh ${input.kgco2PerKwh} is outside (0, 2)`, [
      { field: '/kgco2PerKwh', message: `must be above 0 and below ${MAX_GRID_KGCO2_PER_KWH}` },
    ])
  return ok(input)
}

/** Every version, in the order they were added. */
export async function gridFactorVersions(db: Db): Promise<GridFactorVersion[]> {
  const rows = await db.selectFrom('ecology_grid_factor').selectAll().orderBy('id').execute()
  return rows.map((r) => ({
    id: String(r.id),
    effectiveFrom: r.effective_from,
    kgco2PerKwh: r.kgco2_per_kwh,
    note: r.note,
    createdBy: r.created_by,
    createdAtMs: new Date(r.created_at).getTime(),
  }))
}

export async function insertGridFactor(
  db: Db,
  input: NewGridFactor,
  createdBy: string,
  atMs: number,
): Promise<GridFactorVersion> {
  const r = await db
    .insertInto('ecology_grid_factor')
    .values({
      effective_from: input.effectiveFrom,
      kgco2_per_kwh: input.kgco2PerKwh,
      note: input.note,
      created_by: createdBy,
      created_at: new Date(atMs),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return {
    id: String(r.id),
    effectiveFrom: r.effective_from,
    kgco2PerKwh: r.kgco2_per_kwh,
    note: r.note,
    createdBy: r.created_by,
    createdAtMs: new Date(r.created_at).getTime(),
  }
}
