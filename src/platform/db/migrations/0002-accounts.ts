import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Accounts: users of member enterprises with their roles, browser sessions and API tokens. No secret
 * is stored in the clear: passwords as self-describing scrypt hashes, sessions and tokens as the
 * SHA-256 of the random token the client holds.
 */
export const accountsMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not today's types
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('app_user')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprise.id'))
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('roles', sql`text[]`, (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
      .addCheckConstraint('app_user_username_shape', sql`username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'`)
      .addCheckConstraint('app_user_password_hash_format', sql`password_hash like 'scrypt$%'`)
      .addCheckConstraint(
        'app_user_roles_known',
        sql`cardinality(roles) > 0 and roles <@ array['trader', 'risk', 'warehouse', 'admin', 'analyst', 'viewer']::text[]`,
      )
      .execute()
    await db.schema.createIndex('app_user_enterprise_idx').on('app_user').column('enterprise_id').execute()

    await db.schema
      .createTable('user_session')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
      .addCheckConstraint('user_session_id_sha256', sql`id ~ '^[0-9a-f]{64}$'`)
      .execute()
    await db.schema.createIndex('user_session_user_idx').on('user_session').column('user_id').execute()
    await db.schema.createIndex('user_session_expires_idx').on('user_session').column('expires_at').execute()

    await db.schema
      .createTable('api_token')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz')
      .addColumn('revoked_at', 'timestamptz')
      .addCheckConstraint('api_token_hash_sha256', sql`token_hash ~ '^[0-9a-f]{64}$'`)
      .addCheckConstraint('api_token_name_length', sql`char_length(name) between 1 and 100`)
      .execute()
    await db.schema.createIndex('api_token_user_idx').on('api_token').column('user_id').execute()
  },
}
