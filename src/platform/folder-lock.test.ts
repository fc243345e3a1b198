import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { lockFolder } from './folder-lock.ts'

describe('folder lock', () => {
  const dirs: string[] = []
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiguo-lock-'))
    dirs.push(dir)
    return dir
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('writes the owner pid and removes the lock on release', () => {
    const dir = newDir()
    const release = lockFolder(dir)
    expect(readFileSync(join(dir, 'huiguo.lock'), 'utf8')).toBe(String(process.pid))
    release()
    expect(existsSync(join(dir, 'huiguo.lock'))).toBe(false)
  })

  it('refuses a folder another live process holds, naming it', () => {
    const dir = newDir()
    writeFileSync(join(dir, 'huiguo.lock'), String(process.ppid))
    expect(() => lockFolder(dir)).toThrow(new RegExp(`in use by process ${process.ppid}`))
    expect(readFileSync(join(dir, 'huiguo.lock'), 'utf8')).toBe(String(process.ppid))
  })

  it('takes over a lock left by a process that is gone', () => {
    const dir = newDir()
    const gone = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString()
    writeFileSync(join(dir, 'huiguo.lock'), gone)
    const release = lockFolder(dir)
    expect(readFileSync(join(dir, 'huiguo.lock'), 'utf8')).toBe(String(process.pid))
    release()
  })
})
