/**
 * The pricing center's use cases behind one object: submissions, the trading center's trades taken
 * in as deals, assessments and their two-person publication, corrections, references and alerts.
 * The clock and `fetch` are injected, so tests run on a frozen time and a fake network.
 * @module
 */
import { type Kysely, sql } from 'kysely'
import { listInstruments } from '../instruments/index.ts'
import { ok, type Result } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { alertsOf, deleteAlert, eventsOf } from './alert-store.ts'
import { type AlertRequest, createAlert, deliverWebhook } from './alerts.ts'
import { latestBaseValue, listAssessments } from './assessment-store.ts'
import {
  approve,
  type CorrectionRequest,
  type PricingContext,
  type ProposalRequest,
  propose,
  proposeCorrection,
  proposeDue,
  reject,
} from './assessments.ts'
import type {
  Alert,
  AlertEvent,
  Assessment,
  AssessmentStatus,
  Deal,
  PriceReference,
  Quote,
} from './records.ts'
import { insertReferences } from './reference-store.ts'
import { BASE_SERIES_ID, SERIES } from './series.ts'
import { findDeals, findQuotes, insertDeals, insertQuotes, type SubmissionFilter } from './store.ts'
import {
  type Actor,
  checkDeal,
  checkQuote,
  type DealSubmission,
  type QuoteSubmission,
} from './submissions.ts'
import { dealOfTrade, seriesOfInstrument } from './trade-deals.ts'
import { lockTradeCursor, setTradeCursor, tradesAfter } from './trade-store.ts'

export interface PricingServiceOptions {
  readonly db: Kysely<Database>
  /** Epoch ms (default: the system clock). */
  readonly clock?: () => number
  /** How webhooks are sent (default: the global fetch). */
  readonly fetch?: typeof fetch
  /** A webhook that has not answered by then has failed (default 3 s). */
  readonly webhookTimeoutMs?: number
}

/** Who reads submissions: analysts see every enterprise's, members only their own. */
export interface Reader {
  readonly enterpriseId: string
  readonly seesAll: boolean
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 3_000
/**
 * Trades taken in per transaction. A scheduled run stops between batches once orders stream in
 * (`postpone`), but the batch under way runs to its end on the database thread and the order
 * thread: in bench:api the minute's run took in a warm-up's tens of thousands of trades and was
 * still at it when the first paced pass began (--trace-opt: tradeFromRow and dealFromRow turned hot
 * in that pass's first 200 ms), which began with a pile-up of late answers. A small batch keeps
 * the part a burst must wait for short.
 */
const TRADE_BATCH = 100
const EVENTS_LISTED = 100

export class PricingService {
  readonly #db: Kysely<Database>
  readonly #ctx: PricingContext
  readonly #fetch: typeof fetch
  readonly #webhookTimeoutMs: number
  readonly #deliveries = new Set<Promise<void>>()
  #latestBase: number | null = null
  #schedule: NodeJS.Timeout | null = null
  #scheduled: Promise<unknown> | null = null

  constructor(options: PricingServiceOptions) {
    this.#db = options.db
    const clock = options.clock ?? Date.now
    this.#ctx = { db: options.db, now: clock }
    this.#fetch = options.fetch ?? fetch
    this.#webhookTimeoutMs = options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS
  }

  /** The service's clock, epoch ms. */
  now(): number {
    return this.#ctx.now()
  }

  /** Stores a member's deal after checking it; a refusal stores nothing. */
  async submitDeal(actor: Actor, body: DealSubmission): Promise<Result<Deal>> {
    const checked = checkDeal(actor, body, this.now())
    if (!checked.ok) return checked
    const [deal] = await insertDeals(this.#db, [checked.value])
    return ok(deal!)
  }

  async submitQuote(actor: Actor, body: QuoteSubmission): Promise<Result<Quote>> {
    const checked = checkQuote(actor, body, this.now())
    if (!checked.ok) return checked
    const [quote] = await insertQuotes(this.#db, [checked.value])
    return ok(quote!)
  }

  /** Deals the reader may see, newest first (the trading center's newest trades taken in first). */
  async deals(reader: Reader, filter: Omit<SubmissionFilter, 'submitterId'>): Promise<Deal[]> {
    await this.ingestTrades()
    return findDeals(this.#db, reader.seesAll ? filter : { ...filter, submitterId: reader.enterpriseId })
  }

  async quotes(reader: Reader, filter: Omit<SubmissionFilter, 'submitterId'>): Promise<Quote[]> {
    return findQuotes(this.#db, reader.seesAll ? filter : { ...filter, submitterId: reader.enterpriseId })
  }

  /**
   * Takes in the trading center's trades not taken in yet, as deals of the series their instruments
   * price (trades of other instruments are passed over). Returns how many deals it stored, or null
   * when `stopIf` stopped it before a batch: what it took in stays taken in, and the next call goes
   * on from there.
   */
  async ingestTrades(stopIf: () => boolean = () => false): Promise<number | null> {
    let stored = 0
    let instruments: Awaited<ReturnType<typeof listInstruments>> | null = null
    for (;;) {
      if (stopIf()) return null
      const done = await this.#db.transaction().execute(async (trx) => {
        const after = await lockTradeCursor(trx)
        const trades = await tradesAfter(trx, after, TRADE_BATCH)
        if (trades.length === 0) return true
        instruments ??= await listInstruments(trx)
        const byCode = new Map(instruments.map((i) => [i.code, i]))
        const deals = trades.flatMap((trade) => {
          const instrument = byCode.get(trade.instrument)
          const seriesId = instrument ? seriesOfInstrument(instrument) : null
          return instrument && seriesId ? [dealOfTrade(trade, instrument, seriesId)] : []
        })
        stored += (await insertDeals(trx, deals)).length
        await setTradeCursor(trx, BigInt(trades[trades.length - 1]!.id))
        return trades.length < TRADE_BATCH
      })
      if (done) return stored
    }
  }

  /** An analyst's proposal for one period (the trading center's trades taken in first). */
  async propose(actor: Actor, request: ProposalRequest): Promise<Result<Assessment>> {
    await this.ingestTrades()
    return propose(this.#ctx, actor, request)
  }

  /**
   * The scheduled run over every series: see proposeDue in assessments.ts. `postpone` is asked
   * before each batch of trades taken in and once more before proposing; once it says so, the run
   * ends and proposes nothing.
   */
  async proposeDue(postpone: () => boolean = () => false): Promise<Assessment[]> {
    if ((await this.ingestTrades(postpone)) === null || postpone()) return []
    return proposeDue(
      this.#ctx,
      SERIES.map((s) => s.id),
    )
  }

  async proposeCorrection(actor: Actor, request: CorrectionRequest): Promise<Result<Assessment>> {
    return proposeCorrection(this.#ctx, actor, request)
  }

  /** Publishes a proposal by a second person; alert webhooks go out once it has committed. */
  async approve(actor: Actor, id: string): Promise<Result<Assessment>> {
    const result = await approve(this.#ctx, actor, id)
    if (!result.ok) return result
    if (result.value.assessment.seriesId === BASE_SERIES_ID) await this.refreshBase()
    for (const { event, webhookUrl } of result.value.events)
      if (webhookUrl !== null) this.#track(event, webhookUrl)
    return ok(result.value.assessment)
  }

  /** Assessments of every status, newest first (the analysts' console). */
  async assessments(filter: {
    status?: AssessmentStatus
    seriesId?: string
    date?: string
    limit: number
  }): Promise<Assessment[]> {
    return listAssessments(this.#db, filter)
  }

  async reject(actor: Actor, id: string, reason: string): Promise<Result<Assessment>> {
    return reject(this.#ctx, actor, id, reason)
  }

  async recordReference(
    actor: Actor,
    reference: { name: string; date: string; value: number; source: string },
  ): Promise<PriceReference> {
    const [stored] = await insertReferences(this.#db, [
      { ...reference, recordedBy: actor.userId, recordedAtMs: this.now(), synthetic: false },
    ])
    return stored!
  }

  async createAlert(actor: Actor, request: AlertRequest): Promise<Result<Alert>> {
    return createAlert(this.#db, actor, request, this.now())
  }

  /** A user's alerts and the latest events they raised. */
  async alerts(userId: string): Promise<{ alerts: Alert[]; events: AlertEvent[] }> {
    return {
      alerts: await alertsOf(this.#db, userId),
      events: await eventsOf(this.#db, userId, EVENTS_LISTED),
    }
  }

  /** False when the user has no such alert. */
  async deleteAlert(userId: string, id: string): Promise<boolean> {
    return deleteAlert(this.#db, userId, id, this.now())
  }

  /** Usernames of user ids (people who proposed, approved or rejected); an id with no user stays itself. */
  async usernames(ids: readonly (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))]
    const rows =
      wanted.length === 0
        ? []
        : await this.#db
            .selectFrom('app_user')
            .select(['id', 'username'])
            // compared as text: an id such as `scheduler` is not a uuid, and would fail the cast
            .where(sql<string>`id::text`, 'in', wanted)
            .execute()
    const names = new Map(wanted.map((id) => [id, id]))
    for (const r of rows) names.set(r.id, r.username)
    return names
  }

  /** The latest published Gongyi base, CNY/t (null before the first): what fee-basis orders price over. */
  latestBase(): number | null {
    return this.#latestBase
  }

  /** Reads the latest published base again (at start, and after a base publication). */
  async refreshBase(): Promise<void> {
    this.#latestBase = await latestBaseValue(this.#db)
  }

  /**
   * Runs the schedule: every `intervalMs`, proposes each series' latest closed period that has
   * nothing waiting or published, for an analyst to approve. Stopped by `idle()`. A run is skipped,
   * or stopped between batches of trades, while `postpone()` says so (the server: while the trading
   * projection is behind, during a burst of orders): it would take in the trades SQL has so far,
   * tens of thousands after a burst, on the database thread that the burst's own work waits for.
   */
  startSchedule(
    intervalMs: number,
    log: (message: string) => void,
    postpone: () => boolean = () => false,
  ): void {
    if (this.#schedule) return
    const run = () => {
      if (this.#scheduled || postpone()) return
      this.#scheduled = this.proposeDue(postpone)
        .then((proposed) => {
          if (proposed.length > 0) log(`pricing: proposed ${proposed.length} assessments on schedule`)
        })
        .catch((error) => log(`pricing: the scheduled run failed: ${(error as Error).message}`))
        .finally(() => {
          this.#scheduled = null
        })
    }
    this.#schedule = setInterval(run, intervalMs)
    this.#schedule.unref()
    run()
  }

  /** Stops the schedule and resolves once every webhook sent so far has been answered or has timed out. */
  async idle(): Promise<void> {
    if (this.#schedule) clearInterval(this.#schedule)
    this.#schedule = null
    await this.#scheduled
    while (this.#deliveries.size > 0) await Promise.all([...this.#deliveries])
  }

  #track(event: AlertEvent, url: string): void {
    const delivery = deliverWebhook(this.#db, event, url, {
      fetch: this.#fetch,
      timeoutMs: this.#webhookTimeoutMs,
    })
      .catch(() => {}) // the database went away (shutdown): the event stays pending
      .finally(() => this.#deliveries.delete(delivery))
    this.#deliveries.add(delivery)
  }
}
