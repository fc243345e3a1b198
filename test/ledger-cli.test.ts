import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openDatabase } from '../src/platform/index.ts'
import { DEFAULT_SEED, generateCluster } from '../src/seed/index.ts'
import { huiguo } from './support/cli.ts'

describe('huiguo ledger', () => {
  let dir: string
  let data: string
  const [first, second] = generateCluster(DEFAULT_SEED).enterprises
  const a = first!.id
  const b = second!.id
  const ledger = (...args: string[]) => huiguo(['ledger', ...args, '--data', data])

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'huiguo-ledger-cli-'))
    data = join(dir, 'data')
    cpSync(inject('seededPgliteTemplate'), data, { recursive: true })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('deposits yuan and takes in receipts for known enterprises, then verifies clean', async () => {
    const deposited = await ledger(
      'deposit',
      '--enterprise',
      a,
      '--cny',
      '1250000.5',
      '--reference',
      'slip-1',
    )
    expect(deposited.stderr).toBe('')
    expect(deposited.code).toBe(0)
    expect(deposited.stdout).toBe(
      `Deposited 1250000.50 CNY to ${a}: available 1250000.50 CNY, reserved 0.00 CNY (ledger transaction 1)\n`,
    )
    const received = await ledger('receipt', '--enterprise', b, '--instrument', 'AL-A00-GY', '--kg', '25000')
    expect(received.code).toBe(0)
    expect(received.stdout).toMatch(
      /^Took in 25000 kg of AL-A00-GY for .*: available 25000 kg, reserved 0 kg/,
    )
    const withdrawn = await ledger('withdraw', '--enterprise', a, '--cny', '0.50')
    expect(withdrawn.code).toBe(0)

    const listed = await ledger('balances')
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(new RegExp(`${a}\\s+CNY\\s+1250000.00\\s+0.00`))
    expect(listed.stdout).toMatch(new RegExp(`${b}\\s+AL-A00-GY \\(kg\\)\\s+25000\\s+0`))

    const verified = await ledger('verify')
    expect(verified.code).toBe(0)
    expect(verified.stdout).toMatch(
      /^Ledger balanced: 3 transactions, 6 entries, 4 accounts; held 1250000.00 CNY, 25000 kg of AL-A00-GY\n$/,
    )
  })

  it('refuses unknown enterprises, bad amounts and overdrafts (exit 2), writing nothing', async () => {
    const unknown = await ledger('deposit', '--enterprise', 'no-such-firm', '--cny', '10')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/ENTERPRISE_NOT_FOUND.*nothing was written/)
    // Usage errors are found before the database is opened, so these may run side by side.
    const usage = await Promise.all([
      ...['1.234', '-5', '0', 'ten'].map((cny) => ledger('deposit', '--enterprise', a, '--cny', cny)),
      ledger('receipt', '--enterprise', b, '--instrument', 'al', '--kg', '5'),
      ledger('receipt', '--enterprise', b, '--instrument', 'AL-A00-GY', '--kg', '2.5'),
    ])
    for (const run of usage) expect(run.code, run.stderr).toBe(2)
    for (const run of usage.slice(0, 4)) expect(run.stderr).toMatch(/--cny/)
    expect(usage[4]!.stderr).toMatch(/--instrument/)
    expect(usage[5]!.stderr).toMatch(/--kg/)
    const overdraft = await ledger('withdraw', '--enterprise', a, '--cny', '1250000.01')
    expect(overdraft.code).toBe(2)
    expect(overdraft.stderr).toMatch(/INSUFFICIENT_FUNDS/)
    const verified = await ledger('verify')
    expect(verified.stdout).toMatch(/^Ledger balanced: 3 transactions/)
  }, 120_000)

  it('exits 1 and lists the discrepancy when a balance was changed behind the ledger’s back', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: data })
    try {
      await database.db
        .updateTable('ledger_balance')
        .set({ amount: 1n })
        .where('owner', '=', a)
        .where('asset', '=', 'CNY')
        .execute()
    } finally {
      await database.close()
    }
    const verified = await ledger('verify')
    expect(verified.code).toBe(1)
    expect(verified.stdout).toMatch(/^Ledger NOT balanced: /)
    expect(verified.stdout).toContain(
      `balance-mismatch: ${a} CNY available: balance 1, entries sum to 125000000`,
    )
    expect(verified.stdout).toMatch(/conservation: CNY: by the balances/)
  })
})
