import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { type OpenDatabase, openDatabase } from '../../src/platform/index.ts'
import { DEFAULT_SEED, seedDemoCluster } from '../../src/seed/index.ts'

export interface DisposableDatabase extends OpenDatabase {
  dispose(): Promise<void>
}

/** A private copy of the run's seeded PGlite template. */
export async function openSeededPglite(): Promise<DisposableDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'huiguo-test-'))
  cpSync(inject('seededPgliteTemplate'), dir, { recursive: true })
  const database = await openDatabase({ kind: 'pglite', dataDir: dir })
  return {
    ...database,
    dispose: async () => {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A fresh database on the PostgreSQL server of TEST_DATABASE_URL, seeded, dropped on dispose. */
export async function openSeededPostgres(serverUrl: string): Promise<DisposableDatabase> {
  const name = `huiguo_t_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgres', url: url.toString() })
  await seedDemoCluster(database.db, DEFAULT_SEED)
  return {
    ...database,
    dispose: async () => {
      await database.close()
      const drop = new pg.Client({ connectionString: serverUrl })
      await drop.connect()
      await drop.query(`drop database if exists ${name} with (force)`)
      await drop.end()
    },
  }
}

/** The backends a store or HTTP suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function seededBackends(): Array<{ name: string; open: () => Promise<DisposableDatabase> }> {
  const backends = [{ name: 'pglite', open: openSeededPglite }]
  const url = process.env.TEST_DATABASE_URL
  if (url) backends.push({ name: 'postgres', open: () => openSeededPostgres(url) })
  return backends
}
