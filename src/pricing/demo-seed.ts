/**
 * Writes the demo center's price history: two years of simulated deals and quotes, and the
 * assessments the method made of them, published (proposed by demo-analyst, approved by
 * demo-reviewer), with the output weights of the indices. Every row is marked synthetic.
 * @module
 */
import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import { insertAssessment, insertPublishedAssessments, type PublishedAssessment } from './assessment-store.ts'
import { type DemoHistory, generateDemoHistory } from './demo/index.ts'
import { saveIndexWeights } from './index-publication.ts'
import type { AssessmentRecord } from './model.ts'
import { findSeries } from './series.ts'
import { insertDeals, insertQuotes } from './store.ts'

/** Who proposed and who approved the demo history's publications (user ids). */
export interface DemoPeople {
  readonly assessor: string
  readonly reviewer: string
}
/** Fixed, so the same demo cluster gets the same price history on every machine. */
const DEMO_PRICING_SEED = 20_261_130

/** True when the demo price history is already there. */
export async function hasDemoPricing(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('pricing_assessment')
    .select('id')
    .where('synthetic', '=', true)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Generates the history up to `nowMs` and stores it in one transaction; `submitters` are the demo
 * cluster's enterprise ids (at least three). Returns how many assessments were written.
 */
export async function seedDemoPricing(
  db: Kysely<Database>,
  nowMs: number,
  submitters: readonly string[],
  people: DemoPeople,
): Promise<number> {
  if (await hasDemoPricing(db)) return 0
  const history = generateDemoHistory({ endAt: nowMs, seed: DEMO_PRICING_SEED, submitters })
  await db.transaction().execute(async (trx) => {
    const dealIds = await storedIds(
      history.deals,
      insertDeals(
        trx,
        history.deals.map((d) => ({
          seriesId: d.seriesId,
          submitter: d.submitter,
          submittedBy: null,
          source: 'member' as const,
          tradeId: null,
          value: d.value,
          qtyKg: d.qtyKg,
          dealAtMs: Date.parse(d.dealAt),
          deliveryDays: d.deliveryDays,
          paymentDays: d.paymentDays,
          affiliated: d.affiliated,
          pricedOnIndex: d.pricedOnIndex,
          spec: d.spec,
          baseUsed: d.baseUsed,
          baseConvention: d.baseConvention,
          paymentTerms: d.paymentTerms,
          deliveryTerms: d.deliveryTerms,
          counterpartyType: d.counterpartyType,
          submittedAtMs: Date.parse(d.submittedAt),
          synthetic: true,
        })),
      ),
    )
    const quoteIds = await storedIds(
      history.quotes,
      insertQuotes(
        trx,
        history.quotes.map((q) => ({
          seriesId: q.seriesId,
          submitter: q.submitter,
          submittedBy: null,
          side: q.side,
          value: q.value,
          qtyKg: q.qtyKg,
          atMs: Date.parse(q.at),
          validUntilMs: Date.parse(q.validUntil),
          submittedAtMs: Date.parse(q.submittedAt),
          synthetic: true,
        })),
      ),
    )
    const rows = publishedRows(history, { ...dealIds, ...quoteIds }, people)
    // The latest week of each spot fee waits for the reviewer: the console has work to show.
    const waiting = new Set(
      [...lastIndexBySeries(rows)]
        .filter(([id]) => findSeries(id)?.track === 'spot' && findSeries(id)?.kind === 'fee')
        .map(([, i]) => i),
    )
    await insertPublishedAssessments(
      trx,
      rows.filter((_, i) => !waiting.has(i)),
    )
    for (const i of waiting) {
      const { approvedBy: _a, publishedAtMs: _p, current: _c, ...proposal } = rows[i]!
      await insertAssessment(trx, { ...proposal, status: 'proposed' })
    }
    await saveIndexWeights(trx, history.weights, true)
  })
  return history.assessments.length
}

/** The index of each series' last row (rows are by series, then date). */
function lastIndexBySeries(rows: readonly PublishedAssessment[]): Map<string, number> {
  const last = new Map<string, number>()
  rows.forEach((r, i) => {
    last.set(r.seriesId, i)
  })
  return last
}

/** The generator's ids (D1, Q1, …) against the ids the store gave, in the same order. */
async function storedIds(
  generated: readonly { readonly id: string }[],
  stored: Promise<readonly { readonly id: string }[]>,
): Promise<Record<string, string>> {
  const rows = await stored
  if (rows.length !== generated.length)
    throw new Error(`demo pricing: stored ${rows.length} of ${generated.length} rows`)
  return Object.fromEntries(generated.map((g, i) => [g.id, rows[i]!.id]))
}

function publishedRows(
  history: DemoHistory,
  idOf: Record<string, string>,
  people: DemoPeople,
): PublishedAssessment[] {
  const map = (id: string) => idOf[id] ?? id
  const previousOf = new Map<string, AssessmentRecord>()
  return history.assessments.map((a) => {
    const previous = previousOf.get(a.seriesId) ?? null
    previousOf.set(a.seriesId, a.record)
    const publishedAtMs = Date.parse(a.publishedAt)
    return {
      seriesId: a.seriesId,
      date: a.date,
      windowStartMs: Date.parse(a.windowStart),
      windowEndMs: Date.parse(a.windowEnd),
      revision: 1,
      record: { ...a.record, excluded: a.record.excluded.map((e) => ({ id: map(e.id), reason: e.reason })) },
      inputs: {
        dealIds: a.dealIds.map(map),
        quoteIds: a.quoteIds.map(map),
        previous: previous ? { value: previous.value, rolls: previous.rolls } : null,
        judgement: a.judgement,
      },
      correctionOf: null,
      reason: null,
      proposedBy: people.assessor,
      // The assessor proposes at the window's close; the reviewer publishes at 17:00.
      proposedAtMs: Date.parse(a.windowEnd),
      approvedBy: people.reviewer,
      publishedAtMs,
      current: true,
      synthetic: true,
    }
  })
}

/** How many enterprises of each kind submit the demo's deals (registry ids p-…, t-…, b-…). */
const DEMO_SUBMITTERS = { processor: 12, trader: 4, buyer: 4 } as const

/**
 * The demo history for the demo cluster: its enterprises submit, demo-analyst proposes and
 * demo-reviewer approves. Does nothing when the history is there or the demo users are not.
 */
export async function setUpDemoPricing(db: Kysely<Database>, nowMs: number): Promise<number> {
  if (await hasDemoPricing(db)) return 0
  const users = await db
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where('username', 'in', ['demo-analyst', 'demo-reviewer'])
    .execute()
  const assessor = users.find((u) => u.username === 'demo-analyst')?.id
  const reviewer = users.find((u) => u.username === 'demo-reviewer')?.id
  if (assessor === undefined || reviewer === undefined) return 0
  const enterprises = await db
    .selectFrom('enterprise')
    .select(['id', 'kind'])
    .where('kind', 'in', Object.keys(DEMO_SUBMITTERS))
    .orderBy('id')
    .execute()
  const submitters = Object.entries(DEMO_SUBMITTERS).flatMap(([kind, n]) =>
    enterprises
      .filter((e) => e.kind === kind)
      .slice(0, n)
      .map((e) => e.id),
  )
  if (submitters.length < 3) return 0
  return seedDemoPricing(db, nowMs, submitters, { assessor, reviewer })
}
