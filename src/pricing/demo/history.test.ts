import { describe, expect, it } from 'vitest'
import { assess } from '../method/index.ts'
import type { AssessmentInput, ExclusionReason, Tier } from '../model.ts'
import { windowOf } from '../schedule.ts'
import { BASE_SERIES_ID, feeSeriesId, findSeries, PRODUCTS, SERIES } from '../series.ts'
import { DEFAULT_SUBMITTERS, type DemoAssessment, type DemoHistory, generateDemoHistory } from './index.ts'

// Monday 30 November 2026, 12:29 in Shanghai: the last fee week published is Thursday the 26th, the
// last base day Friday the 27th (Monday's is published at 17:00).
const END_AT = Date.parse('2026-11-30T04:29:00Z')
const SEED = 7
const history = generateDemoHistory({ endAt: END_AT, weeks: 104, seed: SEED })

/** The research/pricing.md 1.4 range of each product's fee, CNY/t (battery foil: 2023 to 2025). */
const FEE_RANGES: Record<string, readonly [number, number]> = {
  '1060-H24-SHEET': [1_200, 2_500],
  '1060-CC-COIL': [400, 800],
  '3003-H24-STRIP': [1_800, 3_500],
  '5052-H32-SHEET': [2_500, 4_500],
  '5083-H111-PLATE': [4_000, 8_000],
  '6061-T651-PLATE': [6_000, 12_000],
  '8011-O-FOIL': [4_500, 7_000],
  '1235-O-FOIL': [6_500, 10_000],
  'BATTERY-FOIL': [8_000, 17_000],
  '3104-H19-CAN': [3_000, 5_000],
  '1050-PS-BASE': [3_000, 5_000],
  '8011-FIN': [3_000, 4_500],
  'CABLE-FOIL': [2_500, 4_500],
}

const ofSeries = (h: DemoHistory, id: string): DemoAssessment[] =>
  h.assessments.filter((a) => a.seriesId === id)
const valuesOf = (assessments: readonly DemoAssessment[]): number[] =>
  assessments.map((a) => a.record.value).filter((v): v is number => v !== null)
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length

/** The labels of the items that break a rule (an empty list when all keep it). */
const breaking = <T>(
  items: readonly T[],
  label: (item: T) => string,
  keeps: (item: T) => boolean,
): string[] => items.filter((item) => !keeps(item)).map(label)

describe('generateDemoHistory', () => {
  it('is the same for the same seed and another for another seed', () => {
    const again = generateDemoHistory({ endAt: END_AT, seed: SEED })
    expect(JSON.stringify(again)).toBe(JSON.stringify(history))
    const other = generateDemoHistory({ endAt: END_AT, seed: SEED + 1 })
    expect(other.assessments.map((a) => a.record.value)).not.toEqual(
      history.assessments.map((a) => a.record.value),
    )
  })

  it('gives every fee series 104 weekly periods and the base 520 business days, all published by endAt', () => {
    for (const series of SERIES) {
      const periods = ofSeries(history, series.id)
      expect(periods.length, series.id).toBe(series.kind === 'base' ? 520 : 104)
      const dates = periods.map((a) => a.date)
      expect([...new Set(dates)].sort(), series.id).toEqual(dates)
      expect(dates.at(-1), series.id).toBe(series.kind === 'base' ? '2026-11-27' : '2026-11-26')
      for (const a of periods) {
        const w = windowOf(series.frequency, a.date)
        expect(w, `${series.id} ${a.date}`).not.toBeNull()
        expect([a.windowStart, a.windowEnd, a.publishedAt]).toEqual(
          [w!.startMs, w!.endMs, w!.publishAtMs].map((ms) => new Date(ms).toISOString()),
        )
        expect(w!.publishAtMs <= END_AT).toBe(true)
      }
    }
    // weekly periods follow each other week by week; the first is 103 weeks before the last
    expect(ofSeries(history, feeSeriesId('1060-H24-SHEET', 'spot'))[0]!.date).toBe('2024-12-05')
  })

  it('keeps the base within 18,000–21,800 and every fee within its research range', () => {
    const base = valuesOf(ofSeries(history, BASE_SERIES_ID))
    expect(base.length).toBe(520)
    expect(Math.min(...base)).toBeGreaterThanOrEqual(18_000)
    expect(Math.max(...base)).toBeLessThanOrEqual(21_800)
    for (const { code } of PRODUCTS) {
      const [low, high] = FEE_RANGES[code]!
      for (const track of ['spot', 'contract'] as const) {
        const values = valuesOf(ofSeries(history, feeSeriesId(code, track)))
        expect(values.length, `${code} ${track}`).toBe(104)
        expect(
          breaking(values, String, (v) => v >= low && v <= high),
          `${code} ${track}`,
        ).toEqual([])
      }
    }
  })

  it('moves the base the way 2024–2025 did: up, a summer dip, up again to the end', () => {
    const base = valuesOf(ofSeries(history, BASE_SERIES_ID))
    const quarter = (q: number) => mean(base.slice(q * 65, (q + 1) * 65))
    expect(quarter(7)).toBeGreaterThan(quarter(0) + 800)
    expect(Math.min(...base.slice(120, 200))).toBeLessThan(quarter(1) - 400)
  })

  it('lets battery foil fall from about 16,000 to about 9,000', () => {
    const fees = valuesOf(ofSeries(history, feeSeriesId('BATTERY-FOIL', 'spot')))
    const first = mean(fees.slice(0, 13))
    const last = mean(fees.slice(-13))
    expect(first).toBeGreaterThan(14_500)
    expect(last).toBeLessThan(10_000)
    expect(last).toBeLessThan(first * 0.7)
  })

  it('assesses with every tier: spot mostly Tier 1, the contract track mostly Tiers 2–4, nothing suspended', () => {
    const mix = (ids: readonly string[]) => {
      const counts: Record<string, number> = {}
      for (const a of history.assessments)
        if (ids.includes(a.seriesId)) counts[String(a.record.tier)] = (counts[String(a.record.tier)] ?? 0) + 1
      return counts
    }
    const spotIds = SERIES.filter((s) => s.kind === 'fee' && s.track === 'spot').map((s) => s.id)
    const contractIds = SERIES.filter((s) => s.track === 'contract').map((s) => s.id)
    const spot = mix(spotIds)
    const contract = mix(contractIds)
    const base = mix([BASE_SERIES_ID])
    const tiers = new Set(history.assessments.map((a) => a.record.tier))
    expect([...tiers].sort()).toEqual([1, 2, 3, 4] satisfies Tier[])
    expect(Object.keys(spot).sort()).toEqual(['1', '2', '3', '4'])
    expect(spot['1']! / (spotIds.length * 104)).toBeGreaterThan(0.7)
    expect(base['1']! / 520).toBeGreaterThan(0.85)
    expect(Object.keys(contract).sort()).toEqual(['1', '2', '3', '4'])
    expect((contract['2']! + contract['3']! + contract['4']!) / (contractIds.length * 104)).toBeGreaterThan(
      0.75,
    )
    expect(
      breaking(
        history.assessments,
        (a) => `${a.seriesId} ${a.date}`,
        (a) => !a.record.suspended,
      ),
    ).toEqual([])
  })

  it('plants deals of every kind the method excludes', () => {
    const reasons = new Set(history.assessments.flatMap((a) => a.record.excluded.map((e) => e.reason)))
    const all: ExclusionReason[] = [
      'affiliated',
      'priced_on_index',
      'late_delivery',
      'long_payment',
      'below_min_lot',
      'outside_window',
      'sanity_band',
      'outlier',
    ]
    expect([...reasons].sort()).toEqual([...all].sort())
  })

  it('is exactly what the method gives: every record re-runs from its deals, quotes, judgement and previous', () => {
    const deals = new Map(history.deals.map((d) => [d.id, d]))
    const quotes = new Map(history.quotes.map((q) => [q.id, q]))
    expect(deals.size).toBe(history.deals.length)
    expect(quotes.size).toBe(history.quotes.length)
    const used = new Set<string>()
    const mismatches: string[] = []
    history.assessments.forEach((a, i) => {
      const before = history.assessments[i - 1]
      const previous = before?.seriesId === a.seriesId ? before.record : null
      const input: AssessmentInput = {
        series: { id: a.seriesId, family: findSeries(a.seriesId)!.family },
        window: { start: a.windowStart, end: a.windowEnd },
        previous: previous && { value: previous.value, rolls: previous.rolls },
        deals: a.dealIds.map((id) => deals.get(id)!),
        quotes: a.quoteIds.map((id) => quotes.get(id)!),
        judgement: a.judgement,
      }
      for (const id of [...a.dealIds, ...a.quoteIds]) used.add(id)
      if (JSON.stringify(assess(input)) !== JSON.stringify(a.record))
        mismatches.push(`${a.seriesId} ${a.date}`)
    })
    expect(mismatches).toEqual([])
    // every deal and quote belongs to exactly one period, of its own series
    expect(used.size).toBe(history.deals.length + history.quotes.length)
  })

  it('dates deals inside their window, except those the method then excludes as outside it', () => {
    const byId = new Map(history.deals.map((d) => [d.id, d]))
    const wrong: string[] = []
    for (const a of history.assessments) {
      const outside = new Set(a.record.excluded.filter((e) => e.reason === 'outside_window').map((e) => e.id))
      for (const id of a.dealIds) {
        const deal = byId.get(id)!
        const inside = deal.dealAt >= a.windowStart && deal.dealAt < a.windowEnd
        const submitted = deal.submittedAt >= a.windowStart && deal.submittedAt < a.windowEnd
        if (
          deal.seriesId !== a.seriesId ||
          inside === outside.has(id) ||
          !submitted ||
          deal.submittedAt < deal.dealAt
        )
          wrong.push(id)
      }
    }
    expect(wrong).toEqual([])
  })

  it('gives a store that takes a window’s deals and quotes by their time or submission time the same inputs', () => {
    // as src/pricing/store.ts dealsForWindow: deal time or submission time in the window, by deal time then id
    const num = (id: string) => Number(id.slice(1))
    const mismatches: string[] = []
    for (const series of SERIES) {
      const deals = history.deals
        .filter((d) => d.seriesId === series.id)
        .map((d) => ({ id: d.id, at: Date.parse(d.dealAt), sub: Date.parse(d.submittedAt) }))
      const quotes = history.quotes
        .filter((q) => q.seriesId === series.id)
        .map((q) => ({ id: q.id, at: Date.parse(q.at), sub: Date.parse(q.submittedAt) }))
      const select = (items: typeof deals, start: number, end: number) =>
        items
          .filter((x) => (x.at >= start && x.at < end) || (x.sub >= start && x.sub < end))
          .sort((x, y) => x.at - y.at || num(x.id) - num(y.id))
          .map((x) => x.id)
      for (const a of ofSeries(history, series.id)) {
        const [start, end] = [Date.parse(a.windowStart), Date.parse(a.windowEnd)]
        if (JSON.stringify(select(deals, start, end)) !== JSON.stringify(a.dealIds))
          mismatches.push(`${a.seriesId} ${a.date} deals`)
        if (JSON.stringify(select(quotes, start, end)) !== JSON.stringify(a.quoteIds))
          mismatches.push(`${a.seriesId} ${a.date} quotes`)
      }
    }
    expect(mismatches).toEqual([])
    // ids are numbered in list order, as the store numbers rows
    expect(
      breaking(
        history.deals,
        (d) => d.id,
        (d) => /^D[1-9]\d*$/.test(d.id),
      ),
    ).toEqual([])
    expect(history.deals.map((d) => num(d.id))).toEqual(history.deals.map((_, i) => i + 1))
    expect(history.quotes.map((q) => num(q.id))).toEqual(history.quotes.map((_, i) => i + 1))
  })

  it('fills every deal and quote with integer values and quantities and the form’s fields', () => {
    const submitters = new Set(DEFAULT_SUBMITTERS)
    const badDeals = breaking(
      history.deals,
      (d) => d.id,
      (d) =>
        Number.isSafeInteger(d.value) &&
        Number.isSafeInteger(d.qtyKg) &&
        d.qtyKg > 0 &&
        Number.isSafeInteger(d.deliveryDays) &&
        Number.isSafeInteger(d.paymentDays) &&
        submitters.has(d.submitter) &&
        d.submitterEnterpriseId === d.submitter &&
        d.spec.length > 0 &&
        d.paymentTerms.length > 0 &&
        d.deliveryTerms.length > 0 &&
        (d.seriesId === BASE_SERIES_ID
          ? d.baseUsed === null
          : Number.isSafeInteger(d.baseUsed) && d.baseUsed! >= 18_000 && d.baseUsed! <= 22_000),
    )
    expect(badDeals).toEqual([])
    const badQuotes = breaking(
      history.quotes,
      (q) => q.id,
      (q) =>
        Number.isSafeInteger(q.value) &&
        Number.isSafeInteger(q.qtyKg) &&
        q.qtyKg > 0 &&
        submitters.has(q.submitter) &&
        q.validUntil > q.at &&
        q.submittedAt >= q.at,
    )
    expect(badQuotes).toEqual([])
  })

  it('takes its submitters from the list given, and needs at least three distinct ones', () => {
    const firms = ['p-0101', 'p-0102', 't-011', 'b-0201']
    const h = generateDemoHistory({ endAt: END_AT, weeks: 8, seed: 3, submitters: firms })
    expect(new Set([...h.deals, ...h.quotes].map((x) => x.submitter))).toEqual(new Set(firms))
    expect(ofSeries(h, BASE_SERIES_ID).length).toBe(40)
    expect(() => generateDemoHistory({ endAt: END_AT, seed: 3, submitters: ['a', 'b'] })).toThrow(RangeError)
    expect(() => generateDemoHistory({ endAt: END_AT, seed: 3, submitters: ['a', 'b', 'a'] })).toThrow(
      RangeError,
    )
    expect(() => generateDemoHistory({ endAt: END_AT, seed: 3, weeks: 0 })).toThrow(RangeError)
  })

  it('weighs the indices by each product’s output of the years before: sheet and strip first, foil second', () => {
    const years = [...new Set(history.weights.map((w) => w.year))]
    expect(years).toEqual([2023, 2024, 2025])
    expect(history.weights.length).toBe(3 * PRODUCTS.length)
    const group = new Map(PRODUCTS.map((p) => [p.code, p.group]))
    for (const year of years) {
      const rows = history.weights.filter((w) => w.year === year)
      expect(rows.map((w) => w.product)).toEqual(PRODUCTS.map((p) => p.code))
      const tonnes = (g: string) =>
        rows.filter((w) => group.get(w.product) === g).reduce((sum, w) => sum + w.outputT, 0)
      expect(tonnes('sheet_strip')).toBeGreaterThan(tonnes('foil'))
      expect(tonnes('foil')).toBeGreaterThan(tonnes('high_end'))
      for (const w of rows) {
        const [low, high] = FEE_RANGES[w.product]!
        expect(Number.isSafeInteger(w.outputT) && w.outputT > 0).toBe(true)
        expect(w.avgAllIn, `${w.product} ${year}`).toBeGreaterThanOrEqual(17_000 + low)
        expect(w.avgAllIn, `${w.product} ${year}`).toBeLessThanOrEqual(21_800 + high + 2_000)
      }
    }
    // battery foil's all-in falls with its fee; its output grows
    const battery = history.weights.filter((w) => w.product === 'BATTERY-FOIL')
    expect(battery[2]!.avgAllIn).toBeLessThan(battery[0]!.avgAllIn)
    expect(battery[2]!.outputT).toBeGreaterThan(battery[0]!.outputT)
  })
})
