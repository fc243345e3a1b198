/**
 * Assessments from proposal to publication: an analyst proposes the method's record for a period
 * (its deals and quotes from the store, its previous value the published one of the period
 * before), another person approves it, and publication checks the alerts. A correction is a new
 * revision of a published period with its reason, approved the same way. Nothing is ever
 * overwritten: every revision stays.
 * @module
 */
import type { Kysely, Transaction } from 'kysely'
import { ok, type Refusal, type Result, refuse } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { raiseAlerts } from './alerts.ts'
import {
  currentAssessment,
  currentBefore,
  findAssessment,
  insertAssessment,
  listAssessments,
  markPublished,
  markRejected,
} from './assessment-store.ts'
import { assess } from './method/index.ts'
import type { AssessmentInput, AssessmentRecord } from './model.ts'
import type { AlertEvent, Assessment, AssessmentInputs } from './records.ts'
import { latestClosedWindow, previousPublicationDate, windowOf } from './schedule.ts'
import { findSeries } from './series.ts'
import { dealsForWindow, quotesForWindow } from './store.ts'
import type { Actor } from './submissions.ts'

export interface PricingContext {
  readonly db: Kysely<Database>
  /** Epoch ms. */
  readonly now: () => number
}

export interface Judgement {
  readonly value: number
  readonly rationale: string
}

export interface ProposalRequest {
  readonly seriesId: string
  /** The period's publication date; default: the latest period whose window has closed. */
  readonly date?: string
  readonly judgement?: Judgement | null
}

export interface CorrectionRequest {
  readonly seriesId: string
  readonly date: string
  readonly value: number
  readonly reason: string
}

/** A publication and the alert events it raised (webhooks still to be sent). */
export interface Publication {
  readonly assessment: Assessment
  readonly events: readonly { readonly event: AlertEvent; readonly webhookUrl: string | null }[]
}

const iso = (ms: number) => new Date(ms).toISOString()

/** Proposes the method's record for one period of a series. */
export async function propose(
  ctx: PricingContext,
  actor: Actor,
  request: ProposalRequest,
): Promise<Result<Assessment>> {
  const { db } = ctx
  const series = findSeries(request.seriesId)
  if (!series) return refuse('SERIES_NOT_FOUND', `no price series ${request.seriesId}`)
  const nowMs = ctx.now()
  const date = request.date ?? latestClosedWindow(series.frequency, nowMs).date
  const window = windowOf(series.frequency, date)
  if (!window) {
    const days = series.frequency === 'weekly' ? 'Thursdays' : 'Monday to Friday'
    return refuse('VALIDATION_FAILED', `${series.id} publishes on ${days}, not on ${date}`, [
      { field: '/date', message: `is not a publication date of ${series.id} (${days})` },
    ])
  }
  if (window.endMs > nowMs)
    return refuse('WINDOW_NOT_CLOSED', `the window of ${date} closes at ${iso(window.endMs)}`)
  if (await currentAssessment(db, series.id, date))
    return refuse('ASSESSMENT_EXISTS', `${series.id} of ${date} is published; propose a correction instead`)

  const prior = await currentAssessment(db, series.id, previousPublicationDate(series.frequency, date))
  const previous = prior ? { value: prior.record.value, rolls: prior.record.rolls } : null
  const deals = await dealsForWindow(db, series.id, window.startMs, window.endMs)
  const quotes = await quotesForWindow(db, series.id, window.startMs, window.endMs)
  const judgement = request.judgement ?? null
  const input: AssessmentInput = {
    series: { id: series.id, family: series.family },
    window: { start: iso(window.startMs), end: iso(window.endMs) },
    previous,
    deals: deals.map((d) => ({
      id: d.id,
      submitter: d.submitter,
      affiliated: d.affiliated,
      pricedOnIndex: d.pricedOnIndex,
      qtyKg: d.qtyKg,
      value: d.value,
      deliveryDays: d.deliveryDays,
      paymentDays: d.paymentDays,
      dealAt: iso(d.dealAtMs),
    })),
    quotes: quotes.map((q) => ({
      id: q.id,
      submitter: q.submitter,
      side: q.side,
      value: q.value,
      qtyKg: q.qtyKg,
      at: iso(q.atMs),
    })),
    judgement,
  }
  const inputs: AssessmentInputs = {
    dealIds: deals.map((d) => d.id),
    quoteIds: quotes.map((q) => q.id),
    previous,
    judgement,
  }
  const synthetic =
    deals.some((d) => d.synthetic) || quotes.some((q) => q.synthetic) || (prior?.synthetic ?? false)
  const assessment = await insertAssessment(db, {
    seriesId: series.id,
    date,
    windowStartMs: window.startMs,
    windowEndMs: window.endMs,
    revision: 1,
    status: 'proposed',
    record: assess(input),
    inputs,
    correctionOf: null,
    reason: null,
    proposedBy: actor.userId,
    proposedAtMs: nowMs,
    synthetic,
  })
  return ok(assessment)
}

/** Proposes a new value for a published period, as revision n + 1 with its reason. */
export async function proposeCorrection(
  ctx: PricingContext,
  actor: Actor,
  request: CorrectionRequest,
): Promise<Result<Assessment>> {
  const series = findSeries(request.seriesId)
  if (!series) return refuse('SERIES_NOT_FOUND', `no price series ${request.seriesId}`)
  if (
    !Number.isSafeInteger(request.value) ||
    request.value % 10 !== 0 ||
    (series.kind === 'base' && request.value <= 0)
  )
    return refuse(
      'VALIDATION_FAILED',
      'the value must be a whole multiple of 10 CNY/t (above 0 for the base)',
      [{ field: '/value', message: 'must be a multiple of 10 CNY/t' }],
    )
  if (request.reason.trim() === '')
    return refuse('VALIDATION_FAILED', 'a correction states its reason', [
      { field: '/reason', message: 'is empty' },
    ])
  const current = await currentAssessment(ctx.db, series.id, request.date)
  if (!current)
    return refuse('ASSESSMENT_NOT_FOUND', `${series.id} has no published assessment of ${request.date}`)
  const record: AssessmentRecord = { ...current.record, value: request.value, suspended: false }
  const assessment = await insertAssessment(ctx.db, {
    seriesId: series.id,
    date: current.date,
    windowStartMs: current.windowStartMs,
    windowEndMs: current.windowEndMs,
    revision: current.revision + 1,
    status: 'proposed',
    record,
    inputs: current.inputs,
    correctionOf: current.revision,
    reason: request.reason.trim(),
    proposedBy: actor.userId,
    proposedAtMs: ctx.now(),
    synthetic: current.synthetic,
  })
  return ok(assessment)
}

/**
 * Publishes a proposal. Refused: ASSESSMENT_NOT_FOUND, ASSESSMENT_NOT_PROPOSED (already published
 * or rejected), SELF_APPROVAL (the approver proposed it), ASSESSMENT_STALE (another revision of the
 * period was published since it was proposed).
 */
export async function approve(ctx: PricingContext, actor: Actor, id: string): Promise<Result<Publication>> {
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const a = await findAssessment(trx, id, true)
      if (!a) return refuse('ASSESSMENT_NOT_FOUND', `no assessment ${id}`)
      if (a.status !== 'proposed') return refuse('ASSESSMENT_NOT_PROPOSED', `assessment ${id} is ${a.status}`)
      if (a.proposedBy === actor.userId)
        return refuse('SELF_APPROVAL', `you proposed assessment ${id}; another analyst approves it`)
      const current = await currentAssessment(trx, a.seriesId, a.date, true)
      if ((current?.revision ?? 0) + 1 !== a.revision) return stale(a, current?.revision ?? 0)
      const previousValue = current
        ? current.record.value
        : ((await currentBefore(trx, a.seriesId, a.date))?.record.value ?? null)
      const nowMs = ctx.now()
      const assessment = await markPublished(trx, a, actor.userId, nowMs)
      const events = await raiseAlerts(trx, assessment, previousValue, nowMs)
      return ok({ assessment, events })
    })
  } catch (error) {
    // Two approvals of one period at once: the unique index lets one through.
    if ((error as { code?: unknown }).code === '23505')
      return refuse('ASSESSMENT_STALE', `another revision of this period was published at the same time`)
    throw error
  }
}

const stale = (a: Assessment, published: number): Refusal =>
  refuse(
    'ASSESSMENT_STALE',
    `${a.seriesId} of ${a.date} is at revision ${published}; this proposal was for revision ${a.revision}`,
  )

export async function reject(
  ctx: PricingContext,
  actor: Actor,
  id: string,
  reason: string,
): Promise<Result<Assessment>> {
  if (reason.trim() === '')
    return refuse('VALIDATION_FAILED', 'a rejection states its reason', [
      { field: '/reason', message: 'is empty' },
    ])
  return inTransaction(ctx.db, async (trx) => {
    const a = await findAssessment(trx, id, true)
    if (!a) return refuse('ASSESSMENT_NOT_FOUND', `no assessment ${id}`)
    if (a.status !== 'proposed') return refuse('ASSESSMENT_NOT_PROPOSED', `assessment ${id} is ${a.status}`)
    return ok(await markRejected(trx, id, actor.userId, ctx.now(), reason.trim()))
  })
}

/** The scheduler's proposals: a user id no person has, so any analyst may approve them. */
export const SCHEDULER: Actor = { userId: 'scheduler', enterpriseId: '' }

/**
 * The scheduled run: proposes, for every series, the latest closed period that has neither a
 * proposal waiting nor a publication. Returns what it proposed.
 */
export async function proposeDue(ctx: PricingContext, seriesIds: readonly string[]): Promise<Assessment[]> {
  const proposed: Assessment[] = []
  for (const seriesId of seriesIds) {
    const series = findSeries(seriesId)
    if (!series) continue
    const { date } = latestClosedWindow(series.frequency, ctx.now())
    const existing = await listAssessments(ctx.db, { seriesId, date, limit: 1000 })
    if (existing.some((a) => a.status !== 'rejected')) continue
    const result = await propose(ctx, SCHEDULER, { seriesId, date })
    if (result.ok) proposed.push(result.value)
  }
  return proposed
}

class Rollback extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.detail)
  }
}

/** Runs work in a transaction, rolled back when it returns a refusal. */
async function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await work(trx)
      if (!result.ok) throw new Rollback(result)
      return result
    })
  } catch (error) {
    if (error instanceof Rollback) return error.refusal
    throw error
  }
}
