/**
 * The trading service: the one writer of the trading state. A command is checked (instrument,
 * session, band, risk), applied to the state, appended to the journal, and answered only once the
 * journal holds it durably; then listeners (market data) and the SQL projection see it, in journal
 * order. Start = the projection as snapshot + a replay of the journal's tail.
 * @module
 */
import type { Kysely } from 'kysely'
import {
  checkOrderTerms,
  type Instrument,
  type InstrumentStatus,
  priceBand,
  setInstrumentStatus,
  type TradingPhase,
  tradingPhaseAt,
} from '../../instruments/index.ts'
import { AppError, type Refusal, type Result, refuse } from '../../kernel/index.ts'
import type { Database, SharedDatabase } from '../../platform/db/index.ts'
import { type EventLoopDelay, monitorEventLoopDelay } from '../../platform/event-loop-delay.ts'
import { type GcPause, type GcPauses, monitorGcPauses } from '../../platform/gc-pauses.ts'
import { LatencyHistogram, type LatencySnapshot } from '../../platform/latency-histogram.ts'
import type { Journal, SlowWrite } from '../journal/index.ts'
import { type JournalStall, JournalStalls } from './journal-stalls.ts'
import type { Applied, JournalCommand, OrderRequest, OrderState } from './model.ts'
import { OrderFlow } from './order-flow.ts'
import { InThreadProjector, type Projector, type ProjectorEvents, WorkerProjector } from './projector.ts'
import { findOrder, tradesByIds } from './queries.ts'
import { TradingState } from './state.ts'
import { loadSnapshot } from './store.ts'

/** How long an idempotency key is remembered. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000
/**
 * How long memory keeps a note of a closed order: whose it was and how it ended, so that a cancel or
 * amend that crossed its fill is refused at once (ORDER_NOT_OPEN) instead of waiting for the SQL
 * projection, which a burst of orders holds back (its key stays for the whole window; after this,
 * the answer comes from SQL).
 */
export const CLOSED_ORDER_MEMORY_MS = 10_000
/**
 * How long a closed order itself stays in memory, for the answer to a retry racing its first
 * request (later, the retry is answered from SQL). Short, so that a closed order is gone before
 * the order thread's young generation is next collected (every ~0.5 s at 3,700 orders/s): kept
 * 10 s, each one was copied twice and promoted, and at that pace those copies made each minor
 * collection 4.5-13 ms (14-20 pauses of 5 ms or more in a 10 s `bench:api` pass; 2-6 once closed
 * orders left within 100 ms).
 */
export const CLOSED_ORDER_HELD_MS = 100
/**
 * New orders are refused (TRADING_BUSY, 503) while this many applied commands wait for the SQL
 * projection, and taken again once it is down to half. The backlog lives in memory (a few hundred
 * bytes to a few KB a command): without a bound, order entry faster than the database for long
 * enough would end in running out of it. 200,000 is about half a minute of the fastest entry the
 * API benchmark measured. Cancels are always taken: they free reservations and end risk.
 */
export const MAX_PROJECTION_BACKLOG = 200_000

/**
 * `scheduled`: the instruments' sessions in Shanghai time decide when orders are taken and when the
 * opening call uncrosses. `always_open` (the demo): continuous instruments trade round the clock and
 * call-auction instruments uncross every minute, so the demo is alive whenever it is opened.
 */
export type SessionPolicy = 'scheduled' | 'always_open'

export interface TradingServiceOptions {
  readonly db: Kysely<Database>
  readonly journal: Journal
  readonly instruments: readonly Instrument[]
  readonly clock?: () => number
  readonly sessionPolicy?: SessionPolicy
  readonly log?: (message: string) => void
  /** Commands that may wait for the SQL projection before new orders are refused (see MAX_PROJECTION_BACKLOG). */
  readonly maxProjectionBacklog?: number
  /**
   * Project to SQL from a thread of its own, over this handle to the database (see projector.ts);
   * without it the service's own thread writes the projection.
   */
  readonly projectionThread?: () => SharedDatabase | null
}

export interface Placed {
  readonly order: OrderState
  readonly trades: Applied['trades']
  /** True when the idempotency key had already placed this order (nothing new happened). */
  readonly replayed: boolean
}

export type AppliedListener = (applied: Applied) => void

/** How the order path and the SQL projection are doing, for operators and the API benchmark. */
export interface TradingOperations {
  /** The last command applied in memory (answered once durable). */
  readonly appliedSeq: number
  /** The last command durable in the journal and handed to listeners. */
  readonly durableSeq: number
  /** The last command written to SQL. */
  readonly projectedSeq: number
  /** Commands applied but not yet in SQL. */
  readonly projectionBacklog: number
  /** The backlog's bound: past it new orders get TRADING_BUSY until it is down to half. */
  readonly maxProjectionBacklog: number
  /** True while new orders are refused for the backlog. */
  readonly refusingNewOrders: boolean
  /** From a command's append to its being durable, per command (cumulative since start). */
  readonly commit: LatencySnapshot
  /** One SQL transaction of the projection, per batch (cumulative since start). */
  readonly projectionBatch: LatencySnapshot
  /** How late a 20 ms timer fires on the thread that answers orders (cumulative since start). */
  readonly eventLoopDelay: LatencySnapshot
  /** Garbage-collection pauses of the thread that answers orders (cumulative since start). */
  readonly gcPause: LatencySnapshot
  /** Its last long pauses (LONG_GC_PAUSE_MS or more), one by one, oldest first. */
  readonly gcLongPauses: readonly GcPause[]
  /** The journal's last stalls (commands waiting LONG_COMMIT_MS or more to be durable), oldest first. */
  readonly journalStalls: readonly JournalStall[]
  /** The journal's last slow writes to the disk (`Journal.slowWrites`), oldest first. */
  readonly journalSlowWrites: readonly SlowWrite[]
  /** Why the service stopped taking commands, or null. */
  readonly failure: string | null
}

/** The published base price (CNY/t) in force at an instant, or null when none is. */
export type BaseSource = (atMs: number) => number | null

/**
 * The order as its own command left it. By the time that command is durable, later commands (not
 * durable yet) may have filled the live order further; an answer must not report what a crash
 * could still undo.
 */
function ownCopy(applied: Applied, orderId: number): OrderState {
  const order = applied.orders.find((o) => o.id === orderId)
  if (order === undefined) throw new Error(`command ${applied.seq} did not touch order ${orderId}`)
  return order
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export class TradingService {
  readonly state: TradingState
  readonly #db: Kysely<Database>
  readonly #journal: Journal
  readonly #clock: () => number
  readonly #policy: SessionPolicy
  readonly #log: (message: string) => void
  readonly #listeners: AppliedListener[] = []
  /** Applied, durable or not, not yet handed to listeners and the projection; with their journal records. */
  readonly #undelivered: Applied[] = []
  readonly #undeliveredRecords: Uint8Array[] = []
  readonly #projectionThread: (() => SharedDatabase | null) | null
  #projector: Projector | null = null
  #deliveredSeq = 0
  #projectedSeq = 0
  readonly #projectionWaiters: { seq: number; resolve: () => void; reject: (error: Error) => void }[] = []
  #failure: Error | null = null
  #timer: NodeJS.Timeout | null = null
  #lastMinute = -1
  readonly #lastPhase = new Map<string, TradingPhase>()
  #closed = false
  #baseSource: BaseSource | null = null
  readonly #maxBacklog: number
  /** Refusing new orders until the projection backlog is down to half the bound. */
  #shedding = false
  readonly #commitLatency = new LatencyHistogram()
  readonly #projectionLatency = new LatencyHistogram()
  readonly #eventLoopDelay: EventLoopDelay = monitorEventLoopDelay()
  readonly #gcPauses: GcPauses = monitorGcPauses()
  readonly #journalStalls = new JournalStalls()
  readonly #orderFlow = new OrderFlow()

  private constructor(options: TradingServiceOptions) {
    this.#db = options.db
    this.#journal = options.journal
    this.#clock = options.clock ?? Date.now
    this.#policy = options.sessionPolicy ?? 'scheduled'
    this.#log = options.log ?? (() => {})
    this.#maxBacklog = options.maxProjectionBacklog ?? MAX_PROJECTION_BACKLOG
    this.#projectionThread = options.projectionThread ?? null
    this.state = new TradingState(options.instruments)
  }

  /** Restores the snapshot, replays the journal's tail, and starts the session clock. */
  static async open(options: TradingServiceOptions): Promise<TradingService> {
    const service = new TradingService(options)
    try {
      await service.#recover()
    } catch (error) {
      service.#eventLoopDelay.stop()
      service.#gcPauses.stop()
      await service.#projector?.close()
      throw error
    }
    service.#timer = setInterval(() => service.tick(), 1000)
    service.#timer.unref()
    service.tick()
    return service
  }

  get failure(): Error | null {
    return this.#failure
  }
  get durableSeq(): number {
    return this.#deliveredSeq
  }

  /** Whether commands stream in now (order-flow.ts): background work on the database waits meanwhile. */
  get ordersStreaming(): boolean {
    return this.#orderFlow.streaming(performance.now())
  }

  /** Commands applied but not yet written to SQL. */
  get projectionBacklog(): number {
    return this.state.seq - this.#projectedSeq
  }

  operations(): TradingOperations {
    return {
      appliedSeq: this.state.seq,
      durableSeq: this.#deliveredSeq,
      projectedSeq: this.#projectedSeq,
      projectionBacklog: this.projectionBacklog,
      maxProjectionBacklog: this.#maxBacklog,
      refusingNewOrders: this.#shedding,
      commit: this.#commitLatency.snapshot(),
      projectionBatch: this.#projectionLatency.snapshot(),
      eventLoopDelay: this.#eventLoopDelay.histogram.snapshot(),
      gcPause: this.#gcPauses.histogram.snapshot(),
      gcLongPauses: this.#gcPauses.recentLong(),
      journalStalls: this.#journalStalls.recent(),
      journalSlowWrites: this.#journal.slowWrites?.() ?? [],
      failure: this.#failure?.message ?? null,
    }
  }

  onApplied(listener: AppliedListener): void {
    this.#listeners.push(listener)
  }

  /** The phase an instrument is in now, under the session policy. */
  phase(instrument: Instrument): TradingPhase {
    if (instrument.status !== 'open' || instrument.model === 'listing') return 'closed'
    if (this.#policy === 'always_open') return instrument.model === 'call' ? 'call' : 'continuous'
    return tradingPhaseAt(instrument, this.#clock())
  }

  /** The band orders must keep to today, in the book's terms. */
  band(instrument: Instrument): { lowCnyPerT: number; highCnyPerT: number } {
    return priceBand(instrument)
  }

  /**
   * Where the base of fee-basis orders comes from once the pricing center publishes one: the latest
   * published base of the trade date, or null to fall back on the instrument's configured reference.
   */
  setBaseSource(source: BaseSource): void {
    this.#baseSource = source
  }

  /** The base a fee-basis order is priced over (journaled with the order, so a replay needs no source). */
  base(instrument: Instrument): number | null {
    if (instrument.priceBasis !== 'fee') return null
    return this.#baseSource?.(this.#clock()) ?? instrument.configuredBaseCnyPerT ?? 0
  }

  /**
   * Places an order for `enterpriseId`. The same idempotency key with the same request answers the
   * first result; with another request, IDEMPOTENCY_KEY_REUSED. Resolves once the order is durable.
   */
  async place(
    enterpriseId: string,
    userId: string,
    request: OrderRequest,
    key: string,
    hash: string,
  ): Promise<Result<Placed>> {
    const failed = this.#failed()
    if (failed) return failed
    const state = this.state
    const hit = state.idempotent(enterpriseId, key, hash)
    if (hit !== null && this.#clock() - hit.createdAtMs < IDEMPOTENCY_WINDOW_MS) {
      if (!hit.sameRequest)
        return refuse('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another order request')
      // The order as it is now, answered once everything that made it so is durable.
      const seq = state.seq
      let order: OrderState
      if (hit.order) {
        order = { ...hit.order }
        await this.#journal.whenDurable(seq)
      } else {
        // Closed a while ago, so memory let it go: the projection holds it as it ended, unless it
        // is behind (then wait for it; a closed row is final, so usually there is no wait).
        let stored = await findOrder(this.#db, hit.orderId)
        if (stored === null || stored.status === 'open') {
          await this.projected(seq)
          stored = await findOrder(this.#db, hit.orderId)
        }
        if (stored === null) throw new Error(`idempotency key of order ${hit.orderId}, which SQL lacks`)
        order = stored
      }
      return {
        ok: true,
        value: { order, trades: await this.#tradesOf(order), replayed: true },
      }
    }
    const busy = this.#busy()
    if (busy) return busy
    const instrument = state.instrument(request.instrument)
    if (instrument === undefined)
      return refuse('INSTRUMENT_NOT_FOUND', `no instrument ${request.instrument}`, [
        { field: '/instrument', message: 'is not a listed instrument' },
      ])
    const closed = this.#sessionRefusal(instrument)
    if (closed) return closed
    const terms = checkOrderTerms(instrument, {
      qtyKg: request.qtyKg,
      ...(request.priceCnyPerT !== null ? { priceCnyPerT: request.priceCnyPerT } : {}),
    })
    if (terms) return terms
    const base = this.base(instrument)
    const ceiling = this.band(instrument).highCnyPerT
    const risk = state.checkNew(enterpriseId, request, base, ceiling)
    if (risk) return risk
    const command: JournalCommand = {
      op: 'new',
      at: this.#clock(),
      order: state.nextOrderId,
      enterprise: enterpriseId,
      user: userId,
      key,
      hash,
      base,
      ceiling,
      request,
    }
    const applied = await this.#commit(command)
    return {
      ok: true,
      value: { order: ownCopy(applied, command.order), trades: applied.trades, replayed: false },
    }
  }

  /** Cancels an open order of `enterpriseId` (risk and admin may cancel any: pass null). */
  async cancel(enterpriseId: string | null, orderId: number): Promise<Result<OrderState>> {
    const failed = this.#failed()
    if (failed) return failed
    const order = this.#visibleOrder(enterpriseId, orderId)
    if (!order.ok) return order
    if (order.value.status !== 'open')
      return refuse('ORDER_NOT_OPEN', `order ${orderId} is ${order.value.status}`)
    const applied = await this.#commit({ op: 'cancel', at: this.#clock(), order: orderId })
    return { ok: true, value: ownCopy(applied, orderId) }
  }

  /** Changes an open order's open quantity and/or limit price (queue place kept only for a smaller quantity). */
  async amend(
    enterpriseId: string | null,
    orderId: number,
    qtyKg: number | null,
    priceCnyPerT: number | null,
  ): Promise<Result<Placed>> {
    const failed = this.#failed() ?? this.#busy()
    if (failed) return failed
    const found = this.#visibleOrder(enterpriseId, orderId)
    if (!found.ok) return found
    const order = found.value
    if (order.status !== 'open') return refuse('ORDER_NOT_OPEN', `order ${orderId} is ${order.status}`)
    if (order.type === 'market' && priceCnyPerT !== null)
      return refuse('VALIDATION_FAILED', 'a market order has no price to amend', [
        { field: '/price', message: 'must be absent for a market order' },
      ])
    const instrument = this.state.instrument(order.instrument)!
    const closed = this.#sessionRefusal(instrument)
    if (closed) return closed
    const terms = checkOrderTerms(instrument, {
      qtyKg: qtyKg ?? order.remainingKg,
      ...(priceCnyPerT !== null ? { priceCnyPerT } : {}),
    })
    if (terms) return terms
    const risk = this.state.checkAmend(order, qtyKg, priceCnyPerT)
    if (risk) return risk
    const applied = await this.#commit({
      op: 'amend',
      at: this.#clock(),
      order: orderId,
      qtyKg,
      priceCnyPerT,
    })
    return { ok: true, value: { order: ownCopy(applied, orderId), trades: applied.trades, replayed: false } }
  }

  /**
   * Halts, reopens or closes an instrument. Only admission changes (orders are refused while it is
   * not open); resting orders stay, so the journal's commands never depend on it.
   */
  async setStatus(code: string, status: InstrumentStatus): Promise<Result<Instrument>> {
    if (!this.state.instrument(code)) return refuse('INSTRUMENT_NOT_FOUND', `no instrument ${code}`)
    const updated = await setInstrumentStatus(this.#db, code, status)
    if (!updated) return refuse('INSTRUMENT_NOT_FOUND', `no instrument ${code}`)
    this.state.replaceInstrument(updated)
    if (this.#projector instanceof WorkerProjector) this.#projector.replaceInstrument(updated)
    this.#log(`trading: ${code} is now ${status}`)
    return { ok: true, value: updated }
  }

  /** An order the caller may see: its own enterprise's, or any for risk/admin (`enterpriseId` null). */
  #visibleOrder(enterpriseId: string | null, orderId: number): Result<OrderState> {
    const visible = (owner: string) => enterpriseId === null || owner === enterpriseId
    const order = this.state.order(orderId)
    if (order !== undefined) {
      return visible(order.enterpriseId)
        ? { ok: true, value: order }
        : refuse('ORDER_NOT_FOUND', `no order ${orderId}`)
    }
    // Memory let a closed order go but noted how it ended: refused now, not after the SQL projection.
    const note = this.state.closedNote(orderId)
    return note !== undefined && visible(note.enterpriseId)
      ? refuse('ORDER_NOT_OPEN', `order ${orderId} is ${note.status}`)
      : refuse('ORDER_NOT_FOUND', `no order ${orderId}`)
  }

  /** Resolves when the SQL projection has caught up with every command answered so far. */
  async projected(seq = this.#deliveredSeq): Promise<void> {
    if (this.#projectedSeq >= seq) return
    if (this.#failure) throw this.#unavailable()
    const waited = new Promise<void>((resolve, reject) =>
      this.#projectionWaiters.push({ seq, resolve, reject }),
    )
    this.#projector?.hurry() // someone waits: no delay
    await waited
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    if (this.#timer) clearInterval(this.#timer)
    this.#eventLoopDelay.stop()
    this.#gcPauses.stop()
    await this.projected(this.state.seq).catch(() => {}) // applied, so durable soon, or failed
    await this.#projector?.close()
  }

  // ---- the write path ----

  async #commit(command: JournalCommand): Promise<Applied> {
    this.#orderFlow.record(performance.now())
    const seq = this.state.seq + 1
    const applied = this.state.apply(seq, command)
    this.state.forget(command.at - CLOSED_ORDER_HELD_MS)
    const record = encoder.encode(JSON.stringify(command))
    const appended = this.#journal.append(record)
    if (appended !== seq) {
      this.#fail(new Error(`journal gave seq ${appended} to command ${seq}`))
      throw this.#failure
    }
    this.#undelivered.push(applied)
    this.#undeliveredRecords.push(record)
    const appendedAt = performance.now()
    try {
      await this.#journal.whenDurable(seq)
      const durableAt = performance.now()
      this.#commitLatency.record(durableAt - appendedAt)
      this.#journalStalls.record(performance.timeOrigin + appendedAt, performance.timeOrigin + durableAt)
    } catch (error) {
      this.#fail(error as Error)
      throw error
    }
    this.#deliverUpTo(seq)
    return applied
  }

  /** Hands durable commands, in order, to listeners and the projection. */
  #deliverUpTo(seq: number): void {
    while (this.#undelivered.length > 0 && this.#undelivered[0]!.seq <= seq) {
      const applied = this.#undelivered.shift()!
      const record = this.#undeliveredRecords.shift()!
      this.#deliveredSeq = applied.seq
      for (const listener of this.#listeners) {
        try {
          listener(applied)
        } catch (error) {
          this.#log(`trading: a listener failed on command ${applied.seq}: ${(error as Error).message}`)
        }
      }
      this.#projector!.add(applied, record)
    }
    if (this.#projectionWaiters.length > 0) this.#projector!.hurry()
  }

  /** The projection's writer, from the snapshot at `fromSeq` on. */
  async #openProjector(fromSeq: number): Promise<Projector> {
    const events: ProjectorEvents = {
      projected: (seq, ms) => {
        this.#projectedSeq = seq
        this.#projectionLatency.record(ms)
        // The projection is the snapshot now: journal segments it covers may go.
        this.#journal.releaseUpTo(seq).catch(() => {})
        for (let i = this.#projectionWaiters.length - 1; i >= 0; i--) {
          const waiter = this.#projectionWaiters[i]!
          if (waiter.seq <= seq) {
            this.#projectionWaiters.splice(i, 1)
            waiter.resolve()
          }
        }
      },
      // The journal has these commands: stop taking new ones; a restart projects them again.
      failed: (error) => this.#fail(error),
    }
    const shared = this.#projectionThread?.() ?? null
    return shared
      ? WorkerProjector.start(shared, this.state.instruments(), fromSeq, events)
      : new InThreadProjector(this.#db, events)
  }

  #fail(error: Error): void {
    if (this.#failure) return
    this.#failure = error
    this.#log(`trading: stopped taking commands: ${error.message}`)
    for (const waiter of this.#projectionWaiters.splice(0)) waiter.reject(this.#unavailable())
  }

  /** What readers waiting for the projection get once the service failed: a 503, with the cause. */
  #unavailable(): AppError {
    return new AppError('TRADING_UNAVAILABLE', 'the trading service has stopped', undefined, {
      cause: this.#failure,
    })
  }

  #failed(): Refusal | null {
    if (this.#closed) return refuse('TRADING_UNAVAILABLE', 'the trading service is shutting down')
    return this.#failure
      ? refuse('TRADING_UNAVAILABLE', 'the trading service has stopped taking orders')
      : null
  }

  /** TRADING_BUSY while the projection backlog is over the bound, until it is down to half. */
  #busy(): Refusal | null {
    const backlog = this.state.seq - this.#projectedSeq
    if (!this.#shedding && backlog >= this.#maxBacklog) {
      this.#shedding = true
      this.#log(`trading: refusing new orders: ${backlog} commands wait for the SQL projection`)
    } else if (this.#shedding && backlog <= this.#maxBacklog / 2) {
      this.#shedding = false
      this.#log(`trading: taking new orders again: ${backlog} commands wait for the SQL projection`)
    }
    return this.#shedding
      ? refuse('TRADING_BUSY', `${backlog} commands wait to be written to the database; retry in a moment`)
      : null
  }

  #sessionRefusal(instrument: Instrument): Refusal | null {
    if (instrument.model === 'listing')
      return refuse('LISTING_ONLY', `${instrument.code} trades by listing only, not on the order book`)
    if (instrument.status === 'halted') return refuse('INSTRUMENT_HALTED', `${instrument.code} is halted`)
    if (instrument.status === 'closed') return refuse('MARKET_CLOSED', `${instrument.code} is closed`)
    const phase = this.phase(instrument)
    if (phase === 'closed' || phase === 'break')
      return refuse('MARKET_CLOSED', `${instrument.code} is not in a trading session now`)
    return null
  }

  async #tradesOf(order: OrderState): Promise<Applied['trades']> {
    if (order.placementTradeIds.length === 0) return []
    await this.projected(order.createdSeq)
    return tradesByIds(this.#db, order.placementTradeIds)
  }

  // ---- sessions ----

  /**
   * The session clock, run every second (and at start): at a new minute, moves books between call
   * collection and continuous trading, uncrosses call sessions that ended, and forgets old orders.
   */
  tick(): void {
    if (this.#closed || this.#failure) return
    const now = this.#clock()
    // Each second: between orders too (each order's commit lets go of the orders closed before it).
    this.state.forget(now - CLOSED_ORDER_HELD_MS)
    this.state.forgetNotes(now - CLOSED_ORDER_MEMORY_MS)
    const minute = Math.floor(now / 60_000)
    if (minute === this.#lastMinute) return
    const firstTick = this.#lastMinute < 0
    this.#lastMinute = minute
    if (minute % 10 === 0) this.state.forgetKeys(now - IDEMPOTENCY_WINDOW_MS)
    for (const instrument of this.state.instruments()) {
      const phase = this.phase(instrument)
      const before = this.#lastPhase.get(instrument.code)
      this.#lastPhase.set(instrument.code, phase)
      const inCall = this.state.inCall(instrument.code)
      const wantsCall = phase === 'opening_call' || phase === 'call'
      let command: JournalCommand | null = null
      const code = instrument.code
      if (wantsCall && !inCall) command = { op: 'phase', at: now, instrument: code, model: 'call' }
      else if (!wantsCall && inCall && phase === 'continuous')
        command = { op: 'phase', at: now, instrument: code, model: 'continuous' }
      else if (inCall && before === 'call' && phase !== 'call')
        command = { op: 'uncross', at: now, instrument: code } // a call session ended
      else if (phase === 'call' && inCall && !firstTick && this.#policy === 'always_open')
        command = { op: 'uncross', at: now, instrument: code }
      if (command) this.#commit(command).catch((error) => this.#log(`trading: ${(error as Error).message}`))
    }
  }

  // ---- recovery ----

  async #recover(): Promise<void> {
    const snapshot = await loadSnapshot(this.#db, this.#clock() - IDEMPOTENCY_WINDOW_MS)
    this.state.restore(snapshot)
    this.#projectedSeq = snapshot.seq
    this.#deliveredSeq = snapshot.seq
    if (this.#journal.lastSeq < snapshot.seq)
      throw new Error(
        `the journal ends at ${this.#journal.lastSeq} but the database has projected ${snapshot.seq}: wrong journal?`,
      )
    this.#projector = await this.#openProjector(snapshot.seq)
    let replayed = 0
    for await (const entry of this.#journal.read(snapshot.seq)) {
      const command = JSON.parse(decoder.decode(entry.payload)) as JournalCommand
      this.#undelivered.push(this.state.apply(entry.seq, command))
      this.#undeliveredRecords.push(entry.payload)
      replayed++
    }
    this.#deliverUpTo(this.state.seq)
    await this.projected(this.state.seq)
    if (this.#failure) throw this.#failure
    if (replayed > 0) this.#log(`trading: replayed ${replayed} journaled commands after seq ${snapshot.seq}`)
  }
}
