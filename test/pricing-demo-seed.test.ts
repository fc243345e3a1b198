import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { currentHistory, listAssessments } from '../src/pricing/assessment-store.ts'
import { findSeries, PRODUCTS, SERIES, setUpDemoPricing } from '../src/pricing/index.ts'
import { assess } from '../src/pricing/method/index.ts'
import { dealFromRow, quoteFromRow } from '../src/pricing/store.ts'
import { setUpDemoTrading } from '../src/trading/demo/index.ts'
import { seededBackends, type TestDatabase } from './support/databases.ts'

const NOW = Date.parse('2026-11-30T04:00:00Z') // Monday: the last weekly period is Thursday 26 November

describe.each(seededBackends())('the demo price history on $name', ({ open }) => {
  let database: TestDatabase
  let written: number

  beforeAll(async () => {
    database = await open()
    await setUpDemoTrading(database.db)
    written = await setUpDemoPricing(database.db, NOW)
  })
  afterAll(async () => {
    await database?.dispose()
  })

  it('writes two years of every series once, the latest spot week waiting for the reviewer', async () => {
    expect(written).toBeGreaterThan(SERIES.length * 100)
    expect(await setUpDemoPricing(database.db, NOW)).toBe(0)
    const waiting = await listAssessments(database.db, { status: 'proposed', limit: 1000 })
    expect(waiting.map((a) => a.seriesId).sort()).toEqual(PRODUCTS.map((p) => `FEE-${p.code}-SPOT`).sort())
    expect(new Set(waiting.map((a) => a.date))).toEqual(new Set(['2026-11-26']))
    const users = await database.db.selectFrom('app_user').select(['id', 'username']).execute()
    const analyst = users.find((u) => u.username === 'demo-analyst')!.id
    expect(waiting.every((a) => a.proposedBy === analyst && a.synthetic)).toBe(true)
    const sheet = await currentHistory(database.db, 'FEE-1060-H24-SHEET-SPOT')
    expect(sheet).toHaveLength(103) // 104 weeks, the last one still proposed
    expect(sheet.at(-1)!.date).toBe('2026-11-19')
    expect((await currentHistory(database.db, 'FEE-1060-H24-SHEET-CONTRACT')).at(-1)!.date).toBe('2026-11-26')
  })

  it('stores records that the method gives again from the stored deals and quotes', async () => {
    const deals = new Map(
      (await database.db.selectFrom('pricing_deal').selectAll().execute()).map((r) => {
        const d = dealFromRow(r)
        return [d.id, d]
      }),
    )
    const quotes = new Map(
      (await database.db.selectFrom('pricing_quote').selectAll().execute()).map((r) => {
        const q = quoteFromRow(r)
        return [q.id, q]
      }),
    )
    for (const seriesId of ['BASE-A00-GY', 'FEE-BATTERY-FOIL-SPOT', 'FEE-3104-H19-CAN-CONTRACT']) {
      const series = findSeries(seriesId)!
      const history = await currentHistory(database.db, seriesId)
      expect(history.length).toBeGreaterThan(100)
      for (const a of history) {
        const input = {
          series: { id: seriesId, family: series.family },
          window: {
            start: new Date(a.windowStartMs).toISOString(),
            end: new Date(a.windowEndMs).toISOString(),
          },
          previous: a.inputs.previous,
          deals: a.inputs.dealIds.map((id) => {
            const d = deals.get(id)!
            return {
              id,
              submitter: d.submitter,
              affiliated: d.affiliated,
              pricedOnIndex: d.pricedOnIndex,
              qtyKg: d.qtyKg,
              value: d.value,
              deliveryDays: d.deliveryDays,
              paymentDays: d.paymentDays,
              dealAt: new Date(d.dealAtMs).toISOString(),
            }
          }),
          quotes: a.inputs.quoteIds.map((id) => {
            const q = quotes.get(id)!
            return {
              id,
              submitter: q.submitter,
              side: q.side,
              value: q.value,
              qtyKg: q.qtyKg,
              at: new Date(q.atMs).toISOString(),
            }
          }),
          judgement: a.inputs.judgement,
        }
        expect(assess(input)).toEqual(a.record)
      }
    }
  })
})
