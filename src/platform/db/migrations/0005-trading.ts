import { type Kysely, type Migration, sql } from 'kysely'

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`

/**
 * The trading center's projections of the journal: orders, trades, contracts with their delivery
 * orders, and the journal position they reflect (written in the same transaction). The journal is
 * the source of truth; these tables are its snapshot for recovery and the answer to queries.
 */
export const tradingMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not today's types
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('trading_cursor')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull().check(sql`seq >= 0`))
      .execute()
    await db.insertInto('trading_cursor').values({ name: 'projected', seq: 0 }).execute()

    await db.schema
      .createTable('trading_order')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('instrument', 'text', (c) => c.notNull())
      .addColumn('enterprise_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('side', 'text', (c) => c.notNull().check(oneOf('side', ['buy', 'sell'])))
      .addColumn('type', 'text', (c) => c.notNull().check(oneOf('type', ['limit', 'market'])))
      .addColumn('tif', 'text', (c) => c.notNull().check(oneOf('tif', ['GTC', 'IOC', 'FOK'])))
      .addColumn('post_only', 'boolean', (c) => c.notNull())
      .addColumn('stp', 'text', (c) =>
        c.notNull().check(oneOf('stp', ['cancel_resting', 'cancel_incoming', 'cancel_both'])),
      )
      .addColumn('price_cny_per_t', 'bigint')
      .addColumn('reserve_price_cny_per_t', 'bigint', (c) => c.notNull())
      .addColumn('base_cny_per_t', 'bigint')
      .addColumn('qty_kg', 'bigint', (c) => c.notNull().check(sql`qty_kg > 0`))
      .addColumn('filled_kg', 'bigint', (c) => c.notNull().check(sql`filled_kg >= 0`))
      .addColumn('remaining_kg', 'bigint', (c) => c.notNull().check(sql`remaining_kg >= 0`))
      .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['open', 'filled', 'cancelled'])))
      .addColumn('cancel_reason', 'text')
      .addColumn('reserved', 'bigint', (c) => c.notNull().check(sql`reserved >= 0`))
      .addColumn('filled_notional_fen', 'bigint', (c) => c.notNull())
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('placement_trade_ids', sql`bigint[]`, (c) => c.notNull())
      .addColumn('priority_seq', 'bigint', (c) => c.notNull())
      .addColumn('created_seq', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('trading_order_enterprise_idx')
      .on('trading_order')
      .columns(['enterprise_id', 'id'])
      .execute()
    await db.schema
      .createIndex('trading_order_open_idx')
      .on('trading_order')
      .columns(['priority_seq', 'id'])
      .where(sql.ref('status'), '=', 'open')
      .execute()
    await db.schema
      .createIndex('trading_order_created_idx')
      .on('trading_order')
      .column('created_at')
      .execute()

    await db.schema
      .createTable('trade')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('instrument', 'text', (c) => c.notNull())
      .addColumn('price_cny_per_t', 'bigint', (c) => c.notNull())
      .addColumn('all_in_cny_per_t', 'bigint', (c) => c.notNull())
      .addColumn('qty_kg', 'bigint', (c) => c.notNull().check(sql`qty_kg > 0`))
      .addColumn('buy_order_id', 'bigint', (c) => c.notNull())
      .addColumn('sell_order_id', 'bigint', (c) => c.notNull())
      .addColumn('buyer_id', 'text', (c) => c.notNull())
      .addColumn('seller_id', 'text', (c) => c.notNull())
      .addColumn('aggressor', 'text', (c) =>
        c.notNull().check(oneOf('aggressor', ['buy', 'sell', 'auction'])),
      )
      .addColumn('notional_fen', 'bigint', (c) => c.notNull())
      .addColumn('buyer_fee_fen', 'bigint', (c) => c.notNull())
      .addColumn('seller_fee_fen', 'bigint', (c) => c.notNull())
      .addColumn('traded_at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('trade_instrument_idx').on('trade').columns(['instrument', 'id']).execute()
    await db.schema.createIndex('trade_buyer_idx').on('trade').columns(['buyer_id', 'id']).execute()
    await db.schema.createIndex('trade_seller_idx').on('trade').columns(['seller_id', 'id']).execute()

    await db.schema
      .createTable('contract')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('trade_id', 'bigint', (c) => c.notNull().unique().references('trade.id'))
      .addColumn('instrument', 'text', (c) => c.notNull())
      .addColumn('buyer_id', 'text', (c) => c.notNull())
      .addColumn('seller_id', 'text', (c) => c.notNull())
      .addColumn('qty_kg', 'bigint', (c) => c.notNull())
      .addColumn('all_in_cny_per_t', 'bigint', (c) => c.notNull())
      .addColumn('amount_fen', 'bigint', (c) => c.notNull())
      .addColumn('warehouse_id', 'text')
      .addColumn('pickup_from', 'date', (c) => c.notNull())
      .addColumn('pickup_to', 'date', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(oneOf('status', ['settled', 'delivered', 'closed'])),
      )
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .execute()
  },
}
