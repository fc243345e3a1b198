import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase, openSharedDatabase } from './connect.ts'

describe('PGlite in a worker thread', () => {
  it('migrates, keeps int8 exact and dates as dates, rolls back, and reports SQL errors with their code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiguo-worker-'))
    const database = await openDatabase({ kind: 'pglite', dataDir: dir }, { worker: true })
    try {
      const { db } = database
      const big = 9_007_199_254_740_993n // above 2^53: a float would lose it
      const row = await sql<{
        n: bigint
        at: Date
      }>`select ${big.toString()}::int8 as n, now() as at`.execute(db)
      expect(row.rows[0]!.n).toBe(big)
      expect(row.rows[0]!.at).toBeInstanceOf(Date)
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('app_meta').values({ key: 'in-worker', value: '1' }).execute()
          throw new Error('roll back')
        }),
      ).rejects.toThrow('roll back')
      const kept = await db.selectFrom('app_meta').selectAll().where('key', '=', 'in-worker').execute()
      expect(kept).toEqual([])
      await db.insertInto('app_meta').values({ key: 'twice', value: '1' }).execute()
      const duplicate = await db
        .insertInto('app_meta')
        .values({ key: 'twice', value: '2' })
        .execute()
        .catch((e: unknown) => e)
      expect(duplicate).toMatchObject({ code: '23505' })
    } finally {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it.each([true, false])(
    'runs without full-page writes or zero-filled WAL segments (worker: %s), which fsync off makes pointless',
    async (worker) => {
      const dir = mkdtempSync(join(tmpdir(), 'huiguo-settings-'))
      const database = await openDatabase({ kind: 'pglite', dataDir: dir }, { worker })
      try {
        const settings = await sql<{ name: string; setting: string }>`
        select name, setting from pg_settings where name in ('fsync', 'full_page_writes', 'wal_init_zero') order by name`.execute(
          database.db,
        )
        expect(settings.rows).toEqual([
          { name: 'fsync', setting: 'off' },
          { name: 'full_page_writes', setting: 'off' },
          { name: 'wal_init_zero', setting: 'off' },
        ])
      } finally {
        await database.close()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  )

  it("keeps each client's transaction whole when another thread shares the database through a port", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiguo-shared-'))
    const database = await openDatabase({ kind: 'pglite', dataDir: dir }, { worker: true })
    const shared = database.shareWithThread()
    expect(shared?.kind).toBe('pglite-port')
    const other = openSharedDatabase(shared!)
    try {
      let otherCommitted: Promise<void> = Promise.resolve()
      await expect(
        database.db.transaction().execute(async (trx) => {
          await trx.insertInto('app_meta').values({ key: 'main-tx', value: '1' }).execute()
          // Sent while main's transaction is open: it must wait, not run (and commit) inside it.
          otherCommitted = other.db.transaction().execute(async (t) => {
            await t.insertInto('app_meta').values({ key: 'other-tx', value: '1' }).execute()
          })
          await new Promise((resolve) => setTimeout(resolve, 50))
          await trx.insertInto('app_meta').values({ key: 'main-tx-2', value: '1' }).execute()
          throw new Error('roll back main')
        }),
      ).rejects.toThrow('roll back main')
      await otherCommitted
      const keys = await database.db
        .selectFrom('app_meta')
        .select('key')
        .where('key', 'in', ['main-tx', 'main-tx-2', 'other-tx'])
        .execute()
      expect(keys.map((k) => k.key)).toEqual(['other-tx'])
    } finally {
      await other.close()
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
