import { type Kysely, type Migration, sql } from 'kysely'

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`

const DATE_TEXT = (column: string) => sql`${sql.ref(column)} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`

/**
 * The pricing center (issue 5): submitted deals and firm quotes, assessments with every revision
 * (the method's record as jsonb, beside the columns queries filter on), analysts' external
 * references, and price alerts with the events publications raised. Values are CNY/t, quantities
 * kg. Period dates are Asia/Shanghai calendar dates kept as `YYYY-MM-DD` text, so both backends
 * read them back unchanged. `synthetic` marks the demo's rows.
 */
export const pricingMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not today's types
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('pricing_deal')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('series_id', 'text', (c) => c.notNull())
      .addColumn('submitter_id', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'text')
      .addColumn('source', 'text', (c) => c.notNull().check(oneOf('source', ['member', 'trading'])))
      .addColumn('trade_id', 'bigint', (c) => c.unique())
      .addColumn('value_cny_per_t', 'bigint', (c) => c.notNull())
      .addColumn('qty_kg', 'bigint', (c) => c.notNull().check(sql`qty_kg > 0`))
      .addColumn('deal_at', 'timestamptz', (c) => c.notNull())
      .addColumn('delivery_days', 'integer', (c) => c.notNull().check(sql`delivery_days >= 0`))
      .addColumn('payment_days', 'integer', (c) => c.notNull().check(sql`payment_days >= 0`))
      .addColumn('affiliated', 'boolean', (c) => c.notNull())
      .addColumn('priced_on_index', 'boolean', (c) => c.notNull())
      .addColumn('spec', 'text', (c) => c.notNull())
      .addColumn('base_used_cny_per_t', 'bigint')
      .addColumn('base_convention', 'text', (c) =>
        c.check(oneOf('base_convention', ['day', 'monthly_average', 'previous_month_average', 'shfe_point'])),
      )
      .addColumn('payment_terms', 'text', (c) => c.notNull())
      .addColumn('delivery_terms', 'text', (c) => c.notNull())
      .addColumn('counterparty_type', 'text', (c) =>
        c.check(oneOf('counterparty_type', ['producer', 'trader', 'consumer'])),
      )
      .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
      .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
      .execute()
    await db.schema
      .createIndex('pricing_deal_window_idx')
      .on('pricing_deal')
      .columns(['series_id', 'deal_at'])
      .execute()
    await db.schema
      .createIndex('pricing_deal_submitted_idx')
      .on('pricing_deal')
      .columns(['series_id', 'submitted_at'])
      .execute()
    await db.schema
      .createIndex('pricing_deal_submitter_idx')
      .on('pricing_deal')
      .columns(['submitter_id', 'id'])
      .execute()

    await db.schema
      .createTable('pricing_quote')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('series_id', 'text', (c) => c.notNull())
      .addColumn('submitter_id', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'text')
      .addColumn('side', 'text', (c) => c.notNull().check(oneOf('side', ['bid', 'offer'])))
      .addColumn('value_cny_per_t', 'bigint', (c) => c.notNull())
      .addColumn('qty_kg', 'bigint', (c) => c.notNull().check(sql`qty_kg > 0`))
      .addColumn('quoted_at', 'timestamptz', (c) => c.notNull())
      .addColumn('valid_until', 'timestamptz')
      .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
      .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
      .execute()
    await db.schema
      .createIndex('pricing_quote_window_idx')
      .on('pricing_quote')
      .columns(['series_id', 'quoted_at'])
      .execute()
    await db.schema
      .createIndex('pricing_quote_submitted_idx')
      .on('pricing_quote')
      .columns(['series_id', 'submitted_at'])
      .execute()
    await db.schema
      .createIndex('pricing_quote_submitter_idx')
      .on('pricing_quote')
      .columns(['submitter_id', 'id'])
      .execute()

    await db.schema
      .createTable('pricing_assessment')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('series_id', 'text', (c) => c.notNull())
      .addColumn('period_date', 'text', (c) => c.notNull().check(DATE_TEXT('period_date')))
      .addColumn('window_start', 'timestamptz', (c) => c.notNull())
      .addColumn('window_end', 'timestamptz', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
      .addColumn('status', 'text', (c) =>
        c.notNull().check(oneOf('status', ['proposed', 'published', 'rejected'])),
      )
      // The published revision the public sees for its period; set on publication, cleared when superseded.
      .addColumn('current', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('value_cny_per_t', 'bigint')
      .addColumn('record', 'jsonb', (c) => c.notNull())
      .addColumn('inputs', 'jsonb', (c) => c.notNull())
      .addColumn('correction_of', 'integer')
      .addColumn('reason', 'text')
      .addColumn('proposed_by', 'text', (c) => c.notNull())
      .addColumn('proposed_at', 'timestamptz', (c) => c.notNull())
      .addColumn('approved_by', 'text')
      .addColumn('published_at', 'timestamptz')
      .addColumn('rejected_by', 'text')
      .addColumn('rejected_at', 'timestamptz')
      .addColumn('rejection_reason', 'text')
      .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
      .addCheckConstraint('pricing_assessment_current_published', sql`not current or status = 'published'`)
      .execute()
    await db.schema
      .createIndex('pricing_assessment_current_idx')
      .on('pricing_assessment')
      .columns(['series_id', 'period_date'])
      .unique()
      .where(sql.ref('current'), '=', true)
      .execute()
    await db.schema
      .createIndex('pricing_assessment_revision_idx')
      .on('pricing_assessment')
      .columns(['series_id', 'period_date', 'revision'])
      .unique()
      .where(sql.ref('status'), '=', 'published')
      .execute()
    await db.schema
      .createIndex('pricing_assessment_status_idx')
      .on('pricing_assessment')
      .columns(['status', 'id'])
      .execute()

    await db.schema
      .createTable('pricing_reference')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('ref_date', 'text', (c) => c.notNull().check(DATE_TEXT('ref_date')))
      .addColumn('value_cny_per_t', 'bigint', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
      .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
      .execute()
    await db.schema
      .createIndex('pricing_reference_name_idx')
      .on('pricing_reference')
      .columns(['name', 'ref_date'])
      .execute()

    await db.schema
      .createTable('pricing_alert')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('series_id', 'text', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull().check(oneOf('direction', ['above', 'below'])))
      .addColumn('threshold_cny_per_t', 'bigint', (c) => c.notNull())
      .addColumn('webhook_url', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('deleted_at', 'timestamptz')
      .execute()
    await db.schema
      .createIndex('pricing_alert_user_idx')
      .on('pricing_alert')
      .columns(['user_id', 'id'])
      .execute()
    await db.schema
      .createIndex('pricing_alert_series_idx')
      .on('pricing_alert')
      .column('series_id')
      .where(sql.ref('deleted_at'), 'is', null)
      .execute()

    await db.schema
      .createTable('pricing_alert_event')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('alert_id', 'bigint', (c) => c.notNull().references('pricing_alert.id'))
      .addColumn('series_id', 'text', (c) => c.notNull())
      .addColumn('period_date', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('value_cny_per_t', 'bigint', (c) => c.notNull())
      .addColumn('previous_cny_per_t', 'bigint')
      .addColumn('threshold_cny_per_t', 'bigint', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('webhook_status', 'text', (c) =>
        c.check(oneOf('webhook_status', ['pending', 'delivered', 'failed'])),
      )
      .addColumn('webhook_http_status', 'integer')
      .execute()
    await db.schema
      .createIndex('pricing_alert_event_alert_idx')
      .on('pricing_alert_event')
      .columns(['alert_id', 'id'])
      .execute()
  },
}
