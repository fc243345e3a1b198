import { type Kysely, type Migration, sql } from 'kysely'

const DATE_TEXT = (column: string) => sql`${sql.ref(column)} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`

/**
 * Distribution's freight tables (issue 6): versions of the freight tariff and of the competing
 * origins' price differentials. A version is added, never edited; the one in force on a date is the
 * latest `effective_from` on or before it (`seq` breaks ties: the one added last). Rates are stored
 * as integer hundredths of a fen per tonne-km, charges as fen per tonne, km limits in tenths of a km,
 * differentials as whole CNY/t per origin id. Dates are Asia/Shanghai `YYYY-MM-DD` text. Both
 * tables start with the default version, `default-v1`, in force from 2000-01-01.
 * Migration 0008 (shipments) adds the distribution module's other tables.
 */
export const distributionFreightMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not today's types
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('distribution_tariff')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull().unique().generatedAlwaysAsIdentity())
      .addColumn('effective_from', 'text', (c) => c.notNull().check(DATE_TEXT('effective_from')))
      .addColumn('truck_fen_per_tkm_hundredths', 'integer', (c) =>
        c.notNull().check(sql`truck_fen_per_tkm_hundredths > 0`),
      )
      .addColumn('truck_min_fen_per_t', 'integer', (c) => c.notNull().check(sql`truck_min_fen_per_t >= 0`))
      .addColumn('truck_payload_t', 'integer', (c) => c.notNull().check(sql`truck_payload_t > 0`))
      .addColumn('molten_fen_per_tkm_hundredths', 'integer', (c) =>
        c.notNull().check(sql`molten_fen_per_tkm_hundredths > 0`),
      )
      .addColumn('molten_min_fen_per_t', 'integer', (c) => c.notNull().check(sql`molten_min_fen_per_t >= 0`))
      .addColumn('molten_max_road_km_tenths', 'integer', (c) =>
        c.notNull().check(sql`molten_max_road_km_tenths >= 0`),
      )
      .addColumn('molten_payload_t', 'integer', (c) => c.notNull().check(sql`molten_payload_t > 0`))
      .addColumn('rail_fen_per_tkm_hundredths', 'integer', (c) =>
        c.notNull().check(sql`rail_fen_per_tkm_hundredths > 0`),
      )
      .addColumn('rail_terminal_fen_per_t', 'integer', (c) =>
        c.notNull().check(sql`rail_terminal_fen_per_t >= 0`),
      )
      .addColumn('rail_min_km_tenths', 'integer', (c) => c.notNull().check(sql`rail_min_km_tenths >= 0`))
      .addColumn('note', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await db
      .insertInto('distribution_tariff')
      .values({
        id: 'default-v1',
        effective_from: '2000-01-01',
        truck_fen_per_tkm_hundredths: 2000,
        truck_min_fen_per_t: 4000,
        truck_payload_t: 32,
        molten_fen_per_tkm_hundredths: 5000,
        molten_min_fen_per_t: 4000,
        molten_max_road_km_tenths: 1500,
        molten_payload_t: 32,
        rail_fen_per_tkm_hundredths: 1550,
        rail_terminal_fen_per_t: 6000,
        rail_min_km_tenths: 8000,
        note: 'Default tariff of issue 6 (research/logistics.md 2.2, 2.3, 2.6; estimates)',
      })
      .execute()

    await db.schema
      .createTable('distribution_differential')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull().unique().generatedAlwaysAsIdentity())
      .addColumn('effective_from', 'text', (c) => c.notNull().check(DATE_TEXT('effective_from')))
      .addColumn('cny_per_t', 'jsonb', (c) => c.notNull().check(sql`jsonb_typeof(cny_per_t) = 'object'`))
      .addColumn('note', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await db
      .insertInto('distribution_differential')
      .values({
        id: 'default-v1',
        effective_from: '2000-01-01',
        cny_per_t: JSON.stringify({ zouping: 0, wuxi: 0, jiangyin: 0, luoyang: 0 }),
        note: 'Assumed: the same all-in as Gongyi everywhere',
      })
      .execute()
  },
}
