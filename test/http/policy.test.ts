import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HuiguoApp } from '../../src/app.ts'
import { DEFAULT_PROGRAMMES, eligibilityRecord, PolicyService } from '../../src/policy/index.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { demoEnterprises, tokenFor, tradingApp } from '../support/trading.ts'

type Headers = Record<string, string>

/** 80 M CNY revenue, 2.56 M R&D (3.2 %): eligible for specialised_new only. */
const FACTS = {
  revenueFen: '8000000000',
  rdExpenseFen: '256000000',
  highTechRevenueShare: 0.5,
  techStaffShare: 0.12,
  yearsInNiche: 3,
  mainBusinessShare: 0.8,
}

describe.each(seededBackends())('policy programmes, facts and eligibility on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let dispose: () => Promise<void>
  let firms: { buyer: string; seller: string; other: string }
  let asTrader: Headers
  let asViewer: Headers
  let asAdmin: Headers

  beforeAll(async () => {
    database = await open()
    firms = await demoEnterprises(database)
    asTrader = await tokenFor(database, firms.seller, 'policy.trader', ['trader'])
    asViewer = await tokenFor(database, firms.seller, 'policy.viewer', ['viewer'])
    asAdmin = await tokenFor(database, firms.other, 'policy.admin', ['admin'])
    ;({ huiguo, dispose } = await tradingApp(database))
  })
  afterAll(async () => {
    await dispose?.()
    await database?.dispose()
  })

  const call = (method: 'GET' | 'PUT' | 'POST', url: string, headers: Headers = {}, payload?: unknown) =>
    huiguo.app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      ...(payload ? { payload: payload as object } : {}),
    })

  it('writes the four default programmes once, open, with illustrative amounts marked synthetic', async () => {
    const res = await call('GET', '/policy/programmes')
    expect(res.statusCode).toBe(200)
    const items = res.json().items
    expect(items.map((p: { id: string }) => p.id)).toEqual([
      'high_tech',
      'specialised_new',
      'little_giant',
      'green_upgrade',
    ])
    const highTech = items[0]
    expect(highTech).toMatchObject({
      amountFen: '30000000', // 300,000 CNY
      budgetFen: '600000000', // 6 M CNY
      committedFen: '0',
      remainingFen: '600000000',
      status: 'open',
      synthetic: true,
      applications: { submitted: 0, underReview: 0, approved: 0, rejected: 0, disbursed: 0 },
    })
    expect(highTech.noteEn).toMatch(/verify/i)
    expect(highTech.rules).toEqual(DEFAULT_PROGRAMMES[0]!.rules)
    expect(highTech.opensOn <= highTech.closesOn).toBe(true)
    // A second start over the same database writes nothing more.
    expect(await new PolicyService({ db: database.db }).ensureDefaults()).toBe(false)
    expect((await call('GET', '/policy/programmes')).json().items).toHaveLength(4)
  })

  it('takes a year’s facts from the enterprise’s trader or an admin, and no one else', async () => {
    const url = `/policy/enterprises/${firms.seller}/facts/2025`
    const put = await call('PUT', url, asTrader, FACTS)
    expect(put.statusCode).toBe(200)
    expect(put.json()).toMatchObject({ enterpriseId: firms.seller, year: 2025, revenueFen: '8000000000' })
    expect((await call('PUT', url, asViewer, FACTS)).statusCode).toBe(403)
    const foreign = await call('PUT', `/policy/enterprises/${firms.buyer}/facts/2025`, asTrader, FACTS)
    expect(foreign.statusCode).toBe(403)
    expect(foreign.json().code).toBe('FORBIDDEN')
    const bad = await call('PUT', url, asTrader, { ...FACTS, techStaffShare: 1.5, revenueFen: '-1' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('VALIDATION_FAILED')
    const byAdmin = await call('PUT', `/policy/enterprises/${firms.buyer}/facts/2024`, asAdmin, FACTS)
    expect(byAdmin.statusCode).toBe(200)
    const unknown = await call('PUT', '/policy/enterprises/nope/facts/2025', asAdmin, FACTS)
    expect(unknown.json().code).toBe('ENTERPRISE_NOT_FOUND')
    const list = await call('GET', `/policy/enterprises/${firms.seller}/facts`, asViewer)
    expect(list.json().items.map((f: { year: number }) => f.year)).toEqual([2025])
  })

  it('judges the enterprise as the CLI does, every rule in words, energy facts from the ledger', async () => {
    const res = await call('GET', `/policy/enterprises/${firms.seller}/eligibility`, asViewer)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.year).toBe(2025)
    // The ledger holds no month of this enterprise: both energy facts are null.
    expect(body.energy).toEqual({ worstEnergyLevel: null, cleanEnergyShare: null, months: 0 })
    const record = eligibilityRecord(DEFAULT_PROGRAMMES, body.facts)
    expect(body.facts.revenueCny).toBe(80_000_000)
    expect(
      body.programmes.map((p: { id: string; eligible: boolean; failed: unknown }) => ({
        id: p.id,
        eligible: p.eligible,
        failed: p.failed,
      })),
    ).toEqual(record.programmes)
    const highTech = body.programmes[0]
    expect(highTech.failed).toEqual([
      { rule: 'rd_intensity', required: 0.04, actual: 0.032 },
      { rule: 'high_tech_revenue_share', required: 0.6, actual: 0.5 },
    ])
    expect(highTech.checks[0].words.en).toBe(
      'R&D intensity 3.2 % is below the 4 % required for revenue over 50 M up to 200 M CNY.',
    )
    expect(highTech.checks[0].words.zh).toContain('研发投入强度 3.2%')
    expect(highTech.summary.en).toBe('Not eligible: 2 of 3 rules are not met.')
    const green = body.programmes[3]
    expect(green.failed).toEqual([
      { rule: 'energy_level', required: 2, actual: null },
      { rule: 'clean_energy_share', required: 0.3, actual: null },
    ])
    expect(green.checks[0].words.en).toMatch(/no month in the energy ledger/)
    // Another enterprise's: administrators only; an enterprise without facts: a stable code.
    expect((await call('GET', `/policy/enterprises/${firms.buyer}/eligibility`, asTrader)).statusCode).toBe(
      403,
    )
    const none = await call('GET', `/policy/enterprises/${firms.other}/eligibility`, asAdmin)
    expect(none.statusCode).toBe(409)
    expect(none.json().code).toBe('POLICY_FACTS_MISSING')
    const byYear = await call('GET', `/policy/enterprises/${firms.buyer}/eligibility?year=2024`, asAdmin)
    expect(byYear.json().year).toBe(2024)
  })

  it('lets an admin edit a programme, and refuses a non-admin or invalid rules without changing it', async () => {
    const before = (await call('GET', '/policy/programmes/specialised_new')).json()
    const {
      id: _id,
      committedFen: _c,
      disbursedFen: _d,
      remainingFen: _r,
      applications: _a,
      synthetic: _s,
      updatedAt: _u,
      ...editable
    } = before
    const edit = {
      ...editable,
      amountFen: '60000000',
      rules: [...before.rules, { rule: 'tech_staff_share', comparison: '>=', threshold: 0.15 }],
    }
    expect((await call('PUT', '/policy/programmes/specialised_new', asTrader, edit)).statusCode).toBe(403)
    const invalid = await call('PUT', '/policy/programmes/specialised_new', asAdmin, {
      ...edit,
      closesOn: '2020-01-01',
      rules: [
        { rule: 'revenue', comparison: '>=', threshold: 1, tiers: [] },
        {
          rule: 'rd_intensity',
          comparison: '>=',
          tiers: [
            { revenueUpToCny: 100, threshold: 0.05 },
            { revenueUpToCny: 50, threshold: 1.5 },
          ],
        },
      ],
    })
    expect(invalid.statusCode).toBe(422)
    expect(invalid.json().code).toBe('PROGRAMME_INVALID')
    expect(invalid.json().errors.map((e: { field: string }) => e.field)).toEqual([
      '/rules/0',
      '/rules/1/tiers/1/threshold',
      '/rules/1/tiers/1/revenueUpToCny',
      '/closesOn',
    ])
    expect((await call('GET', '/policy/programmes/specialised_new')).json()).toEqual(before)

    const saved = await call('PUT', '/policy/programmes/specialised_new', asAdmin, edit)
    expect(saved.statusCode).toBe(200)
    expect(saved.json()).toMatchObject({ amountFen: '60000000', synthetic: false })
    // The edited rule is judged at once: technical staff 12 % < 15 %.
    const judged = (await call('GET', `/policy/enterprises/${firms.seller}/eligibility`, asTrader)).json()
    expect(judged.programmes[1].failed).toEqual([{ rule: 'tech_staff_share', required: 0.15, actual: 0.12 }])
  })

  it('creates a programme once, hidden from the public while in draft', async () => {
    const body = {
      id: 'draft_scheme',
      nameZh: '草案',
      nameEn: 'Draft scheme',
      descriptionZh: '测试',
      descriptionEn: 'Test',
      rules: [{ rule: 'revenue', comparison: '>=', threshold: 0 }],
      amountFen: '100',
      budgetFen: '1000',
      opensOn: '2026-01-01',
      closesOn: '2026-12-31',
      status: 'draft',
    }
    const created = await call('POST', '/policy/programmes', asAdmin, body)
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ id: 'draft_scheme', synthetic: false, remainingFen: '1000' })
    expect((await call('POST', '/policy/programmes', asAdmin, body)).json().code).toBe('PROGRAMME_EXISTS')
    expect((await call('GET', '/policy/programmes/draft_scheme')).statusCode).toBe(404)
    expect((await call('GET', '/policy/programmes/draft_scheme', asAdmin)).statusCode).toBe(200)
    const publicIds = (await call('GET', '/policy/programmes')).json().items.map((p: { id: string }) => p.id)
    expect(publicIds).not.toContain('draft_scheme')
  })

  it('sums the programmes up for the public dashboard without naming an enterprise', async () => {
    const res = await call('GET', '/policy/summary')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.synthetic).toBe(true) // three defaults are still the seeded, illustrative ones
    expect(body.programmes.map((p: { id: string }) => p.id)).toEqual(DEFAULT_PROGRAMMES.map((p) => p.id))
    const [highTech, specialised] = body.programmes
    expect(Object.keys(highTech).sort()).toEqual(
      [
        'applications',
        'budgetFen',
        'committedFen',
        'disbursedFen',
        'eligibleEnterprises',
        'id',
        'nameEn',
        'nameZh',
      ].sort(),
    )
    expect(highTech).toMatchObject({ budgetFen: '600000000', committedFen: '0', disbursedFen: '0' })
    // Two enterprises have facts (the same figures): neither meets high_tech; neither meets the
    // edited specialised_new (technical staff 12 % < 15 %).
    expect(highTech.eligibleEnterprises).toBe(0)
    expect(specialised.eligibleEnterprises).toBe(0)
    expect(JSON.stringify(body)).not.toContain(firms.seller)
  })
})
