import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { Type } from 'typebox'
import { AppError } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { decodeCursor, pageOf } from '../platform/http/cursor.ts'
import { CursorQuery, LimitQuery, Page, StringEnum } from '../platform/http/schemas.ts'
import {
  authenticationHook,
  isHttps,
  KEEP_WARM_INTERVAL_MS,
  keepCredentialsWarm,
  requirePrincipal,
  requireRole,
} from './authenticate.ts'
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './cookie.ts'
import { LOGIN_THROTTLE, LoginThrottle, type ThrottlePolicy, throttleKey } from './login-throttle.ts'
import { normaliseUsername, PASSWORD_MAX_LENGTH, ROLES } from './model.ts'
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './password.ts'
import { PrincipalCache } from './principal-cache.ts'
import {
  type ApiTokenInfo,
  closeSession,
  createApiToken,
  listApiTokens,
  openSession,
  revokeApiToken,
  type UserProfile,
  userProfile,
  verifyLogin,
} from './service.ts'

export interface AccountsRoutesOptions {
  db: Kysely<Database>
  /** The clock for session and token expiry (default: the system clock). */
  clock?: () => Date
  /** The scrypt cost new hashes are made with; unknown-user logins are made to cost as much. */
  passwordCost?: ScryptCost
  loginThrottle?: ThrottlePolicy
  /** How long a credential's lookup is trusted (ms, default 5 s; 0 looks up every request). */
  principalCacheTtlMs?: number
}

const Problem = Type.Ref('Problem')

const UserJson = Type.Object({
  id: Type.String(),
  username: Type.String(),
  roles: Type.Array(StringEnum(ROLES)),
  enterprise: Type.Object({ id: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  createdAt: Type.String({ description: 'UTC instant, ISO 8601' }),
})

const ApiTokenJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
})

const TOKEN_ID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
const TOKEN_ID = new RegExp(TOKEN_ID_PATTERN)
const DEFAULT_PAGE_SIZE = 50
const DAY_MS = 24 * 60 * 60 * 1000

const userJson = (u: UserProfile) => ({
  id: u.id,
  username: u.username,
  roles: [...u.roles],
  enterprise: u.enterprise,
  createdAt: u.createdAt.toISOString(),
})

const apiTokenJson = (t: ApiTokenInfo) => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
})

const routes: FastifyPluginAsyncTypebox<AccountsRoutesOptions> = async (app, options) => {
  const { db } = options
  const clock = options.clock ?? (() => new Date())
  const passwordCost = options.passwordCost ?? DEFAULT_SCRYPT_COST
  const throttle = new LoginThrottle(options.loginThrottle ?? LOGIN_THROTTLE)

  app.decorateRequest('principal', null)
  const principals = new PrincipalCache(
    options.principalCacheTtlMs !== undefined ? { ttlMs: options.principalCacheTtlMs } : {},
  )
  app.addHook('onRequest', authenticationHook(db, clock, principals))
  const keepWarm = keepCredentialsWarm(db, clock, principals)
  const keepWarmTimer = setInterval(() => void keepWarm(), KEEP_WARM_INTERVAL_MS).unref()
  app.addHook('onClose', async () => clearInterval(keepWarmTimer))

  const profileOf = async (userId: string) => {
    const profile = await userProfile(db, userId)
    if (!profile) throw new Error(`user ${userId} vanished while being served`)
    return userJson(profile)
  }

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Log in with a password; the answer sets the session cookie (HttpOnly, SameSite=Strict)',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 100 }),
            password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ user: UserJson }), 400: Problem, 401: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const now = clock()
      const username = normaliseUsername(request.body.username)
      const key = throttleKey(username, request.ip)
      const waitMs = throttle.retryAfterMs(key, now)
      if (waitMs > 0) {
        reply.header('retry-after', String(Math.ceil(waitMs / 1000)))
        throw new AppError(
          'TOO_MANY_ATTEMPTS',
          `Too many failed logins for this username from your address; try again in ${Math.ceil(waitMs / 60_000)} min`,
        )
      }
      const result = await verifyLogin(db, username, request.body.password, passwordCost)
      if (!result.ok) {
        throttle.recordFailure(key, now)
        throw AppError.from(result)
      }
      throttle.reset(key)
      // A browser that logs in again drops its previous session rather than keeping two.
      const previous = readCookie(request.headers.cookie, SESSION_COOKIE)
      if (previous) await closeSession(db, previous)
      principals.clear()
      const session = await openSession(db, result.value.id, now)
      reply.header('set-cookie', sessionCookie(session.token, isHttps(request)))
      reply.header('cache-control', 'no-store')
      return { user: await profileOf(result.value.id) }
    },
  )

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Close the session of the cookie (if any) and clear the cookie',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const token = readCookie(request.headers.cookie, SESSION_COOKIE)
      if (token) await closeSession(db, token)
      principals.clear()
      reply.header('set-cookie', clearedSessionCookie(isHttps(request)))
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/auth/me',
    {
      onRequest: requireRole(),
      schema: {
        tags: ['accounts'],
        summary: 'The logged-in user with their enterprise and roles',
        response: {
          200: Type.Object({ user: UserJson, authenticatedBy: StringEnum(['session', 'token'] as const) }),
          401: Problem,
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply)
      reply.header('cache-control', 'no-store')
      return { user: await profileOf(principal.userId), authenticatedBy: principal.via }
    },
  )

  app.post(
    '/auth/tokens',
    {
      onRequest: requireRole(),
      schema: {
        tags: ['accounts'],
        summary: 'Create an API token for programs (shown once); only from a logged-in session',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ token: Type.String(), apiToken: ApiTokenJson }),
          400: Problem,
          401: Problem,
          403: Problem,
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply)
      // A leaked token must not be able to mint more tokens.
      if (principal.via !== 'session')
        throw new AppError('FORBIDDEN', 'API tokens are created from a logged-in session, not with a token')
      const now = clock()
      const { expiresInDays } = request.body
      const created = await createApiToken(
        db,
        {
          userId: principal.userId,
          name: request.body.name,
          expiresAt: expiresInDays ? new Date(now.getTime() + expiresInDays * DAY_MS) : null,
        },
        now,
      )
      reply.header('cache-control', 'no-store')
      return reply.status(201).send({ token: created.token, apiToken: apiTokenJson(created.apiToken) })
    },
  )

  app.get(
    '/auth/tokens',
    {
      onRequest: requireRole(),
      schema: {
        tags: ['accounts'],
        summary: 'My API tokens, revoked and expired ones included (never the tokens themselves)',
        querystring: Type.Object(
          { limit: Type.Optional(LimitQuery), cursor: Type.Optional(CursorQuery) },
          { additionalProperties: false },
        ),
        response: { 200: Page(ApiTokenJson), 400: Problem, 401: Problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply)
      const limit = request.query.limit === undefined ? DEFAULT_PAGE_SIZE : Number(request.query.limit)
      const rows = await listApiTokens(db, principal.userId, {
        ...(request.query.cursor ? { afterId: decodeCursor(request.query.cursor, TOKEN_ID) } : {}),
        limit: limit + 1,
      })
      const page = pageOf(rows, limit, (t) => t.id)
      return { items: page.items.map(apiTokenJson), nextCursor: page.nextCursor }
    },
  )

  app.delete(
    '/auth/tokens/:id',
    {
      onRequest: requireRole(),
      schema: {
        tags: ['accounts'],
        summary: 'Revoke one of my API tokens',
        params: Type.Object({ id: Type.String({ pattern: TOKEN_ID_PATTERN }) }),
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply)
      const result = await revokeApiToken(db, principal.userId, request.params.id, clock())
      principals.clear()
      if (!result.ok) throw AppError.from(result)
      return reply.status(204).send(null)
    },
  )
}

/**
 * The accounts routes (/auth/…) and the authentication every route of the scope they are
 * registered in gets: `request.principal` from the session cookie or a Bearer API token. Register it
 * first in the /api/v1 scope (it is not encapsulated, so its hook covers the sibling modules), then
 * guard routes with `requireRole`.
 *
 * @example await api.register(accountsRoutes, { db })
 */
export const accountsRoutes = Object.assign(routes, {
  // What fastify-plugin does: run in the parent scope instead of a child one.
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'accounts',
})
