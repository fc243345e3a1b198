import { type Kysely, type Migration, sql } from 'kysely'

/** Issue 7: an enterprise's energy manager submits its monthly energy records (role `energy`). */
export const energyRoleMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not today's types
  async up(db: Kysely<any>) {
    await sql`alter table app_user drop constraint app_user_roles_known`.execute(db)
    await sql`alter table app_user add constraint app_user_roles_known check (cardinality(roles) > 0 and roles <@ array['trader', 'risk', 'warehouse', 'admin', 'analyst', 'viewer', 'energy']::text[])`.execute(
      db,
    )
  },
}
