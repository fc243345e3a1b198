/**
 * What members send: deals and firm quotes, checked before anything is stored (a refusal stores
 * nothing), and the analysts' external references. The HTTP schemas already refuse wrong types;
 * these checks hold for every caller (the routes, the demo, a script).
 * @module
 */
import { type FieldError, ok, type Refusal, type Result, refuse } from '../kernel/index.ts'
import type { Series } from './model.ts'
import type { BaseConvention, CounterpartyType, NewDeal, NewQuote } from './records.ts'
import { findSeries } from './series.ts'

/** Who sends something: the user and their enterprise. */
export interface Actor {
  readonly userId: string
  readonly enterpriseId: string
}

/** A deal as a member reports it (times ISO 8601). */
export interface DealSubmission {
  readonly seriesId: string
  readonly value: number
  readonly qtyKg: number
  readonly dealAt: string
  readonly deliveryDays: number
  readonly paymentDays: number
  readonly affiliated: boolean
  readonly pricedOnIndex: boolean
  readonly spec: string
  readonly baseUsed: number | null
  readonly baseConvention: BaseConvention | null
  readonly paymentTerms: string
  readonly deliveryTerms: string
  readonly counterpartyType: CounterpartyType | null
}

export interface QuoteSubmission {
  readonly seriesId: string
  readonly side: 'bid' | 'offer'
  readonly value: number
  readonly qtyKg: number
  readonly at: string
  readonly validUntil: string | null
}

/** The widest value a price or fee may take, CNY/t: far beyond any aluminium price. */
export const MAX_VALUE_CNY_PER_T = 1_000_000
/** The largest reported quantity, kg (100,000 t). */
export const MAX_QTY_KG = 100_000_000
export const MAX_TERM_DAYS = 3650

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max

const instantOf = (text: string): number | null => {
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? null : ms
}

/** Field checks shared by deals and quotes; the series decides the sign of the value. */
function checkCommon(
  body: { seriesId: string; value: number; qtyKg: number },
  errors: FieldError[],
): Series | Refusal {
  if (!isInt(body.qtyKg, 1, MAX_QTY_KG))
    errors.push({ field: '/qtyKg', message: `must be a whole number of kg from 1 to ${MAX_QTY_KG}` })
  if (!isInt(body.value, -MAX_VALUE_CNY_PER_T, MAX_VALUE_CNY_PER_T))
    errors.push({ field: '/value', message: 'must be a whole number of CNY/t' })
  const series = findSeries(body.seriesId)
  if (!series) return refuse('SERIES_NOT_FOUND', `no price series ${body.seriesId}`)
  // A fee can approach zero or turn negative; an ingot price cannot.
  if (series.kind === 'base' && isInt(body.value, -MAX_VALUE_CNY_PER_T, 0))
    errors.push({ field: '/value', message: 'must be above 0 for the base ingot price' })
  return series
}

const invalid = (what: string, errors: FieldError[]): Refusal =>
  refuse(
    'VALIDATION_FAILED',
    `The ${what} is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
    errors,
  )

/**
 * The deal to store, or why it is refused: VALIDATION_FAILED (fields), SERIES_NOT_FOUND, or
 * DEAL_IN_FUTURE when it is dated after `nowMs`.
 */
export function checkDeal(actor: Actor, body: DealSubmission, nowMs: number): Result<NewDeal> {
  const errors: FieldError[] = []
  const series = checkCommon(body, errors)
  if ('ok' in series) return series
  const dealAtMs = instantOf(body.dealAt)
  if (dealAtMs === null) errors.push({ field: '/dealAt', message: 'must be an ISO 8601 date-time' })
  if (!isInt(body.deliveryDays, 0, MAX_TERM_DAYS))
    errors.push({
      field: '/deliveryDays',
      message: `must be a whole number of days from 0 to ${MAX_TERM_DAYS}`,
    })
  if (!isInt(body.paymentDays, 0, MAX_TERM_DAYS))
    errors.push({
      field: '/paymentDays',
      message: `must be a whole number of days from 0 to ${MAX_TERM_DAYS}`,
    })
  if (series.kind === 'fee') {
    if (body.baseConvention === null)
      errors.push({ field: '/baseConvention', message: 'is required for a processing fee deal' })
    if (body.baseUsed !== null && !isInt(body.baseUsed, 1, MAX_VALUE_CNY_PER_T))
      errors.push({ field: '/baseUsed', message: 'must be a whole number of CNY/t above 0' })
  } else if (body.baseUsed !== null) {
    errors.push({ field: '/baseUsed', message: 'applies to fee deals only: an ingot deal has no base' })
  }
  if (errors.length > 0 || dealAtMs === null) return invalid('deal', errors)
  if (dealAtMs > nowMs)
    return refuse(
      'DEAL_IN_FUTURE',
      `the deal is dated ${body.dealAt}, after now (${new Date(nowMs).toISOString()})`,
      [{ field: '/dealAt', message: 'is in the future' }],
    )
  return ok({
    seriesId: series.id,
    submitter: actor.enterpriseId,
    submittedBy: actor.userId,
    source: 'member',
    tradeId: null,
    value: body.value,
    qtyKg: body.qtyKg,
    dealAtMs,
    deliveryDays: body.deliveryDays,
    paymentDays: body.paymentDays,
    affiliated: body.affiliated,
    pricedOnIndex: body.pricedOnIndex,
    spec: body.spec,
    baseUsed: body.baseUsed,
    baseConvention: body.baseConvention,
    paymentTerms: body.paymentTerms,
    deliveryTerms: body.deliveryTerms,
    counterpartyType: body.counterpartyType,
    submittedAtMs: nowMs,
    synthetic: false,
  })
}

/** The quote to store, or why it is refused (as checkDeal; QUOTE_IN_FUTURE for a future `at`). */
export function checkQuote(actor: Actor, body: QuoteSubmission, nowMs: number): Result<NewQuote> {
  const errors: FieldError[] = []
  const series = checkCommon(body, errors)
  if ('ok' in series) return series
  const atMs = instantOf(body.at)
  if (atMs === null) errors.push({ field: '/at', message: 'must be an ISO 8601 date-time' })
  const validUntilMs = body.validUntil === null ? null : instantOf(body.validUntil)
  if (body.validUntil !== null && validUntilMs === null)
    errors.push({ field: '/validUntil', message: 'must be an ISO 8601 date-time' })
  else if (atMs !== null && validUntilMs !== null && validUntilMs < atMs)
    errors.push({ field: '/validUntil', message: 'must not be before the quote' })
  if (errors.length > 0 || atMs === null) return invalid('quote', errors)
  if (atMs > nowMs)
    return refuse('QUOTE_IN_FUTURE', `the quote is dated ${body.at}, after now`, [
      { field: '/at', message: 'is in the future' },
    ])
  return ok({
    seriesId: series.id,
    submitter: actor.enterpriseId,
    submittedBy: actor.userId,
    side: body.side,
    value: body.value,
    qtyKg: body.qtyKg,
    atMs,
    validUntilMs,
    submittedAtMs: nowMs,
    synthetic: false,
  })
}
