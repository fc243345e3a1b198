import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_PROGRAMMES } from '../src/policy/defaults.ts'
import { eligibilityRecord, seedDemoPolicy } from '../src/policy/index.ts'
import { setUpDemoTrading } from '../src/trading/demo/index.ts'
import { seededBackends, type TestDatabase } from './support/databases.ts'

const NOW = Date.parse('2026-11-30T04:00:00Z')

describe.each(seededBackends())('the demo programmes and applications on $name', ({ open }) => {
  let database: TestDatabase
  let written: number

  beforeAll(async () => {
    database = await open()
    await setUpDemoTrading(database.db)
    written = await seedDemoPolicy(database.db, NOW)
  })
  afterAll(async () => {
    await database?.dispose()
  })

  it('writes facts of last year for every processor in the cluster, once, all synthetic', async () => {
    const processors = await database.db
      .selectFrom('enterprise')
      .select('id')
      .where('kind', '=', 'processor')
      .where('in_cluster', '=', true)
      .execute()
    const facts = await database.db.selectFrom('policy_enterprise_facts').selectAll().execute()
    expect(facts).toHaveLength(processors.length)
    expect(facts.every((f) => f.year === 2025 && f.synthetic)).toBe(true)
    expect(await seedDemoPolicy(database.db, NOW)).toBe(0)
    expect(await database.db.selectFrom('policy_enterprise_facts').selectAll().execute()).toHaveLength(
      facts.length,
    )
  })

  it('makes a plausible cluster: a few high-tech enterprises, some 专精特新, most neither', async () => {
    const facts = await database.db.selectFrom('policy_enterprise_facts').selectAll().execute()
    const judged = facts.map((f) =>
      eligibilityRecord(DEFAULT_PROGRAMMES, {
        revenueCny: Number(f.revenue_fen) / 100,
        rdExpenseCny: Number(f.rd_expense_fen) / 100,
        highTechRevenueShare: f.high_tech_revenue_share,
        techStaffShare: f.tech_staff_share,
        yearsInNiche: f.years_in_niche,
        mainBusinessShare: f.main_business_share,
        worstEnergyLevel: null,
        cleanEnergyShare: null,
      }),
    )
    const share = (id: string) =>
      judged.filter((r) => r.programmes.find((p) => p.id === id)!.eligible).length / judged.length
    expect(share('high_tech')).toBeGreaterThan(0.05)
    expect(share('high_tech')).toBeLessThan(0.5)
    expect(share('specialised_new')).toBeGreaterThan(share('high_tech') / 2)
    expect(share('specialised_new')).toBeLessThan(0.8)
  })

  it('takes the mill’s applications through the service: paid, approved, rejected and a draft', async () => {
    expect(written).toBe(4)
    const apps = await database.db
      .selectFrom('policy_application')
      .select(['programme_id', 'status', 'award_fen', 'disbursed_fen', 'synthetic', 'applicant_id'])
      .orderBy('id')
      .execute()
    expect(apps.map((a) => [a.programme_id, a.status])).toEqual([
      ['high_tech', 'disbursed'],
      ['little_giant', 'rejected'],
      ['specialised_new', 'approved'],
      ['green_upgrade', 'draft'],
    ])
    expect(apps.every((a) => a.synthetic)).toBe(true)
    const users = await database.db.selectFrom('app_user').select(['id', 'username']).execute()
    const name = (id: string) => users.find((u) => u.id === id)?.username
    expect(new Set(apps.map((a) => name(a.applicant_id)))).toEqual(new Set(['demo-mill']))
    const approvers = await database.db.selectFrom('policy_application_approval').select('admin_id').execute()
    expect(new Set(approvers.map((a) => name(a.admin_id)))).toEqual(new Set(['demo-admin', 'demo-officer']))
    // Every step left its audit row: paid 7 (created, document, submitted, review, 2 approvals, paid),
    // rejected 4 (created, submitted, review, rejected), approved 6, draft 1.
    const trail = await database.db
      .selectFrom('policy_application_event')
      .select(['application_id'])
      .execute()
    expect(trail.length).toBe(7 + 4 + 6 + 1)
  })
})
