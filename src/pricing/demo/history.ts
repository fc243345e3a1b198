/**
 * The demo cluster's price history: two years of simulated deals and quotes for every series, and
 * the assessments the method makes of them, window after window, each with the record before it as
 * `previous`: exactly what the live center would have published. Pure: no clock, no I/O; the same
 * options give the same history on every machine.
 * @module
 */
import { createRandom, type Random } from '../../kernel/random.ts'
import type { IndexYearWeight } from '../indices/index.ts'
import { assess } from '../method/index.ts'
import { type AssessmentInput, type AssessmentRecord, FAMILY_RULES, type Series } from '../model.ts'
import type { CounterpartyType } from '../records.ts'
import {
  type Frequency,
  type PricingWindow,
  previousPublicationDate,
  publicationDateOnOrBefore,
  shanghaiDateOf,
  windowOf,
} from '../schedule.ts'
import { BASE_SERIES_ID, feeSeriesId, PRODUCTS, SERIES } from '../series.ts'
import { BaseBook } from './base-book.ts'
import { BASE_FLOW, CONTRACT_FLOW, SPOT_FLOW } from './flows.ts'
import { contractFees, FEE_PROFILES, simulateBase, simulateSpotFee } from './levels.ts'
import { type Desk, type Participant, simulateWindow } from './market.ts'
import type { DemoAssessment, DemoDeal, DemoHistory, DemoHistoryOptions, DemoQuote } from './model.ts'
import { chooseRegime } from './regime.ts'
import { outputWeights } from './weights.ts'

export const DEFAULT_WEEKS = 104

/** Enterprise ids shaped like the demo cluster's (processors, traders, buyers), for tests. */
export const DEFAULT_SUBMITTERS: readonly string[] = [
  ...Array.from({ length: 12 }, (_, i) => `p-${String(i + 1).padStart(4, '0')}`),
  ...Array.from({ length: 4 }, (_, i) => `t-${String(i + 1).padStart(3, '0')}`),
  ...Array.from({ length: 4 }, (_, i) => `b-${String(i + 1).padStart(4, '0')}`),
]

const BUSINESS_DAYS_PER_WEEK = 5
/** Business days of base before the first period, for the 20-day average the first weeks' fees need. */
const WARMUP_DAYS = 25
const AVERAGE_DAYS = 20
/** Submitters active in one series' market. */
const POOL_SIZE: readonly [number, number] = [5, 9]

/** An independent stream of the seed, so each series' draws do not depend on the others'. */
const streamOf = (seed: number, stream: number): Random =>
  createRandom((Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) + Math.imul(stream + 1, 0x9e3779b1)) | 0)

/** The last `n` periods published at or before `endAt`, oldest first. */
function publishedPeriods(frequency: Frequency, endAt: number, n: number): PricingWindow[] {
  let date = publicationDateOnOrBefore(frequency, shanghaiDateOf(endAt))
  if (windowOf(frequency, date)!.publishAtMs > endAt) date = previousPublicationDate(frequency, date)
  const periods: PricingWindow[] = []
  for (let i = 0; i < n; i++) {
    periods.push(windowOf(frequency, date)!)
    date = previousPublicationDate(frequency, date)
  }
  return periods.reverse()
}

/** What an enterprise id says about its kind (the demo cluster's p-, t-, b- prefixes), else a draw. */
function kindOf(rng: Random, id: string): CounterpartyType {
  if (id.startsWith('p-')) return 'producer'
  if (id.startsWith('t-')) return 'trader'
  if (id.startsWith('b-')) return 'consumer'
  return rng.weighted([
    ['producer', 0.6],
    ['trader', 0.25],
    ['consumer', 0.15],
  ])
}

function poolOf(rng: Random, submitters: readonly string[]): Participant[] {
  const size = Math.min(submitters.length, rng.int(POOL_SIZE[0], POOL_SIZE[1]))
  return rng
    .sample(submitters, size)
    .map((id) => ({ id, activity: 0.4 + 1.2 * rng.next(), kind: kindOf(rng, id) }))
}

function checkOptions(weeks: number, submitters: readonly string[], endAt: number): void {
  if (!Number.isSafeInteger(weeks) || weeks < 1)
    throw new RangeError(`weeks must be a positive integer: ${weeks}`)
  if (!Number.isFinite(endAt)) throw new RangeError(`endAt must be an instant in epoch ms: ${endAt}`)
  if (new Set(submitters).size !== submitters.length || submitters.length < 3)
    throw new RangeError('the demo needs at least three distinct submitters')
}

const byTime =
  <K extends string>(key: K) =>
  (a: Record<K, string>, b: Record<K, string>): number =>
    a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
const yearOf = (date: string): number => Number(date.slice(0, 4))

/**
 * Generates the demo history: for each fee series `weeks` weekly periods, for the base five times as
 * many business days, every period published at or before `endAt`.
 *
 * @example
 * const history = generateDemoHistory({ endAt: Date.parse('2026-11-30T04:00:00Z'), seed: 7 })
 * history.assessments.filter((a) => a.seriesId === 'BASE-A00-GY').length // 520
 */
export function generateDemoHistory(options: DemoHistoryOptions): DemoHistory {
  const { endAt, seed } = options
  const weeks = options.weeks ?? DEFAULT_WEEKS
  const submitters = options.submitters ?? DEFAULT_SUBMITTERS
  checkOptions(weeks, submitters, endAt)

  // The base, warm-up days first; the periods are the last weeks × 5 of them.
  const days = publishedPeriods('daily', endAt, weeks * BUSINESS_DAYS_PER_WEEK + WARMUP_DAYS)
  const basePath = simulateBase(streamOf(seed, 0), days.length)
  const book = new BaseBook(
    days.map((d) => d.date),
    basePath,
  )
  const dayIndex = new Map(days.map((d, i) => [d.date, i]))
  const dailyPeriods = days.slice(WARMUP_DAYS)
  const weeklyPeriods = publishedPeriods('weekly', endAt, weeks)

  // Each week's base rise above its 20-day average, which compresses the fees.
  const baseExcess = weeklyPeriods.map(({ date }) => {
    const i = dayIndex.get(date)
    if (i === undefined || i < AVERAGE_DAYS) throw new Error(`no base for the week of ${date}`)
    return basePath[i]! - mean(basePath.slice(i - AVERAGE_DAYS, i))
  })
  const monthOfWeek = weeklyPeriods.map((p) => p.date.slice(0, 7))
  const levelsBySeries = new Map<string, readonly number[]>()
  PRODUCTS.forEach(({ code }, p) => {
    const profile = FEE_PROFILES[code]!
    const spot = simulateSpotFee(streamOf(seed, 100 + p), profile, baseExcess)
    levelsBySeries.set(feeSeriesId(code, 'spot'), spot)
    levelsBySeries.set(feeSeriesId(code, 'contract'), contractFees(profile, spot, monthOfWeek))
  })

  const deals: DemoDeal[] = []
  const quotes: DemoQuote[] = []
  const assessments: DemoAssessment[] = []
  // numbered in the order of the lists, as the store would number them
  const dealId = () => `D${deals.length + 1}`
  const quoteId = () => `Q${quotes.length + 1}`
  SERIES.forEach((series, s) => {
    const isBase = series.kind === 'base'
    const levels = isBase ? basePath.slice(WARMUP_DAYS) : levelsBySeries.get(series.id)!
    const periods = isBase ? dailyPeriods : weeklyPeriods
    const rng = streamOf(seed, 200 + s)
    const desk: Desk = {
      series,
      rule: FAMILY_RULES[series.family],
      pool: poolOf(rng, submitters),
      flow: isBase ? BASE_FLOW : series.track === 'spot' ? SPOT_FLOW : CONTRACT_FLOW,
      base: book,
    }
    let previous: AssessmentRecord | null = null
    periods.forEach((window, i) => {
      const regime = chooseRegime(rng, series, window.date, previous)
      const draft = simulateWindow(rng, desk, {
        window,
        level: levels[i]!,
        previousValue: previous?.value ?? null,
        regime,
      })
      const windowDeals: DemoDeal[] = draft.deals.sort(byTime('dealAt'))
      for (const d of draft.deals) {
        d.id = dealId()
        deals.push(d)
      }
      const windowQuotes: DemoQuote[] = draft.quotes.sort(byTime('at'))
      for (const q of draft.quotes) {
        q.id = quoteId()
        quotes.push(q)
      }
      const input = inputOf(series, window, previous, windowDeals, windowQuotes, draft.judgement)
      const record = assess(input)
      assessments.push({
        seriesId: series.id,
        date: window.date,
        windowStart: input.window.start,
        windowEnd: input.window.end,
        publishedAt: new Date(window.publishAtMs).toISOString(),
        dealIds: windowDeals.map((d) => d.id),
        quoteIds: windowQuotes.map((q) => q.id),
        judgement: draft.judgement,
        record,
      })
      previous = record
    })
  })

  return { deals, quotes, assessments, weights: weightsOf(streamOf(seed, 1), assessments) }
}

function inputOf(
  series: Series,
  window: PricingWindow,
  previous: AssessmentRecord | null,
  deals: readonly DemoDeal[],
  quotes: readonly DemoQuote[],
  judgement: AssessmentInput['judgement'],
): AssessmentInput {
  return {
    series: { id: series.id, family: series.family },
    window: { start: new Date(window.startMs).toISOString(), end: new Date(window.endMs).toISOString() },
    previous: previous && { value: previous.value, rolls: previous.rolls },
    deals,
    quotes,
    judgement,
  }
}

/**
 * Output weights for the year before the first period through the year before the last: the
 * average all-in of a year from its published base and spot fees; the year before the history,
 * which has none, from the first year's less the trend (the base about 5 % lower, fees half a
 * year-on-year step higher, battery foil the most).
 */
function weightsOf(rng: Random, assessments: readonly DemoAssessment[]): IndexYearWeight[] {
  const valuesBy = new Map<string, number[]>()
  for (const a of assessments) {
    if (a.record.value === null) continue
    const key = `${a.seriesId}/${yearOf(a.date)}`
    const values = valuesBy.get(key) ?? []
    values.push(a.record.value)
    valuesBy.set(key, values)
  }
  const weekYears = assessments.filter((a) => a.seriesId !== BASE_SERIES_ID).map((a) => yearOf(a.date))
  const first = Math.min(...weekYears)
  const last = Math.max(...weekYears)
  const years = Array.from({ length: last - first + 1 }, (_, i) => first - 1 + i)
  const averageOf = (seriesId: string, year: number): number | null => {
    const values = valuesBy.get(`${seriesId}/${year}`)
    return values && values.length > 0 ? mean(values) : null
  }
  return outputWeights(rng, years, (product, year) => {
    const feeId = feeSeriesId(product, 'spot')
    const base = averageOf(BASE_SERIES_ID, year)
    const fee = averageOf(feeId, year)
    if (base !== null && fee !== null) return base + fee
    const profile = FEE_PROFILES[product]!
    const firstBase = averageOf(BASE_SERIES_ID, first)!
    const firstFee = averageOf(feeId, first)!
    return firstBase * 0.95 + firstFee + (profile.from - profile.to) / 2
  })
}
