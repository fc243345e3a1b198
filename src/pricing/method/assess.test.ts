import { describe, expect, it } from 'vitest'
import type { AssessmentInput, Family, MethodDeal, MethodQuote } from '../model.ts'
import { assess } from './assess.ts'

// Every expectation below is worked by hand in the comment beside it.

const WINDOW = { start: '2026-11-20T07:00:00.000Z', end: '2026-11-27T07:00:00.000Z' }
const IN = '2026-11-24T03:00:00.000Z'

let nextId = 0
const deal = (
  submitter: string,
  value: number,
  qtyKg: number,
  extra: Partial<MethodDeal> = {},
): MethodDeal => ({
  id: `d${++nextId}`,
  submitter,
  affiliated: false,
  pricedOnIndex: false,
  qtyKg,
  value,
  deliveryDays: 10,
  paymentDays: 0,
  dealAt: IN,
  ...extra,
})
const quote = (
  submitter: string,
  side: 'bid' | 'offer',
  value: number,
  qtyKg: number,
  at = IN,
): MethodQuote => ({
  id: `q${++nextId}`,
  submitter,
  side,
  value,
  qtyKg,
  at,
})
const input = (family: Family, parts: Partial<AssessmentInput>): AssessmentInput => ({
  series: { id: 'FEE-TEST-SPOT', family },
  window: WINDOW,
  previous: null,
  deals: [],
  quotes: [],
  judgement: null,
  ...parts,
})

describe('step 1: qualifying', () => {
  it('excludes a deal with the first reason that applies, in the published order', () => {
    const d = [
      deal('a', 1000, 40_000, { affiliated: true, pricedOnIndex: true, deliveryDays: 60 }),
      deal('a', 1000, 40_000, { pricedOnIndex: true, paymentDays: 120 }),
      deal('a', 1000, 40_000, { deliveryDays: 46, paymentDays: 91 }),
      deal('a', 1000, 10_000, { paymentDays: 91 }),
      deal('a', 1000, 10_000, { dealAt: '2026-11-27T07:00:00.000Z' }),
      deal('a', 1000, 40_000, { dealAt: '2026-11-20T06:59:59.999Z' }),
    ]
    const record = assess(input('sheet', { deals: d }))
    expect(record.excluded).toEqual([
      { id: d[0]!.id, reason: 'affiliated' },
      { id: d[1]!.id, reason: 'priced_on_index' },
      { id: d[2]!.id, reason: 'late_delivery' },
      { id: d[3]!.id, reason: 'long_payment' },
      { id: d[4]!.id, reason: 'below_min_lot' },
      { id: d[5]!.id, reason: 'outside_window' },
    ])
    expect(record.nDeals).toBe(0)
  })

  it('keeps deals exactly at the limits: 45 days delivery, 90 days payment, one minimum lot, the window start', () => {
    const d = [
      deal('a', 1000, 20_000, { deliveryDays: 45, paymentDays: 90, dealAt: WINDOW.start }),
      deal('b', 1000, 20_000),
    ]
    const record = assess(input('sheet', { deals: d }))
    expect(record.excluded).toEqual([])
    expect(record.nDeals).toBe(2)
  })

  it('excludes quotes below the minimum lot or outside the window, after the deals', () => {
    const d = deal('a', 1000, 4_000) // foil minimum lot 5 t
    const q = [
      quote('b', 'bid', 1000, 4_999),
      quote('b', 'bid', 1000, 5_000, '2026-11-28T00:00:00.000Z'),
      quote('c', 'offer', 1000, 5_000),
    ]
    const record = assess(input('foil', { deals: [d], quotes: q }))
    expect(record.excluded).toEqual([
      { id: d.id, reason: 'below_min_lot' },
      { id: q[0]!.id, reason: 'below_min_lot' },
      { id: q[1]!.id, reason: 'outside_window' },
    ])
  })
})

describe('step 2: sanity band', () => {
  it('excludes a deal more than 30 % from the previous value without two corroborating deals', () => {
    // previous 1000: the band is 700..1300. 1301 is out; 1300 is in (not more than 30 %).
    const inside = deal('a', 1300, 20_000)
    const outside = deal('b', 1301, 20_000)
    const record = assess(input('sheet', { previous: { value: 1000, rolls: 0 }, deals: [inside, outside] }))
    expect(record.excluded).toEqual([{ id: outside.id, reason: 'sanity_band' }])
  })

  it('keeps it when two deals of other submitters lie within 5 % of its value', () => {
    // previous 1000, band 700..1300; all four deals are out of it.
    // 1400 (a): 1400 (b) and 1410 (c) within 70 → kept; likewise 1400 (b); 1410 (c): both 1400s within 70.5 → kept.
    // 1500 (d): within 75? 1410 is 90 away, the 1400s 100 → excluded.
    const d = [
      deal('a', 1400, 20_000),
      deal('b', 1400, 20_000),
      deal('c', 1410, 20_000),
      deal('d', 1500, 20_000),
    ]
    const record = assess(input('sheet', { previous: { value: 1000, rolls: 0 }, deals: d }))
    expect(record.excluded).toEqual([{ id: d[3]!.id, reason: 'sanity_band' }])
    expect(record.nDeals).toBe(3)
  })

  it('needs corroboration within 5 % of the deal itself, not of its corroborators', () => {
    // 1400 (a) has 1330 (b) and 1470 (c) each exactly 70 away = 5 % of 1400 → kept.
    // 1330: 5 % is 66.5, 1400 is 70 away → excluded. 1470: 5 % is 73.5, only 1400 within → excluded.
    const d = [deal('a', 1400, 20_000), deal('b', 1330, 20_000), deal('c', 1470, 20_000)]
    const record = assess(input('sheet', { previous: { value: 1000, rolls: 0 }, deals: d }))
    expect(record.excluded).toEqual([
      { id: d[1]!.id, reason: 'sanity_band' },
      { id: d[2]!.id, reason: 'sanity_band' },
    ])
  })

  it('does not count corroborating deals of the same submitter', () => {
    const d = [deal('a', 1400, 20_000), deal('a', 1400, 20_000), deal('b', 1400, 20_000)]
    const record = assess(input('sheet', { previous: { value: 1000, rolls: 0 }, deals: d }))
    // Each deal of a has only b's deal from another submitter; b's deal has a's two → only b's stays.
    expect(record.excluded).toEqual([
      { id: d[0]!.id, reason: 'sanity_band' },
      { id: d[1]!.id, reason: 'sanity_band' },
    ])
  })

  it('uses |previous| for a negative previous fee', () => {
    // previous −200: band ±60 → −260..−140. −141 is in, −100 is out.
    const d = [deal('a', -141, 20_000), deal('b', -100, 20_000)]
    const record = assess(input('sheet', { previous: { value: -200, rolls: 0 }, deals: d }))
    expect(record.excluded).toEqual([{ id: d[1]!.id, reason: 'sanity_band' }])
  })
})

describe('step 3: robust screen', () => {
  it('with n ≥ 5 excludes deals further than 3 × 1.4826 × MAD from the median', () => {
    // values 100 102 104 106 200: m = 104, |x − m| = 4 2 0 2 96, MAD = 2, limit 8.8956 → 200 goes.
    const d = [100, 102, 104, 106, 200].map((v, i) => deal(`s${i}`, v, 20_000))
    const record = assess(input('sheet', { deals: d }))
    expect(record.excluded).toEqual([{ id: d[4]!.id, reason: 'outlier' }])
  })

  it('excludes none when MAD is 0', () => {
    // 100 ×4 and 500: m = 100, deviations 0 0 0 0 400, MAD = 0.
    const d = [100, 100, 100, 100, 500].map((v, i) => deal(`s${i}`, v, 20_000))
    expect(assess(input('sheet', { deals: d })).excluded).toEqual([])
  })

  it('takes the mean of the two middle values for an even count', () => {
    // 100 100 102 104 106 300: m = 103; deviations 3 3 1 1 3 197 → sorted 1 1 3 3 3 197, MAD = 3,
    // limit 13.3434: 300 goes, 100 (3 away) stays.
    const d = [100, 100, 102, 104, 106, 300].map((v, i) => deal(`s${i}`, v, 20_000))
    const record = assess(input('sheet', { deals: d }))
    expect(record.excluded).toEqual([{ id: d[5]!.id, reason: 'outlier' }])
    expect(record.median).toBe(100) // of 100 100 102 104 106: 102 → rounded to 10
  })

  it('with 1 ≤ n < 5 excludes deals more than 10 % of |m| from m', () => {
    // 1000 1050 1200: m = 1050, limit 105: 1200 (150 away) goes, 1000 (50) stays.
    const d = [1000, 1050, 1200].map((v, i) => deal(`s${i}`, v, 20_000))
    const record = assess(input('sheet', { deals: d }))
    expect(record.excluded).toEqual([{ id: d[2]!.id, reason: 'outlier' }])
    // exactly 10 %: 1000 and 1100 (m = 1050? no: two values, m = 1050, limit 105, both 50 away) stay
    const e = [1000, 1100].map((v, i) => deal(`t${i}`, v, 20_000))
    expect(assess(input('sheet', { deals: e })).excluded).toEqual([])
  })
})

describe('steps 4 and 5: weights and Tier 1', () => {
  // foil: minimum lot 5 t, a deal weighs at most 15 t, Tier 1 needs 100 t.
  // Weights: A 15+15+15+15+10 = 70, B 15+10 = 25, C 6, D 5 (total 106).
  // Shares .660 .236 .057 .047 → A capped at .35, the rest .65 over B C D (36): B = .4514 > .35 →
  // capped too; the rest .30 over C D (11): C = .16364, D = .13636.
  // Value = .35 × 1000 + .35 × 1100 + .16364 × 1200 + .13636 × 1300 = 1108.64 → 1110
  // (without the cap: 111,200 / 106 = 1049.06 → 1050).
  const a = [40_000, 40_000, 40_000, 40_000, 10_000].map((q) => deal('A', 1000, q))
  const b = [deal('B', 1100, 30_000), deal('B', 1100, 10_000)]
  const cd = [deal('C', 1200, 6_000), deal('D', 1300, 5_000)]

  it('caps submitters at 35 %, iterating until none is above, and averages by weight', () => {
    const record = assess(input('foil', { deals: [...a, ...b, ...cd] }))
    expect(record).toMatchObject({
      value: 1110,
      tier: 1,
      rolled: false,
      rolls: 0,
      suspended: false,
      low: 1000,
      high: 1300,
      median: 1000, // 1000 ×5, 1100 ×2, 1200, 1300: the 5th of 9
      nDeals: 9,
      nQuotes: 0,
      nSubmitters: 4,
      volumeKg: 221_000,
      excluded: [],
      methodologyVersion: 'v1',
    })
    expect(record.topSubmitterShare).toBeCloseTo(0.35, 12)
  })

  it('needs the family volume: the same deals at 99 t fall to Tier 2', () => {
    // foil Tier 1 volume 100 t. Quantities: 5 × 19 t, 2 t? no: keep ≥ 5 t. 5 deals of 19.8 t = 99 t.
    const d = ['A', 'B', 'C', 'A', 'B'].map((s) => deal(s, 1000, 19_800))
    const record = assess(input('foil', { deals: d }))
    expect(record.tier).toBe(2)
    expect(record.volumeKg).toBe(99_000)
    const e = ['A', 'B', 'C', 'A', 'B'].map((s) => deal(s, 1000, 20_000))
    expect(assess(input('foil', { deals: e })).tier).toBe(1)
  })

  it('needs three submitters and five deals', () => {
    const twoSubmitters = ['A', 'B', 'A', 'B', 'A'].map((s) => deal(s, 1000, 40_000))
    expect(assess(input('foil', { deals: twoSubmitters })).tier).toBe(2)
    const fourDeals = ['A', 'B', 'C', 'A'].map((s) => deal(s, 1000, 40_000))
    expect(assess(input('foil', { deals: fourDeals })).tier).toBe(2)
  })
})

describe('Tier 2', () => {
  it('averages deals (uncapped) and quotes at one minimum lot, held between best bid and offer', () => {
    // foil: the deal of 10 t weighs 10; quotes weigh 5 each.
    const d = deal('A', 1000, 10_000)
    const q = [
      quote('B', 'bid', 1200, 5_000),
      quote('C', 'offer', 1300, 5_000),
      quote('C', 'bid', 1150, 5_000),
    ]
    const record = assess(input('foil', { deals: [d], quotes: q }))
    // (10 000 + 6 000 + 6 500 + 5 750) / 25 = 1130 → below the best bid 1200 → 1200
    expect(record).toMatchObject({
      value: 1200,
      tier: 2,
      nDeals: 1,
      nQuotes: 3,
      nSubmitters: 1,
      volumeKg: 10_000,
    })
    expect(record.topSubmitterShare).toBe(1)
  })

  it('does not hold the value when the best bid is above the best offer', () => {
    // (5 × 1300 + 5 × 1200) / 10 = 1250
    const q = [quote('B', 'bid', 1300, 5_000), quote('C', 'offer', 1200, 5_000)]
    expect(assess(input('foil', { quotes: q }))).toMatchObject({ value: 1250, tier: 2, nDeals: 0, low: null })
  })

  it('rounds half away from zero to 10 CNY/t', () => {
    // (1000 + 1010) / 2 = 1005 → 1010; (−1000 − 1010) / 2 = −1005 → −1010; 1004.5 → 1000
    const pos = [quote('B', 'bid', 1000, 5_000), quote('C', 'offer', 1010, 5_000)]
    expect(assess(input('foil', { quotes: pos })).value).toBe(1010)
    const neg = [quote('B', 'bid', -1010, 5_000), quote('C', 'offer', -1000, 5_000)]
    expect(assess(input('foil', { quotes: neg })).value).toBe(-1010)
    const below = [quote('B', 'bid', 1000, 5_000), quote('C', 'offer', 1009, 5_000)]
    expect(assess(input('foil', { quotes: below })).value).toBe(1000)
  })

  it('needs two quotes when there is no deal', () => {
    const one = [quote('B', 'bid', 1000, 5_000)]
    expect(assess(input('foil', { quotes: one })).tier).toBe(null)
  })
})

describe('Tiers 3 and 4', () => {
  const oneQuote = [quote('B', 'bid', 1000, 5_000)]

  it('Tier 3 takes the judgement when it gives a rationale', () => {
    const record = assess(
      input('foil', { quotes: oneQuote, judgement: { value: 1234, rationale: 'spread to 8011 fin stock' } }),
    )
    expect(record).toMatchObject({ value: 1230, tier: 3, rolled: false, rolls: 0, nDeals: 0, nQuotes: 0 })
  })

  it('an empty rationale is no judgement: Tier 4 carries the previous value forward', () => {
    const record = assess(
      input('foil', { previous: { value: 1500, rolls: 2 }, judgement: { value: 9000, rationale: '  ' } }),
    )
    expect(record).toMatchObject({ value: 1500, tier: 4, rolled: true, rolls: 3, suspended: false })
  })

  it('the fifth consecutive roll suspends the series', () => {
    const fourth = assess(input('foil', { previous: { value: 1500, rolls: 3 } }))
    expect(fourth).toMatchObject({ value: 1500, tier: 4, rolls: 4, suspended: false })
    const fifth = assess(input('foil', { previous: { value: 1500, rolls: 4 } }))
    expect(fifth).toMatchObject({ value: null, tier: 4, rolled: true, rolls: 5, suspended: true })
    // and it stays suspended while nothing comes in
    const after = assess(input('foil', { previous: { value: null, rolls: 5 } }))
    expect(after).toMatchObject({ value: null, tier: null, suspended: true, rolls: 5 })
  })

  it('with nothing at all the value is null', () => {
    expect(assess(input('foil', {}))).toMatchObject({
      value: null,
      tier: null,
      rolled: false,
      rolls: 0,
      suspended: false,
      low: null,
      high: null,
      median: null,
      nDeals: 0,
      topSubmitterShare: null,
    })
  })

  it('a deal resets the rolls', () => {
    const record = assess(
      input('foil', { previous: { value: 1500, rolls: 4 }, deals: [deal('A', 1520, 5_000)] }),
    )
    expect(record).toMatchObject({ value: 1520, tier: 2, rolls: 0, rolled: false, suspended: false })
  })
})
