/**
 * The pricing bench's synthetic market, generated untimed and seeded (src/kernel/random.ts): two
 * years of windows as src/pricing/schedule.ts makes them (104 weekly windows, Friday 15:00 → Thursday
 * 15:00 Asia/Shanghai, for every fee series of both tracks; a daily window ending 15:00 on every
 * weekday for the base), price paths at plausible levels (A00 18,000–21,800, fees as in
 * research/pricing.md 1.4, battery foil falling), and deals as one query over every series would
 * hand them over: in no useful order, each with its series and report time in parallel columns.
 * About one deal in six is excluded by the method, for the reasons a real window has; contract
 * series trade in about 60 % of weeks, so some of their windows roll and a few suspend.
 * @module
 */
import { createRandom, type Random } from '../../src/kernel/index.ts'
import type { IndexYearWeight } from '../../src/pricing/indices/index.ts'
import { FAMILY_RULES, type Family, type MethodDeal } from '../../src/pricing/model.ts'
import { publicationDates, windowOf } from '../../src/pricing/schedule.ts'
import { feeSeriesId, PRODUCTS, SERIES } from '../../src/pricing/series.ts'

const DAY_MS = 86_400_000
/** Two years of publications: 104 Thursdays, and every weekday, up to Christmas 2025. */
const FIRST_DATE = '2024-01-01'
const LAST_DATE = '2025-12-25'

export interface Window {
  readonly startMs: number
  readonly endMs: number
  readonly start: string
  readonly end: string
  /** YYYY-MM-DD (Shanghai): the publication date. */
  readonly date: string
}

export interface BenchSeries {
  readonly id: string
  readonly family: Family
  readonly kind: 'base' | 'fee'
  readonly track: 'spot' | 'contract'
  /** The product code of a fee series; null for the base. */
  readonly product: string | null
  readonly windows: readonly Window[]
  /**
   * The window of the day that starts `d` days after the calendar's origin (days run 15:00 to 15:00
   * Shanghai, as windows do), or −1 for the weekly gap from Thursday 15:00 to Friday 15:00. Shared
   * by the series of one frequency.
   */
  readonly windowOfDay: Int32Array
}

export interface Calendar {
  readonly series: readonly BenchSeries[]
  /** The first window's start: day 0 of every windowOfDay. */
  readonly originMs: number
}

export interface Market {
  readonly calendar: Calendar
  readonly deals: readonly MethodDeal[]
  /** Column: each deal's series, an index into calendar.series. */
  readonly seriesOf: Uint8Array
  /** Column: when each deal was reported (what picks its window; its dealAt may lie earlier). */
  readonly reportedAtMs: Float64Array
  /** The 2023 and 2024 output surveys, weighing 2024 and 2025. */
  readonly weights: readonly IndexYearWeight[]
}

const iso = (ms: number): string => new Date(ms).toISOString()

/** The windows of src/pricing/schedule.ts and the day table that finds them by arithmetic. */
export function buildCalendar(): Calendar {
  const byFrequency = (['daily', 'weekly'] as const).map((frequency) => {
    const windows = publicationDates(frequency, FIRST_DATE, LAST_DATE).map((date): Window => {
      const w = windowOf(frequency, date)!
      return { startMs: w.startMs, endMs: w.endMs, start: iso(w.startMs), end: iso(w.endMs), date }
    })
    return { frequency, windows }
  })
  const originMs = Math.min(...byFrequency.map((f) => f.windows[0]!.startMs))
  const lastMs = Math.max(...byFrequency.map((f) => f.windows.at(-1)!.endMs))
  const tables = new Map(
    byFrequency.map(({ frequency, windows }) => {
      const table = new Int32Array(Math.round((lastMs - originMs) / DAY_MS)).fill(-1)
      windows.forEach((w, k) => {
        for (let ms = w.startMs; ms < w.endMs; ms += DAY_MS) table[Math.round((ms - originMs) / DAY_MS)] = k
      })
      return [frequency, { windows, table }]
    }),
  )
  const series = SERIES.map((s): BenchSeries => {
    const { windows, table } = tables.get(s.frequency)!
    return {
      id: s.id,
      family: s.family,
      kind: s.kind,
      track: s.track,
      product: s.kind === 'fee' ? PRODUCTS.find((p) => feeSeriesId(p.code, s.track) === s.id)!.code : null,
      windows,
      windowOfDay: table,
    }
  })
  return { series, originMs }
}

/** Central fees, CNY/t (research/pricing.md 1.4), and how busy each product's spot market is. */
const FEE_CENTER: Readonly<Record<string, readonly [fee: number, activity: number, outputKt: number]>> = {
  '1060-H24-SHEET': [1_800, 12, 600],
  '1060-CC-COIL': [600, 10, 900],
  '3003-H24-STRIP': [2_500, 9, 400],
  '5052-H32-SHEET': [3_400, 7, 300],
  '5083-H111-PLATE': [5_800, 3, 80],
  '6061-T651-PLATE': [8_500, 3, 120],
  '8011-O-FOIL': [5_600, 10, 350],
  '1235-O-FOIL': [8_000, 6, 150],
  'BATTERY-FOIL': [12_000, 5, 60],
  '3104-H19-CAN': [3_900, 4, 200],
  '1050-PS-BASE': [4_000, 2, 100],
  '8011-FIN': [3_700, 5, 180],
  'CABLE-FOIL': [3_400, 3, 90],
}
const SHARE_BASE = 0.25
const SHARE_CONTRACT = 0.05
/** Contract fixings cluster: a contract series has deals in about this share of its weeks. */
const CONTRACT_ACTIVE_WEEKS = 0.6

const round10 = (x: number): number => Math.round(x / 10) * 10

/** A00 per daily window: a mean-reverting walk inside 18,000–21,800, drifting up over the two years. */
function basePath(rng: Random, n: number): Float64Array {
  const path = new Float64Array(n)
  let level = 18_900
  for (let i = 0; i < n; i++) {
    const target = 18_900 + (2_300 * i) / n
    level += 0.05 * (target - level) + rng.normal(0, 90)
    level = Math.min(21_800, Math.max(18_000, level))
    path[i] = level
  }
  return path
}

/** A fee per week: a walk around its centre; battery foil falls from 12,000 to about 8,500. */
function feePath(rng: Random, product: string, n: number): Float64Array {
  const [center] = FEE_CENTER[product]!
  const path = new Float64Array(n)
  let level = center
  for (let k = 0; k < n; k++) {
    const target = product === 'BATTERY-FOIL' ? center - (3_500 * k) / n : center
    level += 0.1 * (target - level) + rng.normal(0, center * 0.012)
    path[k] = level
  }
  return path
}

/** The contract fee: the spot fee of the quarter's first week less 3 %, held for the quarter. */
const contractPath = (spot: Float64Array): Float64Array => spot.map((_, k) => spot[k - (k % 13)]! * 0.97)

/** Each series' submitters (mills and traders of that product) with skewed activity. */
function submittersOf(rng: Random, count: number): { names: string[]; cumulative: Float64Array } {
  const names = rng.sample(
    Array.from({ length: 60 }, (_, i) => `ent-${String(i + 1).padStart(3, '0')}`),
    count,
  )
  const cumulative = new Float64Array(count)
  let sum = 0
  for (let i = 0; i < count; i++) {
    sum += 1 / (i + 1) ** 0.9
    cumulative[i] = sum
  }
  for (let i = 0; i < count; i++) cumulative[i]! /= sum
  return { names, cumulative }
}

const pickCumulative = (cumulative: Float64Array, u: number): number => {
  let i = 0
  while (i < cumulative.length - 1 && cumulative[i]! <= u) i++
  return i
}

export function generateMarket(nDeals: number, seed: number): Market {
  const rng = createRandom(seed)
  const calendar = buildCalendar()
  const { series } = calendar
  const activity = series.map((s) => {
    if (s.kind === 'base') return SHARE_BASE
    const total = Object.values(FEE_CENTER).reduce((a, [, act]) => a + act, 0)
    const own = FEE_CENTER[s.product!]![1] / total
    return own * (s.track === 'spot' ? 1 - SHARE_BASE - SHARE_CONTRACT : SHARE_CONTRACT)
  })
  const base = basePath(rng, series.find((s) => s.kind === 'base')!.windows.length)
  const weeks = series.find((s) => s.kind === 'fee')!.windows.length
  const spot = new Map(PRODUCTS.map((p) => [p.code, feePath(rng, p.code, weeks)]))
  const levels = series.map((s) =>
    s.kind === 'base'
      ? base
      : s.track === 'spot'
        ? spot.get(s.product!)!
        : contractPath(spot.get(s.product!)!),
  )
  const activeWindows = series.map((s) =>
    s.track === 'contract'
      ? s.windows.map((_, k) => k).filter(() => rng.chance(CONTRACT_ACTIVE_WEEKS))
      : s.windows.map((_, k) => k),
  )
  const submitters = series.map(() => submittersOf(rng, 12))
  const seriesCumulative = new Float64Array(series.length)
  let acc = 0
  activity.forEach((a, i) => {
    acc += a
    seriesCumulative[i] = acc
  })

  const deals: MethodDeal[] = new Array(nDeals)
  const seriesOf = new Uint8Array(nDeals)
  const reportedAtMs = new Float64Array(nDeals)
  for (let i = 0; i < nDeals; i++) {
    const s = pickCumulative(seriesCumulative, rng.next() * acc)
    const bs = series[s]!
    const active = activeWindows[s]!
    const k = active[Math.floor(rng.next() * active.length)]!
    const w = bs.windows[k]!
    const reported = w.startMs + rng.next() * (w.endMs - w.startMs)
    // 1.5 % are reported a window late: dealt in the previous window.
    const dealAtMs = rng.chance(0.015)
      ? w.startMs - rng.next() * 2 * DAY_MS
      : w.startMs + rng.next() * (reported - w.startMs)
    const { minLotKg } = FAMILY_RULES[bs.family]
    const level = levels[s]![k]!
    const spread = bs.kind === 'base' ? 0.002 : 0.03
    // 2 % are off the market: a wrong base convention, a typo, a distressed sale.
    const value = rng.chance(0.02)
      ? level *
        (1 +
          (rng.chance(0.5) ? 1 : -1) *
            (bs.kind === 'base' ? 0.03 + rng.next() * 0.05 : 0.15 + rng.next() * 0.35))
      : rng.normal(level, level * spread)
    const sub = submitters[s]!
    deals[i] = {
      id: `d${i}`,
      submitter: sub.names[pickCumulative(sub.cumulative, rng.next())]!,
      affiliated: rng.chance(0.03),
      pricedOnIndex: rng.chance(0.02),
      // 5 % below the minimum lot; the rest one to six lots.
      qtyKg: rng.chance(0.05)
        ? Math.round(minLotKg * (0.2 + rng.next() * 0.7))
        : Math.round(minLotKg * (1 + rng.next() * 5)),
      value: round10(value),
      deliveryDays: rng.chance(0.03) ? rng.int(46, 120) : rng.int(1, 40),
      paymentDays: rng.chance(0.02) ? rng.int(91, 180) : rng.int(0, 60),
      dealAt: iso(dealAtMs),
    }
    seriesOf[i] = s
    reportedAtMs[i] = reported
  }

  const weights: IndexYearWeight[] = []
  for (const year of [2023, 2024])
    for (const p of PRODUCTS) {
      const [fee, , outputKt] = FEE_CENTER[p.code]!
      weights.push({
        year,
        product: p.code,
        outputT: Math.round(outputKt * 1_000 * (0.9 + rng.next() * 0.2)),
        avgAllIn: round10((year === 2023 ? 18_700 : 19_950) + fee),
      })
    }
  return { calendar, deals, seriesOf, reportedAtMs, weights }
}
