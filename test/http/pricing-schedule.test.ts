import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { HuiguoApp } from '../../src/app.ts'
import { SERIES } from '../../src/pricing/index.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { feeDeal, pricingApp } from '../support/pricing.ts'
import { demoEnterprises, tokenFor } from '../support/trading.ts'

describe.each(seededBackends())('the pricing schedule on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let dispose: () => Promise<void>
  let asMill: Record<string, string>
  let asAnalyst: Record<string, string>

  beforeAll(async () => {
    database = await open()
    const firms = await demoEnterprises(database)
    asMill = await tokenFor(database, firms.seller, 'mill.sched', ['trader'])
    asAnalyst = await tokenFor(database, firms.buyer, 'analyst.sched', ['analyst'])
    ;({ huiguo, dispose } = await pricingApp(database))
  })
  afterAll(async () => {
    await dispose?.()
    await database?.dispose()
  })

  it('proposes nothing in a run told to postpone before it took in the trades', async () => {
    const asked: number[] = []
    const proposed = await huiguo.pricing.proposeDue(() => asked.push(1) > 0)
    expect(asked).toHaveLength(1)
    expect(proposed).toEqual([])
  })

  it('proposes nothing in a run told to postpone once it took in the trades', async () => {
    // The intake finishes (nothing to take in); only the ask after it can stop the proposals.
    const intake = vi.spyOn(huiguo.pricing, 'ingestTrades').mockResolvedValue(0)
    const proposed = await huiguo.pricing.proposeDue(() => true)
    intake.mockRestore()
    expect(proposed).toEqual([])
    expect(await huiguo.pricing.assessments({ limit: 10 })).toEqual([])
  })

  it('proposes the latest closed period of every series once, for any analyst to approve', async () => {
    // A deal in the window that closed Thu 12 June 2025 15:00 (the frozen clock is Fri 13 June 10:00).
    const deal = await huiguo.app.inject({
      method: 'POST',
      url: '/api/v1/pricing/deals',
      headers: asMill,
      payload: feeDeal({ dealAt: '2025-06-10T03:00:00Z', value: 1_805 }),
    })
    expect(deal.statusCode).toBe(201)
    const first = await huiguo.pricing.proposeDue()
    expect(first).toHaveLength(SERIES.length)
    expect(new Set(first.map((a) => a.seriesId))).toEqual(new Set(SERIES.map((s) => s.id)))
    const sheet = first.find((a) => a.seriesId === 'FEE-1060-H24-SHEET-SPOT')!
    // one deal of 80 t: Tier 2, 1805 rounded half away from zero
    expect(sheet).toMatchObject({ date: '2025-06-12', status: 'proposed', proposedBy: 'scheduler' })
    expect(sheet.record).toMatchObject({ tier: 2, value: 1_810, nDeals: 1 })
    // a second run finds every period waiting and proposes nothing
    expect(await huiguo.pricing.proposeDue()).toHaveLength(0)
    const approved = await huiguo.app.inject({
      method: 'POST',
      url: `/api/v1/pricing/assessments/${sheet.id}/approve`,
      headers: asAnalyst,
      payload: {},
    })
    expect(approved.statusCode).toBe(200)
    expect(approved.json().assessment).toMatchObject({ status: 'published', revision: 1 })
  })

  it('skips a scheduled run while told to postpone, and runs once it is not', async () => {
    const proposeDue = vi.spyOn(huiguo.pricing, 'proposeDue')
    let behind = true
    // The schedule runs once at its start, then every hour: only the first run happens here.
    huiguo.pricing.startSchedule(
      3_600_000,
      () => {},
      () => behind,
    )
    await huiguo.pricing.idle()
    expect(proposeDue).not.toHaveBeenCalled()
    behind = false
    huiguo.pricing.startSchedule(
      3_600_000,
      () => {},
      () => behind,
    )
    await huiguo.pricing.idle()
    expect(proposeDue).toHaveBeenCalledTimes(1)
    proposeDue.mockRestore()
  })
})
