import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { runSource } from './run-source.ts'

async function run(stdinText: string) {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (c) => (out += c))
  stderr.on('data', (c) => (err += c))
  const code = await runSource([Buffer.from(stdinText)], stdout, stderr)
  return { code, out, err }
}

describe('huiguo source', () => {
  it('prints the plan as one JSON object, keys in the published order', async () => {
    const { code, out, err } = await run(
      JSON.stringify({
        suppliers: [{ id: 'S', lat: 34.1, lon: 113, form: 'molten', capacityT: 30, premiumCnyPerT: 100 }],
        plants: [{ id: 'P', lat: 34, lon: 113, demandT: { molten: 40, ingot: 0 } }],
        unmetPenaltyCnyPerT: 500,
      }),
    )
    expect(code).toBe(0)
    expect(err).toBe('')
    expect(out.trim().split('\n')).toHaveLength(1)
    const plan = JSON.parse(out)
    expect(Object.keys(plan)).toEqual(['totalCostCny', 'flows', 'unmet', 'marginalCostCnyPerT'])
    // 0.1° → 15 road km: the 4000 fen minimum, 100 + 40 = 140 CNY/t; 30 t, then 10 t unmet at 500.
    expect(plan).toEqual({
      totalCostCny: 4200,
      flows: [{ from: 'S', to: 'P', form: 'molten', tonnes: 30, costCnyPerT: 140 }],
      unmet: [{ plant: 'P', form: 'molten', tonnes: 10 }],
      marginalCostCnyPerT: { 'P/molten': 500 },
    })
  })

  it('refuses an invalid problem with exit 2, naming each field, and prints no plan', async () => {
    const { code, out, err } = await run(JSON.stringify({ suppliers: [{ id: 'S' }], plants: 'P' }))
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toContain('huiguo source: /suppliers/0/form must be "molten" or "ingot"')
    expect(err).toContain('huiguo source: /plants must be an array')
  })

  it('refuses text that is not JSON', async () => {
    const { code, out, err } = await run('{"suppliers": ')
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toContain('not JSON')
  })
})
