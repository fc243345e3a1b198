/**
 * SQL for applications, their approvals, documents and audit trail. Ids are decimal strings outside
 * (bigint in SQL); actors are user ids, shown with their usernames.
 * @module
 */
import { type Selectable, sql } from 'kysely'
import type { PolicyApplicationTable } from '../platform/db/schema-policy.ts'
import type {
  Application,
  ApplicationAction,
  ApplicationEvent,
  ApplicationStatus,
  Approval,
  DocumentMeta,
  EligibilitySnapshot,
} from './model.ts'
import type { Db } from './programme-store.ts'

const msOrNull = (d: Date | null) => (d === null ? null : d.getTime())
const bigOrNull = (v: bigint | null) => (v === null ? null : BigInt(v))

const fromRow = (r: Selectable<PolicyApplicationTable>): Application => ({
  id: String(r.id),
  programmeId: r.programme_id,
  enterpriseId: r.enterprise_id,
  applicantId: r.applicant_id,
  status: r.status,
  note: r.note,
  eligibility: (r.eligibility ?? null) as EligibilitySnapshot | null,
  awardFen: bigOrNull(r.award_fen),
  disbursedFen: bigOrNull(r.disbursed_fen),
  rejectionReason: r.rejection_reason,
  createdAtMs: r.created_at.getTime(),
  submittedAtMs: msOrNull(r.submitted_at),
  decidedAtMs: msOrNull(r.decided_at),
  disbursedAtMs: msOrNull(r.disbursed_at),
  updatedAtMs: r.updated_at.getTime(),
  synthetic: r.synthetic,
})

/** A new draft, or null when the enterprise already has an application of the programme that is not rejected. */
export async function insertDraft(
  db: Db,
  a: {
    programmeId: string
    enterpriseId: string
    applicantId: string
    note: string | null
    atMs: number
    synthetic?: boolean
  },
): Promise<Application | null> {
  const at = new Date(a.atMs)
  const row = await db
    .insertInto('policy_application')
    .values({
      programme_id: a.programmeId,
      enterprise_id: a.enterpriseId,
      applicant_id: a.applicantId,
      status: 'draft',
      note: a.note,
      created_at: at,
      updated_at: at,
      synthetic: a.synthetic ?? false,
    })
    .onConflict((oc) =>
      oc.columns(['enterprise_id', 'programme_id']).where(sql.ref('status'), '<>', 'rejected').doNothing(),
    )
    .returningAll()
    .executeTakeFirst()
  return row ? fromRow(row) : null
}

/** Who may see an application: every one (null), or its enterprise's. */
export type Visibility = string | null

export async function findApplication(
  db: Db,
  id: string,
  visibleTo: Visibility,
  options: { lock?: boolean } = {},
): Promise<Application | null> {
  let q = db.selectFrom('policy_application').selectAll().where('id', '=', BigInt(id))
  if (visibleTo !== null) q = q.where('enterprise_id', '=', visibleTo)
  if (options.lock) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  return row ? fromRow(row) : null
}

export interface ApplicationFilter {
  readonly visibleTo: Visibility
  readonly status?: ApplicationStatus
  readonly programmeId?: string
  readonly limit: number
}

/** Applications, newest first. */
export async function listApplications(db: Db, f: ApplicationFilter): Promise<Application[]> {
  let q = db.selectFrom('policy_application').selectAll()
  if (f.visibleTo !== null) q = q.where('enterprise_id', '=', f.visibleTo)
  if (f.status !== undefined) q = q.where('status', '=', f.status)
  if (f.programmeId !== undefined) q = q.where('programme_id', '=', f.programmeId)
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute()
  return rows.map(fromRow)
}

/** Moves an application to a status with the fields that change with it. */
export async function updateApplication(
  db: Db,
  id: string,
  change: {
    readonly status: ApplicationStatus
    readonly atMs: number
    readonly eligibility?: EligibilitySnapshot
    readonly awardFen?: bigint
    readonly disbursedFen?: bigint
    readonly rejectionReason?: string
  },
): Promise<Application> {
  const at = new Date(change.atMs)
  const row = await db
    .updateTable('policy_application')
    .set({
      status: change.status,
      updated_at: at,
      ...(change.eligibility ? { eligibility: JSON.stringify(change.eligibility), submitted_at: at } : {}),
      ...(change.awardFen !== undefined ? { award_fen: change.awardFen, decided_at: at } : {}),
      ...(change.rejectionReason !== undefined
        ? { rejection_reason: change.rejectionReason, decided_at: at }
        : {}),
      ...(change.disbursedFen !== undefined ? { disbursed_fen: change.disbursedFen, disbursed_at: at } : {}),
    })
    .where('id', '=', BigInt(id))
    .returningAll()
    .executeTakeFirstOrThrow()
  return fromRow(row)
}

/** The award approved and disbursed applications of a programme hold against its budget. */
export async function committedFenOf(db: Db, programmeId: string): Promise<bigint> {
  const row = await db
    .selectFrom('policy_application')
    .select(sql<string>`coalesce(sum(award_fen), 0)::text`.as('fen'))
    .where('programme_id', '=', programmeId)
    .where('status', 'in', ['approved', 'disbursed'])
    .executeTakeFirstOrThrow()
  return BigInt(row.fen)
}

export async function insertEvent(
  db: Db,
  applicationId: string,
  e: {
    action: ApplicationAction
    actorId: string
    atMs: number
    from: ApplicationStatus | null
    to: ApplicationStatus
    note: string | null
  },
): Promise<void> {
  await db
    .insertInto('policy_application_event')
    .values({
      application_id: BigInt(applicationId),
      action: e.action,
      actor_id: e.actorId,
      at: new Date(e.atMs),
      from_status: e.from,
      to_status: e.to,
      note: e.note,
    })
    .execute()
}

/** A user's name for the trail, where the user exists (demo and test users may be removed). */
const usernameOf = (column: 'e.actor_id' | 'a.admin_id' | 'd.uploaded_by') =>
  sql<string | null>`(select username from app_user u where u.id::text = ${sql.ref(column)})`

/** The audit trail, oldest first. */
export async function eventsOf(db: Db, applicationId: string): Promise<ApplicationEvent[]> {
  const rows = await db
    .selectFrom('policy_application_event as e')
    .selectAll('e')
    .select(usernameOf('e.actor_id').as('actor_name'))
    .where('e.application_id', '=', BigInt(applicationId))
    .orderBy('e.id')
    .execute()
  return rows.map((r) => ({
    id: String(r.id),
    action: r.action as ApplicationAction,
    actorId: r.actor_id,
    actorName: r.actor_name,
    atMs: r.at.getTime(),
    fromStatus: r.from_status,
    toStatus: r.to_status,
    note: r.note,
  }))
}

export async function approvalsOf(db: Db, applicationId: string): Promise<Approval[]> {
  const rows = await db
    .selectFrom('policy_application_approval as a')
    .selectAll('a')
    .select(usernameOf('a.admin_id').as('admin_name'))
    .where('a.application_id', '=', BigInt(applicationId))
    .orderBy('a.approved_at')
    .execute()
  return rows.map((r) => ({
    adminId: r.admin_id,
    adminName: r.admin_name,
    atMs: r.approved_at.getTime(),
    note: r.note,
  }))
}

export async function insertApproval(
  db: Db,
  applicationId: string,
  adminId: string,
  atMs: number,
  note: string | null,
) {
  await db
    .insertInto('policy_application_approval')
    .values({ application_id: BigInt(applicationId), admin_id: adminId, approved_at: new Date(atMs), note })
    .execute()
}

export async function insertDocument(
  db: Db,
  applicationId: string,
  d: { name: string; mediaType: string; content: Uint8Array; uploadedBy: string; atMs: number },
): Promise<DocumentMeta> {
  const row = await db
    .insertInto('policy_application_document')
    .values({
      application_id: BigInt(applicationId),
      name: d.name,
      media_type: d.mediaType,
      size_bytes: d.content.byteLength,
      content: d.content,
      uploaded_by: d.uploadedBy,
      uploaded_at: new Date(d.atMs),
    })
    .returning(['id', 'name', 'media_type', 'size_bytes', 'uploaded_by', 'uploaded_at'])
    .executeTakeFirstOrThrow()
  return docFromRow(row)
}

const docFromRow = (r: {
  id: bigint
  name: string
  media_type: string
  size_bytes: number
  uploaded_by: string
  uploaded_at: Date
}): DocumentMeta => ({
  id: String(r.id),
  name: r.name,
  mediaType: r.media_type,
  sizeBytes: r.size_bytes,
  uploadedBy: r.uploaded_by,
  uploadedAtMs: r.uploaded_at.getTime(),
})

/** An application's documents without their bytes, oldest first. */
export async function documentsOf(db: Db, applicationId: string): Promise<DocumentMeta[]> {
  const rows = await db
    .selectFrom('policy_application_document')
    .select(['id', 'name', 'media_type', 'size_bytes', 'uploaded_by', 'uploaded_at'])
    .where('application_id', '=', BigInt(applicationId))
    .orderBy('id')
    .execute()
  return rows.map(docFromRow)
}

/** One document with its bytes. */
export async function documentContent(
  db: Db,
  applicationId: string,
  documentId: string,
): Promise<(DocumentMeta & { content: Uint8Array }) | null> {
  const row = await db
    .selectFrom('policy_application_document')
    .selectAll()
    .where('application_id', '=', BigInt(applicationId))
    .where('id', '=', BigInt(documentId))
    .executeTakeFirst()
  return row ? { ...docFromRow(row), content: row.content } : null
}
