/**
 * The demo market's true levels, before any deal is drawn: the Gongyi A00 base business day by day,
 * and each product's spot and contract processing fee week by week. Deals scatter around these;
 * the method then assesses what the deals say, so published values only follow them.
 * @module
 */
import type { Random } from '../../kernel/random.ts'

/**
 * The base's shape over the history (0 = first day, 1 = last), Gongyi A00 in CNY/t: the SMM A00 path
 * of 2024–2025 (research/pricing.md 1.5: 18,830 in January 2024, 20,570 in May, 18,780 in August,
 * 20,160 in December, about 20,540 in February 2025, 19,910 in April, 21,770 in December) less the
 * usual Gongyi differential of about 120.
 */
const BASE_ANCHORS: readonly (readonly [number, number])[] = [
  [0, 18_720],
  [0.13, 19_900],
  [0.18, 20_430],
  [0.25, 19_980],
  [0.31, 18_680],
  [0.46, 20_030],
  [0.54, 20_400],
  [0.63, 19_780],
  [0.78, 20_550],
  [0.9, 21_200],
  [1, 21_500],
]
/** The base never leaves this band, inside the 18,000–21,800 the demo promises. */
export const BASE_FLOOR = 18_100
export const BASE_CEILING = 21_700
/** Pull back to the anchor path per business day, and the day-to-day noise (CNY/t). */
const BASE_REVERSION = 0.08
const BASE_DAILY_SD = 85
/** A few spikes like January 2026's +850 and +600 in two days, smaller. */
const BASE_SPIKES = 3
const BASE_SPIKE_CNY: readonly [number, number] = [350, 650]

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x))

/** Linear interpolation in a list of [x, y] points sorted by x. */
function interpolate(points: readonly (readonly [number, number])[], x: number): number {
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i]!
    if (x <= x1) {
      const [x0, y0] = points[i - 1]!
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0)
    }
  }
  return points[points.length - 1]![1]
}

/**
 * The base, one level per business day, oldest first: a random walk that follows the anchor path
 * (drift), is pulled back to it (mean reversion), jumps now and then, and stays inside the band.
 */
export function simulateBase(rng: Random, days: number): number[] {
  const spikes = new Map<number, number>()
  for (let k = 0; k < BASE_SPIKES; k++) {
    // two days of rises, well inside the history so their effect on fees shows
    const day = rng.int(Math.floor(days * 0.1), Math.floor(days * 0.9))
    const size = rng.int(BASE_SPIKE_CNY[0], BASE_SPIKE_CNY[1])
    spikes.set(day, (spikes.get(day) ?? 0) + Math.round(size * 0.6))
    spikes.set(day + 1, (spikes.get(day + 1) ?? 0) + Math.round(size * 0.4))
  }
  const anchorAt = (i: number) => interpolate(BASE_ANCHORS, days > 1 ? i / (days - 1) : 1)
  const path: number[] = []
  let x = anchorAt(0) + rng.normal(0, 80)
  for (let i = 0; i < days; i++) {
    if (i > 0) {
      const anchor = anchorAt(i)
      x += anchor - anchorAt(i - 1) + BASE_REVERSION * (anchor - x) + rng.normal(0, BASE_DAILY_SD)
      x += spikes.get(i) ?? 0
    }
    x = clamp(x, BASE_FLOOR, BASE_CEILING)
    path.push(Math.round(x))
  }
  return path
}

/** A product's fee over the history: the research 1.4 range it stays in and where it goes. */
export interface FeeProfile {
  /** CNY/t, the range of research/pricing.md 1.4; published values stay inside it. */
  readonly low: number
  readonly high: number
  /** The trend's level at the first and the last week. */
  readonly from: number
  readonly to: number
  /** Shape of the trend: 1 is a straight line; above 1 falls fast first and flattens. */
  readonly curve: number
  /** Contract fixings sit this share below spot (term volume buys a discount). */
  readonly contractDiscount: number
}

/** By product code (src/pricing/series.ts PRODUCTS); ranges from research/pricing.md 1.4. */
export const FEE_PROFILES: Readonly<Record<string, FeeProfile>> = {
  '1060-H24-SHEET': { low: 1_200, high: 2_500, from: 1_850, to: 1_750, curve: 1, contractDiscount: 0.03 },
  '1060-CC-COIL': { low: 400, high: 800, from: 620, to: 580, curve: 1, contractDiscount: 0.03 },
  '3003-H24-STRIP': { low: 1_800, high: 3_500, from: 2_600, to: 2_500, curve: 1, contractDiscount: 0.03 },
  '5052-H32-SHEET': { low: 2_500, high: 4_500, from: 3_400, to: 3_300, curve: 1, contractDiscount: 0.025 },
  '5083-H111-PLATE': { low: 4_000, high: 8_000, from: 5_800, to: 6_000, curve: 1, contractDiscount: 0.02 },
  '6061-T651-PLATE': { low: 6_000, high: 12_000, from: 8_800, to: 8_500, curve: 1, contractDiscount: 0.02 },
  '8011-O-FOIL': { low: 4_500, high: 7_000, from: 5_700, to: 5_500, curve: 1, contractDiscount: 0.03 },
  '1235-O-FOIL': { low: 6_500, high: 10_000, from: 8_200, to: 7_900, curve: 1, contractDiscount: 0.025 },
  // 2023 about 13,000–16,000, 2024–25 about 8,000–12,000: oversupply since H2 2022 (research 1.4, S27)
  'BATTERY-FOIL': { low: 8_000, high: 17_000, from: 16_000, to: 9_000, curve: 1.4, contractDiscount: 0.04 },
  '3104-H19-CAN': { low: 3_000, high: 5_000, from: 4_000, to: 3_800, curve: 1, contractDiscount: 0.04 },
  '1050-PS-BASE': { low: 3_000, high: 5_000, from: 4_100, to: 4_000, curve: 1, contractDiscount: 0.03 },
  // air-conditioner price wars squeeze fin stock (research 1.4, S19)
  '8011-FIN': { low: 3_000, high: 4_500, from: 3_900, to: 3_500, curve: 1, contractDiscount: 0.035 },
  'CABLE-FOIL': { low: 2_500, high: 4_500, from: 3_400, to: 3_300, curve: 1, contractDiscount: 0.03 },
}

/** Week-to-week persistence of a fee's deviation from its trend, and the weekly shock (share of fee). */
const FEE_PERSISTENCE = 0.85
const FEE_WEEKLY_SD = 0.012
/** A seasonal swing of this share of the fee, one cycle a year. */
const FEE_SEASONAL = 0.03
/**
 * Fees compress when the base spikes (research 1.4: buyers resist): by COMPRESSION_RATE of the base's
 * rise above its 20-day average beyond COMPRESSION_FREE, and at most COMPRESSION_MAX of the fee.
 */
const COMPRESSION_FREE = 100
const COMPRESSION_RATE = 0.4
const COMPRESSION_MAX = 0.06
/** Trend, season and noise stay this share of the range away from its ends. */
const FEE_MARGIN = 0.06

/** How much a fee gives way when the base stands `excess` CNY/t above its recent average. */
export const compressionOf = (fee: number, excess: number): number =>
  Math.min(COMPRESSION_MAX * fee, COMPRESSION_RATE * Math.max(0, excess - COMPRESSION_FREE))

/**
 * A product's spot fee, one level per week, oldest first.
 * @param baseExcess per week, the base's rise above its 20-day average on the publication date
 */
export function simulateSpotFee(rng: Random, profile: FeeProfile, baseExcess: readonly number[]): number[] {
  const weeks = baseExcess.length
  const phase = rng.next() * 2 * Math.PI
  const margin = FEE_MARGIN * (profile.high - profile.low)
  const levels: number[] = []
  let deviation = rng.normal(0, FEE_WEEKLY_SD)
  for (let w = 0; w < weeks; w++) {
    const f = weeks > 1 ? w / (weeks - 1) : 1
    const shape = 1 - (1 - f) ** profile.curve
    const trend = profile.from + (profile.to - profile.from) * shape
    const season = FEE_SEASONAL * Math.sin(phase + (2 * Math.PI * w) / 52)
    if (w > 0) deviation = FEE_PERSISTENCE * deviation + rng.normal(0, FEE_WEEKLY_SD)
    const level = trend * (1 + season + deviation)
    const compressed = level - compressionOf(level, baseExcess[w]!)
    levels.push(Math.round(clamp(compressed, profile.low + margin, profile.high - margin)))
  }
  return levels
}

/**
 * A product's contract fee per week: fixed once a month (at the month's first week in the history)
 * from the spot fee of that week less the term discount, and held until the next fixing.
 * @param monthOfWeek per week, a key of its month (weeks of one month share it)
 */
export function contractFees(
  profile: FeeProfile,
  spot: readonly number[],
  monthOfWeek: readonly string[],
): number[] {
  const margin = FEE_MARGIN * (profile.high - profile.low)
  const levels: number[] = []
  let fixed = 0
  for (let w = 0; w < spot.length; w++) {
    if (w === 0 || monthOfWeek[w] !== monthOfWeek[w - 1]) {
      const level = spot[w]! * (1 - profile.contractDiscount)
      fixed = Math.round(clamp(level, profile.low + margin, profile.high - margin))
    }
    levels.push(fixed)
  }
  return levels
}
