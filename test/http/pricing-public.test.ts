import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HuiguoApp } from '../../src/app.ts'
import { insertPublishedAssessments, saveIndexWeights } from '../../src/pricing/index.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { pricingApp, publishedAssessment } from '../support/pricing.ts'

const SHEET = 'FEE-1060-H24-SHEET-SPOT'

describe.each(seededBackends())('pricing indices on $name', ({ open }) => {
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

  const get = (url: string) => huiguo.app.inject({ method: 'GET', url: `/api/v1${url}` })

  it('computes the indices from the published fees and bases, with the stored weights', async () => {
    const empty = (await get('/indices')).json()
    expect(empty.indices).toHaveLength(6)
    expect(empty.indices.every((i: { value: unknown }) => i.value === null)).toBe(true)

    await insertPublishedAssessments(database.db, [
      publishedAssessment('BASE-A00-GY', '2025-06-05', 20_000),
      publishedAssessment('BASE-A00-GY', '2025-06-12', 20_000),
      publishedAssessment(SHEET, '2025-06-05', 1_000),
      publishedAssessment(SHEET, '2025-06-12', 1_200),
    ])
    await saveIndexWeights(
      database.db,
      [{ year: 2024, product: '1060-H24-SHEET', outputT: 1_000, avgAllIn: 21_000 }],
      true,
    )
    const board = (await get('/indices')).json()
    expect(board.synthetic).toBe(true)
    // All-in 21,000 → 21,200: 1000 × 21200 / 21000 = 1009.5; the barometer is the one fee weighed.
    expect(board.indices.find((i: { id: string }) => i.id === 'ALLIN')).toMatchObject({
      unit: 'points',
      date: '2025-06-12',
      value: 1_009.5,
      change: 9.5,
    })
    expect(board.indices.find((i: { id: string }) => i.id === 'FEE-BAROMETER')).toMatchObject({
      value: 1_200,
      change: 200,
    })
    const history = (await get('/indices/ALLIN/history?from=2025-06-06')).json()
    expect(history.points).toEqual([{ date: '2025-06-12', value: 1_009.5 }])
    expect((await get('/indices/NOPE/history')).json().code).toBe('INDEX_NOT_FOUND')
  })

  it('exports the published prices as CSV and xlsx, and serves the methodology', async () => {
    const csv = await get(`/prices/export.csv?series=${SHEET},BASE-A00-GY&from=2025-06-10`)
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = csv.body.trim().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toContain(`${SHEET},`)
    expect(lines[1]).toContain(',1200,')
    expect(lines[1]).toMatch(/,21200$/)
    const xlsx = await get('/prices/export.xlsx')
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK')
    expect((await get('/prices/export.csv?series=NOPE')).json().code).toBe('SERIES_NOT_FOUND')
    const methodology = (await get('/methodology')).json()
    expect(methodology.version).toBe('v1')
    expect(methodology.sections.length).toBeGreaterThan(3)
    expect((await get('/methodology?version=v9')).json().code).toBe('METHODOLOGY_NOT_FOUND')
  })

  it('documents the pricing routes in the OpenAPI description', async () => {
    const doc = (await huiguo.app.inject({ method: 'GET', url: '/docs/json' })).json()
    for (const path of [
      '/api/v1/prices',
      '/api/v1/prices/{seriesId}/history',
      '/api/v1/pricing/deals',
      '/api/v1/pricing/assessments/{id}/approve',
      '/api/v1/indices',
    ])
      expect(doc.paths[path], path).toBeDefined()
  })
})
