import { hash } from 'node:crypto'
import { type FieldError, ok, type Result, refuse } from '../kernel/index.ts'

/**
 * Accounts: who may do what. Pure rules only — no database, no clock, no randomness of its own
 * (callers pass `now` and a random-bytes source).
 */

/** The roles a user can hold. Stable API strings; the SQL check constraint lists the same values. */
export const ROLES = ['trader', 'risk', 'warehouse', 'admin', 'analyst', 'viewer', 'energy'] as const
export type Role = (typeof ROLES)[number]

/** True when `value` is one of ROLES. */
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value)

/** Who is making a request: the user, their enterprise and roles, and how they proved it. */
export interface Principal {
  readonly userId: string
  readonly enterpriseId: string
  readonly username: string
  readonly roles: readonly Role[]
  readonly via: 'session' | 'token'
}

/** A user as services see it (never with the password hash). */
export interface User {
  readonly id: string
  readonly enterpriseId: string
  readonly username: string
  readonly roles: readonly Role[]
  readonly createdAt: Date
  readonly disabled: boolean
}

/** Usernames are lower-case ASCII, 3 to 40 characters: letters, digits, `.`, `_`, `-`. */
export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9._-]{2,39}$'
const USERNAME = new RegExp(USERNAME_PATTERN)

export const PASSWORD_MIN_LENGTH = 10
/** Long enough for any passphrase, short enough that nobody makes us hash a megabyte. */
export const PASSWORD_MAX_LENGTH = 1024

/** Usernames compare case-insensitively: they are stored and looked up in lower case. */
export const normaliseUsername = (raw: string): string => raw.trim().toLowerCase()

/**
 * What is wrong with a new password, as field errors (empty when it is acceptable). Length counts
 * Unicode code points, so a Chinese passphrase is measured by its characters, not its bytes.
 *
 * @example passwordProblems('short', 'alice') // [{ field: 'password', reason: 'PASSWORD_TOO_SHORT', … }]
 */
export function passwordProblems(password: string, username: string): FieldError[] {
  const problems: FieldError[] = []
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH)
    problems.push({
      field: 'password',
      message: `must be at least ${PASSWORD_MIN_LENGTH} characters long`,
      reason: 'PASSWORD_TOO_SHORT',
    })
  if (length > PASSWORD_MAX_LENGTH)
    problems.push({
      field: 'password',
      message: `must be at most ${PASSWORD_MAX_LENGTH} characters long`,
      reason: 'PASSWORD_TOO_LONG',
    })
  if (password.trim().toLowerCase() === normaliseUsername(username))
    problems.push({ field: 'password', message: 'must not be the username', reason: 'PASSWORD_IS_USERNAME' })
  return problems
}

/** A new user's fields as given (by the CLI or an admin screen), before any check. */
export interface NewUser {
  readonly enterpriseId: string
  readonly username: string
  readonly password: string
  readonly roles: readonly string[]
}

/** A new user whose username, roles and password passed the rules. */
export interface CheckedNewUser {
  readonly enterpriseId: string
  readonly username: string
  readonly password: string
  readonly roles: readonly Role[]
}

/**
 * Checks a new user against the rules: the username's shape, known roles (at least one; duplicates
 * dropped) and the password policy. The first failing rule decides the refusal's code.
 *
 * @example checkNewUser({ enterpriseId: 'e1', username: 'Zhang.Wei', password: 'long enough pass', roles: ['trader'] })
 */
export function checkNewUser(input: NewUser): Result<CheckedNewUser> {
  const username = normaliseUsername(input.username)
  if (!USERNAME.test(username))
    return refuse('USERNAME_INVALID', `The username "${input.username}" is not valid`, [
      {
        field: 'username',
        message: 'must be 3 to 40 characters: lower-case letters, digits, ".", "_" or "-"',
      },
    ])
  const unknown = input.roles.filter((r) => !isRole(r))
  if (unknown.length > 0 || input.roles.length === 0)
    return refuse(
      'ROLE_INVALID',
      input.roles.length === 0
        ? 'A user needs at least one role'
        : `Unknown role ${unknown.map((r) => `"${r}"`).join(', ')}; the roles are ${ROLES.join(', ')}`,
      [{ field: 'roles', message: `must be one or more of ${ROLES.join(', ')}` }],
    )
  const problems = passwordProblems(input.password, username)
  if (problems.length > 0)
    return refuse(
      'PASSWORD_TOO_WEAK',
      `The password is refused: ${problems.map((p) => p.message).join('; ')}`,
      problems,
    )
  const roles = ROLES.filter((r) => input.roles.includes(r))
  return ok({ enterpriseId: input.enterpriseId, username, password: input.password, roles })
}

// ---- tokens ---------------------------------------------------------------------------------------

/** API tokens start with this, so people and secret scanners recognise them. */
export const API_TOKEN_PREFIX = 'hg_'
/** Session tokens (the cookie's value) have their own prefix: one is never accepted as the other. */
export const SESSION_TOKEN_PREFIX = 'hgs_'
const TOKEN_BYTES = 32
/** 32 bytes in base64url without padding are 43 characters. */
const TOKEN_BODY = '[A-Za-z0-9_-]{43}'

/** A source of cryptographically strong random bytes (node:crypto's randomBytes in production). */
export type RandomBytes = (size: number) => Uint8Array

/**
 * A new secret token: the prefix and 32 random bytes in base64url (256 bits).
 *
 * @example generateToken(API_TOKEN_PREFIX, randomBytes) // 'hg_q3H…' (46 characters)
 */
export function generateToken(prefix: string, random: RandomBytes): string {
  const bytes = random(TOKEN_BYTES)
  if (bytes.length !== TOKEN_BYTES) throw new Error(`random source gave ${bytes.length} bytes, not 32`)
  return `${prefix}${Buffer.from(bytes).toString('base64url')}`
}

const SHAPES = new Map<string, RegExp>()

/** True when `token` has the shape of a token made by generateToken with `prefix`. */
export function isTokenShaped(token: string, prefix: string): boolean {
  let shape = SHAPES.get(prefix)
  if (!shape) {
    shape = new RegExp(`^${prefix.replace(/[^A-Za-z0-9]/g, '\\$&')}${TOKEN_BODY}$`)
    SHAPES.set(prefix, shape)
  }
  return shape.test(token)
}

/**
 * What the database keeps of a token: its SHA-256 in hex. Tokens carry 256 random bits, so a fast
 * hash is enough (no salt or slow hash is needed, unlike passwords) and a lookup stays one index probe.
 */
export const hashToken = (token: string): string => hash('sha256', token, 'hex')

// ---- session and token lifetimes ------------------------------------------------------------------

/** A session ends after 12 hours without use; every use pushes the end back (sliding expiry). */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000
/** A session's expiry is moved at most once a minute, so busy clients do not write on every request. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000

/** When a session used at `now` expires. */
export const sessionExpiresAt = (now: Date): Date => new Date(now.getTime() + SESSION_IDLE_MS)

/**
 * What to do with a session at `now`: refuse it (`expired`), slide its expiry (`touch`) or just
 * accept it (`live`).
 */
export function sessionState(
  session: { readonly expiresAt: Date; readonly lastSeenAt: Date },
  now: Date,
): 'expired' | 'touch' | 'live' {
  if (session.expiresAt.getTime() <= now.getTime()) return 'expired'
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) return 'touch'
  return 'live'
}

/** Whether an API token may be used at `now`. Revocation (at any time) wins over expiry. */
export function apiTokenState(
  token: { readonly expiresAt: Date | null; readonly revokedAt: Date | null },
  now: Date,
): 'active' | 'expired' | 'revoked' {
  if (token.revokedAt !== null) return 'revoked'
  if (token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime()) return 'expired'
  return 'active'
}
