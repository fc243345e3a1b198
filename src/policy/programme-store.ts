/**
 * SQL for programmes: read, write, the row lock approvals take, what the budget holds, and the
 * defaults written once at first start.
 * @module
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import type { PolicyProgrammeTable } from '../platform/db/schema-policy.ts'
import { DEFAULT_PROGRAMMES, VERIFY_NOTE_EN, VERIFY_NOTE_ZH } from './defaults.ts'
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  type Programme,
  type ProgrammeInput,
  type ProgrammeUse,
} from './model.ts'
import type { Rule } from './rules.ts'

export type Db = Kysely<Database> | Transaction<Database>

const DEFAULTS_KEY = 'policy_default_programmes'

type Row = Omit<Selectable<PolicyProgrammeTable>, 'opens_on' | 'closes_on'> & {
  opens_on: string
  closes_on: string
}

const fromRow = (r: Row): Programme => ({
  id: r.id,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  descriptionZh: r.description_zh,
  descriptionEn: r.description_en,
  rules: r.rules as Rule[],
  amountFen: BigInt(r.amount_fen),
  budgetFen: BigInt(r.budget_fen),
  opensOn: r.opens_on,
  closesOn: r.closes_on,
  status: r.status,
  noteZh: r.note_zh,
  noteEn: r.note_en,
  synthetic: r.synthetic,
  updatedBy: r.updated_by,
  updatedAtMs: r.updated_at.getTime(),
})

const selectProgrammes = (db: Db) =>
  db
    .selectFrom('policy_programme')
    .selectAll()
    .select([
      sql<string>`to_char(opens_on, 'YYYY-MM-DD')`.as('opens_on'),
      sql<string>`to_char(closes_on, 'YYYY-MM-DD')`.as('closes_on'),
    ])

export async function listProgrammes(db: Db): Promise<Programme[]> {
  const rows = await selectProgrammes(db).orderBy('position').orderBy('id').execute()
  return rows.map((r) => fromRow(r as Row))
}

/** A programme, locked for update when asked: approvals of it then queue behind each other. */
export async function findProgramme(
  db: Db,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Programme | null> {
  let q = selectProgrammes(db).where('id', '=', id)
  if (options.lock) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  return row ? fromRow(row as Row) : null
}

const columnsOf = (p: ProgrammeInput) => ({
  name_zh: p.nameZh,
  name_en: p.nameEn,
  description_zh: p.descriptionZh,
  description_en: p.descriptionEn,
  rules: JSON.stringify(p.rules),
  amount_fen: p.amountFen,
  budget_fen: p.budgetFen,
  opens_on: p.opensOn,
  closes_on: p.closesOn,
  status: p.status,
  note_zh: p.noteZh,
  note_en: p.noteEn,
})

/** A new programme, last in the order; false when the id is taken. */
export async function insertProgramme(
  db: Db,
  id: string,
  p: ProgrammeInput,
  by: string | null,
  atMs: number,
  synthetic = false,
): Promise<boolean> {
  const at = new Date(atMs)
  const inserted = await db
    .insertInto('policy_programme')
    .values({
      id,
      ...columnsOf(p),
      position: sql<number>`(select coalesce(max(position), 0) + 1 from policy_programme)`,
      synthetic,
      created_at: at,
      updated_by: by,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted !== undefined
}

/** Saves an administrator's edit: the values are theirs now, so the row is no longer synthetic. */
export async function updateProgramme(db: Db, id: string, p: ProgrammeInput, by: string, atMs: number) {
  await db
    .updateTable('policy_programme')
    .set({ ...columnsOf(p), synthetic: false, updated_by: by, updated_at: new Date(atMs) })
    .where('id', '=', id)
    .execute()
}

const zeroCounts = (): Record<ApplicationStatus, number> =>
  Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<ApplicationStatus, number>

/** What each programme's budget holds, and its applications by status (programmes without any: zeros). */
export async function programmeUses(db: Db, programmeId?: string): Promise<Map<string, ProgrammeUse>> {
  let q = db
    .selectFrom('policy_application')
    .select([
      'programme_id',
      'status',
      sql<string>`count(*)::text`.as('n'),
      sql<string>`coalesce(sum(award_fen), 0)::text`.as('award'),
      sql<string>`coalesce(sum(disbursed_fen), 0)::text`.as('disbursed'),
    ])
    .groupBy(['programme_id', 'status'])
  if (programmeId !== undefined) q = q.where('programme_id', '=', programmeId)
  const uses = new Map<
    string,
    { committedFen: bigint; disbursedFen: bigint; counts: Record<ApplicationStatus, number> }
  >()
  for (const r of await q.execute()) {
    const use = uses.get(r.programme_id) ?? { committedFen: 0n, disbursedFen: 0n, counts: zeroCounts() }
    use.counts[r.status] = Number(r.n)
    if (r.status === 'approved' || r.status === 'disbursed') use.committedFen += BigInt(r.award)
    use.disbursedFen += BigInt(r.disbursed)
    uses.set(r.programme_id, use)
  }
  return uses
}

export const emptyUse = (): ProgrammeUse => ({ committedFen: 0n, disbursedFen: 0n, counts: zeroCounts() })

/** Jan 1 of `today`'s year to Dec 31 of the next: the defaults' first window (operators move it). */
export const defaultWindowOf = (today: string) => {
  const year = Number(today.slice(0, 4))
  return { opensOn: `${year}-01-01`, closesOn: `${year + 1}-12-31` }
}

/**
 * Writes the four default programmes once per database (an app_meta key remembers it, so a
 * programme an operator closed or renamed is never written back). Safe to race: the key and the
 * programme ids are unique.
 */
export async function ensureDefaultProgrammes(
  db: Kysely<Database>,
  today: string,
  atMs: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('app_meta')
      .values({ key: DEFAULTS_KEY, value: JSON.stringify({ version: 1, writtenOn: today }) })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst()
    if (!claimed) return false
    const window = defaultWindowOf(today)
    for (const p of DEFAULT_PROGRAMMES)
      await insertProgramme(
        trx,
        p.id,
        { ...p, ...window, status: 'open', noteZh: VERIFY_NOTE_ZH, noteEn: VERIFY_NOTE_EN },
        null,
        atMs,
        true,
      )
    return true
  })
}
