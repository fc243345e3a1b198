import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { AppError, type Refusal, type Result, refuse } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { clearedSessionCookie, readCookie, SESSION_COOKIE } from './cookie.ts'
import { hashToken, type Principal, type Role } from './model.ts'
import type { PrincipalCache } from './principal-cache.ts'
import {
  authenticateApiToken,
  authenticateApiTokenHash,
  authenticateSession,
  authenticateSessionHash,
} from './service.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Who is calling, from the session cookie or `Authorization: Bearer <token>`; null when the
     * request carries no valid credentials. Set for every route under /api/v1 (see accountsRoutes).
     */
    principal: Principal | null
  }
}

/**
 * Why a request that carried credentials has no principal. Public routes ignore it; requireRole
 * answers with it, so a client learns that its token expired rather than just "log in".
 */
const failures = new WeakMap<FastifyRequest, { refusal: Refusal; fromCookie: boolean }>()

/** True when the client reached us over https (directly, or through a proxy that says so). */
export function isHttps(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true
  // Only used to add Secure to our cookie: a client that lies here only hides the cookie from itself.
  const forwarded = request.headers['x-forwarded-proto']
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim()
  return first === 'https'
}

const BEARER = /^bearer +(\S+) *$/i

/**
 * The cache keys of the last few credentials each connection sent. A keep-alive client sends the
 * same credential with every request (a gateway a handful, for the members it trades for), and
 * hashing it again each time was 4 % of the order thread's time. The credentials stay only as long
 * as their connection, whose buffers held them anyway.
 */
const recentKeysOf = new WeakMap<object, { token: string; bearer: boolean; key: string }[]>()
const RECENT_KEYS_PER_CONNECTION = 4

/** A credential's key in the principal cache: its kind and its hash, never the credential itself. */
const credentialKey = (bearer: boolean, tokenHash: string): string =>
  `${bearer ? 'token' : 'session'} ${tokenHash}`

/** What `credentialKey` made the key of. */
function credentialOfKey(key: string): { bearer: boolean; tokenHash: string } {
  const [kind, tokenHash] = key.split(' ') as [string, string]
  return { bearer: kind === 'token', tokenHash }
}

function keyOf(request: FastifyRequest, token: string, bearer: boolean): string {
  const connection = request.raw.socket
  const recent = connection ? recentKeysOf.get(connection) : undefined
  if (recent !== undefined)
    for (const known of recent) if (known.token === token && known.bearer === bearer) return known.key
  const key = credentialKey(bearer, hashToken(token))
  if (connection) {
    if (recent === undefined) recentKeysOf.set(connection, [{ token, bearer, key }])
    else {
      if (recent.length === RECENT_KEYS_PER_CONNECTION) recent.shift()
      recent.push({ token, bearer, key })
    }
  }
  return key
}

/**
 * One round of keeping the credentials in use fresh (`PrincipalCache.claimKeepWarm`): each claimed
 * one is looked up again by its hash, and remembered again, or forgotten if it is no longer valid.
 * The accounts routes run it every KEEP_WARM_INTERVAL_MS.
 */
export function keepCredentialsWarm(db: Kysely<Database>, clock: () => Date, cache: PrincipalCache) {
  return async (): Promise<void> => {
    const now = clock()
    const generation = cache.generation
    for (const key of cache.claimKeepWarm(now.getTime())) {
      const { bearer, tokenHash } = credentialOfKey(key)
      try {
        const result = await (bearer
          ? authenticateApiTokenHash(db, tokenHash, now)
          : authenticateSessionHash(db, tokenHash, now))
        if (result.ok) cache.set(key, result.value, now.getTime(), generation)
        else cache.delete(key)
      } catch {
        cache.delete(key) // the next request looks it up, and answers for itself
      }
    }
  }
}

/** How often the accounts routes keep the credentials in use fresh (well under the cache's 5 s). */
export const KEEP_WARM_INTERVAL_MS = 1_000

/**
 * The onRequest hook that sets `request.principal`. A request with an Authorization header is
 * judged by it alone (a Bearer API token); otherwise by the session cookie.
 */
export function authenticationHook(db: Kysely<Database>, clock: () => Date, cache: PrincipalCache) {
  /** Lookups under way: requests that come meanwhile with the same credential share them. */
  const pending = new Map<string, Promise<Result<Principal>>>()
  const lookUp = (key: string, token: string, bearer: boolean, now: Date): Promise<Result<Principal>> => {
    let lookup = pending.get(key)
    if (lookup === undefined) {
      const generation = cache.generation
      lookup = (bearer ? authenticateApiToken(db, token, now) : authenticateSession(db, token, now))
        .then((result) => {
          if (result.ok) cache.set(key, result.value, now.getTime(), generation)
          else cache.delete(key)
          return result
        })
        .finally(() => pending.delete(key))
      pending.set(key, lookup)
    }
    return lookup
  }
  return async (request: FastifyRequest): Promise<void> => {
    request.principal = null
    const authorization = request.headers.authorization
    const bearer = authorization !== undefined
    const token = bearer
      ? BEARER.exec(authorization)?.[1]
      : readCookie(request.headers.cookie, SESSION_COOKIE)
    if (!bearer && (token === null || token === undefined)) return
    if (!token) {
      const refusal = refuse('TOKEN_INVALID', 'The Authorization header must be "Bearer <API token>"')
      failures.set(request, { refusal, fromCookie: false })
      return
    }
    const now = clock()
    const key = keyOf(request, token, bearer)
    const cached = cache.get(key, now.getTime())
    if (cached) {
      request.principal = cached
      // A failed refresh changes nothing: the entry expires in time and the next request looks up.
      if (cache.claimRefresh(key, now.getTime())) lookUp(key, token, bearer, now).catch(() => {})
      return
    }
    const result = await lookUp(key, token, bearer, now)
    if (result.ok) request.principal = result.value
    else failures.set(request, { refusal: result, fromCookie: !bearer })
  }
}

/**
 * The caller's principal, or the 401 AppError to throw: TOKEN_EXPIRED / TOKEN_INVALID when the
 * credentials sent were bad (and a bad session cookie is cleared), UNAUTHENTICATED when none came.
 *
 * @example const { enterpriseId } = requirePrincipal(request, reply)
 */
export function requirePrincipal(request: FastifyRequest, reply: FastifyReply): Principal {
  if (request.principal === undefined)
    throw new Error(`${request.url}: accountsRoutes is not registered in this route's scope`)
  if (request.principal) return request.principal
  const failure = failures.get(request)
  if (!failure) throw new AppError('UNAUTHENTICATED', 'Log in, or send Authorization: Bearer <API token>')
  if (failure.fromCookie) reply.header('set-cookie', clearedSessionCookie(isHttps(request)))
  throw AppError.from(failure.refusal)
}

/**
 * A route hook that lets through callers holding at least one of `roles` (any authenticated caller
 * when none are given): 401 UNAUTHENTICATED / TOKEN_INVALID / TOKEN_EXPIRED without valid
 * credentials, 403 FORBIDDEN without the role. Use it as `onRequest`, so an unauthenticated caller
 * is refused before the body is even parsed.
 *
 * @example app.post('/orders', { onRequest: requireRole('trader'), schema }, handler)
 */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const principal = requirePrincipal(request, reply)
    if (roles.length > 0 && !roles.some((role) => principal.roles.includes(role)))
      throw new AppError('FORBIDDEN', `This needs the role ${roles.join(' or ')}`)
  }
}
