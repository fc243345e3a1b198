/**
 * The demo's policy data, synthetic: facts of last year for every processor in the cluster (see
 * demo-facts.ts), and the demo mill's applications, made through the service as its users would:
 * demo-mill applies, demo-admin and demo-officer review and approve. One is disbursed, one
 * approved, one rejected and one still a draft; little_giant is left free to apply for.
 * Written once: an app_meta key is claimed first, so a later start writes nothing (a start stopped
 * half-way leaves a partial demo rather than a second one).
 * @module
 */
import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import { ApplicationService } from './application-service.ts'
import { demoFactsOf, demoMillFacts } from './demo-facts.ts'
import type { PolicyActor } from './model.ts'
import { PolicyService, shanghaiDay } from './service.ts'

const META_KEY = 'demo_policy'
const DAY_MS = 86_400_000
/** The demo's story spans the last 60 days (or the days since the programmes opened, if fewer). */
const SPAN_DAYS = 60

async function userOf(db: Kysely<Database>, username: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'enterprise_id'])
    .where('username', '=', username)
    .executeTakeFirst()
}

const actor = (u: { id: string; enterprise_id: string }, isAdmin: boolean): PolicyActor => ({
  userId: u.id,
  enterpriseId: u.enterprise_id,
  isAdmin,
  writes: true,
})

const must = <T>(r: { ok: true; value: T } | { ok: false; detail: string }, what: string): T => {
  if (!r.ok) throw new Error(`demo policy: ${what}: ${r.detail}`)
  return r.value
}

/**
 * Writes the demo's facts and applications once. Needs the demo users (setUpDemoTrading);
 * without them, or a second time, writes nothing.
 *
 * @returns the number of applications written
 * @example await seedDemoPolicy(db, Date.now()) // 4
 */
export async function seedDemoPolicy(db: Kysely<Database>, nowMs: number): Promise<number> {
  const [mill, admin, officer] = await Promise.all(
    ['demo-mill', 'demo-admin', 'demo-officer'].map((name) => userOf(db, name)),
  )
  if (!mill || !admin || !officer) return 0
  const claimed = await db
    .insertInto('app_meta')
    .values({ key: META_KEY, value: JSON.stringify({ synthetic: true, at: new Date(nowMs).toISOString() }) })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst()
  if (!claimed) return 0

  let clockMs = nowMs
  const policy = new PolicyService({ db, clock: () => clockMs })
  await policy.ensureDefaults()
  const year = Number(shanghaiDay(nowMs).slice(0, 4)) - 1
  const processors = await db
    .selectFrom('enterprise')
    .select(['id', 'annual_revenue_fen', 'certifications'])
    .where('kind', '=', 'processor')
    .where('in_cluster', '=', true)
    .orderBy('id')
    .execute()
  // One statement: a couple of hundred rows.
  if (processors.length > 0)
    await db
      .insertInto('policy_enterprise_facts')
      .values(
        processors.map((p) => {
          const revenueFen = BigInt(p.annual_revenue_fen)
          const f =
            p.id === mill.enterprise_id
              ? demoMillFacts(revenueFen)
              : demoFactsOf({ id: p.id, revenueFen, certifications: p.certifications })
          return {
            enterprise_id: p.id,
            year,
            revenue_fen: f.revenueFen,
            rd_expense_fen: f.rdExpenseFen,
            high_tech_revenue_share: f.highTechRevenueShare,
            tech_staff_share: f.techStaffShare,
            years_in_niche: f.yearsInNiche,
            main_business_share: f.mainBusinessShare,
            entered_by: null,
            entered_at: new Date(nowMs - SPAN_DAYS * DAY_MS),
            synthetic: true,
          }
        }),
      )
      .onConflict((oc) => oc.columns(['enterprise_id', 'year']).doNothing())
      .execute()

  // The story needs its programmes open today (a database whose defaults are from years ago gets
  // the facts only).
  const today = shanghaiDay(nowMs)
  const programmes = await policy.programmes(null)
  const used = ['high_tech', 'little_giant', 'specialised_new', 'green_upgrade']
  const open = used.every((id) =>
    programmes.some(
      ({ programme: p }) => p.id === id && p.status === 'open' && p.opensOn <= today && today <= p.closesOn,
    ),
  )
  if (!open) return 0
  // The story runs from 60 days ago, or from just after the programmes opened if that is later.
  const opened = Date.parse(
    `${programmes.find((p) => p.programme.id === 'high_tech')!.programme.opensOn}T01:00:00+08:00`,
  )
  const start = Math.max(nowMs - SPAN_DAYS * DAY_MS, Number.isFinite(opened) ? opened : nowMs)
  const at = (fraction: number) => {
    clockMs = Math.round(start + (nowMs - start) * fraction)
  }
  const apps = new ApplicationService(policy)
  const applicant = actor(mill, false)
  const [first, second] = [actor(admin, true), actor(officer, true)]
  const document = (name: string, text: string) => ({
    name,
    mediaType: 'text/plain',
    content: new TextEncoder().encode(
      `${text}\n\nSynthetic demo document: not a real enterprise's record.\n`,
    ),
  })
  const written: string[] = []
  const draft = async (programmeId: string, note: string) => {
    const created = must(await apps.create(applicant, programmeId, note), `draft ${programmeId}`)
    written.push(created.application.id)
    return created.application.id
  }

  at(0)
  const highTech = await draft(
    'high_tech',
    'High-tech enterprise certificate renewed; R&D centre for battery foil.',
  )
  must(
    await apps.addDocument(
      applicant,
      highTech,
      document('rd-ledger-summary.txt', 'R&D auxiliary ledger (研发辅助账), summary'),
    ),
    'document',
  )
  at(0.05)
  must(await apps.submit(applicant, highTech), 'submit high_tech')
  at(0.15)
  must(await apps.startReview(first, highTech), 'review high_tech')
  at(0.2)
  must(await apps.approve(first, highTech, 'Certificate and ledger checked.'), 'approve high_tech')
  at(0.22)
  must(await apps.approve(second, highTech, null), 'second approval high_tech')
  at(0.4)
  must(
    await apps.disburse(first, highTech, 30_000_000n, 'Paid to the enterprise’s account (synthetic).'),
    'disburse',
  )

  at(0.3)
  const giant = await draft('little_giant', 'First application as a “little giant”.')
  at(0.32)
  must(await apps.submit(applicant, giant), 'submit little_giant')
  at(0.4)
  must(await apps.startReview(second, giant), 'review little_giant')
  at(0.45)
  must(
    await apps.reject(
      second,
      giant,
      'Documents incomplete: the audited R&D ledger is missing. Apply again with it.',
    ),
    'reject little_giant',
  )

  at(0.6)
  const specialised = await draft(
    'specialised_new',
    'Provincial 专精特新 recognition, niche: 1235 battery foil stock.',
  )
  must(
    await apps.addDocument(
      applicant,
      specialised,
      document('recognition-notice.txt', 'Provincial recognition notice'),
    ),
    'document',
  )
  at(0.65)
  must(await apps.submit(applicant, specialised), 'submit specialised_new')
  at(0.75)
  must(await apps.startReview(first, specialised), 'review specialised_new')
  at(0.8)
  must(await apps.approve(second, specialised, null), 'approve specialised_new')
  at(0.85)
  must(await apps.approve(first, specialised, 'Both approvals in; award within budget.'), 'second approval')

  at(0.95)
  await draft('green_upgrade', 'Rooftop photovoltaics and green certificates; lines being re-rated.')

  await db
    .updateTable('policy_application')
    .set({ synthetic: true })
    .where(
      'id',
      'in',
      written.map((id) => BigInt(id)),
    )
    .execute()
  return written.length
}
