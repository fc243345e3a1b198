import { createHash, randomBytes } from 'node:crypto'
import { Agent, get as httpGet } from 'node:http'
import type { FastifyRequest, LightMyRequestResponse } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authenticationHook, keepCredentialsWarm } from '../../src/accounts/authenticate.ts'
import {
  accountsRoutes,
  createApiToken,
  createUser,
  openSession,
  requirePrincipal,
  requireRole,
  revokeApiToken,
  type ScryptCost,
  SESSION_IDLE_MS,
  type User,
} from '../../src/accounts/index.ts'
import { PrincipalCache } from '../../src/accounts/principal-cache.ts'
import { buildApp, type HuiguoApp } from '../../src/app.ts'
import { buildHttp, type HttpApp } from '../../src/platform/index.ts'
import { type Enterprise, insertEnterprises } from '../../src/registry/index.ts'
import { type TestDatabase, testBackends } from '../support/databases.ts'

const COST: ScryptCost = { n: 2 ** 14, r: 8, p: 1 }
const PASSWORD = 'aluminium-A00-ingot'

const enterprise = (id: string, nameEn: string): Enterprise => ({
  id,
  nameZh: `${nameEn}铝业`,
  nameEn,
  kind: 'processor',
  category: null,
  stages: ['cold_rolling'],
  place: 'huiguo',
  province: 'Henan',
  lat: 34.7,
  lon: 113.0,
  capacityTPerYear: {},
  annualRevenueFen: 100_000_000n,
  employees: 100,
  certifications: [],
  inCluster: true,
  topTenSheetStrip: false,
  synthetic: false,
})

/** The session cookie's name=value from a response, for the next request's Cookie header. */
function cookieOf(res: LightMyRequestResponse): string {
  const header = res.headers['set-cookie']
  const value = Array.isArray(header) ? header[0] : header
  const pair = value?.split(';')[0]
  if (!pair) throw new Error(`no Set-Cookie in ${res.statusCode} ${res.body}`)
  return pair
}

describe.each(testBackends())('accounts and authentication on $name', ({ open }) => {
  let database: TestDatabase
  let app: HttpApp
  let huiguo: HuiguoApp | undefined
  /** A bare API scope with a role-guarded route, as another module would write one. */
  let guarded: HttpApp
  const users: Record<string, User> = {}
  /** Every secret this suite handed out or typed; none may be found in the database. */
  const secrets = new Set<string>([PASSWORD])

  const addUser = async (username: string, roles: string[], enterpriseId = 'gy-alpha') => {
    const result = await createUser(
      database.db,
      { enterpriseId, username, password: PASSWORD, roles },
      { now: new Date(), cost: COST },
    )
    if (!result.ok) throw new Error(result.detail)
    users[username] = result.value
    return result.value
  }

  const login = (username: string, password = PASSWORD, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers })

  const loginCookie = async (username: string) => {
    const res = await login(username)
    expect(res.statusCode).toBe(200)
    const cookie = cookieOf(res)
    secrets.add(cookie.split('=')[1]!)
    return cookie
  }

  const me = (headers: Record<string, string>) =>
    app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })

  beforeAll(async () => {
    database = await open()
    await insertEnterprises(database.db, [enterprise('gy-alpha', 'Alpha'), enterprise('gy-beta', 'Beta')])
    await addUser('trader.li', ['trader'])
    await addUser('admin.wang', ['admin', 'viewer'])
    await addUser('risk.zhao', ['risk'], 'gy-beta')
    await addUser('throttled', ['viewer'])
    await addUser('disabled.one', ['trader'])
    huiguo = await buildApp({ database, webDistDir: null })
    app = huiguo.app
    await app.ready()

    guarded = await buildHttp({ logger: false, webDistDir: null, version: 'test' })
    await guarded.register(
      async (api) => {
        await api.register(accountsRoutes, { db: database.db, passwordCost: COST })
        api.get('/public', async (request) => ({ principal: request.principal?.username ?? null }))
        api.get('/admin-only', { onRequest: requireRole('admin') }, async (request, reply) => ({
          enterprise: requirePrincipal(request, reply).enterpriseId,
        }))
        api.get('/risk-or-admin', { onRequest: requireRole('risk', 'admin') }, async () => ({ ok: true }))
      },
      { prefix: '/api/v1' },
    )
    await guarded.ready()
  })
  afterAll(async () => {
    await huiguo?.close()
    await guarded?.close()
    await database?.dispose()
  })

  it('logs in with a password and sets an HttpOnly SameSite=Strict session cookie', async () => {
    const res = await login('trader.li')
    expect(res.statusCode).toBe(200)
    const user = res.json().user
    expect(user).toMatchObject({
      id: users['trader.li']!.id,
      username: 'trader.li',
      roles: ['trader'],
      enterprise: { id: 'gy-alpha', nameEn: 'Alpha', nameZh: 'Alpha铝业' },
    })
    const setCookie = String(res.headers['set-cookie'])
    expect(setCookie).toMatch(/^huiguo_session=hgs_[A-Za-z0-9_-]{43}; /)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
    expect(setCookie).toContain('Path=/')
    expect(setCookie).not.toContain('Secure')
    expect(res.headers['cache-control']).toBe('no-store')
    secrets.add(cookieOf(res).split('=')[1]!)
  })

  it('accepts the username in any case', async () => {
    expect((await login('Trader.Li')).statusCode).toBe(200)
  })

  it('marks the cookie Secure behind https', async () => {
    const res = await login('trader.li', PASSWORD, { 'x-forwarded-proto': 'https' })
    expect(res.statusCode).toBe(200)
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure$/)
  })

  it('answers /auth/me with the user, enterprise and roles from the cookie', async () => {
    const cookie = await loginCookie('admin.wang')
    const res = await me({ cookie })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      user: {
        id: users['admin.wang']!.id,
        username: 'admin.wang',
        roles: ['admin', 'viewer'],
        enterprise: { id: 'gy-alpha', nameZh: 'Alpha铝业', nameEn: 'Alpha' },
        createdAt: users['admin.wang']!.createdAt.toISOString(),
      },
      authenticatedBy: 'session',
    })
  })

  it('answers /auth/me with a Bearer API token', async () => {
    const { token } = await createApiToken(
      database.db,
      { userId: users['risk.zhao']!.id, name: 'risk bot', expiresAt: null },
      new Date(),
    )
    secrets.add(token)
    const res = await me({ authorization: `Bearer ${token}` })
    expect(res.statusCode).toBe(200)
    expect(res.json().user).toMatchObject({ username: 'risk.zhao', enterprise: { id: 'gy-beta' } })
    expect(res.json().authenticatedBy).toBe('token')
  })

  it('gives 401 UNAUTHENTICATED without credentials', async () => {
    const res = await me({})
    expect(res.statusCode).toBe(401)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' })
  })

  it('refuses a wrong password and an unknown user with the same 401 body', async () => {
    const wrong = await login('trader.li', 'not-the-password')
    const unknown = await login('nobody.here', 'not-the-password')
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' })
    expect(unknown.body).toBe(wrong.body)
    expect(wrong.headers['set-cookie']).toBeUndefined()
  })

  it('refuses a disabled user like a wrong password, and their tokens', async () => {
    const cookie = await loginCookie('disabled.one')
    await database.db
      .updateTable('app_user')
      .set({ disabled: true })
      .where('username', '=', 'disabled.one')
      .execute()
    const res = await login('disabled.one')
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('INVALID_CREDENTIALS')
    expect((await me({ cookie })).json().code).toBe('TOKEN_INVALID')
  })

  it('refuses an expired session and clears its cookie', async () => {
    const longAgo = new Date(Date.now() - SESSION_IDLE_MS - 60_000)
    const { token } = await openSession(database.db, users['trader.li']!.id, longAgo)
    secrets.add(token)
    const res = await me({ cookie: `huiguo_session=${token}` })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('TOKEN_EXPIRED')
    expect(String(res.headers['set-cookie'])).toContain('Max-Age=0')
    expect((await me({ cookie: `huiguo_session=${token}` })).json().code).toBe('TOKEN_INVALID')
  })

  it('slides a session on use', async () => {
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000)
    const { token } = await openSession(database.db, users['trader.li']!.id, twoHoursAgo)
    secrets.add(token)
    const id = createHash('sha256').update(token).digest('hex')
    const session = () =>
      database.db
        .selectFrom('user_session')
        .select(['expires_at', 'last_seen_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    expect((await session()).expires_at.getTime()).toBe(twoHoursAgo.getTime() + SESSION_IDLE_MS)
    const before = Date.now()
    expect((await me({ cookie: `huiguo_session=${token}` })).statusCode).toBe(200)
    const slid = await session()
    expect(slid.last_seen_at.getTime()).toBeGreaterThanOrEqual(before)
    expect(slid.expires_at.getTime()).toBe(slid.last_seen_at.getTime() + SESSION_IDLE_MS)
  })

  it('refuses forged session cookies and bearer tokens with 401 TOKEN_INVALID', async () => {
    const forged: Record<string, string>[] = [
      { cookie: `huiguo_session=hgs_${randomBytes(32).toString('base64url')}` },
      { cookie: 'huiguo_session=not-a-token' },
      { authorization: `Bearer hg_${randomBytes(32).toString('base64url')}` },
      { authorization: 'Bearer hg_short' },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'Bearer' },
    ]
    for (const headers of forged) {
      const res = await me(headers)
      expect(res.statusCode, JSON.stringify(headers)).toBe(401)
      expect(res.json().code, JSON.stringify(headers)).toBe('TOKEN_INVALID')
    }
  })

  it('does not take a session token as a bearer token', async () => {
    const cookie = await loginCookie('trader.li')
    const res = await me({ authorization: `Bearer ${cookie.split('=')[1]}` })
    expect(res.json().code).toBe('TOKEN_INVALID')
  })

  it('refuses an expired API token with 401 TOKEN_EXPIRED', async () => {
    const created = new Date(Date.now() - 2 * 86_400_000)
    const { token } = await createApiToken(
      database.db,
      { userId: users['trader.li']!.id, name: 'old', expiresAt: new Date(Date.now() - 86_400_000) },
      created,
    )
    secrets.add(token)
    const res = await me({ authorization: `Bearer ${token}` })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('TOKEN_EXPIRED')
  })

  it('creates, lists and revokes API tokens over HTTP; a revoked token gets 401', async () => {
    const cookie = await loginCookie('trader.li')
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: { cookie },
      payload: { name: 'quote feeder', expiresInDays: 30 },
    })
    expect(created.statusCode).toBe(201)
    const { token, apiToken } = created.json()
    secrets.add(token)
    expect(token).toMatch(/^hg_[A-Za-z0-9_-]{43}$/)
    expect(apiToken).toMatchObject({ name: 'quote feeder', revokedAt: null })
    const bearer = { authorization: `Bearer ${token}` }
    expect((await me(bearer)).statusCode).toBe(200)

    // a token cannot mint more tokens
    const minted = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: bearer,
      payload: { name: 'more' },
    })
    expect(minted.statusCode).toBe(403)
    expect(minted.json().code).toBe('FORBIDDEN')

    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/tokens?limit=200',
      headers: { cookie },
    })
    expect(list.statusCode).toBe(200)
    expect(list.json().items.map((t: { id: string }) => t.id)).toContain(apiToken.id)
    expect(list.body).not.toContain(token)

    // someone else cannot revoke it
    const other = await app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/tokens/${apiToken.id}`,
      headers: { cookie: await loginCookie('admin.wang') },
    })
    expect(other.statusCode).toBe(404)
    expect(other.json().code).toBe('TOKEN_NOT_FOUND')

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/tokens/${apiToken.id}`,
      headers: bearer,
    })
    expect(revoked.statusCode).toBe(204)
    const after = await me(bearer)
    expect(after.statusCode).toBe(401)
    expect(after.json().code).toBe('TOKEN_INVALID')
  })

  it('logs out: the session is closed and the cookie cleared', async () => {
    const cookie = await loginCookie('trader.li')
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })
    expect(res.statusCode).toBe(204)
    expect(String(res.headers['set-cookie'])).toMatch(/^huiguo_session=; .*Max-Age=0/)
    const after = await me({ cookie })
    expect(after.statusCode).toBe(401)
    expect(after.json().code).toBe('TOKEN_INVALID')
  })

  it('guards routes by role: 401 without credentials, 403 without the role, 200 with it', async () => {
    const get = (url: string, headers: Record<string, string> = {}) =>
      guarded.inject({ method: 'GET', url, headers })
    const trader = cookieOf(
      await guarded.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'trader.li', password: PASSWORD },
      }),
    )
    const admin = await loginCookie('admin.wang')
    const { token: riskToken } = await createApiToken(
      database.db,
      { userId: users['risk.zhao']!.id, name: 'r', expiresAt: null },
      new Date(),
    )
    secrets.add(riskToken)

    expect((await get('/api/v1/admin-only')).json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' })
    const forbidden = await get('/api/v1/admin-only', { cookie: trader })
    expect(forbidden.statusCode).toBe(403)
    expect(forbidden.headers['content-type']).toContain('application/problem+json')
    expect(forbidden.json()).toMatchObject({ status: 403, code: 'FORBIDDEN' })
    const allowed = await get('/api/v1/admin-only', { cookie: admin })
    expect(allowed.statusCode).toBe(200)
    expect(allowed.json()).toEqual({ enterprise: 'gy-alpha' })
    expect((await get('/api/v1/risk-or-admin', { authorization: `Bearer ${riskToken}` })).statusCode).toBe(
      200,
    )
    expect((await get('/api/v1/risk-or-admin', { cookie: trader })).statusCode).toBe(403)
    // public routes see the principal but never refuse, even with bad credentials
    expect((await get('/api/v1/public', { cookie: trader })).json()).toEqual({ principal: 'trader.li' })
    expect((await get('/api/v1/public', { authorization: 'Bearer nonsense' })).json()).toEqual({
      principal: null,
    })
  })

  it('keeps the token of a pausing client fresh in the background, and still drops it once revoked elsewhere', async () => {
    const { token, apiToken } = await createApiToken(
      database.db,
      { userId: users['trader.li']!.id, name: 'bursts every few seconds', expiresAt: null },
      new Date(),
    )
    secrets.add(token)
    let nowMs = Date.now()
    const clock = () => new Date(nowMs)
    const cache = new PrincipalCache({ ttlMs: 1000, keepWarmMs: 60_000 })
    const authenticate = authenticationHook(database.db, clock, cache)
    const keepWarm = keepCredentialsWarm(database.db, clock, cache)
    const socket = {} // one keep-alive connection
    const ask = async () => {
      const request = {
        headers: { authorization: `Bearer ${token}` },
        raw: { socket },
      } as unknown as FastifyRequest
      await authenticate(request)
      return request.principal?.username ?? null
    }
    expect(await ask()).toBe('trader.li')
    nowMs += 600 // the client pauses; past half the time to live, the timer looks the token up again
    await keepWarm()
    // Revoked by another process (this one's cache is not told): an entry kept warm still answers
    // until its next lookup, as an entry in use does.
    expect((await revokeApiToken(database.db, users['trader.li']!.id, apiToken.id, new Date(nowMs))).ok).toBe(
      true,
    )
    nowMs += 450 // 1,050 ms after the first lookup: without the keep-warm lookup, this entry had expired
    expect(await ask()).toBe('trader.li')
    nowMs += 50 // past half the refreshed entry's time to live: the next round finds the revocation
    await keepWarm()
    expect(await ask()).toBeNull()
  })

  it('tells apart the credentials sent one after another over one keep-alive connection, however many', async () => {
    const tokenOf = async (username: string) => {
      const { token } = await createApiToken(
        database.db,
        { userId: users[username]!.id, name: `keep-alive ${username}`, expiresAt: null },
        new Date(),
      )
      secrets.add(token)
      return `Bearer ${token}`
    }
    const risk = await tokenOf('risk.zhao')
    const trader = await tokenOf('trader.li')
    const admin = await tokenOf('admin.wang')
    const viewer = await tokenOf('throttled')
    const adminCookie = await loginCookie('admin.wang')
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const ask = (headers: Record<string, string>) =>
      new Promise<{ status: number; username: string | null; code: string | null; reused: boolean }>(
        (resolve, reject) => {
          const request = httpGet(`${url}/api/v1/auth/me`, { agent, headers }, (res) => {
            let body = ''
            res.setEncoding('utf8').on('data', (chunk: string) => {
              body += chunk
            })
            res.on('end', () => {
              const json = JSON.parse(body) as { user?: { username: string }; code?: string }
              resolve({
                status: res.statusCode ?? 0,
                username: json.user?.username ?? null,
                code: json.code ?? null,
                reused: request.reusedSocket,
              })
            })
          })
          request.on('error', reject)
        },
      )
    try {
      const answers = []
      const sequence: Record<string, string>[] = [
        { authorization: risk },
        { authorization: trader },
        { authorization: 'Bearer hgt_forged0000000000000000000000000000000000000' },
        { authorization: risk },
        { cookie: adminCookie },
        { authorization: risk },
        { authorization: trader },
        // More credentials than a connection remembers: each is still judged by itself.
        { authorization: admin },
        { authorization: viewer },
        { authorization: risk },
        { authorization: trader },
      ]
      for (const headers of sequence) answers.push(await ask(headers))
      expect(answers.map((a) => a.username ?? `${a.status} ${a.code}`)).toEqual([
        'risk.zhao',
        'trader.li',
        '401 TOKEN_INVALID',
        'risk.zhao',
        'admin.wang',
        'risk.zhao',
        'trader.li',
        'admin.wang',
        'throttled',
        'risk.zhao',
        'trader.li',
      ])
      expect(answers.slice(1).every((a) => a.reused)).toBe(true)
    } finally {
      agent.destroy()
    }
  })

  it('keeps public routes of other modules public with a bad cookie', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/vocabulary',
      headers: { cookie: 'huiguo_session=hgs_forged' },
    })
    expect(res.statusCode).toBe(200)
  })

  it('throttles a username from one address after 10 failures: 429 TOO_MANY_ATTEMPTS', async () => {
    for (let i = 0; i < 10; i++)
      expect((await login('throttled', `wrong-${i}-password`)).statusCode).toBe(401)
    const res = await login('throttled')
    expect(res.statusCode).toBe(429)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json()).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS' })
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(800)
    // the same username from another address, and other users, are not held up
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'throttled', password: PASSWORD },
      remoteAddress: '10.9.8.7',
    })
    expect(elsewhere.statusCode).toBe(200)
    expect((await login('admin.wang')).statusCode).toBe(200)
  })

  it('answers bad login bodies with 400 and the failing fields', async () => {
    const post = (payload: string, contentType = 'application/json') =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload,
        headers: { 'content-type': contentType },
      })
    const missing = await post('{}')
    expect(missing.statusCode).toBe(400)
    expect(missing.json().code).toBe('VALIDATION_FAILED')
    expect(
      missing
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body/password', 'body/username'])
    const wrong = await post(JSON.stringify({ username: 5, password: 'x', role: 'admin' }))
    expect(wrong.statusCode).toBe(400)
    expect(
      wrong
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body/role', 'body/username'])
    const malformed = await post('{"username": ')
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().code).toBe('MALFORMED_JSON')
    const tokenBody = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: { cookie: await loginCookie('trader.li') },
      payload: { name: '', expiresInDays: 1.5 },
    })
    expect(tokenBody.statusCode).toBe(400)
    expect(
      tokenBody
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body/expiresInDays', 'body/name'])
  })

  it('refuses bad new users with their codes', async () => {
    const now = { now: new Date(), cost: COST }
    const base = {
      enterpriseId: 'gy-alpha',
      username: 'new.user',
      password: 'long enough pass',
      roles: ['viewer'],
    }
    const code = async (input: Partial<typeof base>) => {
      const r = await createUser(database.db, { ...base, ...input }, now)
      return r.ok ? 'ok' : r.code
    }
    expect(await code({ enterpriseId: 'gy-nowhere' })).toBe('ENTERPRISE_NOT_FOUND')
    expect(await code({ username: 'trader.li' })).toBe('USERNAME_TAKEN')
    expect(await code({ username: 'TRADER.LI' })).toBe('USERNAME_TAKEN')
    expect(await code({ roles: ['superuser'] })).toBe('ROLE_INVALID')
    expect(await code({ password: 'short' })).toBe('PASSWORD_TOO_WEAK')
    expect(await code({ password: 'new.user' })).toBe('PASSWORD_TOO_WEAK')
    expect(await code({ username: 'x' })).toBe('USERNAME_INVALID')
    expect(await code({})).toBe('ok')
  })

  it('keeps no password or token in plain text in any table', async () => {
    const rows = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(database.db)
    const tables = rows.rows.map((r) => r.table_name)
    expect(tables).toEqual(expect.arrayContaining(['app_user', 'user_session', 'api_token']))
    let dump = ''
    for (const table of tables) {
      const all = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(
        database.db,
      )
      dump += all.rows.map((r) => r.row).join('\n')
    }
    expect(dump).toContain('scrypt$')
    expect(secrets.size).toBeGreaterThan(5)
    for (const secret of secrets) expect(dump).not.toContain(secret)
    const hashes = await database.db.selectFrom('app_user').select('password_hash').execute()
    for (const { password_hash } of hashes) expect(password_hash).toMatch(/^scrypt\$16384\$8\$1\$/)
    const tokenHashes = await database.db.selectFrom('api_token').select('token_hash').execute()
    for (const { token_hash } of tokenHashes) expect(token_hash).toMatch(/^[0-9a-f]{64}$/)
  })
})
