import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HuiguoApp } from '../../src/app.ts'
import { insertPublishedAssessments } from '../../src/pricing/index.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { pricingApp, publishedAssessment } from '../support/pricing.ts'

describe.each(seededBackends())('the operator dashboard on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let dispose: () => Promise<void>

  beforeAll(async () => {
    database = await open()
    ;({ huiguo, dispose } = await pricingApp(database))
  })
  afterAll(async () => {
    await dispose?.()
    await database?.dispose()
  })

  const dashboard = async () => {
    const res = await huiguo.app.inject({ method: 'GET', url: '/api/v1/cluster/dashboard' })
    expect(res.statusCode).toBe(200)
    return res.json()
  }

  it('counts the enterprises headquartered in the cluster and the high-end capacity as SQL does', async () => {
    const d = await dashboard()
    const { rows } = await sql<{ hq: number; total: number; high: number }>`
      select (select count(*)::int from enterprise where in_cluster) as hq,
             coalesce(sum(c.monthly_capacity_t), 0)::int as total,
             coalesce(sum(c.monthly_capacity_t) filter (where c.application in
               ('battery_foil', 'can_body_stock', 'can_end_stock', 'ps_plate_base', 'auto_body_sheet')
               or c.form = 'plate'), 0)::int as high
        from catalogue_item c join enterprise e on e.id = c.enterprise_id
       where e.kind = 'processor' and e.in_cluster`.execute(database.db)
    const expected = rows[0]!
    expect(d.synthetic).toBe(true)
    expect(d.figures.headquarteredInCluster).toBe(expected.hq)
    expect(d.highEnd.totalMonthlyCapacityT).toBe(expected.total)
    expect(d.highEnd.highEndMonthlyCapacityT).toBe(expected.high)
    expect(expected.high).toBeGreaterThan(0)
    expect(d.highEnd.share).toBeCloseTo(expected.high / expected.total, 12)
    expect(d.chain.thin).toEqual(
      d.chain.stages.filter((s: { thin: boolean }) => s.thin).map((s: { stage: string }) => s.stage),
    )
    // The ecology and programme parts are those modules' own summaries, as their endpoints answer.
    const ecology = (await huiguo.app.inject({ method: 'GET', url: '/api/v1/ecology/summary' })).json()
    const programmes = (await huiguo.app.inject({ method: 'GET', url: '/api/v1/policy/summary' })).json()
    expect(d.ecology).toEqual(ecology)
    expect(d.programmes).toEqual(programmes)
    expect(d.programmes.programmes.map((p: { id: string }) => p.id)).toEqual([
      'high_tech',
      'specialised_new',
      'little_giant',
      'green_upgrade',
    ])
    const summary = (await huiguo.app.inject({ method: 'GET', url: '/api/v1/cluster/summary' })).json()
    expect(d.figures.annualRevenueCny).toBe(summary.annualRevenueCny)
    expect(d.figures.outputTonnesPerYear).toBe(summary.outputTonnesPerYear)
  })

  it('heads the price board with the latest base and the 1060 sheet fee, with their changes', async () => {
    const empty = await dashboard()
    expect(empty.prices.base).toMatchObject({ seriesId: 'BASE-A00-GY', value: null, change: null })

    await insertPublishedAssessments(database.db, [
      publishedAssessment('BASE-A00-GY', '2025-06-11', 20_100),
      publishedAssessment('BASE-A00-GY', '2025-06-12', 20_000),
      publishedAssessment('FEE-1060-H24-SHEET-SPOT', '2025-06-05', 1_000),
      publishedAssessment('FEE-1060-H24-SHEET-SPOT', '2025-06-12', 1_200),
    ])
    const d = await dashboard()
    expect(d.prices.base).toMatchObject({ date: '2025-06-12', value: 20_000, change: -100 })
    // The fee's all-in is the base of the same date plus the fee: 20,000 + 1,200.
    expect(d.prices.fee).toMatchObject({ value: 1_200, change: 200, allIn: 21_200 })
    expect(d.prices.published).toBe(2)
  })
})
