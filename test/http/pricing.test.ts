import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HuiguoApp } from '../../src/app.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { feeDeal, pricingApp } from '../support/pricing.ts'
import { demoEnterprises, tokenFor } from '../support/trading.ts'

const SHEET = 'FEE-1060-H24-SHEET-SPOT'
type Headers = Record<string, string>

describe.each(seededBackends())('pricing assessments on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let dispose: () => Promise<void>
  let firms: { buyer: string; seller: string; other: string }
  let asMill: Headers
  let asOther: Headers
  let asThird: Headers
  let asAnalyst: Headers
  let asReviewer: Headers

  beforeAll(async () => {
    database = await open()
    firms = await demoEnterprises(database)
    asMill = await tokenFor(database, firms.seller, 'mill.li', ['trader'])
    asOther = await tokenFor(database, firms.other, 'other.zhang', ['trader'])
    asThird = await tokenFor(database, firms.buyer, 'third.wang', ['trader'])
    asAnalyst = await tokenFor(database, firms.buyer, 'analyst.zhao', ['analyst'])
    asReviewer = await tokenFor(database, firms.buyer, 'reviewer.sun', ['analyst'])
    ;({ huiguo, dispose } = await pricingApp(database))
  })
  afterAll(async () => {
    await dispose?.()
    await database?.dispose()
  })

  const post = (headers: Headers, url: string, payload: unknown) =>
    huiguo.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers,
      payload: payload as Record<string, unknown>,
    })
  const get = (headers: Headers, url: string) =>
    huiguo.app.inject({ method: 'GET', url: `/api/v1${url}`, headers })

  it('takes the week’s deals from members', async () => {
    for (const [who, value] of [
      [asMill, 1_800],
      [asOther, 1_810],
    ] as const)
      expect((await post(who, '/pricing/deals', feeDeal({ value }))).statusCode).toBe(201)
  })

  it('proposes from the stored deals of the window and publishes only on a second analyst’s approval', async () => {
    // The rest of the week of 5 June: five qualifying deals from three firms, two to exclude.
    for (const [who, value] of [
      [asMill, 1_820],
      [asOther, 1_790],
      [asThird, 1_830],
    ] as const)
      expect((await post(who, '/pricing/deals', feeDeal({ value }))).statusCode).toBe(201)
    await post(asMill, '/pricing/deals', feeDeal({ value: 1_700, affiliated: true }))
    await post(asThird, '/pricing/deals', feeDeal({ value: 1_900, qtyKg: 10_000 }))
    // Outside the window (the gap after Thursday 15:00) and on another series: not given to the method.
    await post(asMill, '/pricing/deals', feeDeal({ value: 2_500, dealAt: '2025-06-05T08:00:00Z' }))
    await post(asMill, '/pricing/deals', feeDeal({ series: 'FEE-1060-H24-SHEET-CONTRACT', value: 1_500 }))

    expect(
      (await post(asMill, '/pricing/assessments', { series: SHEET, date: '2025-06-05' })).statusCode,
    ).toBe(403)
    const proposed = await post(asAnalyst, '/pricing/assessments', { series: SHEET, date: '2025-06-05' })
    expect(proposed.statusCode).toBe(201)
    const a = proposed.json().assessment
    // Weights: 60 t a deal (3 lots); shares 40/40/20 % capped to 35/35/30 %:
    // 0.175 × (1800 + 1820 + 1810 + 1790) + 0.30 × 1830 = 1812.5 → 1810.
    expect(a).toMatchObject({
      seriesId: SHEET,
      date: '2025-06-05',
      windowStart: '2025-05-30T07:00:00.000Z',
      windowEnd: '2025-06-05T07:00:00.000Z',
      revision: 1,
      status: 'proposed',
      publishedAt: null,
      proposedByName: 'analyst.zhao',
      approvedByName: null,
      record: {
        value: 1_810,
        tier: 1,
        nDeals: 5,
        nSubmitters: 3,
        volumeKg: 400_000,
        low: 1_790,
        high: 1_830,
        median: 1_810,
        topSubmitterShare: 0.35,
      },
    })
    expect(a.inputs.dealIds).toHaveLength(7)
    expect(a.record.excluded.map((e: { reason: string }) => e.reason).sort()).toEqual([
      'affiliated',
      'below_min_lot',
    ])
    expect((await get({}, `/prices/${SHEET}/assessments/2025-06-05`)).statusCode).toBe(404)

    const self = await post(asAnalyst, `/pricing/assessments/${a.id}/approve`, {})
    expect(self.statusCode).toBe(403)
    expect(self.json().code).toBe('SELF_APPROVAL')
    expect((await post(asMill, `/pricing/assessments/${a.id}/approve`, {})).json().code).toBe('FORBIDDEN')
    const approved = await post(asReviewer, `/pricing/assessments/${a.id}/approve`, {})
    expect(approved.statusCode).toBe(200)
    expect(approved.json().assessment).toMatchObject({
      status: 'published',
      publishedAt: '2025-06-13T02:00:00.000Z',
      proposedByName: 'analyst.zhao',
      approvedByName: 'reviewer.sun',
    })
    expect((await post(asReviewer, `/pricing/assessments/${a.id}/approve`, {})).json().code).toBe(
      'ASSESSMENT_NOT_PROPOSED',
    )
    const again = await post(asAnalyst, '/pricing/assessments', { series: SHEET, date: '2025-06-05' })
    expect(again.json().code).toBe('ASSESSMENT_EXISTS')
  })

  it('publishes prices to everyone, without deal ids or submitters', async () => {
    const period = await get({}, `/prices/${SHEET}/assessments/2025-06-05`)
    expect(period.statusCode).toBe(200)
    expect(period.json().assessment).toMatchObject({
      value: 1_810,
      tier: 1,
      revision: 1,
      exclusions: { affiliated: 1, below_min_lot: 1 },
    })
    expect(period.json().assessment.excluded).toBeUndefined()
    const board = await get({}, '/prices')
    expect(board.statusCode).toBe(200)
    const row = board.json().series.find((s: { id: string }) => s.id === SHEET)
    expect(row).toMatchObject({
      date: '2025-06-05',
      value: 1_810,
      change: null,
      tier: 1,
      nDeals: 5,
      revision: 1,
    })
    expect(row.allIn).toBeNull() // no base published for 5 June yet
    expect(board.json().series).toHaveLength(27)
    for (const text of [period.body, board.body, (await get({}, `/prices/${SHEET}/history`)).body]) {
      for (const firm of Object.values(firms)) expect(text).not.toContain(firm)
      expect(text).not.toMatch(/"D[0-9]+"/)
    }
  })

  it('adds the base of the same date to a fee: a judgement (tier 3) rounded half away from zero', async () => {
    const base = await post(asAnalyst, '/pricing/assessments', {
      series: 'BASE-A00-GY',
      date: '2025-06-05',
      judgement: { value: 20_005, rationale: 'No deals; SHFE settlement less the usual Gongyi discount' },
    })
    expect(base.json().assessment.record).toMatchObject({ tier: 3, value: 20_010 })
    const feeInstrument = huiguo.trading.state.instruments().find((i) => i.priceBasis === 'fee')!
    expect(huiguo.trading.base(feeInstrument)).toBe(feeInstrument.configuredBaseCnyPerT) // nothing published yet
    await post(asReviewer, `/pricing/assessments/${base.json().assessment.id}/approve`, {})
    // the trading center's fee-basis orders now price over the published base
    expect(huiguo.trading.base(feeInstrument)).toBe(20_010)
    const board = (await get({}, '/prices')).json().series
    expect(board.find((s: { id: string }) => s.id === SHEET)).toMatchObject({
      baseValue: 20_010,
      allIn: 21_820,
    })
    expect(board.find((s: { id: string }) => s.id === 'BASE-A00-GY')).toMatchObject({
      value: 20_010,
      allIn: null,
    })
  })

  it('rolls the published value forward into an empty week (the default date: the latest closed window)', async () => {
    const res = await post(asAnalyst, '/pricing/assessments', { series: SHEET })
    expect(res.json().assessment).toMatchObject({
      date: '2025-06-12',
      inputs: { previous: { value: 1_810, rolls: 0 }, dealIds: [] },
      record: { tier: 4, rolled: true, rolls: 1, value: 1_810 },
    })
    const rejected = await post(asReviewer, `/pricing/assessments/${res.json().assessment.id}/reject`, {
      reason: 'A late deal report is expected',
    })
    expect(rejected.json().assessment).toMatchObject({
      status: 'rejected',
      rejectionReason: 'A late deal report is expected',
    })
    const thursday = await post(asAnalyst, '/pricing/assessments', { series: SHEET, date: '2025-06-19' })
    expect(thursday.json().code).toBe('WINDOW_NOT_CLOSED')
    const wednesday = await post(asAnalyst, '/pricing/assessments', { series: SHEET, date: '2025-06-11' })
    expect(wednesday.json().code).toBe('VALIDATION_FAILED')
  })

  it('publishes a correction as a new revision, approved by another analyst, keeping every revision', async () => {
    const missing = await post(asAnalyst, '/pricing/corrections', {
      series: SHEET,
      date: '2025-06-12',
      value: 1_800,
      reason: 'x',
    })
    expect(missing.json().code).toBe('ASSESSMENT_NOT_FOUND')
    const fractional = await post(asAnalyst, '/pricing/corrections', {
      series: SHEET,
      date: '2025-06-05',
      value: 1_845,
      reason: 'off the 10 CNY/t grid',
    })
    expect(fractional.json().code).toBe('VALIDATION_FAILED')
    const reason = 'A deal of 2 June was reported at the all-in price instead of the fee'
    const proposed = await post(asAnalyst, '/pricing/corrections', {
      series: SHEET,
      date: '2025-06-05',
      value: 1_850,
      reason,
    })
    expect(proposed.statusCode).toBe(201)
    const c = proposed.json().assessment
    expect(c).toMatchObject({
      revision: 2,
      correctionOf: 1,
      reason,
      status: 'proposed',
      record: { value: 1_850 },
    })
    expect((await post(asAnalyst, `/pricing/assessments/${c.id}/approve`, {})).json().code).toBe(
      'SELF_APPROVAL',
    )
    // Until approved, the public still sees revision 1.
    expect((await get({}, `/prices/${SHEET}/history`)).json().points[0]).toMatchObject({
      value: 1_810,
      revision: 1,
    })
    expect((await post(asReviewer, `/pricing/assessments/${c.id}/approve`, {})).statusCode).toBe(200)

    const history = (await get({}, `/prices/${SHEET}/history?from=2025-06-01&to=2025-06-30`)).json()
    expect(history.points).toEqual([
      expect.objectContaining({ date: '2025-06-05', value: 1_850, revision: 2, allIn: 21_860 }),
    ])
    const period = (await get({}, `/prices/${SHEET}/assessments/2025-06-05`)).json()
    expect(period.revisions.map((r: { revision: number; value: number }) => [r.revision, r.value])).toEqual([
      [1, 1_810],
      [2, 1_850],
    ])
    expect(period.revisions[1].reason).toBe(reason)
    const notice = (await get({}, '/prices/corrections')).json().corrections
    expect(notice).toEqual([
      expect.objectContaining({
        seriesId: SHEET,
        date: '2025-06-05',
        revision: 2,
        previousValue: 1_810,
        value: 1_850,
        reason,
      }),
    ])
  })

  it('refuses the second of two corrections made from the same revision', async () => {
    const first = await post(asAnalyst, '/pricing/corrections', {
      series: SHEET,
      date: '2025-06-05',
      value: 1_860,
      reason: 'a',
    })
    const second = await post(asAnalyst, '/pricing/corrections', {
      series: SHEET,
      date: '2025-06-05',
      value: 1_870,
      reason: 'b',
    })
    expect(first.json().assessment.revision).toBe(3)
    expect(second.json().assessment.revision).toBe(3)
    expect(
      (await post(asReviewer, `/pricing/assessments/${first.json().assessment.id}/approve`, {})).statusCode,
    ).toBe(200)
    const stale = await post(asReviewer, `/pricing/assessments/${second.json().assessment.id}/approve`, {})
    expect(stale.statusCode).toBe(409)
    expect(stale.json().code).toBe('ASSESSMENT_STALE')
    const listed = (await get(asAnalyst, `/pricing/assessments?series=${SHEET}&status=published`)).json()
      .assessments
    expect(listed.map((a: { revision: number }) => a.revision).sort()).toEqual([1, 2, 3])
    expect((await get(asMill, '/pricing/assessments')).statusCode).toBe(403)
  })

  it('keeps external references with their source, readable by all', async () => {
    const ref = {
      name: 'SHFE_SETTLEMENT',
      date: '2025-06-05',
      value: 20_180,
      source: 'SHFE daily settlement, AL2507',
    }
    expect((await post(asMill, '/pricing/references', ref)).statusCode).toBe(403)
    expect((await post(asAnalyst, '/pricing/references', { ...ref, value: 20_180.5 })).statusCode).toBe(400)
    expect((await post(asAnalyst, '/pricing/references', ref)).statusCode).toBe(201)
    const listed = (await get({}, '/prices/references?name=SHFE_SETTLEMENT')).json().references
    expect(listed).toEqual([expect.objectContaining({ ...ref, recordedAt: '2025-06-13T02:00:00.000Z' })])
  })
})
