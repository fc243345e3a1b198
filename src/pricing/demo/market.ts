/**
 * One window of the demo market: the deals and firm quotes members report for a series, and the
 * assessor's judgement when there is nothing else. A window is drawn in one of five regimes (liquid,
 * thin, quotes only, judgement, nothing); deals with one defect each (affiliated, priced on the index,
 * late delivery, long payment, a small lot, dealt outside the window, a mis-keyed value, an outlier)
 * are mixed in, so every exclusion of the method shows in the history.
 *
 * Everything is submitted inside its window and dealt inside it, except the deals and quotes dealt
 * outside on purpose: those lie in the day before a weekly window (Thursday 15:00 to Friday 15:00, in
 * no weekly window), so a store that takes a window's deals by deal or submission time finds exactly
 * the ones given here. Daily windows leave no such gap, so the base has none dealt outside.
 * @module
 */
import type { Random } from '../../kernel/random.ts'
import type { FamilyRule, Series } from '../model.ts'
import type { BaseConvention, CounterpartyType } from '../records.ts'
import type { PricingWindow } from '../schedule.ts'
import type { BaseBook } from './base-book.ts'
import { BASE_FLOW, type Defect, type Flow } from './flows.ts'
import type { DemoDeal, DemoQuote } from './model.ts'

export type Regime = 'liquid' | 'thin' | 'quotes' | 'judgement' | 'nothing'

/** A submitting enterprise in a series' market. */
export interface Participant {
  readonly id: string
  /** How often it reports, relative to the others. */
  readonly activity: number
  readonly kind: CounterpartyType
}

/** A series' market: everything about it that stays fixed over the history. */
export interface Desk {
  readonly series: Series
  readonly rule: FamilyRule
  readonly pool: readonly Participant[]
  readonly flow: Flow
  readonly base: BaseBook
}

/** The defects that need a liquid window (enough deals for the screen to catch them). */
const LIQUID_ONLY: ReadonlySet<Defect> = new Set(['outlier'])
const DEFECTS = Object.keys(BASE_FLOW.defects) as Defect[]

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
/** A deal or quote before it has its id (given once the window's are sorted by time). */
export type DraftDeal = Mutable<DemoDeal>
export type DraftQuote = Mutable<DemoQuote>

export interface WindowDraft {
  readonly deals: DraftDeal[]
  readonly quotes: DraftQuote[]
  readonly judgement: { readonly value: number; readonly rationale: string } | null
}

export interface WindowSituation {
  readonly window: PricingWindow
  /** The market's true level in the window, CNY/t. */
  readonly level: number
  /** The value published for the period before (null for the first, or after a suspension). */
  readonly previousValue: number | null
  readonly regime: Regime
}

const roundTo = (x: number, step: number): number => Math.round(x / step) * step
const between = (rng: Random, [lo, hi]: readonly [number, number]): number => lo + rng.next() * (hi - lo)

/** A time in [startMs, endMs) on the minute, preferring Monday–Saturday 08:00–19:00 Shanghai. */
function timeIn(rng: Random, startMs: number, endMs: number): number {
  let t = startMs
  for (let attempt = 0; attempt < 8; attempt++) {
    t = startMs + Math.floor((rng.next() * (endMs - startMs)) / MINUTE_MS) * MINUTE_MS
    const local = t + SHANGHAI_OFFSET_MS
    const hour = Math.floor((local % DAY_MS) / HOUR_MS)
    const weekday = (Math.floor(local / DAY_MS) + 4) % 7 // 1970-01-01 was a Thursday
    if (hour >= 8 && hour < 19 && weekday !== 0) return t
  }
  return t
}

/** A time before a weekly window and in no weekly window: Thursday 15:00 to Friday 15:00. */
const timeBefore = (rng: Random, window: PricingWindow): number =>
  timeIn(rng, window.startMs - DAY_MS, window.startMs)

/** When something done at `atMs` inside the window reached the center: soon after, still inside. */
const submittedAfter = (rng: Random, window: PricingWindow, atMs: number): string =>
  new Date(Math.min(atMs + rng.int(5, 240) * MINUTE_MS, window.endMs - MINUTE_MS)).toISOString()

/** A participant by activity (as `rng.weighted`, without building its list on every deal). */
function pickParticipant(rng: Random, pool: readonly Participant[]): Participant {
  let total = 0
  for (const p of pool) total += p.activity
  let r = rng.next() * total
  for (const p of pool) {
    r -= p.activity
    if (r < 0) return p
  }
  return pool[pool.length - 1]!
}

function counterpartyOf(rng: Random, submitter: Participant): CounterpartyType {
  switch (submitter.kind) {
    case 'producer':
      return rng.chance(0.65) ? 'consumer' : 'trader'
    case 'trader':
      return rng.chance(0.5) ? 'producer' : 'consumer'
    case 'consumer':
      return rng.chance(0.7) ? 'producer' : 'trader'
  }
}

function paymentTermsOf(days: number): string {
  if (days === 0) return 'T/T before delivery'
  if (days <= 15) return `T/T within ${days} days`
  return `bank acceptance bill, ${days} days`
}

const DESTINATIONS = ['Zhengzhou', 'Luoyang', 'Wuxi', 'Foshan', 'Tianjin', 'Changzhou']

function deliveryTermsOf(rng: Random, desk: Desk, days: number): string {
  if (desk.series.track === 'contract') return `EXW Gongyi, monthly call-offs, first in ${days} days`
  if (rng.chance(0.8)) return `EXW Gongyi, within ${days} days`
  return `delivered ${rng.pick(DESTINATIONS)}, freight netted back, within ${days} days`
}

function baseUsedOf(desk: Desk, convention: BaseConvention, dealMs: number, rng: Random): number | null {
  if (desk.series.kind === 'base') return null
  switch (convention) {
    case 'day':
      return desk.base.dayLevel(dealMs)
    case 'monthly_average':
      return desk.base.monthAverage(dealMs)
    case 'previous_month_average':
      return desk.base.monthAverage(dealMs, 1)
    case 'shfe_point':
      // the SHFE contract stands above Gongyi spot by the Gongyi differential, on a 5 CNY/t tick
      return roundTo(desk.base.dayLevel(dealMs) + rng.int(60, 200), 5)
  }
}

/** Integer kilograms on a 10 kg step from tonnes. */
const kgOf = (tonnes: number): number => roundTo(tonnes * 1000, 10)

/** A clean deal: qualifies on every rule of step 1. */
function cleanDeal(
  rng: Random,
  desk: Desk,
  s: WindowSituation,
  submitter: Participant,
  value: number,
  qtyKg: number,
): DraftDeal {
  const { flow } = desk
  const dealMs = timeIn(rng, s.window.startMs, s.window.endMs)
  const deliveryDays = rng.int(flow.deliveryDays[0], flow.deliveryDays[1])
  const paymentDays = rng.weighted(flow.paymentDays)
  const baseConvention = rng.weighted(flow.conventions)
  return {
    id: '',
    seriesId: desk.series.id,
    submitter: submitter.id,
    submitterEnterpriseId: submitter.id,
    affiliated: false,
    pricedOnIndex: false,
    qtyKg,
    value,
    deliveryDays,
    paymentDays,
    dealAt: new Date(dealMs).toISOString(),
    spec: desk.series.spec,
    baseUsed: baseUsedOf(desk, baseConvention, dealMs, rng),
    baseConvention,
    paymentTerms: paymentTermsOf(paymentDays),
    deliveryTerms: deliveryTermsOf(rng, desk, deliveryDays),
    counterpartyType: counterpartyOf(rng, submitter),
    submittedAt: submittedAfter(rng, s.window, dealMs),
  }
}

/** Half-width of a uniform distribution with a standard deviation of 1. */
const UNIFORM = Math.sqrt(3)

/**
 * A deal's value around the level, integer CNY/t on a 10 step. Uniform, not normal: a window's deals
 * spread over a band with no tails, so the robust screen (3 × 1.4826 × MAD, over twice the band's
 * half-width) flags the planted outliers and seldom an ordinary deal.
 */
function dealValue(rng: Random, desk: Desk, level: number): number {
  const sd = Math.max(desk.flow.valueSdMin, desk.flow.valueSd * level)
  return roundTo(level + (2 * rng.next() - 1) * UNIFORM * sd, 10)
}

/** A lot of at least the minimum: `lots` minimum lots, plus a little. */
const lotKg = (rng: Random, desk: Desk, lots: number): number =>
  kgOf((desk.rule.minLotKg / 1000) * lots * between(rng, [1, 1.15]))

/** Quantities for n deals adding up to about `totalKg`, none below the minimum lot. */
function split(rng: Random, desk: Desk, n: number, totalKg: number): number[] {
  const shares = Array.from({ length: n }, () => between(rng, [0.5, 1.5]))
  const sum = shares.reduce((a, b) => a + b, 0)
  return shares.map((share) =>
    Math.max(lotKg(rng, desk, 1), kgOf((totalKg * share) / sum / 1000 + rng.next())),
  )
}

/** n deals from the given submitters: the first from each in turn, the rest by activity among them. */
function dealsFrom(
  rng: Random,
  desk: Desk,
  s: WindowSituation,
  submitters: readonly Participant[],
  quantities: readonly number[],
): DraftDeal[] {
  return quantities.map((qtyKg, i) => {
    const submitter = i < submitters.length ? submitters[i]! : pickParticipant(rng, submitters)
    return cleanDeal(rng, desk, s, submitter, dealValue(rng, desk, s.level), qtyKg)
  })
}

function liquidDeals(rng: Random, desk: Desk, s: WindowSituation): DraftDeal[] {
  const { flow, rule, pool } = desk
  const n = rng.int(flow.liquidDeals[0], flow.liquidDeals[1])
  const k = Math.min(pool.length, rng.int(flow.liquidSubmitters[0], flow.liquidSubmitters[1]))
  const named = rng.sample(pool, k)
  const quantities = split(rng, desk, n, rule.tier1VolumeKg * between(rng, flow.liquidVolume))
  // spot and base markets have more members than the named ones; term fixings stay among them
  const others = desk.series.track === 'contract' ? named : pool
  return quantities.map((qtyKg, i) => {
    const submitter = i < named.length ? named[i]! : pickParticipant(rng, others)
    return cleanDeal(rng, desk, s, submitter, dealValue(rng, desk, s.level), qtyKg)
  })
}

/**
 * Too little for Tier 1, in one of three ways: a few deals; enough deals but from two submitters;
 * enough deals and submitters but small lots under the tier-1 volume (where the family allows it).
 */
function thinDeals(rng: Random, desk: Desk, s: WindowSituation): DraftDeal[] {
  const { rule, pool } = desk
  const smallLotsFit = 6 * rule.minLotKg * 1.2 < rule.tier1VolumeKg
  const variant = rng.weighted([
    ['few', 0.6],
    ['two_submitters', 0.25],
    ['small_lots', smallLotsFit ? 0.15 : 0],
  ] as const)
  if (variant === 'few') {
    const n = rng.int(1, 3)
    const quantities = Array.from({ length: n }, () => lotKg(rng, desk, rng.int(1, 4)))
    return dealsFrom(rng, desk, s, rng.sample(pool, Math.min(n, 2)), quantities)
  }
  const n = rng.int(5, 6)
  if (variant === 'two_submitters') {
    const quantities = Array.from({ length: n }, () => lotKg(rng, desk, rng.int(1, 4)))
    return dealsFrom(rng, desk, s, rng.sample(pool, 2), quantities)
  }
  const quantities = Array.from({ length: n }, () => lotKg(rng, desk, 1))
  return dealsFrom(rng, desk, s, rng.sample(pool, Math.min(pool.length, 3)), quantities)
}

/** Firm quotes around the level: at least one bid and one offer when n ≥ 2. */
function quotesAround(rng: Random, desk: Desk, s: WindowSituation, n: number): DraftQuote[] {
  const quotes: DraftQuote[] = []
  for (let i = 0; i < n; i++) {
    const side = i === 0 ? 'bid' : i === 1 ? 'offer' : rng.pick(['bid', 'offer'] as const)
    const half = between(rng, desk.flow.quoteSpread) * s.level
    const value = roundTo(side === 'bid' ? s.level - half : s.level + half, 10)
    quotes.push(cleanQuote(rng, desk, s, side, value, lotKg(rng, desk, rng.int(1, 3))))
  }
  return quotes
}

function cleanQuote(
  rng: Random,
  desk: Desk,
  s: WindowSituation,
  side: 'bid' | 'offer',
  value: number,
  qtyKg: number,
  atMs = timeIn(rng, s.window.startMs, s.window.endMs),
): DraftQuote {
  const submitter = pickParticipant(rng, desk.pool)
  return {
    id: '',
    seriesId: desk.series.id,
    submitter: submitter.id,
    submitterEnterpriseId: submitter.id,
    side,
    value,
    qtyKg,
    at: new Date(atMs).toISOString(),
    validUntil: new Date(atMs + rng.int(1, 3) * DAY_MS).toISOString(),
    submittedAt: new Date(Math.max(atMs, s.window.startMs)).toISOString(),
  }
}

/** A deal with exactly one defect, otherwise plausible. */
function defectiveDeal(rng: Random, desk: Desk, s: WindowSituation, defect: Defect): DraftDeal {
  const submitter = pickParticipant(rng, desk.pool)
  const deal = cleanDeal(
    rng,
    desk,
    s,
    submitter,
    dealValue(rng, desk, s.level),
    lotKg(rng, desk, rng.int(1, 3)),
  )
  switch (defect) {
    case 'affiliated':
      return { ...deal, affiliated: true }
    case 'priced_on_index':
      // priced at the center's own last value: circular
      return { ...deal, pricedOnIndex: true, value: s.previousValue ?? deal.value }
    case 'late_delivery': {
      const deliveryDays = rng.int(50, 120)
      return { ...deal, deliveryDays, deliveryTerms: deliveryTermsOf(rng, desk, deliveryDays) }
    }
    case 'long_payment': {
      const paymentDays = rng.pick([120, 180])
      return { ...deal, paymentDays, paymentTerms: paymentTermsOf(paymentDays) }
    }
    case 'below_min_lot':
      return { ...deal, qtyKg: kgOf((desk.rule.minLotKg / 1000) * between(rng, [0.2, 0.9])) }
    case 'outside_window': {
      // dealt the day before the window opened, reported in it
      const dealMs = timeBefore(rng, s.window)
      return { ...deal, dealAt: new Date(dealMs).toISOString() }
    }
    case 'miskeyed':
      // the base series: a digit dropped; a fee: the all-in price typed as the fee
      return {
        ...deal,
        value:
          desk.series.kind === 'base'
            ? roundTo(deal.value / 10, 10)
            : deal.value + desk.base.dayLevel(Date.parse(deal.dealAt)),
      }
    case 'outlier': {
      const off = desk.series.kind === 'base' ? rng.int(400, 700) : between(rng, [0.1, 0.2]) * s.level
      return { ...deal, value: roundTo(s.level + (rng.chance(0.5) ? off : -off), 10) }
    }
  }
}

const RATIONALES = {
  base: [
    'No qualifying ingot deals reported; judged from the SMM central-China A00 average less the usual Gongyi differential of about 120 CNY/t.',
    'Only affiliated or small-lot ingot deals this window; judged from SHFE front-month settlement less the local spot discount.',
  ],
  spot: [
    'No qualifying deals or firm quotes this week; judged from the spread to the related specification and indications from three mills.',
    'Market quiet before the holiday; judged from last week’s value, unchanged producer offers and the cast-rolled coil fee.',
    'Reported deals did not qualify; judged from mill indications and buyers’ feedback, survey of five respondents (trimmed mean).',
  ],
  contract: [
    'No term fixings reported this week; judged from the latest fixings and the spot-to-term spread.',
    'Annual tender under negotiation; judged from indications of two mills and the current spot fee less the usual term discount.',
  ],
} as const

function judgementOf(rng: Random, desk: Desk, s: WindowSituation): { value: number; rationale: string } {
  const kind = desk.series.kind === 'base' ? 'base' : desk.series.track
  const sd = Math.max(desk.flow.valueSdMin, (desk.flow.valueSd / 2) * s.level)
  return { value: roundTo(rng.normal(s.level, sd), 10), rationale: rng.pick(RATIONALES[kind]) }
}

/** The deals, quotes and judgement of one window. Deals and quotes come unsorted. */
export function simulateWindow(rng: Random, desk: Desk, s: WindowSituation): WindowDraft {
  let deals: DraftDeal[] = []
  let quotes: DraftQuote[] = []
  let judgement: WindowDraft['judgement'] = null
  switch (s.regime) {
    case 'liquid':
      deals = liquidDeals(rng, desk, s)
      if (rng.chance(0.2)) quotes = quotesAround(rng, desk, s, rng.int(1, 2))
      break
    case 'thin':
      deals = thinDeals(rng, desk, s)
      quotes = quotesAround(rng, desk, s, rng.int(0, 3))
      break
    case 'quotes':
      quotes = quotesAround(rng, desk, s, rng.int(2, 4))
      break
    case 'judgement':
      // at most one quote: one alone is not enough for Tier 2
      quotes = quotesAround(rng, desk, s, rng.int(0, 1))
      judgement = judgementOf(rng, desk, s)
      break
    case 'nothing':
      break
  }
  for (const defect of DEFECTS) {
    if (LIQUID_ONLY.has(defect) && s.regime !== 'liquid') continue
    // a mis-keyed value is caught by the sanity band only when there is a previous value
    if (defect === 'miskeyed' && s.previousValue === null) continue
    if (rng.chance(desk.flow.defects[defect])) deals.push(defectiveDeal(rng, desk, s, defect))
  }
  // a few quotes that do not count: a small lot, or made outside the window
  if (rng.chance(0.05))
    quotes.push({ ...quotesAround(rng, desk, s, 1)[0]!, qtyKg: kgOf(desk.rule.minLotKg / 2000) })
  if (desk.series.frequency === 'weekly' && rng.chance(0.03)) {
    const q = quotesAround(rng, desk, s, 1)[0]!
    const late = cleanQuote(rng, desk, s, q.side, q.value, q.qtyKg, timeBefore(rng, s.window))
    quotes.push({
      ...late,
      submittedAt: new Date(timeIn(rng, s.window.startMs, s.window.endMs)).toISOString(),
    })
  }
  return { deals, quotes, judgement }
}
