import { type Kysely, type Migration, sql } from 'kysely'

/**
 * The month's intake plans (issue 6): the problem an admin (or the demo) posed, the plan HiGHS
 * solved for it, and the figures derived from that plan. Saving a month again adds a revision and
 * makes it the current one; earlier revisions stay as history. `month` is `YYYY-MM` (Asia/Shanghai).
 * The figures are the solver's doubles (tonnes, CNY, m³), not ledger money: they are stored as
 * double precision, exactly as the plan in `result` gives them. `synthetic` marks the demo's plans.
 */
export const intakePlansMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not today's types
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('distribution_intake_plan')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('month', 'text', (c) => c.notNull().check(sql`month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
      .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision > 0`))
      .addColumn('current', 'boolean', (c) => c.notNull())
      .addColumn('problem', 'jsonb', (c) => c.notNull())
      .addColumn('result', 'jsonb', (c) => c.notNull())
      .addColumn('total_cost_cny', 'double precision', (c) => c.notNull())
      .addColumn('delivered_t', 'double precision', (c) => c.notNull().check(sql`delivered_t >= 0`))
      .addColumn('unmet_t', 'double precision', (c) => c.notNull().check(sql`unmet_t >= 0`))
      .addColumn('molten_t', 'double precision', (c) => c.notNull().check(sql`molten_t >= 0`))
      .addColumn('molten_share', 'double precision', (c) =>
        c.check(sql`molten_share >= 0 and molten_share <= 1`),
      )
      .addColumn('gas_saved_m3', 'double precision', (c) => c.notNull().check(sql`gas_saved_m3 >= 0`))
      .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('distribution_intake_plan_revision_key', ['month', 'revision'])
      .execute()
    await db.schema
      .createIndex('distribution_intake_plan_current_idx')
      .on('distribution_intake_plan')
      .column('month')
      .unique()
      .where(sql.ref('current'), '=', true)
      .execute()
  },
}
