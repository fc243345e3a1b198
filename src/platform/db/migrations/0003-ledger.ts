import { type Kysely, type Migration, sql } from 'kysely'

const TRANSACTION_KINDS = ['deposit', 'withdrawal', 'intake', 'delivery', 'reserve', 'release', 'settle']
const ENTRY_KINDS = [...TRANSACTION_KINDS, 'fee']
const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`
const ASSET_CHECK = sql`asset = 'CNY' or asset ~ '^RCPT:[A-Z0-9][A-Z0-9.-]{1,39}$'`
const BUCKET_CHECK = sql`bucket in ('available', 'reserved')`

/**
 * The double-entry ledger: transactions of two or more entries (append-only, guarded by a trigger
 * on both tables) and the balance of every account, updated with the entries.
 */
export const ledgerMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not today's types
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('ledger_transaction')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', TRANSACTION_KINDS)))
      .addColumn('reference', 'text')
      .addColumn('memo', 'text')
      .addColumn('key', 'text', (c) => c.unique())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await db.schema
      .createIndex('ledger_transaction_reference_idx')
      .on('ledger_transaction')
      .column('reference')
      .execute()

    await db.schema
      .createTable('ledger_entry')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('transaction_id', 'bigint', (c) => c.notNull().references('ledger_transaction.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ENTRY_KINDS)))
      .addColumn('owner', 'text', (c) => c.notNull().check(sql`owner <> ''`))
      .addColumn('asset', 'text', (c) => c.notNull().check(ASSET_CHECK))
      .addColumn('bucket', 'text', (c) => c.notNull().check(BUCKET_CHECK))
      .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount <> 0`))
      .execute()
    await db.schema
      .createIndex('ledger_entry_transaction_idx')
      .on('ledger_entry')
      .column('transaction_id')
      .execute()
    await db.schema
      .createIndex('ledger_entry_account_idx')
      .on('ledger_entry')
      .columns(['owner', 'asset', 'bucket', 'transaction_id'])
      .execute()

    await db.schema
      .createTable('ledger_balance')
      .addColumn('owner', 'text', (c) => c.notNull().check(sql`owner <> ''`))
      .addColumn('asset', 'text', (c) => c.notNull().check(ASSET_CHECK))
      .addColumn('bucket', 'text', (c) => c.notNull().check(BUCKET_CHECK))
      .addColumn('amount', 'bigint', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('ledger_balance_pk', ['owner', 'asset', 'bucket'])
      .addCheckConstraint('ledger_balance_not_negative', sql`owner like 'external:%' or amount >= 0`)
      .execute()

    await sql`
      create function ledger_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'ledger: % on % refused, the ledger is append-only', tg_op, tg_table_name
          using errcode = 'restrict_violation';
      end
      $$`.execute(db)
    for (const table of ['ledger_transaction', 'ledger_entry']) {
      await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
        for each row execute function ledger_append_only()`.execute(db)
      await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
        for each statement execute function ledger_append_only()`.execute(db)
    }
  },
}
