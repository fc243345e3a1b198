import { type Kysely, type Migration, sql } from 'kysely'

/** The cluster registry: enterprises, their capacities, catalogues; app metadata. */
export const registryMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not today's types
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('enterprise')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('category', 'text')
      .addColumn('stages', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('province', 'text', (c) => c.notNull())
      .addColumn('lat', 'double precision', (c) => c.notNull())
      .addColumn('lon', 'double precision', (c) => c.notNull())
      .addColumn('annual_revenue_fen', 'bigint', (c) => c.notNull().check(sql`annual_revenue_fen >= 0`))
      .addColumn('employees', 'integer', (c) => c.notNull().check(sql`employees >= 0`))
      .addColumn('certifications', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('in_cluster', 'boolean', (c) => c.notNull())
      .addColumn('top_ten_sheet_strip', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('enterprise_lat_range', sql`lat between -90 and 90`)
      .addCheckConstraint('enterprise_lon_range', sql`lon between -180 and 180`)
      .addCheckConstraint(
        'enterprise_category_only_supporting',
        sql`(kind = 'supporting') = (category is not null)`,
      )
      .execute()
    await db.schema.createIndex('enterprise_kind_idx').on('enterprise').column('kind').execute()
    await db.schema
      .createIndex('enterprise_stages_idx')
      .on('enterprise')
      .using('gin')
      .column('stages')
      .execute()

    await db.schema
      .createTable('enterprise_capacity')
      .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprise.id').onDelete('cascade'))
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('tonnes_per_year', 'integer', (c) => c.notNull().check(sql`tonnes_per_year > 0`))
      .addPrimaryKeyConstraint('enterprise_capacity_pk', ['enterprise_id', 'form'])
      .execute()

    await db.schema
      .createTable('catalogue_item')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprise.id').onDelete('cascade'))
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('alloy', 'text', (c) => c.notNull())
      .addColumn('temper', 'text', (c) => c.notNull())
      .addColumn('thickness_min_um', 'integer', (c) => c.notNull())
      .addColumn('thickness_max_um', 'integer', (c) => c.notNull())
      .addColumn('width_min_mm', 'integer', (c) => c.notNull())
      .addColumn('width_max_mm', 'integer', (c) => c.notNull())
      .addColumn('application', 'text')
      .addColumn('monthly_capacity_t', 'integer', (c) => c.notNull().check(sql`monthly_capacity_t > 0`))
      .addCheckConstraint(
        'catalogue_thickness_range',
        sql`0 < thickness_min_um and thickness_min_um <= thickness_max_um`,
      )
      .addCheckConstraint('catalogue_width_range', sql`0 < width_min_mm and width_min_mm <= width_max_mm`)
      .execute()
    await db.schema
      .createIndex('catalogue_enterprise_idx')
      .on('catalogue_item')
      .column('enterprise_id')
      .execute()
    await db.schema
      .createIndex('catalogue_form_alloy_idx')
      .on('catalogue_item')
      .columns(['form', 'alloy'])
      .execute()

    await db.schema
      .createTable('app_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'jsonb', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
  },
}
