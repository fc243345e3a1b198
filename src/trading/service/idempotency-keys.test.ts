import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IdempotencyKeys } from './idempotency-keys.ts'

type Op =
  | { op: 'set'; key: number; orderId: number; hash: number }
  | { op: 'forget'; beforeMs: number; keepOdd: boolean }

describe('IdempotencyKeys', () => {
  it('answers as a map of key → order, hash and time, forgetting the oldest first, through compactions', () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          op: fc.constant('set' as const),
          key: fc.nat(40),
          orderId: fc.nat(),
          hash: fc.nat(3),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          op: fc.constant('forget' as const),
          beforeMs: fc.nat(3_000),
          keepOdd: fc.boolean(),
        }),
      },
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3_000 }), (ops) => {
        const keys = new IdempotencyKeys()
        // The model: insertion-ordered, a replaced key moves to the end (it was placed last).
        const model = new Map<string, { orderId: number; hash: string; createdAtMs: number }>()
        let now = 0
        for (const o of ops) {
          if (o.op === 'set') {
            now++
            const key = `k${o.key}`
            keys.set(key, o.orderId, `h${o.hash}`, now)
            model.delete(key)
            model.set(key, { orderId: o.orderId, hash: `h${o.hash}`, createdAtMs: now })
          } else {
            const keep = (orderId: number) => o.keepOdd && orderId % 2 === 1
            let expected = 0
            for (const [key, entry] of model) {
              if (entry.createdAtMs >= o.beforeMs) break
              if (keep(entry.orderId)) continue
              model.delete(key)
              expected++
            }
            expect(keys.forgetBefore(o.beforeMs, keep)).toBe(expected)
          }
        }
        expect(keys.size).toBe(model.size)
        for (let k = 0; k <= 40; k++) {
          const entry = model.get(`k${k}`)
          // Order, request hash and time, or nothing once forgotten.
          expect(keys.get(`k${k}`)).toEqual(entry)
        }
      }),
      { numRuns: 60 },
    )
  })

  it('keeps keys and hashes of any text apart, as they grow past the first slab and table', () => {
    // Thousands of live keys of any length and alphabet: the slab doubles, the table is rebuilt,
    // and keys that share a prefix, a length or a probe sequence must not answer for each other.
    const text = fc.string({ unit: 'binary', maxLength: 12 })
    const step = fc.record({ key: text, hash: text, forget: fc.nat(30) })
    fc.assert(
      fc.property(fc.array(step, { minLength: 2_500, maxLength: 4_000 }), fc.boolean(), (steps, collide) => {
        // A poor hash (the key's length) makes keys share probe sequences and hashes.
        const keys = new IdempotencyKeys(collide ? { hashOfKey: (key) => key.length } : {})
        const model = new Map<string, { orderId: number; hash: string; createdAtMs: number }>()
        for (const [i, s] of steps.entries()) {
          const key = `${s.key}\n${i % 7}` // some keys come back, most are new
          keys.set(key, i, s.hash, i)
          model.delete(key)
          model.set(key, { orderId: i, hash: s.hash, createdAtMs: i })
          if (s.forget === 0) {
            const beforeMs = i - 2_000
            let expected = 0
            for (const [k, entry] of model) {
              if (entry.createdAtMs >= beforeMs) break
              model.delete(k)
              expected++
            }
            expect(keys.forgetBefore(beforeMs, () => false)).toBe(expected)
          }
        }
        expect(keys.size).toBe(model.size)
        for (const s of steps.slice(-300))
          for (let r = 0; r < 7; r++) {
            const key = `${s.key}\n${r}`
            expect(keys.get(key)).toEqual(model.get(key))
          }
      }),
      { numRuns: 25 },
    )
  })

  it('stays a map under steady churn: compactions at the same size and rebuilds for deleted entries', () => {
    // About 300 live keys while 20,000 come and go: the slab is compacted in place again and again,
    // and the table is rebuilt for its deleted entries, with keys colliding or not.
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { minLength: 50, maxLength: 50 }),
        fc.boolean(),
        (texts, collide) => {
          const keys = new IdempotencyKeys(collide ? { hashOfKey: (key) => key.length } : {})
          const model = new Map<string, { orderId: number; hash: string; createdAtMs: number }>()
          for (let i = 0; i < 20_000; i++) {
            const key = `${texts[i % texts.length]}${i % 400}`
            const hash = texts[(i * 7) % texts.length]!
            keys.set(key, i, hash, i)
            model.delete(key)
            model.set(key, { orderId: i, hash, createdAtMs: i })
            if (i % 50 === 0) {
              let expected = 0
              for (const [k, entry] of model) {
                if (entry.createdAtMs >= i - 300) break
                model.delete(k)
                expected++
              }
              expect(keys.forgetBefore(i - 300, () => false)).toBe(expected)
            }
          }
          expect(keys.size).toBe(model.size)
          for (let r = 0; r < 400; r++) {
            const key = `${texts[r % texts.length]}${r}`
            expect(keys.get(key)).toEqual(model.get(key))
          }
        },
      ),
      { numRuns: 10 },
    )
  })

  it('grows by shards: no single copy moves more than a small share of the keys', () => {
    // The copy of a full slab or table holds the order thread; one store of 100,000 keys copied
    // 65,536 at once. Spread over the shards, no copy comes near that.
    const keys = new IdempotencyKeys()
    const count = 100_000
    for (let i = 0; i < count; i++) keys.set(`order-${i}`, i, 'h', i)
    expect(keys.size).toBe(count)
    expect(keys.largestCopyKeys).toBeGreaterThan(0)
    expect(keys.largestCopyKeys).toBeLessThanOrEqual(count / 64)
    expect(keys.get('order-77777')).toEqual({ orderId: 77_777, hash: 'h', createdAtMs: 77_777 })
  })
})
