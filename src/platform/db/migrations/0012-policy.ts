import { type Kysely, type Migration, sql } from 'kysely'

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`
const fraction = (column: string) => sql`${sql.ref(column)} >= 0 and ${sql.ref(column)} <= 1`

const PROGRAMME_STATUSES = ['draft', 'open', 'closed']
const APPLICATION_STATUSES = ['draft', 'submitted', 'under_review', 'approved', 'rejected', 'disbursed']

/**
 * Issue 7: support programmes and their applications.
 *
 * - `policy_programme`: a programme as data: its rules (JSON, see src/policy/rules.ts), the award
 *   per approval and the budget in fen, the dates it takes submissions. The four defaults are
 *   written by src/policy at first start, not here (their dates follow the year they start in).
 * - `policy_enterprise_facts`: an enterprise's facts of a year, the ones the rules read (the energy
 *   facts come from the energy ledger). Money in fen; shares as fractions.
 * - `policy_application`: draft → submitted → under_review → approved | rejected, approved →
 *   disbursed. `award_fen` is fixed at approval and is what counts against the budget (approved and
 *   disbursed alike); `eligibility` is the snapshot taken at submission. One application per
 *   enterprise and programme that is not rejected (a partial unique index).
 * - `policy_application_approval`: the two different administrators an approval needs.
 * - `policy_application_document`: uploaded files, kept in the database (bytea, ≤ 5 MB each).
 * - `policy_application_event`: the audit trail: every transition, approval and upload, with who,
 *   when, from, to and a note.
 */
export const policyMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not today's types
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('policy_programme')
      .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z][a-z0-9_]{1,39}$'`))
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('description_zh', 'text', (c) => c.notNull())
      .addColumn('description_en', 'text', (c) => c.notNull())
      .addColumn('rules', 'jsonb', (c) => c.notNull())
      .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0`))
      .addColumn('budget_fen', 'bigint', (c) => c.notNull().check(sql`budget_fen >= 0`))
      .addColumn('opens_on', 'date', (c) => c.notNull())
      .addColumn('closes_on', 'date', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', PROGRAMME_STATUSES)))
      .addColumn('note_zh', 'text')
      .addColumn('note_en', 'text')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addCheckConstraint('policy_programme_dates_check', sql`opens_on <= closes_on`)
      .execute()

    await db.schema
      .createTable('policy_enterprise_facts')
      .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprise.id'))
      .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
      .addColumn('revenue_fen', 'bigint', (c) => c.notNull().check(sql`revenue_fen >= 0`))
      .addColumn('rd_expense_fen', 'bigint', (c) => c.notNull().check(sql`rd_expense_fen >= 0`))
      .addColumn('high_tech_revenue_share', 'double precision', (c) =>
        c.notNull().check(fraction('high_tech_revenue_share')),
      )
      .addColumn('tech_staff_share', 'double precision', (c) =>
        c.notNull().check(fraction('tech_staff_share')),
      )
      .addColumn('years_in_niche', 'double precision', (c) => c.notNull().check(sql`years_in_niche >= 0`))
      .addColumn('main_business_share', 'double precision', (c) =>
        c.notNull().check(fraction('main_business_share')),
      )
      .addColumn('entered_by', 'text')
      .addColumn('entered_at', 'timestamptz', (c) => c.notNull())
      .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
      .addPrimaryKeyConstraint('policy_enterprise_facts_pkey', ['enterprise_id', 'year'])
      .execute()

    await db.schema
      .createTable('policy_application')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('programme_id', 'text', (c) => c.notNull().references('policy_programme.id'))
      .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprise.id'))
      .addColumn('applicant_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', APPLICATION_STATUSES)))
      .addColumn('note', 'text')
      .addColumn('eligibility', 'jsonb')
      .addColumn('award_fen', 'bigint', (c) => c.check(sql`award_fen > 0`))
      .addColumn('disbursed_fen', 'bigint', (c) => c.check(sql`disbursed_fen > 0`))
      .addColumn('rejection_reason', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('submitted_at', 'timestamptz')
      .addColumn('decided_at', 'timestamptz')
      .addColumn('disbursed_at', 'timestamptz')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
      .addCheckConstraint(
        'policy_application_award_check',
        sql`(status in ('approved', 'disbursed')) = (award_fen is not null)`,
      )
      .addCheckConstraint(
        'policy_application_disbursed_check',
        sql`(status = 'disbursed') = (disbursed_fen is not null) and (disbursed_fen is null or disbursed_fen <= award_fen)`,
      )
      .addCheckConstraint(
        'policy_application_submitted_check',
        sql`(status = 'draft') = (eligibility is null and submitted_at is null)`,
      )
      .execute()
    await db.schema
      .createIndex('policy_application_open_key')
      .on('policy_application')
      .columns(['enterprise_id', 'programme_id'])
      .unique()
      .where(sql.ref('status'), '<>', 'rejected')
      .execute()
    await db.schema
      .createIndex('policy_application_programme_idx')
      .on('policy_application')
      .columns(['programme_id', 'status'])
      .execute()

    await db.schema
      .createTable('policy_application_approval')
      .addColumn('application_id', 'bigint', (c) => c.notNull().references('policy_application.id'))
      .addColumn('admin_id', 'text', (c) => c.notNull())
      .addColumn('approved_at', 'timestamptz', (c) => c.notNull())
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('policy_application_approval_pkey', ['application_id', 'admin_id'])
      .execute()

    await db.schema
      .createTable('policy_application_document')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('application_id', 'bigint', (c) => c.notNull().references('policy_application.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'integer', (c) =>
        c.notNull().check(sql`size_bytes > 0 and size_bytes <= 5242880`),
      )
      .addColumn('content', 'bytea', (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('policy_application_document_app_idx')
      .on('policy_application_document')
      .columns(['application_id', 'id'])
      .execute()

    await db.schema
      .createTable('policy_application_event')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('application_id', 'bigint', (c) => c.notNull().references('policy_application.id'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('from_status', 'text', (c) => c.check(oneOf('from_status', APPLICATION_STATUSES)))
      .addColumn('to_status', 'text', (c) => c.notNull().check(oneOf('to_status', APPLICATION_STATUSES)))
      .addColumn('note', 'text')
      .execute()
    await db.schema
      .createIndex('policy_application_event_app_idx')
      .on('policy_application_event')
      .columns(['application_id', 'id'])
      .execute()
  },
}
