import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { type OpenDatabase, openDatabase } from '../../src/platform/db/index.ts'

export type TestDatabase = OpenDatabase & { dispose(): Promise<void> }

export interface TestBackend {
  name: 'pglite' | 'postgres'
  /** A fresh, migrated, empty database; `dispose()` closes it (and drops it on PostgreSQL). */
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

/**
 * The backends a store test runs on: in-memory PGlite always, and PostgreSQL as well when
 * TEST_DATABASE_URL names a server (a role that may create databases). Each `open()` on PostgreSQL
 * creates a database of its own, `huiguo_t_<random hex>`, dropped again by `dispose()`.
 *
 *   describe.each(testBackends())('… on $name', (backend) => {
 *     let database: TestDatabase
 *     beforeAll(async () => { database = await backend.open() })
 *     afterAll(() => database.dispose())
 *   })
 */
export function testBackends(): TestBackend[] {
  const backends: TestBackend[] = [
    {
      name: 'pglite',
      async open() {
        const opened = await openDatabase({ kind: 'pglite', dataDir: null })
        return { ...opened, dispose: () => opened.close() }
      },
    },
  ]
  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl) {
    backends.push({
      name: 'postgres',
      async open() {
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
      },
    })
  }
  return backends
}
