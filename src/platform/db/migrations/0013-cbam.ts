import { type Kysely, type Migration, sql } from 'kysely'

const NOT_NEGATIVE = (column: string) => sql`${sql.ref(column)} >= 0`
const COUNTRY = (column: string) => sql`${sql.ref(column)} ~ '^[A-Z]{2}$'`
const DAY = (column: string) => sql`${sql.ref(column)} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`

/**
 * Issue 7: the smelters' declared SEE values and the CBAM communications of EU shipments.
 *
 * `cbam_declaration` is append-only: a smelter's later declaration of the same CN code, year,
 * quarter and route supersedes the earlier one for later use (the later id wins), and the earlier
 * one stays, as do the communications that name it. SEE in tCO2e per tonne (a measured quantity
 * with decimals, not money).
 *
 * `cbam_communication` is what the shipper hands its EU importer for one shipment: the installation,
 * the reporting period, the CBAM price in euro cents per tCO2 (money, an integer), and per good
 * (`cbam_communication_good`, by 8-digit CN code) the installation's data attributed to it and its
 * precursors (`cbam_communication_precursor`), each either of a declaration or on the EU default
 * (`declaration_id` null). The method's record is not stored: it is computed on read from these
 * rows by the method named in `method`, so it is never stale. `synthetic` marks the demo's rows.
 */
export const cbamMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not today's types
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('cbam_declaration')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprise.id'))
      .addColumn('cn_code', 'text', (c) => c.notNull().check(sql`cn_code ~ '^[0-9]{4}([0-9]{2}){0,3}$'`))
      .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
      .addColumn('quarter', 'smallint', (c) => c.check(sql`quarter between 1 and 4`))
      .addColumn('see_tco2e_per_t', 'double precision', (c) =>
        c.notNull().check(sql`see_tco2e_per_t >= 0 and see_tco2e_per_t <= 100`),
      )
      .addColumn('route', 'text', (c) => c.notNull().check(sql`route in ('primary', 'secondary')`))
      .addColumn('verifier', 'text')
      .addColumn('evidence', 'text')
      .addColumn('declared_by', 'uuid', (c) => c.references('app_user.id'))
      .addColumn('declared_at', 'timestamptz', (c) => c.notNull())
      .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
      .execute()
    await db.schema
      .createIndex('cbam_declaration_key_idx')
      .on('cbam_declaration')
      .columns(['enterprise_id', 'cn_code', 'year', 'route', 'id'])
      .execute()

    await db.schema
      .createTable('cbam_communication')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('shipment_id', 'bigint', (c) => c.notNull().unique().references('shipment.id'))
      .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('v1')`))
      .addColumn('importer_name', 'text', (c) => c.notNull())
      .addColumn('importer_country', 'text', (c) => c.notNull().check(COUNTRY('importer_country')))
      .addColumn('importer_eori', 'text', (c) => c.notNull())
      .addColumn('installation_name', 'text', (c) => c.notNull())
      .addColumn('installation_address', 'text', (c) => c.notNull())
      .addColumn('installation_country', 'text', (c) => c.notNull().check(COUNTRY('installation_country')))
      .addColumn('installation_unlocode', 'text')
      .addColumn('installation_enterprise_id', 'text', (c) => c.notNull().references('enterprise.id'))
      .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
      .addColumn('period_start', 'text', (c) => c.notNull().check(DAY('period_start')))
      .addColumn('period_end', 'text', (c) => c.notNull().check(DAY('period_end')))
      .addColumn('eur_cents_per_tco2', 'integer', (c) =>
        c.notNull().check(NOT_NEGATIVE('eur_cents_per_tco2')),
      )
      .addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
      .addCheckConstraint('cbam_communication_period_check', sql`period_start <= period_end`)
      .execute()

    await db.schema
      .createTable('cbam_communication_good')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('communication_id', 'bigint', (c) => c.notNull().references('cbam_communication.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('cn_code', 'text', (c) => c.notNull().check(sql`cn_code ~ '^[0-9]{8}$'`))
      .addColumn('description', 'text')
      .addColumn('output_t', 'double precision', (c) => c.notNull().check(sql`output_t > 0`))
      .addColumn('shipped_t', 'double precision', (c) => c.notNull().check(sql`shipped_t > 0`))
      .addColumn('natural_gas_nm3', 'double precision', (c) =>
        c.notNull().check(NOT_NEGATIVE('natural_gas_nm3')),
      )
      .addColumn('other_direct_tco2e', 'double precision', (c) =>
        c.notNull().check(NOT_NEGATIVE('other_direct_tco2e')),
      )
      .addColumn('electricity_kwh', 'double precision', (c) =>
        c.notNull().check(NOT_NEGATIVE('electricity_kwh')),
      )
      .addColumn('grid_kgco2_per_kwh', 'double precision', (c) =>
        c.notNull().check(NOT_NEGATIVE('grid_kgco2_per_kwh')),
      )
      .addColumn('scrap_t', 'double precision', (c) => c.notNull().check(NOT_NEGATIVE('scrap_t')))
      .addUniqueConstraint('cbam_communication_good_position_key', ['communication_id', 'position'])
      .execute()

    await db.schema
      .createTable('cbam_communication_precursor')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('good_id', 'bigint', (c) => c.notNull().references('cbam_communication_good.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('cn_code', 'text', (c) => c.notNull().check(sql`cn_code ~ '^[0-9]{4}([0-9]{2}){0,3}$'`))
      .addColumn('tonnes', 'double precision', (c) => c.notNull().check(NOT_NEGATIVE('tonnes')))
      .addColumn('origin', 'text', (c) => c.check(COUNTRY('origin')))
      .addColumn('declaration_id', 'bigint', (c) => c.references('cbam_declaration.id'))
      .addUniqueConstraint('cbam_communication_precursor_position_key', ['good_id', 'position'])
      .execute()
  },
}
