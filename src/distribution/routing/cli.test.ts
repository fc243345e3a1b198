import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { huiguo } from '../../../test/support/cli.ts'
import { checkSolution } from './test-support/check-solution.ts'

const DIR = join(import.meta.dirname, '..', '..', '..', 'bench', 'route', 'instances')

describe('huiguo route', () => {
  it('prints a checked .sol for a CVRPLIB instance', async () => {
    const file = join(DIR, 'cvrp', 'E-n22-k4.vrp')
    // The iteration limit ends the run long before the time limit, so the output never depends on timing.
    const run = await huiguo(['route', file, '--iterations', '5000', '--time-limit', '120', '--seed', '3'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^Route #1: (\d+ )*\d+\n/)
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('Cost 375')
    expect(checkSolution(readFileSync(file, 'utf8'), run.stdout).errors).toEqual([])
  })

  it('exits 1 and prints nothing when no feasible solution exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiguo-route-'))
    const file = join(dir, 'late.txt')
    const rows = [
      '    0      0      0      0      0    100      0',
      '    1    100      0      5      0     10     10',
    ]
    writeFileSync(
      file,
      [
        'LATE',
        '',
        'VEHICLE',
        'NUMBER     CAPACITY',
        '  2   10',
        '',
        'CUSTOMER',
        'CUST NO.  XCOORD.',
        '',
        ...rows,
        '',
      ].join('\n'),
    )
    const run = await huiguo(['route', file, '--iterations', '50'])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/no feasible solution/)
  })

  it('exits 2 on a file it cannot read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiguo-route-'))
    const file = join(dir, 'bad.vrp')
    writeFileSync(file, 'NAME : bad\nDIMENSION : 3\nCAPACITY : 1\nEDGE_WEIGHT_TYPE : GEO\n')
    const run = await huiguo(['route', file])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/GEO is not supported/)
  })
})
