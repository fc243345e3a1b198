import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { parseEnterprisesCsv } from '../src/registry/index.ts'
import { generateCluster } from '../src/seed/index.ts'
import { BIN, CLI_ENV, huiguo } from './support/cli.ts'

describe('the huiguo command', () => {
  let dir: string
  let data: string

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'huiguo-cli-'))
    data = join(dir, 'data')
    cpSync(inject('seededPgliteTemplate'), data, { recursive: true })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const exportCsv = async () => {
    const run = await huiguo(['enterprises', 'export', '--data', data])
    expect(run.code).toBe(0)
    return run.stdout
  }

  it('lists its commands', async () => {
    const run = await huiguo(['--help'])
    expect(run.code).toBe(0)
    for (const command of ['start', 'seed', 'enterprises']) expect(run.stdout).toContain(command)
  })

  it('exits 2 on a bad option, naming it', async () => {
    const run = await huiguo(['start', '--port', 'abc'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/--port/)
  })

  it('refuses a CSV with a bad row, reports its line and writes nothing', async () => {
    const before = await exportCsv()
    const lines = before
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split(/\r?\n/)
    const good = lines[1]!.replace(/^[^,]+/, 'z-new-1')
    const bad = lines[2]!
      .replace(/^[^,]+/, 'z-new-2')
      .replace(/,(true|false),(true|false),(true|false)$/, ',maybe,$2,$3')
    const file = join(dir, 'bad.csv')
    writeFileSync(file, `${lines[0]}\n${good}\n${bad}\n`)
    const run = await huiguo(['enterprises', 'import', file, '--data', data])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('line 3')
    expect(run.stderr).toContain('nothing was written')
    expect(await exportCsv()).toBe(before)
  })

  it('imports its own export as a no-op and a new row as an insert', async () => {
    const before = await exportCsv()
    const file = join(dir, 'export.csv')
    writeFileSync(file, before)
    const same = await huiguo(['enterprises', 'import', file, '--data', data])
    expect(same.code).toBe(0)
    expect(same.stdout).toMatch(/0 inserted/)
    expect(await exportCsv()).toBe(before)

    const lines = before.trimEnd().split(/\r?\n/)
    const row = lines[1]!.replace(/^[^,]+/, 'z-real-1').replace(/,true$/, ',false')
    writeFileSync(file, `${lines[0]}\n${row}\n`)
    const added = await huiguo(['enterprises', 'import', file, '--data', data])
    expect(added.code).toBe(0)
    expect(added.stdout).toMatch(/1 inserted, 0 updated/)
  })

  it('seed refuses to delete real enterprises without --force, then replaces the registry', async () => {
    const before = await exportCsv()
    expect(before).toContain('z-real-1')
    const refused = await huiguo(['seed', '--seed', '7', '--data', data])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/not synthetic/)
    expect(await exportCsv()).toBe(before)

    const forced = await huiguo(['seed', '--seed', '7', '--data', data, '--force'])
    expect(forced.code).toBe(0)
    const parsed = parseEnterprisesCsv(await exportCsv())
    expect(parsed.ok).toBe(true)
    if (parsed.ok) {
      const expected = generateCluster(7)
        .enterprises.map((e) => e.id)
        .sort()
      expect(parsed.value.map((e) => e.id)).toEqual(expected)
      expect(parsed.value.every((e) => e.synthetic)).toBe(true)
    }
  })

  it('starts, serves the API and stops on SIGTERM', async () => {
    const child: ChildProcess = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data', data], {
      env: CLI_ENV,
    })
    let stderr = ''
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (d) => {
        stderr += d
        const m = /serving at (http:\/\/localhost:\d+)/.exec(stderr)
        if (m) resolve(m[1]!)
      })
      child.on('close', (code) => reject(new Error(`exited ${code}: ${stderr}`)))
    })
    const health = await fetch(`${url}/healthz`)
    expect(await health.json()).toEqual({ status: 'ok' })
    const summary = await (await fetch(`${url}/api/v1/cluster/summary`)).json()
    expect(summary.processingEnterprises).toBe(
      generateCluster(7).enterprises.filter((e) => e.kind === 'processor').length,
    )
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
    child.kill('SIGTERM')
    expect(await closed).toBe(0)
    expect(readFileSync(join(data, 'PG_VERSION'), 'utf8').trim()).toMatch(/^\d+$/)
  })
})
