import type { ColumnType, Generated } from 'kysely'

/** The accounts tables (migration 0002_accounts) as Kysely sees them. */
export interface AccountsTables {
  app_user: AppUserTable
  user_session: UserSessionTable
  api_token: ApiTokenTable
}

export interface AppUserTable {
  id: string
  enterprise_id: string
  username: string
  /** `scrypt$N$r$p$salt$key`; never the password itself. */
  password_hash: string
  roles: string[]
  created_at: ColumnType<Date, Date | undefined, never>
  disabled: Generated<boolean>
}

export interface UserSessionTable {
  /** SHA-256 (hex) of the session token held in the client's cookie. */
  id: string
  user_id: string
  created_at: ColumnType<Date, Date, never>
  expires_at: Date
  last_seen_at: Date
}

export interface ApiTokenTable {
  id: string
  user_id: string
  /** SHA-256 (hex) of the token the program holds. */
  token_hash: string
  name: string
  created_at: ColumnType<Date, Date, never>
  expires_at: Date | null
  revoked_at: Date | null
}
