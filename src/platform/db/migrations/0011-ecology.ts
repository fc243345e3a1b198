import { type Kysely, type Migration, sql } from 'kysely'

const LINES = [
  'casting_molten',
  'casting_ingot',
  'hot_rolling',
  'cold_rolling',
  'cold_rolling_anneal',
  'twin_roll_casting',
  'foil_single_zero',
  'foil_double_zero',
]
const MONTH_TEXT = (column: string) => sql`${sql.ref(column)} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`
const NOT_NEGATIVE = (column: string) => sql`${sql.ref(column)} >= 0`

/**
 * Issue 7: the energy ledger, the grid factor and the carbon inventory.
 *
 * `energy_record` holds every revision of an enterprise's month of one process line; a correction
 * adds a revision and makes it the current one, earlier revisions stay as history. Physical
 * measures (kWh, Nm³, kgce, kgCO2, t) are doubles: they are metered quantities with decimals, never
 * money. Intensity and level are not stored: they follow from the figures by the published method
 * (src/ecology/energy/levels.ts). `month` is `YYYY-MM` (Asia/Shanghai). `synthetic` marks the demo.
 * The primary key is the only index and there is no foreign key to the enterprise (the service
 * checks it): the demo writes about 12 000 rows at first start, and on PGlite every index and
 * foreign-key trigger costs tens of microseconds a row. A correction retires the current revision
 * with a compare-and-set (`current = true`), so a month of a line never has two current ones.
 *
 * `ecology_grid_factor` keeps every grid emission factor the operator set; the one in force for a
 * month is the latest `effective_from` on or before it (the later id breaks ties). The migration
 * adds the default, Henan 2022 (0.6058 kgCO2/kWh), in force from 2000-01.
 */
export const ecologyMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not today's types
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('energy_record')
      .addColumn('enterprise_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull().check(MONTH_TEXT('month')))
      .addColumn('line', 'text', (c) =>
        c.notNull().check(sql`line in (${sql.join(LINES.map((l) => sql.lit(l)))})`),
      )
      .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision > 0`))
      .addColumn('current', 'boolean', (c) => c.notNull())
      .addColumn('grid_kwh', 'double precision', (c) => c.notNull().check(NOT_NEGATIVE('grid_kwh')))
      .addColumn('own_pv_kwh', 'double precision', (c) => c.notNull().check(NOT_NEGATIVE('own_pv_kwh')))
      .addColumn('green_cert_kwh', 'double precision', (c) =>
        c.notNull().check(NOT_NEGATIVE('green_cert_kwh')),
      )
      .addColumn('natural_gas_nm3', 'double precision', (c) =>
        c.notNull().check(NOT_NEGATIVE('natural_gas_nm3')),
      )
      .addColumn('other_fuels_kgce', 'double precision', (c) =>
        c.notNull().check(NOT_NEGATIVE('other_fuels_kgce')),
      )
      .addColumn('other_direct_kgco2', 'double precision', (c) =>
        c.notNull().check(NOT_NEGATIVE('other_direct_kgco2')),
      )
      .addColumn('output_t', 'double precision', (c) => c.notNull().check(NOT_NEGATIVE('output_t')))
      .addColumn('reason', 'text')
      .addColumn('submitted_by', 'uuid', (c) => c.references('app_user.id'))
      .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
      .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
      .addPrimaryKeyConstraint('energy_record_pkey', ['enterprise_id', 'month', 'line', 'revision'])
      .addCheckConstraint('energy_record_correction_reason_check', sql`revision = 1 or reason is not null`)
      .execute()

    await db.schema
      .createTable('ecology_grid_factor')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('effective_from', 'text', (c) => c.notNull().check(MONTH_TEXT('effective_from')))
      .addColumn('kgco2_per_kwh', 'double precision', (c) =>
        c.notNull().check(sql`kgco2_per_kwh > 0 and kgco2_per_kwh < 2`),
      )
      .addColumn('note', 'text')
      .addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await db
      .insertInto('ecology_grid_factor')
      .values({
        effective_from: '2000-01',
        kgco2_per_kwh: 0.6058,
        note: 'Default: Henan provincial grid 2022 (MEE; research/carbon.md 2.2)',
      })
      .execute()
  },
}
