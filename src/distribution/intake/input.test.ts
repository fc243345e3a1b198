import { describe, expect, it } from 'vitest'
import { readIntakeProblem } from './input.ts'

const supplier = { id: 'S', lat: 34.8, lon: 113, form: 'ingot', capacityT: 100, premiumCnyPerT: 50 }
const plant = { id: 'P', lat: 34.7, lon: 112.9, demandT: { molten: 10, ingot: 20 } }

describe('readIntakeProblem', () => {
  it('fills the defaults: penalty 100 000, a missing form of demand is none', () => {
    const read = readIntakeProblem({
      suppliers: [supplier],
      plants: [{ ...plant, demandT: { ingot: 5 } }],
      note: 'ignored',
    })
    expect(read).toEqual({
      ok: true,
      value: {
        suppliers: [supplier],
        plants: [{ ...plant, demandT: { molten: 0, ingot: 5 } }],
        unmetPenaltyCnyPerT: 100_000,
      },
    })
  })

  it('names every problem by its JSON pointer', () => {
    const read = readIntakeProblem({
      suppliers: [{ ...supplier, id: 7, lon: 200, premiumCnyPerT: '50' }, 'S2'],
      plants: [plant, { ...plant, demandT: { molten: -1 } }, { ...plant, demandT: null }],
      unmetPenaltyCnyPerT: -5,
    })
    expect(read.ok).toBe(false)
    if (read.ok) return
    expect(read.problems).toEqual([
      { field: '/suppliers/0/id', message: 'must be a non-empty string' },
      { field: '/suppliers/0/lon', message: 'must be a number from -180 to 180 (degrees, WGS-84)' },
      { field: '/suppliers/0/premiumCnyPerT', message: 'must be a number from -1e9 to 1e9 CNY/t' },
      { field: '/suppliers/1', message: 'must be an object' },
      { field: '/suppliers/1/id', message: 'must be a non-empty string' },
      { field: '/suppliers/1/lat', message: 'must be a number from -90 to 90 (degrees, WGS-84)' },
      { field: '/suppliers/1/lon', message: 'must be a number from -180 to 180 (degrees, WGS-84)' },
      { field: '/suppliers/1/form', message: 'must be "molten" or "ingot"' },
      { field: '/suppliers/1/capacityT', message: 'must be a number from 0 to 1e9 t' },
      { field: '/suppliers/1/premiumCnyPerT', message: 'must be a number from -1e9 to 1e9 CNY/t' },
      { field: '/plants/1/demandT/molten', message: 'must be a number from 0 to 1e9 t' },
      { field: '/plants/2/demandT', message: 'must be an object' },
      { field: '/plants/1/id', message: 'repeats the id of /plants/0' },
      { field: '/plants/2/id', message: 'repeats the id of /plants/0' },
      { field: '/unmetPenaltyCnyPerT', message: 'must be a number from 0 to 1e12 CNY/t' },
    ])
  })

  it('refuses a root that is not an object, and missing lists', () => {
    const read = readIntakeProblem([])
    expect(read.ok).toBe(false)
    if (read.ok) return
    expect(read.problems.map((p) => p.field)).toEqual(['', '/suppliers', '/plants'])
  })
})
