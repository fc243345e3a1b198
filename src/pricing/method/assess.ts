/**
 * The assessment method, v1: from one window's deals and quotes (and the previous value, and an
 * assessor's judgement) to the published record, every exclusion with its reason. Pure: the same
 * input always gives the same record, so anyone can re-run a publication. The steps follow the
 * methodology page (src/pricing/methodology.ts) word for word; where the words leave a choice, the
 * choice is named there and in the comments here.
 * @module
 */
import {
  type AssessmentInput,
  type AssessmentRecord,
  type ExclusionReason,
  FAMILY_RULES,
  type MethodDeal,
  type MethodQuote,
  type Tier,
} from '../model.ts'
import { capShares, median, roundToTen } from './numbers.ts'

export const METHODOLOGY_VERSION = 'v1'

/** Deals delivered later than this many days are not spot. */
export const MAX_DELIVERY_DAYS = 45
/** Payment terms longer than this many days are excluded. */
export const MAX_PAYMENT_DAYS = 90
/** A deal further than this share of |previous| from the previous value needs corroboration. */
export const SANITY_BAND = 0.3
/** Corroborating deals lie within this share of the deal's |value|. */
export const CORROBORATION_BAND = 0.05
export const CORROBORATING_DEALS = 2
/** The robust screen: |x − m| > 3 × 1.4826 × MAD with n ≥ 5, else > 10 % of |m|. */
export const MAD_SCALE = 1.4826
export const MAD_LIMIT = 3
export const MIN_DEALS_FOR_MAD = 5
export const SMALL_SAMPLE_BAND = 0.1
/** A deal weighs at most this many minimum lots. */
export const LOTS_PER_DEAL_CAP = 3
/** With at least this many submitters, none carries more than SUBMITTER_CAP of the weight. */
export const SUBMITTERS_FOR_CAP = 3
export const SUBMITTER_CAP = 0.35
export const TIER1_MIN_DEALS = 5
export const TIER1_MIN_SUBMITTERS = 3
/** The fifth consecutive roll suspends the series. */
export const ROLLS_TO_SUSPEND = 5

interface Exclusion {
  readonly id: string
  readonly reason: ExclusionReason
}

/** Step 1 for a deal: the first reason that applies, or null when it qualifies. */
function dealDisqualification(
  deal: MethodDeal,
  minLotKg: number,
  startMs: number,
  endMs: number,
): ExclusionReason | null {
  if (deal.affiliated) return 'affiliated'
  if (deal.pricedOnIndex) return 'priced_on_index'
  if (deal.deliveryDays > MAX_DELIVERY_DAYS) return 'late_delivery'
  if (deal.paymentDays > MAX_PAYMENT_DAYS) return 'long_payment'
  if (deal.qtyKg < minLotKg) return 'below_min_lot'
  if (!inWindow(deal.dealAt, startMs, endMs)) return 'outside_window'
  return null
}

function quoteDisqualification(
  quote: MethodQuote,
  minLotKg: number,
  startMs: number,
  endMs: number,
): ExclusionReason | null {
  if (quote.qtyKg < minLotKg) return 'below_min_lot'
  if (!inWindow(quote.at, startMs, endMs)) return 'outside_window'
  return null
}

/** Start included, end excluded; a time that does not parse is outside every window. */
function inWindow(at: string, startMs: number, endMs: number): boolean {
  const ms = Date.parse(at)
  return ms >= startMs && ms < endMs
}

/**
 * Step 2: deals further than 30 % of |previous| from it, unless two other deals that passed step 1,
 * each from a submitter other than the deal's, lie within 5 % of the deal's value.
 */
function sanityScreen(deals: readonly MethodDeal[], previous: number): Set<MethodDeal> {
  const excluded = new Set<MethodDeal>()
  const band = SANITY_BAND * Math.abs(previous)
  for (const deal of deals) {
    if (Math.abs(deal.value - previous) <= band) continue
    const near = CORROBORATION_BAND * Math.abs(deal.value)
    let corroborating = 0
    for (const other of deals)
      if (other !== deal && other.submitter !== deal.submitter && Math.abs(other.value - deal.value) <= near)
        corroborating++
    if (corroborating < CORROBORATING_DEALS) excluded.add(deal)
  }
  return excluded
}

/** Step 3: the deals the robust screen flags, against the median of all of them. */
function robustScreen(deals: readonly MethodDeal[]): Set<MethodDeal> {
  const excluded = new Set<MethodDeal>()
  if (deals.length === 0) return excluded
  const values = deals.map((d) => d.value)
  const m = median(values)
  if (deals.length >= MIN_DEALS_FOR_MAD) {
    const mad = median(values.map((x) => Math.abs(x - m)))
    if (mad === 0) return excluded
    const limit = MAD_LIMIT * MAD_SCALE * mad
    for (const deal of deals) if (Math.abs(deal.value - m) > limit) excluded.add(deal)
  } else {
    const limit = SMALL_SAMPLE_BAND * Math.abs(m)
    for (const deal of deals) if (Math.abs(deal.value - m) > limit) excluded.add(deal)
  }
  return excluded
}

/** Step 4's weight of one deal: its quantity, at most three minimum lots. */
const dealWeight = (deal: MethodDeal, minLotKg: number): number =>
  Math.min(deal.qtyKg, LOTS_PER_DEAL_CAP * minLotKg)

interface Weighted {
  readonly weights: number[]
  readonly topShare: number
}

/** Step 4 with the submitter cap (three or more submitters): each deal's weight as a share of 1. */
function cappedWeights(deals: readonly MethodDeal[], minLotKg: number): Weighted {
  const raw = deals.map((d) => dealWeight(d, minLotKg))
  const bySubmitter = new Map<string, number>()
  deals.forEach((d, i) => {
    bySubmitter.set(d.submitter, (bySubmitter.get(d.submitter) ?? 0) + raw[i]!)
  })
  const submitters = [...bySubmitter.keys()]
  const shares =
    submitters.length >= SUBMITTERS_FOR_CAP
      ? capShares(
          submitters.map((s) => bySubmitter.get(s)!),
          SUBMITTER_CAP,
        )
      : normalise(submitters.map((s) => bySubmitter.get(s)!))
  const shareOf = new Map(submitters.map((s, i) => [s, shares[i]!]))
  // Deals keep their proportions inside their submitter.
  const weights = deals.map((d, i) => (shareOf.get(d.submitter)! * raw[i]!) / bySubmitter.get(d.submitter)!)
  return { weights, topShare: Math.max(...shares) }
}

const normalise = (xs: readonly number[]): number[] => {
  const total = xs.reduce((a, b) => a + b, 0)
  return xs.map((x) => x / total)
}

/** The largest submitter's share of the given weights. */
function topSubmitterShare(deals: readonly MethodDeal[], weights: readonly number[]): number {
  const bySubmitter = new Map<string, number>()
  let total = 0
  deals.forEach((d, i) => {
    bySubmitter.set(d.submitter, (bySubmitter.get(d.submitter) ?? 0) + weights[i]!)
    total += weights[i]!
  })
  return Math.max(...bySubmitter.values()) / total
}

const weightedMean = (values: readonly number[], weights: readonly number[]): number => {
  let sum = 0
  let total = 0
  for (let i = 0; i < values.length; i++) {
    sum += values[i]! * weights[i]!
    total += weights[i]!
  }
  return sum / total
}

/** Runs the method v1 on one window; the record's fields in the published order. */
export function assess(input: AssessmentInput): AssessmentRecord {
  const r = assessUnordered(input)
  return {
    seriesId: r.seriesId,
    value: r.value,
    tier: r.tier,
    rolled: r.rolled,
    rolls: r.rolls,
    suspended: r.suspended,
    low: r.low,
    high: r.high,
    median: r.median,
    nDeals: r.nDeals,
    nQuotes: r.nQuotes,
    nSubmitters: r.nSubmitters,
    volumeKg: r.volumeKg,
    topSubmitterShare: r.topSubmitterShare,
    excluded: r.excluded,
    methodologyVersion: r.methodologyVersion,
  }
}

function assessUnordered(input: AssessmentInput): AssessmentRecord {
  const { minLotKg, tier1VolumeKg } = FAMILY_RULES[input.series.family]
  const startMs = Date.parse(input.window.start)
  const endMs = Date.parse(input.window.end)
  const excluded: Exclusion[] = []

  // 1. Qualifying: deals, then quotes, each in input order.
  let deals: MethodDeal[] = []
  for (const deal of input.deals) {
    const reason = dealDisqualification(deal, minLotKg, startMs, endMs)
    if (reason) excluded.push({ id: deal.id, reason })
    else deals.push(deal)
  }
  const quotes: MethodQuote[] = []
  for (const quote of input.quotes) {
    const reason = quoteDisqualification(quote, minLotKg, startMs, endMs)
    if (reason) excluded.push({ id: quote.id, reason })
    else quotes.push(quote)
  }

  // 2. Sanity band around the previous value.
  const previousValue = input.previous?.value ?? null
  if (previousValue !== null) {
    const out = sanityScreen(deals, previousValue)
    for (const deal of deals) if (out.has(deal)) excluded.push({ id: deal.id, reason: 'sanity_band' })
    deals = deals.filter((d) => !out.has(d))
  }

  // 3. Robust screen.
  const outliers = robustScreen(deals)
  for (const deal of deals) if (outliers.has(deal)) excluded.push({ id: deal.id, reason: 'outlier' })
  deals = deals.filter((d) => !outliers.has(d))

  const submitters = new Set(deals.map((d) => d.submitter))
  const volumeKg = deals.reduce((sum, d) => sum + d.qtyKg, 0)
  const common = { seriesId: input.series.id, excluded, methodologyVersion: METHODOLOGY_VERSION }

  // 5. Tier 1: the capped weighted average of the deals.
  if (
    deals.length >= TIER1_MIN_DEALS &&
    submitters.size >= TIER1_MIN_SUBMITTERS &&
    volumeKg >= tier1VolumeKg
  ) {
    const { weights, topShare } = cappedWeights(deals, minLotKg)
    return {
      ...common,
      ...dealStats(deals, 0, volumeKg, submitters.size, topShare),
      value: roundToTen(
        weightedMean(
          deals.map((d) => d.value),
          weights,
        ),
      ),
      tier: 1,
      rolled: false,
      rolls: 0,
      suspended: false,
    }
  }

  // Tier 2: deals (uncapped step-4 weights) and quotes (one minimum lot each), held between best bid and offer.
  if (deals.length >= 1 || quotes.length >= 2) {
    const dealWeights = deals.map((d) => dealWeight(d, minLotKg))
    const values = [...deals.map((d) => d.value), ...quotes.map((q) => q.value)]
    const weights = [...dealWeights, ...quotes.map(() => minLotKg)]
    let value = weightedMean(values, weights)
    const bids = quotes.filter((q) => q.side === 'bid').map((q) => q.value)
    const offers = quotes.filter((q) => q.side === 'offer').map((q) => q.value)
    if (bids.length > 0 && offers.length > 0) {
      const bestBid = Math.max(...bids)
      const bestOffer = Math.min(...offers)
      if (bestBid <= bestOffer) value = Math.min(Math.max(value, bestBid), bestOffer)
    }
    const topShare = deals.length > 0 ? topSubmitterShare(deals, dealWeights) : null
    return {
      ...common,
      ...dealStats(deals, quotes.length, volumeKg, submitters.size, topShare),
      value: roundToTen(value),
      tier: 2,
      rolled: false,
      rolls: 0,
      suspended: false,
    }
  }

  // Tier 3: the assessor's judgement, when it says why.
  const judgement = input.judgement
  if (judgement !== null && judgement.rationale.trim() !== '') {
    return {
      ...common,
      ...NO_DEALS,
      value: roundToTen(judgement.value),
      tier: 3,
      rolled: false,
      rolls: 0,
      suspended: false,
    }
  }

  // Tier 4: carry the previous value forward; the fifth consecutive roll suspends the series.
  if (input.previous !== null && previousValue !== null) {
    const rolls = input.previous.rolls + 1
    const suspended = rolls >= ROLLS_TO_SUSPEND
    return {
      ...common,
      ...NO_DEALS,
      value: suspended ? null : roundToTen(previousValue),
      tier: 4 as Tier,
      rolled: true,
      rolls,
      suspended,
    }
  }

  // Nothing at all. A suspended series (previous value null after its rolls) stays suspended.
  const stillSuspended = input.previous !== null && input.previous.rolls >= ROLLS_TO_SUSPEND
  return {
    ...common,
    ...NO_DEALS,
    value: null,
    tier: null,
    rolled: false,
    rolls: stillSuspended ? input.previous!.rolls : 0,
    suspended: stillSuspended,
  }
}

const NO_DEALS = {
  low: null,
  high: null,
  median: null,
  nDeals: 0,
  nQuotes: 0,
  nSubmitters: 0,
  volumeKg: 0,
  topSubmitterShare: null,
} as const

function dealStats(
  deals: readonly MethodDeal[],
  nQuotes: number,
  volumeKg: number,
  nSubmitters: number,
  topShare: number | null,
) {
  const values = deals.map((d) => d.value)
  return {
    low: deals.length > 0 ? roundToTen(Math.min(...values)) : null,
    high: deals.length > 0 ? roundToTen(Math.max(...values)) : null,
    median: deals.length > 0 ? roundToTen(median(values)) : null,
    nDeals: deals.length,
    nQuotes,
    nSubmitters,
    volumeKg,
    topSubmitterShare: topShare,
  }
}
