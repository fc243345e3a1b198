/**
 * The JSON edge of the engine, in the `huiguo replay` format: one command object per line in, one
 * event object per line out. String ids, accounts and instruments are interned to integer handles
 * here, so the engine inside never sees a string. Pure: it returns text and does no I/O.
 *
 * Event lines put the event name under `EVENT_KEY` ("type"), first, then the fields in the order the
 * contract lists them, e.g. `{"type":"trade","buy":"b1","sell":"s1","price":20000,"qty":5,"aggressor":"buy"}`.
 * A price that does not exist (an uncross that executes nothing, a market order's amend) is `null`.
 * Whitespace-only lines are skipped; any other line that is not a JSON object is rejected.
 * @module
 */
import {
  AGGRESSOR_NAMES,
  type AggressorCode,
  CANCEL_REASON_NAMES,
  type CancelReasonCode,
  MODEL_NAMES,
  type ModelCode,
  NO_PRICE,
  ORDER_TYPE_NAMES,
  type OrderTypeCode,
  REJECT_REASON_NAMES,
  RejectReason,
  type RejectReasonCode,
  SIDE_NAMES,
  type SideCode,
  STP_NAMES,
  type StpCode,
  TIME_IN_FORCE_NAMES,
  type TimeInForceCode,
} from './codes.ts'
import { MatchingEngine } from './engine.ts'
import type { EngineSink } from './sink.ts'

/** The key that names the event in each output line. */
export const EVENT_KEY = 'type'
/** Instrument of a command that names none. */
export const DEFAULT_INSTRUMENT = 'default'

const open = (event: string): string => `{"${EVENT_KEY}":"${event}"`
const ACCEPTED = `${open('accepted')},"id":`
const REJECTED = `${open('rejected')},"id":`
const TRADE = `${open('trade')},"buy":`
const CANCELLED = `${open('cancelled')},"id":`
const AMENDED = `${open('amended')},"id":`
const MODE = `${open('mode')},"instrument":`
const UNCROSS = `${open('uncross')},"instrument":`
const quoted = (names: readonly string[]): string[] => names.map((name) => JSON.stringify(name))
const REJECT_REASONS = quoted(REJECT_REASON_NAMES)
const CANCEL_REASONS = quoted(CANCEL_REASON_NAMES)
const AGGRESSORS = quoted(AGGRESSOR_NAMES)
const MODELS = quoted(MODEL_NAMES)

const priceJson = (price: number): string => (price === NO_PRICE ? 'null' : String(price))

/** A string's code in a name table, or -1 (not a string, or not a name). */
const codeOf = (names: readonly string[], value: unknown): number =>
  typeof value === 'string' ? names.indexOf(value) : -1

/** Interns strings to dense handles, keeping each one's JSON text for the output. */
class Interner {
  readonly handles = new Map<string, number>()
  readonly values: string[] = []
  readonly json: string[] = []

  handle(value: string): number {
    let handle = this.handles.get(value)
    if (handle === undefined) {
      handle = this.json.length
      this.handles.set(value, handle)
      this.values.push(value)
      this.json.push(JSON.stringify(value))
    }
    return handle
  }
}

export interface JsonLinesEngineOptions {
  /** Tick of every instrument, CNY/t. Default 10. */
  readonly tickSize?: number
}

/**
 * @example
 * const edge = new JsonLinesEngine({ tickSize: 10 })
 * edge.applyLine('{"op":"new","id":"a","account":"x","side":"buy","type":"limit","price":100,"qty":5}')
 * edge.takeOutput() // '{"type":"accepted","id":"a"}\n'
 */
export class JsonLinesEngine implements EngineSink {
  readonly engine: MatchingEngine
  readonly #orders = new Interner()
  readonly #accounts = new Interner()
  readonly #instruments = new Interner()
  /** The current command's `id` as given (`null` when absent); written out only on a refusal. */
  #givenId: unknown = null
  #out = ''

  constructor(options: JsonLinesEngineOptions = {}) {
    this.engine = new MatchingEngine({ sink: this, tickSize: options.tickSize ?? 10 })
  }

  /** Event lines written since the last call (each ends with `\n`). */
  takeOutput(): string {
    const out = this.#out
    this.#out = ''
    return out
  }

  /** Bytes-ish size of the pending output, to decide when to flush. */
  get pendingLength(): number {
    return this.#out.length
  }

  /** The handle of an order id seen so far. */
  orderHandle(id: string): number | undefined {
    return this.#orders.handles.get(id)
  }

  /** The order id of a handle (undefined for a handle this edge never gave out). */
  orderId(handle: number): string | undefined {
    return this.#orders.values[handle]
  }

  /** The handle of an instrument seen so far. */
  instrumentHandle(name: string): number | undefined {
    return this.#instruments.handles.get(name)
  }

  /** Applies one input line. */
  applyLine(line: string): void {
    if (line.trim() === '') return
    let command: unknown
    try {
      command = JSON.parse(line)
    } catch {
      this.#givenId = null
      this.rejected(-1, RejectReason.Invalid)
      return
    }
    this.apply(command)
  }

  /** Applies one parsed command. */
  apply(command: unknown): void {
    if (typeof command !== 'object' || command === null || Array.isArray(command)) {
      this.#givenId = null
      this.rejected(-1, RejectReason.Invalid)
      return
    }
    const c = command as Record<string, unknown>
    this.#givenId = c.id === undefined ? null : c.id
    if (c.op === 'new') this.#new(c)
    else if (c.op === 'cancel') this.#cancel(c)
    else if (c.op === 'amend') this.#amend(c)
    else if (c.op === 'mode') this.#mode(c)
    else if (c.op === 'uncross') this.#uncross(c)
    else this.#invalid()
  }

  #new(c: Record<string, unknown>): void {
    const id = c.id
    if (typeof id !== 'string') {
      this.#invalid()
      return
    }
    const known = this.#orders.handles.get(id)
    if (known !== undefined && this.engine.view.isTaken(known)) {
      this.rejected(known, RejectReason.DuplicateId)
      return
    }
    const { account, instrument, price, qty } = c
    const side = codeOf(SIDE_NAMES, c.side)
    const type = codeOf(ORDER_TYPE_NAMES, c.type)
    const tif = c.tif === undefined ? (type === 1 ? 1 : 0) : codeOf(TIME_IN_FORCE_NAMES, c.tif)
    const stp = c.stp === undefined ? 0 : codeOf(STP_NAMES, c.stp)
    const postOnly = c.postOnly === undefined ? false : c.postOnly
    if (
      typeof account !== 'string' ||
      (instrument !== undefined && typeof instrument !== 'string') ||
      side < 0 ||
      type < 0 ||
      typeof qty !== 'number' ||
      (type === 0 ? typeof price !== 'number' : price !== undefined) ||
      tif < 0 ||
      (type === 1 && tif === 0) ||
      typeof postOnly !== 'boolean' ||
      stp < 0
    ) {
      this.#invalid()
      return
    }
    this.engine.submit(
      this.#orders.handle(id),
      this.#accounts.handle(account),
      this.#instruments.handle(instrument === undefined ? DEFAULT_INSTRUMENT : instrument),
      side as SideCode,
      type as OrderTypeCode,
      type === 0 ? (price as number) : NO_PRICE,
      qty,
      tif as TimeInForceCode,
      postOnly,
      stp as StpCode,
    )
  }

  #cancel(c: Record<string, unknown>): void {
    if (typeof c.id !== 'string') {
      this.#invalid()
      return
    }
    const handle = this.#orders.handles.get(c.id)
    if (handle === undefined) this.rejected(-1, RejectReason.UnknownOrder)
    else this.engine.cancel(handle)
  }

  #amend(c: Record<string, unknown>): void {
    if (typeof c.id !== 'string') {
      this.#invalid()
      return
    }
    const handle = this.#orders.handles.get(c.id)
    if (handle === undefined || !this.engine.view.isResting(handle)) {
      this.rejected(-1, RejectReason.UnknownOrder)
      return
    }
    const { qty, price } = c
    if (
      (qty !== undefined && typeof qty !== 'number') ||
      (price !== undefined && typeof price !== 'number')
    ) {
      this.#invalid()
      return
    }
    this.engine.amend(handle, qty, price)
  }

  #mode(c: Record<string, unknown>): void {
    const instrument = c.instrument === undefined ? DEFAULT_INSTRUMENT : c.instrument
    const model = codeOf(MODEL_NAMES, c.model)
    if (typeof instrument !== 'string' || model < 0) {
      this.#invalid()
      return
    }
    this.engine.setModel(this.#instruments.handle(instrument), model as ModelCode)
  }

  #uncross(c: Record<string, unknown>): void {
    const instrument = c.instrument === undefined ? DEFAULT_INSTRUMENT : c.instrument
    if (typeof instrument !== 'string') {
      this.#invalid()
      return
    }
    const handle = this.#instruments.handles.get(instrument)
    if (handle === undefined) this.#invalid()
    else this.engine.uncross(handle)
  }

  #invalid(): void {
    this.rejected(-1, RejectReason.Invalid)
  }

  // EngineSink: each event becomes one line.

  accepted(order: number): void {
    this.#out += `${ACCEPTED}${this.#orders.json[order]}}\n`
  }

  rejected(_order: number, reason: RejectReasonCode): void {
    this.#out += `${REJECTED}${JSON.stringify(this.#givenId)},"reason":${REJECT_REASONS[reason]}}\n`
  }

  trade(buyOrder: number, sellOrder: number, price: number, qtyKg: number, aggressor: AggressorCode): void {
    const ids = this.#orders.json
    this.#out += `${TRADE}${ids[buyOrder]},"sell":${ids[sellOrder]},"price":${price},"qty":${qtyKg},"aggressor":${AGGRESSORS[aggressor]}}\n`
  }

  cancelled(order: number, remainingKg: number, reason: CancelReasonCode): void {
    this.#out += `${CANCELLED}${this.#orders.json[order]},"remaining":${remainingKg},"reason":${CANCEL_REASONS[reason]}}\n`
  }

  amended(order: number, price: number, qtyKg: number): void {
    this.#out += `${AMENDED}${this.#orders.json[order]},"price":${priceJson(price)},"qty":${qtyKg}}\n`
  }

  mode(instrument: number, model: ModelCode): void {
    this.#out += `${MODE}${this.#instruments.json[instrument]},"model":${MODELS[model]}}\n`
  }

  uncross(instrument: number, price: number, qtyKg: number): void {
    this.#out += `${UNCROSS}${this.#instruments.json[instrument]},"price":${priceJson(price)},"qty":${qtyKg}}\n`
  }
}
