import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, type HuiguoApp } from '../../src/app.ts'
import type { HttpApp } from '../../src/platform/index.ts'
import { CHAIN_STAGES, OUTPUT_UTILISATION_PERCENT, parseEnterprisesCsv } from '../../src/registry/index.ts'
import { DEFAULT_SEED, generateCluster } from '../../src/seed/index.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'

const demo = generateCluster(DEFAULT_SEED)
const BILLION_YUAN_IN_FEN = 100_000_000_000n * 100n

describe.each(seededBackends())('HTTP API on $name', ({ open }) => {
  let database: TestDatabase
  let app: HttpApp
  let huiguo: HuiguoApp | undefined

  beforeAll(async () => {
    database = await open()
    huiguo = await buildApp({ database, webDistDir: null })
    app = huiguo.app
    app.get('/api/v1/test-only/boom', async () => {
      throw new Error('secret connection string postgres://admin:hunter2@db')
    })
    await app.ready()
  })
  afterAll(async () => {
    await huiguo?.close()
    await database?.dispose()
  })

  const get = (url: string) => app.inject({ method: 'GET', url })

  it('answers /healthz', async () => {
    const res = await get('/healthz')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok' })
  })

  it('summarises the cluster from the stored registry', async () => {
    const res = await get('/api/v1/cluster/summary')
    expect(res.statusCode).toBe(200)
    const s = res.json()
    const processors = demo.enterprises.filter((e) => e.kind === 'processor')
    const revenueFen = processors.reduce((sum, e) => sum + e.annualRevenueFen, 0n)
    const capacityT = processors.reduce(
      (sum, e) => sum + Object.values(e.capacityTPerYear).reduce((a, b) => a + (b ?? 0), 0),
      0,
    )
    expect(s.processingEnterprises).toBe(processors.length)
    expect(s.processingEnterprises).toBeGreaterThanOrEqual(200)
    expect(s.supportingEnterprises).toBe(demo.enterprises.filter((e) => e.kind === 'supporting').length)
    expect(s.supportingEnterprises).toBeGreaterThanOrEqual(690)
    expect(s.topTenSheetStrip).toBe(4)
    expect(s.annualRevenueCny).toMatch(/^[0-9]+\.[0-9]{2}$/)
    const summaryFen = BigInt(s.annualRevenueCny.replace('.', ''))
    expect(summaryFen).toBe(revenueFen)
    expect(summaryFen > BILLION_YUAN_IN_FEN).toBe(true)
    expect(s.outputTonnesPerYear).toBe(Math.round((capacityT * OUTPUT_UTILISATION_PERCENT) / 100))
    expect(s.outputTonnesPerYear).toBeGreaterThanOrEqual(4_000_000)
    expect(s.outputTonnesPerYear).toBeLessThanOrEqual(5_000_000)
    expect(s.chain.map((c: { stage: string }) => c.stage)).toEqual([...CHAIN_STAGES])
    const castRolling = demo.enterprises.filter((e) => e.stages.includes('cast_rolling')).length
    expect(s.chain.find((c: { stage: string }) => c.stage === 'cast_rolling').enterprises).toBe(castRolling)
    expect(s.synthetic).toBe(true)
    expect(s.topEnterprises).toHaveLength(10)
    const revenues = s.topEnterprises.map((e: { annualRevenueCny: string }) =>
      BigInt(e.annualRevenueCny.replace('.', '')),
    )
    for (let i = 1; i < revenues.length; i++) expect(revenues[i - 1] >= revenues[i]).toBe(true)
  })

  it('pages through every enterprise exactly once, in id order', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const res = await get(`/api/v1/enterprises?limit=200${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.statusCode).toBe(200)
      const page = res.json()
      expect(page.items.length).toBeLessThanOrEqual(200)
      seen.push(...page.items.map((e: { id: string }) => e.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(demo.enterprises.map((e) => e.id).sort())
  })

  it('filters by kind, stage, category and text', async () => {
    const foil = (await get('/api/v1/enterprises?kind=processor&stage=foil_rolling&limit=200')).json()
    const expected = demo.enterprises.filter(
      (e) => e.kind === 'processor' && e.stages.includes('foil_rolling'),
    )
    expect(foil.items.length).toBe(Math.min(200, expected.length))
    for (const e of foil.items) {
      expect(e.kind).toBe('processor')
      expect(e.stages).toContain('foil_rolling')
    }
    const software = (await get('/api/v1/enterprises?category=software&limit=200')).json()
    expect(software.items.length).toBe(demo.enterprises.filter((e) => e.category === 'software').length)
    const target = demo.enterprises.find((e) => e.kind === 'processor')!
    const fragment = target.nameZh.slice(2, 5)
    const found = (await get(`/api/v1/enterprises?q=${encodeURIComponent(fragment)}&limit=200`)).json()
    expect(found.items.map((e: { id: string }) => e.id)).toContain(target.id)
    for (const e of found.items)
      expect(`${e.nameZh} ${e.nameEn} ${e.id}`.toLowerCase()).toContain(fragment.toLowerCase())
  })

  it('shows one enterprise with its catalogue, money as decimal yuan', async () => {
    const target = demo.enterprises.find((e) => e.kind === 'processor' && e.topTenSheetStrip)!
    const res = await get(`/api/v1/enterprises/${target.id}`)
    expect(res.statusCode).toBe(200)
    const e = res.json()
    expect(e.nameZh).toBe(target.nameZh)
    expect(e.topTenSheetStrip).toBe(true)
    expect(BigInt(e.annualRevenueCny.replace('.', ''))).toBe(target.annualRevenueFen)
    expect(e.capacityTPerYear).toEqual(target.capacityTPerYear)
    const catalogue = demo.catalogue.filter((c) => c.enterpriseId === target.id)
    expect(e.catalogue).toEqual(catalogue)
  })

  it('finds products whose ranges cover the asked thickness and width', async () => {
    const res = await get('/api/v1/products?form=foil&thicknessUm=12&widthMm=600&limit=200')
    expect(res.statusCode).toBe(200)
    const { items } = res.json()
    const expected = demo.catalogue.filter(
      (c) =>
        c.form === 'foil' &&
        c.thicknessMinUm <= 12 &&
        c.thicknessMaxUm >= 12 &&
        c.widthMinMm <= 600 &&
        c.widthMaxMm >= 600,
    )
    expect(items.map((i: { id: string }) => i.id)).toEqual(
      expected
        .map((c) => c.id)
        .sort()
        .slice(0, 200),
    )
    expect(items.length).toBeGreaterThan(0)
    for (const i of items) expect(i.enterpriseNameZh.length).toBeGreaterThan(0)
  })

  it('parses a spec to its canonical text and refuses an impossible one with a reason', async () => {
    const good = await get(`/api/v1/specs/parse?text=${encodeURIComponent('sheet 1060-h24 1.00x1220')}`)
    expect(good.statusCode).toBe(200)
    expect(good.json().canonical).toBe('SHEET 1060-H24 1.0x1220')
    const bad = await get(`/api/v1/specs/parse?text=${encodeURIComponent('FOIL 8011-O 3x1000')}`)
    expect(bad.statusCode).toBe(422)
    expect(bad.headers['content-type']).toContain('application/problem+json')
    expect(bad.json().code).toBe('SPEC_INVALID')
    expect(bad.json().detail).toMatch(/0\.2 mm/)
  })

  it.each([
    ['limit=0', 'querystring/limit'],
    ['limit=abc', 'querystring/limit'],
    ['limit=201', 'querystring/limit'],
    ['limit=-1', 'querystring/limit'],
    ['kind=smelterz', 'querystring/kind'],
    ['inCluster=yes', 'querystring/inCluster'],
    ['colour=red', 'querystring/colour'],
  ])('refuses %s with a 400 problem naming the field', async (query, field) => {
    const res = await get(`/api/v1/enterprises?${query}`)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    const body = res.json()
    expect(body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', title: expect.any(String) })
    expect(body.errors.map((e: { field: string }) => e.field)).toContain(field)
  })

  it('lists every failing field at once', async () => {
    const body = (await get('/api/v1/enterprises?limit=0&kind=x&stage=y')).json()
    const fields = body.errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(
      expect.arrayContaining(['querystring/limit', 'querystring/kind', 'querystring/stage']),
    )
  })

  it('refuses a forged cursor', async () => {
    for (const cursor of ['abc', Buffer.from('{"after":"x; drop table"}').toString('base64url')]) {
      const res = await get(`/api/v1/enterprises?cursor=${cursor}`)
      expect(res.statusCode).toBe(400)
      expect(res.json().code).toBe('INVALID_CURSOR')
    }
  })

  it('answers unknown ids and routes with 404 problems', async () => {
    const missing = await get('/api/v1/enterprises/p-9999999')
    expect(missing.statusCode).toBe(404)
    expect(missing.json().code).toBe('ENTERPRISE_NOT_FOUND')
    const weird = await get(`/api/v1/enterprises/${encodeURIComponent("' or 1=1 --")}`)
    expect(weird.statusCode).toBe(404)
    const route = await app.inject({ method: 'POST', url: '/api/v1/nothing-here', payload: { a: 1 } })
    expect(route.statusCode).toBe(404)
    expect(route.json().code).toBe('ROUTE_NOT_FOUND')
  })

  it('turns an unexpected error into a generic 500 that leaks nothing', async () => {
    const res = await get('/api/v1/test-only/boom')
    expect(res.statusCode).toBe(500)
    expect(res.json().code).toBe('INTERNAL')
    expect(res.body).not.toContain('hunter2')
    expect(res.body).not.toContain('postgres://')
  })

  it('changes nothing on refused requests', async () => {
    const count = async () => (await get('/api/v1/cluster/summary')).json()
    const before = await count()
    await get('/api/v1/enterprises?limit=0')
    await app.inject({ method: 'POST', url: '/api/v1/enterprises', payload: '{"id":' })
    await app.inject({ method: 'DELETE', url: `/api/v1/enterprises/${demo.enterprises[0]!.id}` })
    expect(await count()).toEqual(before)
  })

  it('exports the registry as CSV that parses back to the stored enterprises', async () => {
    const res = await get('/api/v1/enterprises.csv')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/csv')
    expect(res.body.startsWith('\uFEFF')).toBe(true)
    const parsed = parseEnterprisesCsv(res.body)
    expect(parsed.ok).toBe(true)
    if (parsed.ok) expect(parsed.value).toEqual([...demo.enterprises].sort((a, b) => (a.id < b.id ? -1 : 1)))
  })

  it('publishes an OpenAPI document for the routes', async () => {
    const res = await get('/docs/json')
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    for (const path of [
      '/api/v1/cluster/summary',
      '/api/v1/enterprises',
      '/api/v1/enterprises/{id}',
      '/api/v1/products',
      '/api/v1/specs/parse',
      '/healthz',
    ])
      expect(Object.keys(doc.paths)).toContain(path)
  })
})
