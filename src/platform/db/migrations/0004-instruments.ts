import { type Kysely, type Migration, sql } from 'kysely'

// The pattern of INSTRUMENT_CODE_PATTERN (src/ledger/model.ts) as it is today; a migration keeps its
// own copy so that a later change of the constant cannot change what this migration did.
const CODE_PATTERN = '^[A-Z0-9][A-Z0-9.x-]{1,39}$'
const ASSET_CHECK = sql`asset = 'CNY' or asset ~ ${sql.lit(`^RCPT:${CODE_PATTERN.slice(1)}`)}`
const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`

/**
 * Instruments: what the trading center lists. Also widens the ledger's receipt assets to the
 * instrument code pattern, which now allows the `x` of dimensions (`SHEET-1060-H24-1.0x1220`).
 */
export const instrumentsMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not today's types
  async up(db: Kysely<any>) {
    // 0003 declared the checks on the columns, so PostgreSQL named them <table>_<column>_check.
    // Dropped without `if exists`: a database where they are named otherwise must fail here, not
    // keep the narrower check beside the new one.
    for (const table of ['ledger_entry', 'ledger_balance']) {
      await db.schema.alterTable(table).dropConstraint(`${table}_asset_check`).execute()
      await db.schema.alterTable(table).addCheckConstraint(`${table}_asset_check`, ASSET_CHECK).execute()
    }

    await db.schema
      .createTable('instrument')
      // Dense from 0: the matching engine indexes its books by this handle.
      .addColumn('handle', 'integer', (c) => c.primaryKey().check(sql`handle >= 0`))
      .addColumn('code', 'text', (c) =>
        c
          .notNull()
          .unique()
          .check(sql`code ~ ${sql.lit(CODE_PATTERN)}`),
      )
      .addColumn('name_zh', 'text', (c) => c.notNull().check(sql`name_zh <> ''`))
      .addColumn('name_en', 'text', (c) => c.notNull().check(sql`name_en <> ''`))
      .addColumn('form', 'text', (c) => c.notNull().check(sql`form ~ '^[a-z][a-z_]*$'`))
      .addColumn('spec', 'text', (c) => c.notNull().check(sql`spec <> ''`))
      .addColumn('lot_kg', 'integer', (c) => c.notNull().check(sql`lot_kg > 0`))
      .addColumn('tick_cny_per_t', 'integer', (c) => c.notNull().check(sql`tick_cny_per_t > 0`))
      .addColumn('price_basis', 'text', (c) => c.notNull().check(oneOf('price_basis', ['all_in', 'fee'])))
      .addColumn('base_reference', 'text')
      .addColumn('configured_base_cny_per_t', 'integer', (c) => c.check(sql`configured_base_cny_per_t > 0`))
      .addColumn('reference_price_cny_per_t', 'integer', (c) =>
        c.notNull().check(sql`reference_price_cny_per_t > 0`),
      )
      .addColumn('band_bps', 'integer', (c) => c.notNull().check(sql`band_bps between 1 and 9999`))
      .addColumn('model', 'text', (c) => c.notNull().check(oneOf('model', ['continuous', 'call', 'listing'])))
      .addColumn('opening_call', 'jsonb')
      .addColumn('sessions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('open')
          .check(oneOf('status', ['open', 'halted', 'closed'])),
      )
      .addColumn('buyer_fee_bps', 'integer', (c) => c.notNull().check(sql`buyer_fee_bps between 0 and 10000`))
      .addColumn('seller_fee_bps', 'integer', (c) =>
        c.notNull().check(sql`seller_fee_bps between 0 and 10000`),
      )
      // No foreign key: instruments (and the receipts the ledger holds of them) outlive a re-seed or
      // re-import of the registry, as the ledger's owners do.
      .addColumn('warehouse_enterprise_id', 'text')
      .addColumn('delivery_days', 'integer', (c) => c.notNull().check(sql`delivery_days >= 0`))
      .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint(
        'instrument_fee_has_base',
        sql`(price_basis = 'fee') = (base_reference is not null and configured_base_cny_per_t is not null)`,
      )
      .addCheckConstraint('instrument_sessions_array', sql`jsonb_typeof(sessions) = 'array'`)
      .addCheckConstraint(
        'instrument_book_has_sessions',
        sql`model = 'listing' or jsonb_array_length(sessions) > 0`,
      )
      .execute()
  },
}
