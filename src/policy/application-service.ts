/**
 * Applications' use cases: an enterprise drafts, attaches documents and submits (the eligibility
 * at that moment is kept with it); administrators take it into review, approve it (two different
 * ones, neither the applicant), reject it with a reason, and record the disbursement. Every step
 * runs in one transaction that writes its audit row; a refusal changes nothing.
 *
 * Submitting while not eligible is refused (POLICY_NOT_ELIGIBLE, each failed rule named): the
 * programme's rules are its entry conditions, and the snapshot an application carries always shows
 * them met on the facts of the day. The budget is guarded by the programme's row lock: every
 * approval of a programme locks it first, so approvals that race queue up, and each sees the
 * awards committed before it.
 * @module
 */
import { type Kysely, sql } from 'kysely'
import { type FieldError, ok, type Result, refuse } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import {
  approvalsOf,
  committedFenOf,
  documentContent,
  documentsOf,
  eventsOf,
  findApplication,
  insertApproval,
  insertDocument,
  insertDraft,
  insertEvent,
  listApplications,
  updateApplication,
  type Visibility,
} from './application-store.ts'
import { yearFactsOf } from './facts-store.ts'
import { judge } from './judge.ts'
import { checkApproval, checkBudget, nextStatus } from './machine.ts'
import type {
  Application,
  ApplicationEvent,
  ApplicationStatus,
  Approval,
  DocumentMeta,
  EligibilitySnapshot,
  PolicyActor,
  Programme,
} from './model.ts'
import { type Db, findProgramme } from './programme-store.ts'
import { type PolicyService, shanghaiDay } from './service.ts'

/** The largest document, bytes. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
/** Documents can be added until a decision is taken. */
const UPLOAD_STATES: readonly ApplicationStatus[] = ['draft', 'submitted', 'under_review']

export interface ApplicationDetail {
  readonly application: Application
  readonly approvals: readonly Approval[]
  readonly documents: readonly DocumentMeta[]
  readonly events: readonly ApplicationEvent[]
}

const visibilityOf = (actor: PolicyActor): Visibility => (actor.isAdmin ? null : actor.enterpriseId)

const notFound = (id: string) => refuse('APPLICATION_NOT_FOUND', `no application ${id}`)

/** Whether a programme takes applications on `today`: open, and (to submit) within its dates. */
function programmeOpen(p: Programme, today: string, toSubmit: boolean): Result<null> {
  if (p.status !== 'open') return refuse('PROGRAMME_NOT_OPEN', `programme ${p.id} is ${p.status}`)
  if (today > p.closesOn) return refuse('PROGRAMME_NOT_OPEN', `programme ${p.id} closed on ${p.closesOn}`)
  if (toSubmit && today < p.opensOn)
    return refuse('PROGRAMME_NOT_OPEN', `programme ${p.id} takes submissions from ${p.opensOn}`)
  return ok(null)
}

export class ApplicationService {
  readonly #policy: PolicyService
  readonly #db: Kysely<Database>

  constructor(policy: PolicyService) {
    this.#policy = policy
    this.#db = policy.db
  }

  get db(): Kysely<Database> {
    return this.#db
  }

  /** A new draft of the actor's enterprise: PROGRAMME_NOT_FOUND, PROGRAMME_NOT_OPEN, APPLICATION_EXISTS. */
  async create(
    actor: PolicyActor,
    programmeId: string,
    note: string | null,
  ): Promise<Result<ApplicationDetail>> {
    const now = this.#policy.now()
    const created = await this.#db.transaction().execute(async (trx) => {
      const programme = await findProgramme(trx, programmeId)
      if (!programme || programme.status === 'draft')
        return refuse('PROGRAMME_NOT_FOUND', `no programme ${programmeId}`)
      const open = programmeOpen(programme, shanghaiDay(now), false)
      if (!open.ok) return open
      const draft = await insertDraft(trx, {
        programmeId,
        enterpriseId: actor.enterpriseId,
        applicantId: actor.userId,
        note,
        atMs: now,
      })
      if (!draft)
        return refuse(
          'APPLICATION_EXISTS',
          `your enterprise already has an application for ${programmeId} that is not rejected`,
        )
      await insertEvent(trx, draft.id, {
        action: 'created',
        actorId: actor.userId,
        atMs: now,
        from: null,
        to: 'draft',
        note,
      })
      return ok(draft.id)
    })
    return created.ok ? ok((await this.get(actor, created.value))!) : created
  }

  async list(
    actor: PolicyActor,
    filter: { status?: ApplicationStatus; programmeId?: string; limit: number },
  ): Promise<Application[]> {
    return listApplications(this.#db, { ...filter, visibleTo: visibilityOf(actor) })
  }

  /** How many approvals each application has (those without any are left out). */
  async approvalCounts(ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map()
    const rows = await this.#db
      .selectFrom('policy_application_approval')
      .select(['application_id', sql<string>`count(*)::text`.as('n')])
      .where(
        'application_id',
        'in',
        ids.map((id) => BigInt(id)),
      )
      .groupBy('application_id')
      .execute()
    return new Map(rows.map((r) => [String(r.application_id), Number(r.n)]))
  }

  /** An application with its approvals, documents and trail; null when the actor may not see it. */
  async get(actor: PolicyActor, id: string, db: Db = this.#db): Promise<ApplicationDetail | null> {
    const application = await findApplication(db, id, visibilityOf(actor))
    if (!application) return null
    const [approvals, documents, events] = await Promise.all([
      approvalsOf(db, id),
      documentsOf(db, id),
      eventsOf(db, id),
    ])
    return { application, approvals, documents, events }
  }

  /** Adds a document while the application is not decided: the applicant's enterprise only. */
  async addDocument(
    actor: PolicyActor,
    id: string,
    doc: { name: string; mediaType: string; content: Uint8Array },
  ): Promise<Result<DocumentMeta>> {
    if (doc.content.byteLength === 0 || doc.content.byteLength > MAX_DOCUMENT_BYTES)
      return refuse('DOCUMENT_INVALID', `a document has 1 byte to ${MAX_DOCUMENT_BYTES} bytes`, [
        { field: '/contentBase64', message: `must hold 1 to ${MAX_DOCUMENT_BYTES} bytes` },
      ])
    const now = this.#policy.now()
    return this.#db.transaction().execute(async (trx) => {
      const app = await findApplication(trx, id, actor.enterpriseId, { lock: true })
      if (!app) return notFound(id)
      if (!UPLOAD_STATES.includes(app.status))
        return refuse(
          'APPLICATION_TRANSITION_NOT_ALLOWED',
          `documents cannot be added once an application is ${app.status}`,
        )
      const meta = await insertDocument(trx, id, { ...doc, uploadedBy: actor.userId, atMs: now })
      await insertEvent(trx, id, {
        action: 'document_added',
        actorId: actor.userId,
        atMs: now,
        from: app.status,
        to: app.status,
        note: doc.name,
      })
      return ok(meta)
    })
  }

  async document(actor: PolicyActor, id: string, documentId: string) {
    const app = await findApplication(this.#db, id, visibilityOf(actor))
    if (!app) return null
    return documentContent(this.#db, id, documentId)
  }

  /**
   * Submits a draft of the actor's enterprise: the programme must take submissions today and the
   * enterprise must meet its rules on its latest facts and energy ledger (POLICY_FACTS_MISSING,
   * POLICY_NOT_ELIGIBLE with each failed rule); the eligibility is kept with the application.
   */
  async submit(actor: PolicyActor, id: string): Promise<Result<ApplicationDetail>> {
    const now = this.#policy.now()
    return this.#step(actor, id, async (trx, app) => {
      if (app.enterpriseId !== actor.enterpriseId) return notFound(id)
      const next = nextStatus(app.status, 'submit')
      if (!next.ok) return next
      const programme = (await findProgramme(trx, app.programmeId))!
      const open = programmeOpen(programme, shanghaiDay(now), true)
      if (!open.ok) return open
      const [year] = await yearFactsOf(trx, app.enterpriseId)
      if (!year) return refuse('POLICY_FACTS_MISSING', 'enter your enterprise’s facts before submitting')
      const energy = await this.#policy.energyOf(app.enterpriseId, trx)
      const judged = judge(year, energy, [programme]).programmes[0]!
      if (!judged.check.eligible)
        return refuse(
          'POLICY_NOT_ELIGIBLE',
          judged.words.summary.en,
          judged.words.rules
            .filter((r) => !r.passed)
            .map((r): FieldError => ({ field: `/rules/${r.rule}`, message: r.en, reason: r.rule })),
        )
      const snapshot: EligibilitySnapshot = {
        year: year.year,
        facts: judge(year, energy, []).facts,
        energyMonths: energy.months,
        check: judged.check,
        words: judged.words,
      }
      await updateApplication(trx, id, { status: next.value, atMs: now, eligibility: snapshot })
      return ok({ action: 'submitted' as const, from: app.status, to: next.value, note: null })
    })
  }

  /** An administrator takes a submitted application into review. */
  startReview(actor: PolicyActor, id: string): Promise<Result<ApplicationDetail>> {
    const now = this.#policy.now()
    return this.#step(actor, id, async (trx, app) => {
      const next = nextStatus(app.status, 'start_review')
      if (!next.ok) return next
      await updateApplication(trx, id, { status: next.value, atMs: now })
      return ok({ action: 'review_started' as const, from: app.status, to: next.value, note: null })
    })
  }

  /**
   * An administrator's approval. The second (different) administrator's approves the application,
   * fixing its award at the programme's amount, unless that would exceed the budget
   * (BUDGET_EXHAUSTED). The programme's row is locked before the application's, by every approval.
   */
  async approve(actor: PolicyActor, id: string, note: string | null): Promise<Result<ApplicationDetail>> {
    const now = this.#policy.now()
    const peek = await findApplication(this.#db, id, null)
    if (!peek) return notFound(id)
    return this.#step(
      actor,
      id,
      async (trx, app) => {
        const programme = (await findProgramme(trx, app.programmeId))!
        const approvers = (await approvalsOf(trx, id)).map((a) => a.adminId)
        const next = checkApproval(app, approvers, actor.userId)
        if (!next.ok) return next
        const budget = checkBudget({
          budgetFen: programme.budgetFen,
          committedFen: await committedFenOf(trx, programme.id),
          awardFen: programme.amountFen,
        })
        if (!budget.ok) return budget
        await insertApproval(trx, id, actor.userId, now, note)
        if (next.value === 'approved')
          await updateApplication(trx, id, { status: 'approved', atMs: now, awardFen: programme.amountFen })
        return ok({
          action: next.value === 'approved' ? ('approved' as const) : ('approval_recorded' as const),
          from: app.status,
          to: next.value,
          note,
        })
      },
      peek.programmeId,
    )
  }

  /** An administrator rejects an application under review, with a reason. */
  reject(actor: PolicyActor, id: string, reason: string): Promise<Result<ApplicationDetail>> {
    const now = this.#policy.now()
    return this.#step(actor, id, async (trx, app) => {
      const next = nextStatus(app.status, 'reject')
      if (!next.ok) return next
      await updateApplication(trx, id, { status: next.value, atMs: now, rejectionReason: reason })
      return ok({ action: 'rejected' as const, from: app.status, to: next.value, note: reason })
    })
  }

  /** An administrator records the payment of an approved award (at most the award). */
  disburse(
    actor: PolicyActor,
    id: string,
    amountFen: bigint,
    note: string | null,
  ): Promise<Result<ApplicationDetail>> {
    const now = this.#policy.now()
    return this.#step(actor, id, async (trx, app) => {
      const next = nextStatus(app.status, 'disburse')
      if (!next.ok) return next
      if (amountFen <= 0n || amountFen > app.awardFen!)
        return refuse('DISBURSEMENT_EXCEEDS_AWARD', `the award is ${app.awardFen} fen`, [
          { field: '/amountFen', message: `must be from 1 to ${app.awardFen}` },
        ])
      await updateApplication(trx, id, { status: next.value, atMs: now, disbursedFen: amountFen })
      return ok({
        action: 'disbursed' as const,
        from: app.status,
        to: next.value,
        note: note ? `${amountFen} fen: ${note}` : `${amountFen} fen`,
      })
    })
  }

  /**
   * One step in one transaction: (the programme locked, when given), the application locked, the
   * step's checks and writes, its audit row; a refusal rolls nothing forward because nothing was
   * written before it.
   */
  async #step(
    actor: PolicyActor,
    id: string,
    run: (
      trx: Db,
      app: Application,
    ) => Promise<
      Result<{
        action: ApplicationEvent['action']
        from: ApplicationStatus
        to: ApplicationStatus
        note: string | null
      }>
    >,
    lockProgramme?: string,
  ): Promise<Result<ApplicationDetail>> {
    const now = this.#policy.now()
    return this.#db.transaction().execute(async (trx) => {
      if (lockProgramme !== undefined) await findProgramme(trx, lockProgramme, { lock: true })
      const app = await findApplication(trx, id, visibilityOf(actor), { lock: true })
      if (!app) return notFound(id)
      const done = await run(trx, app)
      if (!done.ok) return done
      await insertEvent(trx, id, { ...done.value, actorId: actor.userId, atMs: now })
      return ok((await this.get(actor, id, trx))!)
    })
  }
}
