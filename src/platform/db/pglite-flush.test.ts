import * as realFs from 'node:fs'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { watchWrites } from './pglite-flush.mjs'
import { PGliteWorkerClient } from './pglite-worker-client.ts'

/** A copy of the `node:fs` module object, so that the wrapping stays in this test. */
function fsCopy(): typeof realFs & { synced: string[] } {
  const fs = { ...realFs, synced: [] as string[] } as typeof realFs & { synced: string[] }
  const names = new Map<number, string>()
  const open = fs.openSync
  fs.openSync = ((path: string, flags: string) => {
    const fd = open(path, flags)
    names.set(fd, path.split('/').slice(-2).join('/'))
    return fd
  }) as typeof fs.openSync
  const fdatasync = fs.fdatasyncSync
  fs.fdatasyncSync = (fd: number) => {
    fs.synced.push(names.get(fd) ?? `fd ${fd}`)
    fdatasync(fd)
  }
  return fs
}

describe('watchWrites', () => {
  it('flushes the files written since the last flush, WAL segments first, and each only once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiguo-flush-'))
    mkdirSync(join(dir, 'pg_wal'))
    mkdirSync(join(dir, 'base'))
    const fs = fsCopy()
    const writes = watchWrites(fs)
    try {
      const data = fs.openSync(join(dir, 'base', '16384'), 'w')
      const wal = fs.openSync(join(dir, 'pg_wal', '000000010000000000000001'), 'w')
      const idle = fs.openSync(join(dir, 'base', '16390'), 'w')
      expect(writes.dirty).toBe(false)
      fs.writeSync(data, Buffer.from('page'))
      fs.writeSync(wal, Buffer.from('record'))
      expect(writes.dirty).toBe(true)
      writes.flush()
      expect(fs.synced).toEqual(['pg_wal/000000010000000000000001', 'base/16384'])
      expect(writes.dirty).toBe(false)
      writes.flush()
      expect(fs.synced).toHaveLength(2)
      expect(writes.stats).toEqual({ flushes: 2, filesFlushed: 2 })
      // A file closed with writes not yet flushed is flushed first; a clean one is just closed.
      fs.writeSync(data, Buffer.from('page 2'))
      fs.closeSync(data)
      fs.closeSync(idle)
      expect(fs.synced).toEqual(['pg_wal/000000010000000000000001', 'base/16384', 'base/16384'])
      expect(writes.dirty).toBe(false)
      expect(() => realFs.fstatSync(data)).toThrow(/EBADF/)
      fs.closeSync(wal)
      expect(realFs.readFileSync(join(dir, 'base', '16384'), 'utf8')).toBe('pagepage 2')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the PGlite worker', () => {
  it("flushes PGlite's files when a statement or a transaction commits, not while a transaction is open", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiguo-flush-worker-'))
    const client = await PGliteWorkerClient.open(dir)
    try {
      await client.query('create table flushed (n int)')
      const created = await client.flushStats()
      expect(created.flushes).toBeGreaterThan(0)
      await client.query('begin')
      await client.query('insert into flushed values (1)')
      expect(await client.flushStats()).toEqual(created)
      await client.query('commit')
      const committed = await client.flushStats()
      expect(committed.flushes).toBe(created.flushes + 1)
      expect(committed.filesFlushed).toBeGreaterThan(created.filesFlushed)
      // A read writes nothing and flushes nothing.
      await client.query('select count(*) from flushed')
      expect(await client.flushStats()).toEqual(committed)
    } finally {
      await client.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('has nothing to flush in memory', async () => {
    const client = await PGliteWorkerClient.open(null)
    try {
      await client.query('create table t (n int)')
      expect(await client.flushStats()).toEqual({ flushes: 0, filesFlushed: 0 })
    } finally {
      await client.close()
    }
  })
})
