import { mkdirSync } from 'node:fs'
import type { MessagePort } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { lockFolder } from '../folder-lock.ts'
import { migrateToLatest } from './migrations/index.ts'
import { PGliteDialect, type PGliteQueryable } from './pglite-dialect.ts'
import { PGLITE_SETTINGS } from './pglite-settings.mjs'
import { PGliteWorkerClient } from './pglite-worker-client.ts'
import type { Database } from './schema.ts'

const INT8_OID = 20

export type DatabaseTarget = { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string }

export interface OpenDatabase {
  readonly db: Kysely<Database>
  readonly target: DatabaseTarget
  /**
   * How another thread reaches this same database (`openSharedDatabase` there; a PGlite port goes
   * in the worker's transfer list), or null when it cannot: PGlite running in this thread.
   */
  shareWithThread(): SharedDatabase | null
  close(): Promise<void>
}

/** A database opened elsewhere, as a worker thread receives it. */
export type SharedDatabase = { kind: 'pglite-port'; port: MessagePort } | { kind: 'postgres'; url: string }

/**
 * Opens the database (PGlite in a folder, PGlite in memory when dataDir is null, or a PostgreSQL
 * server) and migrates it. int8 is parsed to bigint on both backends so money is exact everywhere.
 */
export interface OpenOptions {
  /**
   * Run PGlite in a worker thread (the server does: its WebAssembly then never blocks the thread
   * that serves requests and matches orders). Default false: in-thread, as tests and the CLI use it.
   */
  readonly worker?: boolean
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<OpenDatabase> {
  let db: Kysely<Database>
  if (target.kind === 'pglite') {
    let unlock = () => {}
    if (target.dataDir) {
      mkdirSync(target.dataDir, { recursive: true })
      unlock = lockFolder(target.dataDir)
    }
    let pglite: PGliteQueryable & { close(): Promise<void> }
    let worker: PGliteWorkerClient | null = null
    try {
      pglite = options.worker
        ? await PGliteWorkerClient.open(target.dataDir)
        : await PGlite.create({
            ...(target.dataDir ? { dataDir: target.dataDir } : {}),
            parsers: { [INT8_OID]: (text: string) => BigInt(text) },
            startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
          })
      if (pglite instanceof PGliteWorkerClient) worker = pglite
    } catch (error) {
      unlock()
      throw error
    }
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
    const close = async () => {
      try {
        await db.destroy()
        await pglite.close()
      } finally {
        unlock()
      }
    }
    await migrateOrClose(db, close)
    const shareWithThread = (): SharedDatabase | null =>
      worker ? { kind: 'pglite-port', port: worker.attachPort() } : null
    return { db, target, shareWithThread, close }
  }
  db = postgresKysely(target.url, 10)
  const close = () => db.destroy()
  await migrateOrClose(db, close)
  const url = target.url
  return { db, target, shareWithThread: () => ({ kind: 'postgres', url }), close }
}

/** Opens, in a worker thread, a database another thread opened (and migrated): see `shareWithThread`. */
export function openSharedDatabase(shared: SharedDatabase): { db: Kysely<Database>; close(): Promise<void> } {
  if (shared.kind === 'postgres') {
    const db = postgresKysely(shared.url, 2)
    return { db, close: () => db.destroy() }
  }
  const client = PGliteWorkerClient.overPort(shared.port)
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) })
  return {
    db,
    async close() {
      await db.destroy()
      await client.close()
    },
  }
}

function postgresKysely(url: string, connections: number): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: connections,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (text: string) => BigInt(text)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
  // An idle client whose server connection ends (a restart, an admin terminating it) is dropped by the
  // pool and replaced on the next checkout; without a listener its 'error' event would crash the process.
  pool.on('error', () => {})
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}

async function migrateOrClose(db: Kysely<Database>, close: () => Promise<void>): Promise<void> {
  try {
    await migrateToLatest(db)
  } catch (error) {
    await close()
    throw error
  }
}
