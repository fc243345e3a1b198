import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import { isRole, type Role, type User } from './model.ts'

/** SQL of the accounts tables. No rules here: the service decides, the store reads and writes. */

type Db = Kysely<Database> | Transaction<Database>

/** A user row with its password hash (only the login check ever sees it). */
export interface UserWithHash extends User {
  readonly passwordHash: string
}

/** A session row joined with its user. */
export interface SessionRow {
  readonly id: string
  readonly user: User
  readonly createdAt: Date
  readonly expiresAt: Date
  readonly lastSeenAt: Date
}

export interface ApiTokenRow {
  readonly id: string
  readonly userId: string
  readonly name: string
  readonly createdAt: Date
  readonly expiresAt: Date | null
  readonly revokedAt: Date | null
}

export interface ApiTokenWithUser extends ApiTokenRow {
  readonly user: User
}

// Roles are checked by the table's constraint; the filter only narrows the type.
const rolesOf = (roles: readonly string[]): Role[] => roles.filter(isRole)

interface UserColumns {
  user_id: string
  enterprise_id: string
  username: string
  roles: string[]
  user_created_at: Date
  disabled: boolean
}

const userOf = (r: UserColumns): User => ({
  id: r.user_id,
  enterpriseId: r.enterprise_id,
  username: r.username,
  roles: rolesOf(r.roles),
  createdAt: r.user_created_at,
  disabled: r.disabled,
})

const USER_COLUMNS = [
  'app_user.id as user_id',
  'app_user.enterprise_id',
  'app_user.username',
  'app_user.roles',
  'app_user.created_at as user_created_at',
  'app_user.disabled',
] as const

/** Inserts a user; false (and nothing written) when the username is taken. */
export async function insertUser(
  db: Db,
  user: {
    id: string
    enterpriseId: string
    username: string
    passwordHash: string
    roles: readonly Role[]
    createdAt: Date
  },
): Promise<boolean> {
  const row = await db
    .insertInto('app_user')
    .values({
      id: user.id,
      enterprise_id: user.enterpriseId,
      username: user.username,
      password_hash: user.passwordHash,
      roles: [...user.roles],
      created_at: user.createdAt,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

/** The user with this (normalised) username, with the password hash; null when none. */
export async function findUserWithHash(db: Db, username: string): Promise<UserWithHash | null> {
  const row = await db
    .selectFrom('app_user')
    .select([...USER_COLUMNS, 'app_user.password_hash'])
    .where('username', '=', username)
    .executeTakeFirst()
  return row ? { ...userOf(row), passwordHash: row.password_hash } : null
}

/** The user with this id; null when none. */
export async function findUserById(db: Db, id: string): Promise<User | null> {
  const row = await db.selectFrom('app_user').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst()
  return row ? userOf(row) : null
}

export async function insertSession(
  db: Db,
  session: { id: string; userId: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('user_session')
    .values({
      id: session.id,
      user_id: session.userId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      last_seen_at: session.createdAt,
    })
    .execute()
}

/** The session with this id (the token's hash) and its user; null when none. */
export async function findSession(db: Db, id: string): Promise<SessionRow | null> {
  const row = await db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select([
      ...USER_COLUMNS,
      'user_session.id',
      'user_session.created_at',
      'user_session.expires_at',
      'user_session.last_seen_at',
    ])
    .where('user_session.id', '=', id)
    .executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    user: userOf(row),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  }
}

/** Marks a session used at `now` and moves its expiry. */
export async function touchSession(db: Db, id: string, now: Date, expiresAt: Date): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', id)
    .execute()
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', id).execute()
}

/** Deletes the user's sessions that have expired by `now` (housekeeping at each login). */
export async function deleteExpiredSessionsOf(db: Db, userId: string, now: Date): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).where('expires_at', '<=', now).execute()
}

export async function insertApiToken(
  db: Db,
  token: {
    id: string
    userId: string
    tokenHash: string
    name: string
    createdAt: Date
    expiresAt: Date | null
  },
): Promise<void> {
  await db
    .insertInto('api_token')
    .values({
      id: token.id,
      user_id: token.userId,
      token_hash: token.tokenHash,
      name: token.name,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
    })
    .execute()
}

/** The API token with this hash and its user; null when none. */
export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<ApiTokenWithUser | null> {
  const row = await db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select([
      ...USER_COLUMNS,
      'api_token.id',
      'api_token.name',
      'api_token.created_at',
      'api_token.expires_at',
      'api_token.revoked_at',
    ])
    .where('api_token.token_hash', '=', tokenHash)
    .executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    userId: row.user_id,
    user: userOf(row),
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  }
}

/** A user's API tokens ordered by id, after `afterId` when given. */
export async function findApiTokensOf(
  db: Db,
  userId: string,
  page: { afterId?: string; limit: number },
): Promise<ApiTokenRow[]> {
  let query = db
    .selectFrom('api_token')
    .select(['id', 'user_id', 'name', 'created_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .limit(page.limit)
  if (page.afterId) query = query.where('id', '>', page.afterId)
  const rows = await query.execute()
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    name: r.name,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }))
}

/**
 * Revokes one of the user's tokens at `now` (a token revoked before keeps its first revocation
 * time). False when the user has no token with this id.
 */
export async function revokeApiTokenOf(db: Db, userId: string, tokenId: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('api_token')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(now)) }))
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}
