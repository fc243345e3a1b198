import { randomBytes, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { ok, type Refusal, type Result, refuse } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { findEnterprise } from '../registry/index.ts'
import {
  API_TOKEN_PREFIX,
  apiTokenState,
  checkNewUser,
  generateToken,
  hashToken,
  isTokenShaped,
  type NewUser,
  normaliseUsername,
  type Principal,
  type RandomBytes,
  SESSION_TOKEN_PREFIX,
  sessionExpiresAt,
  sessionState,
  type User,
} from './model.ts'
import { DEFAULT_SCRYPT_COST, hashPassword, type ScryptCost, verifyPassword } from './password.ts'
import {
  type ApiTokenRow,
  deleteExpiredSessionsOf,
  deleteSession,
  findApiTokenByHash,
  findApiTokensOf,
  findSession,
  findUserById,
  findUserWithHash,
  insertApiToken,
  insertSession,
  insertUser,
  revokeApiTokenOf,
  touchSession,
} from './store.ts'

/**
 * The accounts use cases. Expected refusals are Results; only bugs and database failures throw.
 * Time comes in as `now`; secrets come from node:crypto's randomBytes unless a test passes its own.
 */

type Db = Kysely<Database>

/** A user with the enterprise it belongs to, as /auth/me shows it. */
export interface UserProfile extends User {
  readonly enterprise: { readonly id: string; readonly nameZh: string; readonly nameEn: string }
}

/** An API token's public facts (never the token or its hash). */
export type ApiTokenInfo = Omit<ApiTokenRow, 'userId'>

/**
 * Creates a user. Refused: a username, role or password against the rules (USERNAME_INVALID,
 * ROLE_INVALID, PASSWORD_TOO_WEAK), an unknown enterprise (ENTERPRISE_NOT_FOUND), a taken username
 * (USERNAME_TAKEN).
 *
 * @example await createUser(db, { enterpriseId: 'gy-001', username: 'zhang.wei', password: '…', roles: ['trader'] }, { now: new Date() })
 */
export async function createUser(
  db: Db,
  input: NewUser,
  options: { now: Date; cost?: ScryptCost },
): Promise<Result<User>> {
  const checked = checkNewUser(input)
  if (!checked.ok) return checked
  const { enterpriseId, username, password, roles } = checked.value
  if (!(await findEnterprise(db, enterpriseId)))
    return refuse('ENTERPRISE_NOT_FOUND', `There is no enterprise "${enterpriseId}"`, [
      { field: 'enterpriseId', message: 'is not a registered enterprise' },
    ])
  const id = randomUUID()
  const passwordHash = await hashPassword(password, options.cost ?? DEFAULT_SCRYPT_COST)
  const inserted = await insertUser(db, {
    id,
    enterpriseId,
    username,
    passwordHash,
    roles,
    createdAt: options.now,
  })
  if (!inserted)
    return refuse('USERNAME_TAKEN', `The username "${username}" is taken`, [
      { field: 'username', message: 'is taken' },
    ])
  return ok({ id, enterpriseId, username, roles, createdAt: options.now, disabled: false })
}

/** The user with this username (any case); USER_NOT_FOUND when none. */
export async function findUser(db: Db, username: string): Promise<Result<User>> {
  const user = await findUserWithHash(db, normaliseUsername(username))
  if (!user) return refuse('USER_NOT_FOUND', `There is no user "${username}"`)
  const { passwordHash: _hidden, ...rest } = user
  return ok(rest)
}

const dummyHashes = new Map<string, Promise<string>>()

/** A hash of nothing anyone knows, made once per cost: unknown users cost a login as much as known. */
function dummyHash(cost: ScryptCost): Promise<string> {
  const key = `${cost.n}/${cost.r}/${cost.p}`
  let hash = dummyHashes.get(key)
  if (!hash) {
    hash = hashPassword(randomBytes(24).toString('base64url'), cost)
    dummyHashes.set(key, hash)
  }
  return hash
}

const BAD_LOGIN: Refusal = refuse('INVALID_CREDENTIALS', 'The username or password is not correct')

/**
 * Checks a username and password. An unknown user, a wrong password and a disabled user get the
 * same refusal (INVALID_CREDENTIALS) after the same work (a password is always hashed), so the
 * answer does not tell which usernames exist.
 *
 * @param cost the cost of the hash checked for unknown users (the cost new hashes are made with)
 */
export async function verifyLogin(
  db: Db,
  username: string,
  password: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<Result<User>> {
  const user = await findUserWithHash(db, normaliseUsername(username))
  const matches = await verifyPassword(password, user ? user.passwordHash : await dummyHash(cost))
  if (!user || !matches || user.disabled) return BAD_LOGIN
  const { passwordHash: _hidden, ...rest } = user
  return ok(rest)
}

/**
 * Opens a session for a user: returns the token for the cookie; stores only its hash. Also clears
 * the user's expired sessions.
 */
export async function openSession(
  db: Db,
  userId: string,
  now: Date,
  random: RandomBytes = randomBytes,
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken(SESSION_TOKEN_PREFIX, random)
  const expiresAt = sessionExpiresAt(now)
  await deleteExpiredSessionsOf(db, userId, now)
  await insertSession(db, { id: hashToken(token), userId, createdAt: now, expiresAt })
  return { token, expiresAt }
}

const principalOf = (user: User, via: Principal['via']): Principal => ({
  userId: user.id,
  enterpriseId: user.enterpriseId,
  username: user.username,
  roles: user.roles,
  via,
})

/**
 * The principal of a session token at `now`, sliding the session's expiry. Refused: TOKEN_INVALID
 * (malformed, unknown, closed, user disabled) or TOKEN_EXPIRED (idle for 12 h; the row is deleted).
 */
export async function authenticateSession(db: Db, token: string, now: Date): Promise<Result<Principal>> {
  if (!isTokenShaped(token, SESSION_TOKEN_PREFIX))
    return refuse('TOKEN_INVALID', 'The session cookie is not one this server issued')
  return authenticateSessionHash(db, hashToken(token), now)
}

/** `authenticateSession` for a token known only by its hash (a cached credential looked up again). */
export async function authenticateSessionHash(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<Result<Principal>> {
  const session = await findSession(db, tokenHash)
  if (!session) return refuse('TOKEN_INVALID', 'The session does not exist or has been closed')
  const state = sessionState(session, now)
  if (state === 'expired') {
    await deleteSession(db, session.id)
    return refuse('TOKEN_EXPIRED', 'The session has expired; log in again')
  }
  if (session.user.disabled) return refuse('TOKEN_INVALID', 'The session does not exist or has been closed')
  if (state === 'touch') await touchSession(db, session.id, now, sessionExpiresAt(now))
  return ok(principalOf(session.user, 'session'))
}

/** Closes the session of this token, if there is one (logout). */
export async function closeSession(db: Db, token: string): Promise<void> {
  if (isTokenShaped(token, SESSION_TOKEN_PREFIX)) await deleteSession(db, hashToken(token))
}

/**
 * Creates an API token for a user. The token is returned once, here; the database keeps its hash.
 *
 * @param expiresAt null for a token that does not expire
 */
export async function createApiToken(
  db: Db,
  input: { userId: string; name: string; expiresAt: Date | null },
  now: Date,
  random: RandomBytes = randomBytes,
): Promise<{ token: string; apiToken: ApiTokenInfo }> {
  const token = generateToken(API_TOKEN_PREFIX, random)
  const id = randomUUID()
  await insertApiToken(db, {
    id,
    userId: input.userId,
    tokenHash: hashToken(token),
    name: input.name,
    createdAt: now,
    expiresAt: input.expiresAt,
  })
  return {
    token,
    apiToken: { id, name: input.name, createdAt: now, expiresAt: input.expiresAt, revokedAt: null },
  }
}

/**
 * The principal of an API token at `now`. Refused: TOKEN_INVALID (malformed, unknown, revoked, user
 * disabled) or TOKEN_EXPIRED.
 */
export async function authenticateApiToken(db: Db, token: string, now: Date): Promise<Result<Principal>> {
  if (!isTokenShaped(token, API_TOKEN_PREFIX))
    return refuse('TOKEN_INVALID', 'The bearer token is not an API token this server issued')
  return authenticateApiTokenHash(db, hashToken(token), now)
}

/** `authenticateApiToken` for a token known only by its hash (a cached credential looked up again). */
export async function authenticateApiTokenHash(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<Result<Principal>> {
  const row = await findApiTokenByHash(db, tokenHash)
  if (!row || row.user.disabled) return refuse('TOKEN_INVALID', 'The API token is not valid')
  const state = apiTokenState(row, now)
  if (state === 'revoked') return refuse('TOKEN_INVALID', 'The API token has been revoked')
  if (state === 'expired') return refuse('TOKEN_EXPIRED', 'The API token has expired')
  return ok(principalOf(row.user, 'token'))
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Revokes one of the user's API tokens (again is fine); TOKEN_NOT_FOUND when it is not theirs. */
export async function revokeApiToken(
  db: Db,
  userId: string,
  tokenId: string,
  now: Date,
): Promise<Result<null>> {
  const found = UUID.test(tokenId) && (await revokeApiTokenOf(db, userId, tokenId, now))
  return found ? ok(null) : refuse('TOKEN_NOT_FOUND', `You have no API token ${tokenId}`)
}

/** A page of the user's API tokens (revoked and expired ones included), ordered by id. */
export async function listApiTokens(
  db: Db,
  userId: string,
  page: { afterId?: string; limit: number },
): Promise<ApiTokenInfo[]> {
  const rows = await findApiTokensOf(db, userId, page)
  return rows.map(({ userId: _owner, ...info }) => info)
}

/** The user with their enterprise's names; null when the user does not exist. */
export async function userProfile(db: Db, userId: string): Promise<UserProfile | null> {
  const user = await findUserById(db, userId)
  if (!user) return null
  const enterprise = await findEnterprise(db, user.enterpriseId)
  if (!enterprise) return null
  return { ...user, enterprise: { id: enterprise.id, nameZh: enterprise.nameZh, nameEn: enterprise.nameEn } }
}
