import { describe, expect, it } from 'vitest'
import { type CliRun, huiguo } from '../../../test/support/cli.ts'
import { footprint } from './footprint.ts'
import { sheet } from './footprint-fixture.test-util.ts'
import { readFootprintInput } from './footprint-input.ts'

/** `huiguo footprint` as a user runs it: the real bin, the input on stdin. */
const footprintCli = (stdin: string): Promise<CliRun> => huiguo(['footprint'], stdin)

const INPUT = sheet({ good: { cnCode: '7606 11 92', outputT: 100, origin: 'CN' } })

describe('huiguo footprint', () => {
  it('prints the record as one JSON line with exactly the 11 keys', { timeout: 120_000 }, async () => {
    const run = await footprintCli(JSON.stringify(INPUT))
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const lines = run.stdout.split('\n')
    expect(lines).toHaveLength(2) // one line and its newline
    expect(lines[1]).toBe('')
    const printed = JSON.parse(lines[0]!)
    expect(Object.keys(printed).sort()).toEqual(
      [
        'seeTco2ePerT',
        'directTco2e',
        'precursorTco2e',
        'indirectTco2ePerT',
        'defaultSeeTco2ePerT',
        'payableTco2ePerT',
        'defaultPayableTco2ePerT',
        'costEurPerT',
        'defaultCostEurPerT',
        'savingEur',
        'precursorsOnDefaults',
      ].sort(),
    )
    // The same numbers as the function, unrounded; SEE (2.662 + 195) / 100 = 1.97662.
    const input = readFootprintInput(INPUT)
    const record = input.ok ? footprint(input.value) : input
    expect(record.ok && printed).toEqual(record.ok && record.value)
    expect(printed.seeTco2ePerT).toBeCloseTo(1.97662, 12)
  })

  it('exits 2 naming the field on a bad input, and CN_CODE_UNKNOWN’s field for a heading without default', {
    timeout: 120_000,
  }, async () => {
    const bad = await footprintCli(JSON.stringify({ ...INPUT, good: { ...INPUT.good, outputT: 0 } }))
    expect(bad.code).toBe(2)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toContain('huiguo footprint: /good/outputT must be greater than 0')

    const scrap = await footprintCli(
      JSON.stringify({ ...INPUT, precursors: [{ cnCode: '7602', tonnes: 5, seeTco2ePerT: null }] }),
    )
    expect(scrap.code).toBe(2)
    expect(scrap.stdout).toBe('')
    expect(scrap.stderr).toContain('/precursors/0/cnCode heading 7602 has no CBAM default')

    const notJson = await footprintCli('{"good": ')
    expect(notJson.code).toBe(2)
    expect(notJson.stderr).toContain('not JSON')
  })
})
