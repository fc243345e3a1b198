import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IdTable } from './id-table.ts'

type Op = { op: 'set'; id: number; value: number } | { op: 'delete'; id: number }

describe('IdTable', () => {
  it('answers as a Map of id → value, in increasing order of id, across chunks that come and go', () => {
    // Ids near a few chunk boundaries and far apart, so chunks are made, emptied and made again.
    const id = fc.oneof(fc.nat(10_000), fc.integer({ min: 4_090, max: 4_100 }), fc.constant(2 ** 40 + 7))
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('set' as const), id, value: fc.integer() }),
      fc.record({ op: fc.constant('delete' as const), id }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const table = new IdTable<{ value: number }>()
        const model = new Map<number, { value: number }>()
        for (const o of ops) {
          if (o.op === 'set') {
            const value = { value: o.value }
            table.set(o.id, value)
            model.set(o.id, value)
          } else expect(table.delete(o.id)).toBe(model.delete(o.id))
        }
        expect(table.size).toBe(model.size)
        for (const o of ops) {
          expect(table.get(o.id)).toBe(model.get(o.id))
          expect(table.has(o.id)).toBe(model.has(o.id))
        }
        const byId = [...model.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v)
        expect([...table.values()]).toEqual(byId)
      }),
      { numRuns: 200 },
    )
  })

  it('refuses what is not an id', () => {
    const table = new IdTable<string>()
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53]) expect(() => table.set(bad, 'x')).toThrow(RangeError)
    expect(table.size).toBe(0)
  })
})
