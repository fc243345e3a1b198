/**
 * What an instrument must satisfy before the store lists it. The table's CHECKs hold the same
 * invariants as a last line; here every problem is named with a JSON pointer and the numbers.
 * @module
 */
import type { FieldError } from '../kernel/index.ts'
import { isInstrumentCode } from '../ledger/index.ts'
import {
  INSTRUMENT_STATUSES,
  MARKET_MODELS,
  type NewInstrument,
  PRICE_BASES,
  type TradingSession,
} from './model.ts'
import { priceBand } from './order-terms.ts'
import { minuteOfDay } from './sessions.ts'

const isPositiveInt = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) > 0
const isIntBetween = (n: unknown, min: number, max: number): n is number =>
  Number.isSafeInteger(n) && (n as number) >= min && (n as number) <= max
const isText = (s: unknown): s is string => typeof s === 'string' && s.trim() !== ''

/** Problems of the day's windows: each HH:MM–HH:MM with start < end, in order, not overlapping. */
function windowIssues(openingCall: TradingSession | null, sessions: readonly TradingSession[]): FieldError[] {
  const named = [
    ...(openingCall ? [{ field: '/openingCall', window: openingCall }] : []),
    ...sessions.map((window, i) => ({ field: `/sessions/${i}`, window })),
  ]
  const issues: FieldError[] = []
  let previousEnd = -1
  for (const { field, window } of named) {
    const start = minuteOfDay(window.start)
    const end = minuteOfDay(window.end)
    if (start === null || end === null || start >= end) {
      issues.push({ field, message: `must be HH:MM–HH:MM within one day, got ${window.start}–${window.end}` })
      continue
    }
    if (start < previousEnd) {
      issues.push({
        field,
        message: `${window.start}–${window.end} overlaps or precedes the window before it`,
      })
    }
    previousEnd = end
  }
  return issues
}

/** Every problem of an instrument, empty when it can be listed. */
export function instrumentIssues(instrument: NewInstrument): FieldError[] {
  const i = instrument
  const issues: FieldError[] = []
  const need = (ok: boolean, field: string, message: string) => {
    if (!ok) issues.push({ field, message })
  }
  need(isInstrumentCode(i.code), '/code', `must be A-Z, 0-9, '.', '-' and 'x', 2–40 long, got ${i.code}`)
  need(isText(i.nameZh), '/nameZh', 'must not be empty')
  need(isText(i.nameEn), '/nameEn', 'must not be empty')
  need(/^[a-z][a-z_]*$/.test(i.form), '/form', `must be a lowercase product form, got ${i.form}`)
  need(isText(i.spec), '/spec', 'must not be empty')
  need(isPositiveInt(i.lotKg), '/lotKg', `must be a positive whole number of kg, got ${i.lotKg}`)
  need(isPositiveInt(i.tickCnyPerT), '/tickCnyPerT', `must be a positive whole price, got ${i.tickCnyPerT}`)
  need(PRICE_BASES.includes(i.priceBasis), '/priceBasis', `must be one of ${PRICE_BASES.join(', ')}`)
  if (i.priceBasis === 'fee') {
    need(isText(i.baseReference), '/baseReference', 'a fee-basis instrument names its base, e.g. GY-A00')
    need(
      isPositiveInt(i.configuredBaseCnyPerT),
      '/configuredBaseCnyPerT',
      'a fee-basis instrument needs a configured base for days without a published one',
    )
  } else {
    need(i.baseReference === null, '/baseReference', 'only a fee-basis instrument has a base')
    need(i.configuredBaseCnyPerT === null, '/configuredBaseCnyPerT', 'only a fee-basis instrument has a base')
  }
  need(
    isPositiveInt(i.referencePriceCnyPerT),
    '/referencePriceCnyPerT',
    `must be a positive whole price, got ${i.referencePriceCnyPerT}`,
  )
  need(isIntBetween(i.bandBps, 1, 9999), '/bandBps', `must be 1–9999 basis points, got ${i.bandBps}`)
  need(MARKET_MODELS.includes(i.model), '/model', `must be one of ${MARKET_MODELS.join(', ')}`)
  need(INSTRUMENT_STATUSES.includes(i.status), '/status', `must be one of ${INSTRUMENT_STATUSES.join(', ')}`)
  need(i.model === 'listing' || i.sessions.length > 0, '/sessions', 'a book needs at least one session')
  issues.push(...windowIssues(i.openingCall, i.sessions))
  need(isIntBetween(i.buyerFeeBps, 0, 10_000), '/buyerFeeBps', `must be 0–10000 bp, got ${i.buyerFeeBps}`)
  need(isIntBetween(i.sellerFeeBps, 0, 10_000), '/sellerFeeBps', `must be 0–10000 bp, got ${i.sellerFeeBps}`)
  need(
    i.warehouseEnterpriseId === null || isText(i.warehouseEnterpriseId),
    '/warehouseEnterpriseId',
    'must be an id or null',
  )
  need(isIntBetween(i.deliveryDays, 0, 365), '/deliveryDays', `must be 0–365 days, got ${i.deliveryDays}`)
  if (issues.length === 0) {
    const { lowCnyPerT, highCnyPerT } = priceBand({ ...i, handle: 0 })
    need(lowCnyPerT <= highCnyPerT, '/bandBps', `the band around ${i.referencePriceCnyPerT} holds no tick`)
  }
  return issues
}
