import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { main } from '../cli/main.ts'
import { openDatabase } from '../platform/index.ts'
import { authenticateApiToken, verifyLogin } from './service.ts'

/** Runs `huiguo …` in-process against a PGlite folder, capturing what it writes. */
async function huiguo(args: string[]) {
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk)
    return true
  })
  try {
    return { code: await main(args), stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}

describe('huiguo user add / token create', () => {
  let dir: string
  let data: string
  const saved = process.env.DATABASE_URL

  beforeAll(async () => {
    delete process.env.DATABASE_URL
    dir = mkdtempSync(join(tmpdir(), 'huiguo-accounts-cli-'))
    data = join(dir, 'data')
    cpSync(inject('emptyPgliteTemplate'), data, { recursive: true })
    const database = await openDatabase({ kind: 'pglite', dataDir: data })
    await database.db
      .insertInto('enterprise')
      .values({
        id: 'gy-cli',
        name_zh: '测试铝业',
        name_en: 'Test Aluminium',
        kind: 'processor',
        category: null,
        stages: [],
        place: 'huiguo',
        province: 'Henan',
        lat: 34.7,
        lon: 113,
        annual_revenue_fen: 0n,
        employees: 1,
        certifications: [],
        in_cluster: true,
        top_ten_sheet_strip: false,
        synthetic: false,
      })
      .execute()
    await database.close()
  })
  afterAll(() => {
    if (saved !== undefined) process.env.DATABASE_URL = saved
    rmSync(dir, { recursive: true, force: true })
  })

  const add = (...extra: string[]) =>
    huiguo([
      'user',
      'add',
      '--enterprise',
      'gy-cli',
      '--data',
      data,
      '--password',
      'a-long-passphrase',
      ...extra,
    ])

  it('adds a user with several roles, then refuses the same username with exit 2', async () => {
    const run = await add('--username', 'Ops.Li', '--role', 'admin', '--role', 'trader')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Added user ops\.li \(.+\) to enterprise gy-cli with roles trader, admin\n$/)
    const again = await add('--username', 'ops.li', '--role', 'viewer')
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('is taken')
  })

  it('refuses an unknown enterprise, an unknown role, a weak password, no role: exit 2, with the reason', async () => {
    const unknown = await huiguo([
      ...[
        'user',
        'add',
        '--enterprise',
        'gy-none',
        '--username',
        'wu.one',
        '--password',
        'a-long-passphrase',
      ],
      ...['--role', 'viewer', '--data', data],
    ])
    expect(unknown).toMatchObject({ code: 2, stdout: '' })
    expect(unknown.stderr).toContain('no enterprise "gy-none"')
    expect((await add('--username', 'wu.two', '--role', 'root')).stderr).toContain('Unknown role "root"')
    const weak = await huiguo([
      ...['user', 'add', '--enterprise', 'gy-cli', '--username', 'wu.three', '--password', 'short'],
      ...['--role', 'viewer', '--data', data],
    ])
    expect(weak.code).toBe(2)
    expect(weak.stderr).toContain('at least 10 characters')
    expect((await add('--username', 'wu.four')).code).toBe(2)
  })

  it('prints only a working API token', async () => {
    const run = await huiguo(['token', 'create', '--username', 'ops.li', '--name', 'feeder', '--data', data])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^hg_[A-Za-z0-9_-]{43}\n$/)
    const database = await openDatabase({ kind: 'pglite', dataDir: data })
    try {
      const principal = await authenticateApiToken(database.db, run.stdout.trim(), new Date())
      expect(principal).toMatchObject({ ok: true, value: { username: 'ops.li', roles: ['trader', 'admin'] } })
      expect(await verifyLogin(database.db, 'ops.li', 'a-long-passphrase')).toMatchObject({ ok: true })
    } finally {
      await database.close()
    }
    const ghost = await huiguo(['token', 'create', '--username', 'ghost', '--data', data])
    expect(ghost).toMatchObject({ code: 2, stdout: '' })
    expect(ghost.stderr).toContain('no user "ghost"')
  })
})
