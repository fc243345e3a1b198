import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { type OpenDatabase, openDatabase } from '../../src/platform/index.ts'
import { DEFAULT_SEED, seedDemoCluster } from '../../src/seed/index.ts'

export type TestDatabase = OpenDatabase & { dispose(): Promise<void> }

export interface TestBackend {
  name: 'pglite' | 'postgres'
  /** A database of its own; `dispose()` closes it and deletes it. */
  open(): Promise<TestDatabase>
}

async function withAdminClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await use(client)
  } finally {
    await client.end()
  }
}

/** A private copy of one of the run's PGlite templates (see global-setup.ts). */
async function openPgliteCopy(template: string): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'huiguo-test-'))
  cpSync(template, dir, { recursive: true })
  const opened = await openDatabase({ kind: 'pglite', dataDir: dir })
  return {
    ...opened,
    async dispose() {
      await opened.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A new database `huiguo_t_<hex>` on the server of adminUrl, migrated; dropped by `dispose()`. */
async function openPostgresDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `huiguo_t_${randomBytes(6).toString('hex')}`
  await withAdminClient(adminUrl, (client) => client.query(`create database ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const drop = () =>
    withAdminClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`))
  let opened: OpenDatabase
  try {
    opened = await openDatabase({ kind: 'postgres', url: url.toString() })
  } catch (error) {
    await drop()
    throw error
  }
  return {
    ...opened,
    async dispose() {
      try {
        await opened.close()
      } finally {
        await drop()
      }
    },
  }
}

/**
 * The backends a store or HTTP suite runs on: PGlite always, and PostgreSQL as well when
 * TEST_DATABASE_URL names a server (a role that may create databases).
 *
 *   describe.each(testBackends())('… on $name', (backend) => {
 *     let database: TestDatabase
 *     beforeAll(async () => { database = await backend.open() })
 *     afterAll(() => database.dispose())
 *   })
 */
export function testBackends(): TestBackend[] {
  const backends: TestBackend[] = [
    { name: 'pglite', open: () => openPgliteCopy(inject('emptyPgliteTemplate')) },
  ]
  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl) backends.push({ name: 'postgres', open: () => openPostgresDatabase(adminUrl) })
  return backends
}

/** The same backends, each database holding the demo cluster of DEFAULT_SEED. */
export function seededBackends(): TestBackend[] {
  const backends: TestBackend[] = [
    { name: 'pglite', open: () => openPgliteCopy(inject('seededPgliteTemplate')) },
  ]
  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl)
    backends.push({
      name: 'postgres',
      async open() {
        const database = await openPostgresDatabase(adminUrl)
        await seedDemoCluster(database.db, DEFAULT_SEED)
        return database
      },
    })
  return backends
}
