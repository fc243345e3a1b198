/**
 * The trading center's state, pure and deterministic: the matching engine, every order, the
 * balances that risk checks read, and idempotency keys. `apply` folds one journaled command into it
 * and says what happened; the same commands from the same snapshot always give the same result, so
 * recovery is a snapshot plus a replay of the journal's tail. No I/O and no clock: the time of a
 * command is in the command.
 * @module
 */
import { type Instrument, tradeDateOf } from '../../instruments/index.ts'
import { type Refusal, refuse } from '../../kernel/index.ts'
import {
  type AccountBalance,
  type AccountKey,
  type Bucket,
  CASH,
  fillFeeFen,
  type LedgerEvent,
  notionalFen,
  post,
  receiptAsset,
} from '../../ledger/index.ts'
import {
  Aggressor,
  MatchingEngine,
  Model,
  NO_PRICE,
  OrderType,
  RejectReason,
  Side,
  Stp,
  TimeInForce,
} from '../engine/index.ts'
import { CollectingSink } from './collector.ts'
import { IdTable } from './id-table.ts'
import { IdempotencyKeys } from './idempotency-keys.ts'
import type {
  Applied,
  CancelReasonName,
  ContractRecord,
  JournalCommand,
  LevelChange,
  OrderRequest,
  OrderState,
  TradeRecord,
} from './model.ts'
import { buyReservationFen } from './reservation.ts'

const CANCEL_REASONS: readonly CancelReasonName[] = ['user', 'unfilled', 'fok', 'stp']
const TIFS = { GTC: TimeInForce.GTC, IOC: TimeInForce.IOC, FOK: TimeInForce.FOK } as const
const STPS = {
  cancel_resting: Stp.CancelResting,
  cancel_incoming: Stp.CancelIncoming,
  cancel_both: Stp.CancelBoth,
} as const
const DAY_MS = 86_400_000

/** What a snapshot restores: the projection as of `seq`. */
export interface Snapshot {
  readonly seq: number
  readonly nextOrderId: number
  readonly nextTradeId: number
  /** Every enterprise balance (both buckets). */
  readonly balances: readonly AccountBalance[]
  /** Resting orders, in queue priority (prioritySeq, then id). */
  readonly openOrders: readonly OrderState[]
  /** Closed orders still worth holding (their idempotency keys are remembered). */
  readonly closedOrders: readonly OrderState[]
  /** Idempotency keys of every order: enterprise, key, order id, request hash, when placed. */
  readonly keys: readonly IdempotencyKey[]
  /** Instruments whose book is collecting a call auction. */
  readonly callInstruments: readonly string[]
}

export interface IdempotencyKey {
  readonly enterpriseId: string
  readonly key: string
  readonly orderId: number
  readonly hash: string
  readonly createdAtMs: number
}

export interface IdempotentHit {
  readonly orderId: number
  /** The order, while it is open or closed only lately (see `forget`); else only SQL holds it. */
  readonly order: OrderState | undefined
  readonly createdAtMs: number
  readonly sameRequest: boolean
}

/** An account's two buckets (see `TradingState.#balances`). */
type BalancePair = Record<Bucket, AccountBalance | undefined>

/** An idempotency key is the enterprise's own: the same key from two enterprises is two keys. */
const keyId = (enterpriseId: string, key: string): string => `${enterpriseId}\n${key}`

/** A refusal of `apply` is a bug or a corrupt journal: the command passed `checkNew`/… before. */
export class StateError extends Error {}

export class TradingState {
  readonly engine: MatchingEngine
  readonly #sink = new CollectingSink()
  readonly #instruments = new Map<string, Instrument>()
  readonly #byHandle: Instrument[] = []
  readonly #orders = new IdTable<OrderState>()
  readonly #resting = new Set<number>()
  /** Balances by owner, then asset: looked up with the strings at hand, not an id built per lookup. */
  readonly #balances = new Map<string, Map<string, BalancePair>>()
  /** `balance`, bound once: what `post()` looks balances up with. */
  readonly #balanceOf = (account: AccountKey): bigint => this.balance(account)
  /** Null in a replica that only projects (see projector-thread.ts): it never answers a retry. */
  readonly #keys: IdempotencyKeys | null
  /**
   * Orders as they closed (id, when), oldest first: what `forget` and `forgetNotes` let go, without
   * a scan of the open ones. Before `#closedHead` an order is only a note; before `#notedHead`, gone.
   */
  #closedIds: number[] = []
  #closedAtMs: number[] = []
  #notedHead = 0
  #closedHead = 0
  /** Closed orders memory let go, by id: their enterprise's account number × 2, + 1 if filled. */
  readonly #notes = new IdTable<number>()
  readonly #accountOf = new Map<string, number>()
  /** `#accountOf` reversed: an account number's enterprise. */
  readonly #enterpriseOf: string[] = ['']
  #seq = 0
  #nextOrderId = 1
  #nextTradeId = 1

  constructor(instruments: readonly Instrument[], options: { readonly idempotencyKeys?: boolean } = {}) {
    this.#keys = options.idempotencyKeys === false ? null : new IdempotencyKeys()
    this.engine = new MatchingEngine({ sink: this.#sink, initialOrders: 1 << 14 })
    for (const instrument of instruments) {
      this.#instruments.set(instrument.code, instrument)
      this.#byHandle[instrument.handle] = instrument
      this.engine.defineInstrument(instrument.handle, instrument.tickCnyPerT)
    }
  }

  get seq(): number {
    return this.#seq
  }
  get nextOrderId(): number {
    return this.#nextOrderId
  }

  instrument(code: string): Instrument | undefined {
    return this.#instruments.get(code)
  }
  /** Takes an instrument's new terms (its status); the handle and tick must stay what they were. */
  replaceInstrument(instrument: Instrument): void {
    const current = this.#instruments.get(instrument.code)
    if (!current || current.handle !== instrument.handle || current.tickCnyPerT !== instrument.tickCnyPerT)
      throw new StateError(`instrument ${instrument.code} cannot change its handle or tick`)
    this.#instruments.set(instrument.code, instrument)
    this.#byHandle[instrument.handle] = instrument
  }

  instruments(): Instrument[] {
    return [...this.#instruments.values()]
  }
  order(id: number): OrderState | undefined {
    return this.#orders.get(id)
  }
  /** Every order the state holds (the open ones and those of this run). */
  orders(): IterableIterator<OrderState> {
    return this.#orders.values()
  }
  balance(account: AccountKey): bigint {
    return this.#balances.get(account.owner)?.get(account.asset)?.[account.bucket]?.amount ?? 0n
  }
  balances(): AccountBalance[] {
    const all: AccountBalance[] = []
    for (const assets of this.#balances.values())
      for (const pair of assets.values()) {
        if (pair.available) all.push(pair.available)
        if (pair.reserved) all.push(pair.reserved)
      }
    return all
  }
  inCall(code: string): boolean {
    const instrument = this.#instruments.get(code)
    return instrument !== undefined && this.engine.view.model(instrument.handle) === Model.Call
  }

  /** The order an idempotency key already placed, and whether the request is the same. */
  idempotent(enterpriseId: string, key: string, hash: string): IdempotentHit | null {
    const hit = this.#keys?.get(keyId(enterpriseId, key))
    if (hit === undefined) return null
    return {
      orderId: hit.orderId,
      order: this.#orders.get(hit.orderId),
      createdAtMs: hit.createdAtMs,
      sameRequest: hit.hash === hash,
    }
  }

  /**
   * Drops closed orders last changed before `beforeMs` from memory, keeping a note of each: whose
   * it was and how it ended (`closedNote`), until `forgetNotes`. Their idempotency keys stay (see
   * `forgetKeys`), and the projection keeps the orders. Only what the service answers from memory
   * changes, never a result. A closed order is a few hundred bytes and a dozen objects: each one
   * still held when the young generation is collected is copied, and again when it is promoted,
   * while a note is two numbers in arrays that are never copied one by one.
   */
  forget(beforeMs: number): number {
    let dropped = 0
    const end = this.#closedIds.length
    while (this.#closedHead < end && this.#closedAtMs[this.#closedHead]! < beforeMs) {
      const id = this.#closedIds[this.#closedHead++]!
      const order = this.#orders.get(id)
      if (order === undefined) continue
      this.#orders.delete(id)
      this.#notes.set(id, this.#account(order.enterpriseId) * 2 + (order.status === 'filled' ? 1 : 0))
      dropped++
    }
    return dropped
  }

  /** Drops the notes of closed orders last changed before `beforeMs` (and those orders, if still held). */
  forgetNotes(beforeMs: number): number {
    this.forget(beforeMs)
    let dropped = 0
    while (this.#notedHead < this.#closedHead && this.#closedAtMs[this.#notedHead]! < beforeMs) {
      if (this.#notes.delete(this.#closedIds[this.#notedHead++]!)) dropped++
    }
    if (this.#notedHead > 4096 && this.#notedHead * 2 > this.#closedIds.length) {
      this.#closedIds = this.#closedIds.slice(this.#notedHead)
      this.#closedAtMs = this.#closedAtMs.slice(this.#notedHead)
      this.#closedHead -= this.#notedHead
      this.#notedHead = 0
    }
    return dropped
  }

  /** A closed order memory let go but still notes (see `forget`): whose it was and how it ended. */
  closedNote(id: number): { enterpriseId: string; status: 'filled' | 'cancelled' } | undefined {
    const note = this.#notes.get(id)
    if (note === undefined) return undefined
    return { enterpriseId: this.#enterpriseOf[note >> 1]!, status: note & 1 ? 'filled' : 'cancelled' }
  }

  /** Drops the idempotency keys of orders placed before `beforeMs`, except open orders'. */
  forgetKeys(beforeMs: number): number {
    return this.#keys?.forgetBefore(beforeMs, (orderId) => this.#orders.get(orderId)?.status === 'open') ?? 0
  }

  /** Restores a snapshot into an empty state (before any command). */
  restore(snapshot: Snapshot): void {
    if (this.#seq !== 0 || this.#orders.size !== 0) throw new StateError('restore into a used state')
    this.#seq = snapshot.seq
    this.#nextOrderId = snapshot.nextOrderId
    this.#nextTradeId = snapshot.nextTradeId
    for (const b of snapshot.balances) this.#setBalance(b)
    for (const code of snapshot.callInstruments) {
      const instrument = this.#instruments.get(code)
      if (instrument) this.engine.setModel(instrument.handle, Model.Call)
    }
    for (const order of snapshot.openOrders) {
      const instrument = this.#need(order.instrument)
      const market = order.type === 'market'
      this.#orders.set(order.id, order)
      const result = this.engine.submit(
        order.id,
        this.#account(order.enterpriseId),
        instrument.handle,
        order.side === 'buy' ? Side.Buy : Side.Sell,
        market ? OrderType.Market : OrderType.Limit,
        market ? NO_PRICE : (order.priceCnyPerT ?? NO_PRICE),
        order.remainingKg,
        market ? TimeInForce.IOC : TimeInForce.GTC,
        false,
        STPS[order.stp],
      )
      if (result !== RejectReason.Ok || !this.engine.view.isResting(order.id) || this.#sink.trades.length > 0)
        throw new StateError(`snapshot order ${order.id} does not rest as it did`)
      this.#resting.add(order.id)
      this.#sink.reset()
    }
    for (const order of [...snapshot.closedOrders].sort((a, b) => a.updatedAtMs - b.updatedAtMs)) {
      this.#orders.set(order.id, order)
      this.#closedIds.push(order.id)
      this.#closedAtMs.push(order.updatedAtMs)
    }
    for (const k of [...snapshot.keys].sort((a, b) => a.createdAtMs - b.createdAtMs || a.orderId - b.orderId))
      this.#keys?.set(keyId(k.enterpriseId, k.key), k.orderId, k.hash, k.createdAtMs)
  }

  /**
   * Risk check of a new order before it is journaled: the reservation it needs against the
   * enterprise's available cash or receipts, and the engine's own refusals (post-only that would
   * cross, or a time in force the call auction does not take). Null when it may go.
   */
  checkNew(
    enterpriseId: string,
    request: OrderRequest,
    base: number | null,
    ceiling: number,
  ): Refusal | null {
    const instrument = this.#need(request.instrument)
    if (
      this.inCall(instrument.code) &&
      (request.tif !== 'GTC' || request.postOnly) &&
      request.type === 'limit'
    )
      return refuse('TIF_NOT_ALLOWED', 'a call auction collects only GTC limit orders and market orders', [
        { field: '/tif', message: 'must be GTC (and not post-only) while the call auction collects orders' },
      ])
    if (this.inCall(instrument.code) && request.type === 'market' && request.tif === 'FOK')
      return refuse('TIF_NOT_ALLOWED', 'a call auction does not take FOK orders', [
        { field: '/tif', message: 'must be IOC for a market order in a call auction' },
      ])
    if (request.postOnly) {
      const crossing = this.#postOnlyCrossing(instrument, request.side, request.priceCnyPerT ?? 0)
      if (crossing) return crossing
    }
    const needed = this.reservationOf(instrument, request, base, ceiling)
    return this.#coverShortfall(enterpriseId, instrument, request.side, needed)
  }

  /** Risk check of an amend: the reservation it adds. `qtyKg` is the new open quantity. */
  checkAmend(order: OrderState, qtyKg: number | null, priceCnyPerT: number | null): Refusal | null {
    const instrument = this.#need(order.instrument)
    const needed = this.#amendedReservation(instrument, order, qtyKg, priceCnyPerT) - order.reserved
    if (order.postOnly && priceCnyPerT !== null) {
      const crossing = this.#postOnlyCrossing(instrument, order.side, priceCnyPerT)
      if (crossing) return crossing
    }
    return needed > 0n ? this.#coverShortfall(order.enterpriseId, instrument, order.side, needed) : null
  }

  /** Applies the command journaled as `seq` (the next one). Throws StateError on any inconsistency. */
  apply(seq: number, command: JournalCommand): Applied {
    if (seq !== this.#seq + 1) throw new StateError(`command ${seq} applied after ${this.#seq}`)
    const out: Applied = {
      seq,
      atMs: command.at,
      command,
      orders: [],
      trades: [],
      contracts: [],
      ledger: [],
      levels: [],
      uncross: null,
    }
    this.#sink.reset()
    switch (command.op) {
      case 'new':
        this.#applyNew(out, command)
        break
      case 'cancel':
        this.#applyCancel(out, command.order)
        break
      case 'amend':
        this.#applyAmend(out, command.order, command.qtyKg, command.priceCnyPerT)
        break
      case 'phase':
      case 'uncross': {
        const instrument = this.#need(command.instrument)
        const result =
          command.op === 'uncross'
            ? this.engine.uncross(instrument.handle)
            : this.engine.setModel(
                instrument.handle,
                command.model === 'call' ? Model.Call : Model.Continuous,
              )
        if (result !== RejectReason.Ok) throw new StateError(`${command.op} of ${instrument.code} refused`)
        this.#fold(out, instrument, null, null)
        if (this.#sink.uncrossed)
          out.uncross = {
            instrument: instrument.code,
            priceCnyPerT: this.#sink.uncrossPrice === NO_PRICE ? null : this.#sink.uncrossPrice,
            qtyKg: this.#sink.uncrossQtyKg,
          }
        break
      }
    }
    this.#seq = seq
    for (const order of out.orders)
      if (order.status !== 'open') {
        this.#closedIds.push(order.id)
        this.#closedAtMs.push(order.updatedAtMs)
      }
    // The orders as this command left them: the live objects move on with later commands, and the
    // projection of this command (the snapshot recovery starts from) must not show their future.
    return { ...out, orders: out.orders.map((o) => ({ ...o, placementTradeIds: [...o.placementTradeIds] })) }
  }

  #applyNew(out: Applied, command: Extract<JournalCommand, { op: 'new' }>): void {
    const { request } = command
    if (command.order !== this.#nextOrderId) throw new StateError(`order ${command.order} out of sequence`)
    const instrument = this.#need(request.instrument)
    const refusal = this.checkNew(command.enterprise, request, command.base, command.ceiling)
    if (refusal) throw new StateError(`order ${command.order} refused on apply: ${refusal.detail}`)
    const reserved = this.reservationOf(instrument, request, command.base, command.ceiling)
    const order: OrderState = {
      id: command.order,
      enterpriseId: command.enterprise,
      userId: command.user,
      idempotencyKey: command.key,
      requestHash: command.hash,
      instrument: instrument.code,
      side: request.side,
      type: request.type,
      tif: request.tif,
      postOnly: request.postOnly,
      stp: request.stp,
      priceCnyPerT: request.type === 'market' ? null : request.priceCnyPerT,
      reservePriceCnyPerT: request.type === 'market' ? command.ceiling : (request.priceCnyPerT ?? 0),
      baseCnyPerT: command.base,
      qtyKg: request.qtyKg,
      filledKg: 0,
      remainingKg: request.qtyKg,
      status: 'open',
      cancelReason: null,
      reserved: 0n,
      filledNotionalFen: 0n,
      prioritySeq: out.seq,
      createdSeq: out.seq,
      createdAtMs: command.at,
      updatedAtMs: command.at,
      placementTradeIds: [],
    }
    this.#nextOrderId++
    this.#orders.set(order.id, order)
    this.#keys?.set(
      keyId(order.enterpriseId, order.idempotencyKey),
      order.id,
      order.requestHash,
      order.createdAtMs,
    )
    this.#reserve(out, order, reserved)
    const market = request.type === 'market'
    const result = this.engine.submit(
      order.id,
      this.#account(order.enterpriseId),
      instrument.handle,
      request.side === 'buy' ? Side.Buy : Side.Sell,
      market ? OrderType.Market : OrderType.Limit,
      market ? NO_PRICE : (request.priceCnyPerT ?? NO_PRICE),
      request.qtyKg,
      TIFS[request.tif],
      request.postOnly,
      STPS[request.stp],
    )
    if (result !== RejectReason.Ok) throw new StateError(`engine refused order ${order.id} (${result})`)
    this.#fold(out, instrument, order, command.base)
    for (const trade of out.trades) order.placementTradeIds.push(trade.id)
  }

  #applyCancel(out: Applied, id: number): void {
    const order = this.#orders.get(id)
    if (order === undefined || !this.#resting.has(id))
      throw new StateError(`cancel of order ${id}, not resting`)
    if (this.engine.cancel(id) !== RejectReason.Ok) throw new StateError(`engine refused cancel of ${id}`)
    this.#fold(out, this.#need(order.instrument), null, null, out.atMs)
  }

  #applyAmend(out: Applied, id: number, qtyKg: number | null, priceCnyPerT: number | null): void {
    const order = this.#orders.get(id)
    if (order === undefined || !this.#resting.has(id))
      throw new StateError(`amend of order ${id}, not resting`)
    const instrument = this.#need(order.instrument)
    const refusal = this.checkAmend(order, qtyKg, priceCnyPerT)
    if (refusal) throw new StateError(`amend of ${id} refused on apply: ${refusal.detail}`)
    const target = this.#amendedReservation(instrument, order, qtyKg, priceCnyPerT)
    if (target > order.reserved) this.#reserve(out, order, target - order.reserved)
    else if (target < order.reserved) this.#release(out, order, order.reserved - target)
    const oldPrice = order.priceCnyPerT
    const oldOpen = order.remainingKg
    const newOpen = qtyKg ?? oldOpen
    const newPrice = priceCnyPerT ?? oldPrice
    const keepsPlace = newPrice === oldPrice && newOpen <= oldOpen
    // Out of its level first: a re-entering order trades as the aggressor, not as a resting order.
    this.#level(out, order, -oldOpen, keepsPlace ? 0 : -1)
    if (!keepsPlace) this.#resting.delete(id)
    const result = this.engine.amend(id, qtyKg ?? undefined, priceCnyPerT ?? undefined)
    if (result !== RejectReason.Ok) throw new StateError(`engine refused amend of ${id} (${result})`)
    order.priceCnyPerT = newPrice
    if (priceCnyPerT !== null) order.reservePriceCnyPerT = priceCnyPerT
    order.qtyKg = order.filledKg + newOpen
    order.remainingKg = newOpen
    order.updatedAtMs = out.atMs
    if (!keepsPlace) order.prioritySeq = out.seq
    out.orders.push(order)
    if (keepsPlace) this.#level(out, order, newOpen, 0)
    this.#fold(out, instrument, keepsPlace ? null : order, order.baseCnyPerT)
  }

  /**
   * Folds the engine's events of this command into orders, trades, settlements and level changes.
   * `incoming` is the order that entered (new, or amended out of its place): it rests afterwards if
   * the engine kept it.
   */
  #fold(
    out: Applied,
    instrument: Instrument,
    incoming: OrderState | null,
    _base: number | null,
    _at = out.atMs,
  ): void {
    const sink = this.#sink
    const seqEvents = sink.sequence
    for (let i = 0; i < seqEvents.length; i += 2) {
      const at = seqEvents[i + 1]!
      if (seqEvents[i] === 0) {
        const t = sink.trades
        this.#trade(out, instrument, t[at]!, t[at + 1]!, t[at + 2]!, t[at + 3]!, t[at + 4]!)
      } else {
        const c = sink.cancels
        this.#cancelled(out, c[at]!, c[at + 1]!, c[at + 2]!)
      }
    }
    if (incoming !== null) {
      if (!out.orders.includes(incoming)) out.orders.push(incoming)
      if (this.engine.view.isResting(incoming.id) && incoming.status === 'open') {
        this.#resting.add(incoming.id)
        this.#level(out, incoming, incoming.remainingKg, 1)
      }
    }
  }

  #trade(
    out: Applied,
    instrument: Instrument,
    buyId: number,
    sellId: number,
    price: number,
    qtyKg: number,
    aggressor: number,
  ): void {
    const buy = this.#orders.get(buyId)
    const sell = this.#orders.get(sellId)
    if (buy === undefined || sell === undefined)
      throw new StateError(`trade of unknown orders ${buyId}/${sellId}`)
    // A fee-basis trade settles at the buy order's base (the rule: base of the day of the buy order),
    // which is what its reservation covers.
    const allIn = price + (buy.baseCnyPerT ?? 0)
    const notional = notionalFen(BigInt(allIn), BigInt(qtyKg))
    const buyerFeeFen = fillFeeFen(buy.filledNotionalFen, notional, BigInt(instrument.buyerFeeBps))
    const sellerFeeFen = fillFeeFen(sell.filledNotionalFen, notional, BigInt(instrument.sellerFeeBps))
    for (const order of [buy, sell]) {
      if (this.#resting.has(order.id)) this.#level(out, order, -qtyKg, order.remainingKg === qtyKg ? -1 : 0)
      order.filledKg += qtyKg
      order.remainingKg -= qtyKg
      order.filledNotionalFen += notional
      order.updatedAtMs = out.atMs
      if (order.remainingKg === 0) {
        order.status = 'filled'
        this.#resting.delete(order.id)
      }
      if (!out.orders.includes(order)) out.orders.push(order)
    }
    buy.reserved -= notional + buyerFeeFen
    sell.reserved -= BigInt(qtyKg)
    const releaseBuyerFen = buy.remainingKg === 0 ? buy.reserved : 0n
    const releaseSellerKg = sell.remainingKg === 0 ? sell.reserved : 0n
    buy.reserved -= releaseBuyerFen
    sell.reserved -= releaseSellerKg
    if (buy.reserved < 0n || sell.reserved < 0n) throw new StateError(`reservation overdrawn by trade`)
    const id = this.#nextTradeId++
    const trade: TradeRecord = {
      id,
      seq: out.seq,
      instrument: instrument.code,
      priceCnyPerT: price,
      allInCnyPerT: allIn,
      qtyKg,
      buyOrderId: buyId,
      sellOrderId: sellId,
      buyerId: buy.enterpriseId,
      sellerId: sell.enterpriseId,
      aggressor: aggressor === Aggressor.Buy ? 'buy' : aggressor === Aggressor.Sell ? 'sell' : 'auction',
      notionalFen: notional,
      buyerFeeFen,
      sellerFeeFen,
      atMs: out.atMs,
    }
    out.trades.push(trade)
    const event: LedgerEvent = {
      kind: 'settle',
      buyer: buy.enterpriseId,
      seller: sell.enterpriseId,
      instrument: instrument.code,
      priceCnyPerT: BigInt(allIn),
      qtyKg: BigInt(qtyKg),
      buyerFeeFen,
      sellerFeeFen,
      ...(releaseBuyerFen > 0n ? { releaseBuyerFen } : {}),
      ...(releaseSellerKg > 0n ? { releaseSellerKg } : {}),
      reference: `trade:${id}`,
      key: `settle:${id}`,
    }
    this.#post(out, event)
    const contract: ContractRecord = {
      id,
      tradeId: id,
      instrument: instrument.code,
      buyerId: buy.enterpriseId,
      sellerId: sell.enterpriseId,
      qtyKg,
      allInCnyPerT: allIn,
      amountFen: notional,
      warehouseId: instrument.warehouseEnterpriseId,
      pickupFrom: tradeDateOf(out.atMs + DAY_MS),
      pickupTo: tradeDateOf(out.atMs + Math.max(1, instrument.deliveryDays) * DAY_MS),
    }
    out.contracts.push(contract)
  }

  #cancelled(out: Applied, id: number, remainingKg: number, reason: number): void {
    const order = this.#orders.get(id)
    if (order === undefined) throw new StateError(`cancel of unknown order ${id}`)
    if (remainingKg !== order.remainingKg)
      throw new StateError(`order ${id} open ${order.remainingKg}, engine ${remainingKg}`)
    if (this.#resting.has(id)) {
      this.#level(out, order, -remainingKg, -1)
      this.#resting.delete(id)
    }
    order.status = 'cancelled'
    order.cancelReason = CANCEL_REASONS[reason] ?? 'user'
    order.remainingKg = 0
    order.updatedAtMs = out.atMs
    if (order.reserved > 0n) this.#release(out, order, order.reserved)
    if (!out.orders.includes(order)) out.orders.push(order)
  }

  #level(out: Applied, order: OrderState, deltaKg: number, deltaOrders: number): void {
    if (order.priceCnyPerT === null || (deltaKg === 0 && deltaOrders === 0)) return
    const levels: LevelChange[] = out.levels
    levels.push({
      instrument: order.instrument,
      side: order.side,
      priceCnyPerT: order.priceCnyPerT,
      deltaKg,
      deltaOrders,
    })
  }

  #reserve(out: Applied, order: OrderState, amount: bigint): void {
    if (amount <= 0n) return
    this.#post(out, {
      kind: 'reserve',
      enterprise: order.enterpriseId,
      asset: order.side === 'buy' ? CASH : receiptAsset(order.instrument),
      amount,
      reference: `order:${order.id}`,
      key: `reserve:${order.id}:${out.seq}`,
    })
    order.reserved += amount
  }

  #release(out: Applied, order: OrderState, amount: bigint): void {
    if (amount <= 0n) return
    this.#post(out, {
      kind: 'release',
      enterprise: order.enterpriseId,
      asset: order.side === 'buy' ? CASH : receiptAsset(order.instrument),
      amount,
      reference: `order:${order.id}`,
      key: `release:${order.id}:${out.seq}`,
    })
    order.reserved -= amount
  }

  #post(out: Applied, event: LedgerEvent): void {
    const result = post(event, this.#balanceOf)
    if (!result.ok) throw new StateError(`ledger refused ${event.kind}: ${result.detail}`)
    for (const b of result.value.balances) this.#setBalance(b)
    out.ledger.push(result.value.posting)
  }

  #setBalance(balance: AccountBalance): void {
    let assets = this.#balances.get(balance.owner)
    if (assets === undefined) {
      assets = new Map()
      this.#balances.set(balance.owner, assets)
    }
    let pair = assets.get(balance.asset)
    if (pair === undefined) {
      pair = { available: undefined, reserved: undefined }
      assets.set(balance.asset, pair)
    }
    pair[balance.bucket] = balance
  }

  /** POST_ONLY_WOULD_CROSS when a post-only order at `price` would meet the opposite best (continuous only). */
  #postOnlyCrossing(instrument: Instrument, side: 'buy' | 'sell', price: number): Refusal | null {
    if (this.inCall(instrument.code)) return null
    const view = this.engine.view
    const best = side === 'buy' ? view.bestAsk(instrument.handle) : view.bestBid(instrument.handle)
    if (best === NO_PRICE || (side === 'buy' ? best > price : best < price)) return null
    return refuse('POST_ONLY_WOULD_CROSS', `a post-only ${side} at ${price} would trade at ${best}`)
  }

  /** What a new order must hold reserved: fen for a buy (a market buy at `ceiling`), kg for a sell. */
  reservationOf(instrument: Instrument, request: OrderRequest, base: number | null, ceiling: number): bigint {
    if (request.side === 'sell') return BigInt(request.qtyKg)
    const price = request.type === 'market' ? ceiling : (request.priceCnyPerT ?? 0)
    return buyReservationFen({
      priceCnyPerT: price,
      baseCnyPerT: base ?? 0,
      openKg: request.qtyKg,
      filledNotionalFen: 0n,
      buyerFeeBps: instrument.buyerFeeBps,
    })
  }

  #amendedReservation(
    instrument: Instrument,
    order: OrderState,
    qtyKg: number | null,
    price: number | null,
  ): bigint {
    const openKg = qtyKg ?? order.remainingKg
    if (order.side === 'sell') return BigInt(openKg)
    return buyReservationFen({
      priceCnyPerT: price ?? order.reservePriceCnyPerT,
      baseCnyPerT: order.baseCnyPerT ?? 0,
      openKg,
      filledNotionalFen: order.filledNotionalFen,
      buyerFeeBps: instrument.buyerFeeBps,
    })
  }

  #coverShortfall(
    enterpriseId: string,
    instrument: Instrument,
    side: 'buy' | 'sell',
    needed: bigint,
  ): Refusal | null {
    const asset = side === 'buy' ? CASH : receiptAsset(instrument.code)
    const available = this.balance({ owner: enterpriseId, asset, bucket: 'available' })
    if (available >= needed) return null
    return side === 'buy'
      ? refuse('INSUFFICIENT_FUNDS', `the order needs ${needed} fen reserved; ${available} fen is available`)
      : refuse(
          'INSUFFICIENT_RECEIPTS',
          `the order needs ${needed} kg of ${instrument.code} receipts; ${available} kg are available`,
        )
  }

  #need(code: string): Instrument {
    const instrument = this.#instruments.get(code)
    if (instrument === undefined) throw new StateError(`unknown instrument ${code}`)
    return instrument
  }

  #account(enterpriseId: string): number {
    let account = this.#accountOf.get(enterpriseId)
    if (account === undefined) {
      account = this.#accountOf.size + 1
      this.#accountOf.set(enterpriseId, account)
      this.#enterpriseOf[account] = enterpriseId
    }
    return account
  }
}
