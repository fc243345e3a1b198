import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { databaseTarget, journalOf } from './cli-support.ts'

describe('where the server keeps its data', () => {
  const server = { DATABASE_URL: 'postgres://huiguo@db.example:5432/huiguo' }

  it('journals orders in <data>/journal on PGlite and on a PostgreSQL server alike', () => {
    expect(databaseTarget('/srv/huiguo', {})).toEqual({ kind: 'pglite', dataDir: '/srv/huiguo' })
    expect(databaseTarget('/srv/huiguo', server)).toEqual({ kind: 'postgres', url: server.DATABASE_URL })
    // A restart replays the journal's tail: it must not live in a folder of the process (as it once did).
    expect(journalOf(undefined, '/srv/huiguo', server)).toBe(join('/srv/huiguo', 'journal'))
    expect(journalOf(undefined, undefined, { ...server, HUIGUO_DATA: '/var/lib/huiguo' })).toBe(
      join('/var/lib/huiguo', 'journal'),
    )
    expect(journalOf(undefined, undefined, server)).toBe(resolve('data', 'journal'))
  })

  it('takes --journal over HUIGUO_JOURNAL over the data folder', () => {
    const env = { ...server, HUIGUO_JOURNAL: 'nats://127.0.0.1:4222' }
    expect(journalOf('/mnt/journal', '/srv/huiguo', env)).toBe('/mnt/journal')
    expect(journalOf(undefined, '/srv/huiguo', env)).toBe('nats://127.0.0.1:4222')
  })
})
