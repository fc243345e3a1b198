/**
 * SQL for the enterprises' facts by year. A year's facts are replaced whole when entered again
 * (who and when are kept with them).
 * @module
 */
import type { Selectable } from 'kysely'
import type { PolicyEnterpriseFactsTable } from '../platform/db/schema-policy.ts'
import type { YearFacts, YearFactsInput } from './model.ts'
import type { Db } from './programme-store.ts'

const fromRow = (r: Selectable<PolicyEnterpriseFactsTable>): YearFacts => ({
  enterpriseId: r.enterprise_id,
  year: r.year,
  revenueFen: BigInt(r.revenue_fen),
  rdExpenseFen: BigInt(r.rd_expense_fen),
  highTechRevenueShare: r.high_tech_revenue_share,
  techStaffShare: r.tech_staff_share,
  yearsInNiche: r.years_in_niche,
  mainBusinessShare: r.main_business_share,
  enteredBy: r.entered_by,
  enteredAtMs: r.entered_at.getTime(),
  synthetic: r.synthetic,
})

export async function upsertYearFacts(
  db: Db,
  enterpriseId: string,
  year: number,
  f: YearFactsInput,
  by: string | null,
  atMs: number,
  synthetic = false,
): Promise<YearFacts> {
  const values = {
    revenue_fen: f.revenueFen,
    rd_expense_fen: f.rdExpenseFen,
    high_tech_revenue_share: f.highTechRevenueShare,
    tech_staff_share: f.techStaffShare,
    years_in_niche: f.yearsInNiche,
    main_business_share: f.mainBusinessShare,
    entered_by: by,
    entered_at: new Date(atMs),
    synthetic,
  }
  const row = await db
    .insertInto('policy_enterprise_facts')
    .values({ enterprise_id: enterpriseId, year, ...values })
    .onConflict((oc) => oc.columns(['enterprise_id', 'year']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow()
  return fromRow(row)
}

/** An enterprise's facts, latest year first. */
export async function yearFactsOf(db: Db, enterpriseId: string): Promise<YearFacts[]> {
  const rows = await db
    .selectFrom('policy_enterprise_facts')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('year', 'desc')
    .execute()
  return rows.map(fromRow)
}

/** Each enterprise's latest year of facts. */
export async function latestFactsOfAll(db: Db): Promise<YearFacts[]> {
  const rows = await db
    .selectFrom('policy_enterprise_facts')
    .selectAll()
    .distinctOn('enterprise_id')
    .orderBy('enterprise_id')
    .orderBy('year', 'desc')
    .execute()
  return rows.map(fromRow)
}
