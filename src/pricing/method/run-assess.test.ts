import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { runAssess } from './run-assess.ts'

const INPUT = {
  series: { id: 'FEE-8011-O-FOIL-SPOT', family: 'foil' },
  window: { start: '2026-11-20T07:00:00Z', end: '2026-11-27T07:00:00Z' },
  previous: { value: 5200, rolls: 0 },
  deals: [
    {
      id: 'd1',
      submitter: 'A',
      affiliated: false,
      pricedOnIndex: false,
      qtyKg: 40_000,
      value: 5_155,
      deliveryDays: 10,
      paymentDays: 30,
      dealAt: '2026-11-23T02:00:00Z',
    },
    {
      id: 'd2',
      submitter: 'B',
      affiliated: true,
      pricedOnIndex: false,
      qtyKg: 40_000,
      value: 5_150,
      deliveryDays: 10,
      paymentDays: 30,
      dealAt: '2026-11-23T02:00:00Z',
    },
  ],
  quotes: [],
  judgement: null,
}

async function run(stdinText: string) {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (c) => (out += c))
  stderr.on('data', (c) => (err += c))
  const code = await runAssess([Buffer.from(stdinText)], stdout, stderr)
  return { code, out, err }
}

describe('huiguo assess', () => {
  it('prints the record of the input, fields in the published order', async () => {
    const { code, out, err } = await run(JSON.stringify(INPUT))
    expect(code).toBe(0)
    expect(err).toBe('')
    const record = JSON.parse(out)
    // one deal left: Tier 2, 5155 rounded half away from zero → 5160
    expect(record).toMatchObject({ seriesId: 'FEE-8011-O-FOIL-SPOT', value: 5160, tier: 2, nDeals: 1 })
    expect(record.excluded).toEqual([{ id: 'd2', reason: 'affiliated' }])
    expect(Object.keys(record)).toEqual([
      'seriesId',
      'value',
      'tier',
      'rolled',
      'rolls',
      'suspended',
      'low',
      'high',
      'median',
      'nDeals',
      'nQuotes',
      'nSubmitters',
      'volumeKg',
      'topSubmitterShare',
      'excluded',
      'methodologyVersion',
    ])
  })

  it('refuses an input with wrong fields, naming each, and prints no record', async () => {
    const bad = {
      ...INPUT,
      series: { id: 'X', family: 'plate' },
      deals: [{ ...INPUT.deals[0], qtyKg: '40' }],
    }
    const { code, out, err } = await run(JSON.stringify(bad))
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toContain('/series/family must be one of')
    expect(err).toContain('/deals/0/qtyKg must be a finite number')
  })

  it('refuses text that is not JSON', async () => {
    const { code, out, err } = await run('{"series": ')
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toContain('not JSON')
  })
})
