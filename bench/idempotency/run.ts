/**
 * `npm run bench:keys`: the order thread's idempotency keys, a day of them (`--keys N`, default
 * 400,000), in `IdempotencyKeys` (typed arrays) and beside it in the peer it replaced: a Map from key
 * to slot and an array of hash strings, the order ids and times in typed arrays (its layout before
 * a48b5e2). For each: the time of a lookup and an insert per key, as order entry does them, the
 * heap they leave, and a forced full garbage collection with them alive (the work every full
 * collection of the order thread repeats while a day's keys live). Alternates the two `--runs`
 * times (default 3); medians. The last line printed is one JSON object.
 * @module
 */
import { IdempotencyKeys } from '../../src/trading/service/idempotency-keys.ts'
import { arg } from '../args.ts'

const KEYS = Number(arg('--keys') ?? 400_000)
const RUNS = Number(arg('--runs') ?? 3)
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc (npm run bench:keys does)')

interface Keys {
  get(key: string): unknown
  set(key: string, orderId: number, hash: string, createdAtMs: number): void
}

/** The layout before: a Map entry and two strings a key, the numbers in typed arrays. */
class MapKeys implements Keys {
  readonly #slots = new Map<string, number>()
  #orderIds = new Float64Array(1024)
  #createdAtMs = new Float64Array(1024)
  readonly #hashes: string[] = []

  get(key: string): unknown {
    const slot = this.#slots.get(key)
    return slot === undefined
      ? undefined
      : { orderId: this.#orderIds[slot], hash: this.#hashes[slot], createdAtMs: this.#createdAtMs[slot] }
  }

  set(key: string, orderId: number, hash: string, createdAtMs: number): void {
    const slot = this.#hashes.length
    if (slot === this.#orderIds.length) {
      const grown = (from: Float64Array) => {
        const to = new Float64Array(from.length * 2)
        to.set(from)
        return to
      }
      this.#orderIds = grown(this.#orderIds)
      this.#createdAtMs = grown(this.#createdAtMs)
    }
    this.#orderIds[slot] = orderId
    this.#createdAtMs[slot] = createdAtMs
    this.#hashes.push(hash)
    this.#slots.set(key, slot)
  }
}

const signedMb = (mb: number) => `${Math.round(mb) < 0 ? '' : '+'}${Math.round(mb)} MB`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const enterprise = '0f6e1c2a-6d1b-4c55-9d59-2b3f4c5d6e7f'
/** A key as the service forms it (enterprise, newline, the client's key) and a sha256 base64url hash. */
const keyOf = (i: number) => `${enterprise}\nclient-${(i * 2654435761) >>> 0}-${i}`
const hashOf = (i: number) => `${i.toString(36).padStart(8, '0')}${'Q'.repeat(35)}`

interface Measure {
  usPerKey: number
  /** What the keys add to the JS heap (what a collection marks), and in ArrayBuffers (what it does not). */
  heapMb: number
  offHeapMb: number
  fullGcMs: number
}

function measure(make: () => Keys): Measure {
  gc!()
  const before = process.memoryUsage()
  const keys = make()
  const start = performance.now()
  for (let i = 0; i < KEYS; i++) {
    const key = keyOf(i)
    if (keys.get(key) !== undefined) throw new Error(`key ${i} twice`)
    keys.set(key, i, hashOf(i), i)
  }
  const usPerKey = ((performance.now() - start) * 1000) / KEYS
  const gcMs: number[] = []
  for (let r = 0; r < 3; r++) {
    const t = performance.now()
    gc!()
    gcMs.push(performance.now() - t)
  }
  const after = process.memoryUsage()
  const heapMb = (after.heapUsed - before.heapUsed) / 1e6
  const offHeapMb = (after.arrayBuffers - before.arrayBuffers) / 1e6
  if (keys.get(keyOf(KEYS - 1)) === undefined) throw new Error('the last key is gone') // keeps `keys` alive
  return { usPerKey, heapMb, offHeapMb, fullGcMs: median(gcMs) }
}

console.log(`idempotency keys: ${KEYS.toLocaleString('en')} keys, ${RUNS} runs; Node ${process.version}`)
const typed: Measure[] = []
const mapped: Measure[] = []
for (let run = 1; run <= RUNS; run++) {
  for (const [name, make, into] of [
    ['IdempotencyKeys', () => new IdempotencyKeys(), typed],
    ['Map peer', () => new MapKeys(), mapped],
  ] as const) {
    const m = measure(make)
    into.push(m)
    console.log(
      `  ${name.padEnd(16)} #${run}: ${m.usPerKey.toFixed(2)} µs a lookup and insert, heap ${signedMb(m.heapMb)} ` +
        `(${signedMb(m.offHeapMb)} in ArrayBuffers), ` +
        `full GC ${m.fullGcMs.toFixed(1)} ms`,
    )
  }
}
const summary = (ms: Measure[]) => ({
  usPerKey: Number(median(ms.map((m) => m.usPerKey)).toFixed(2)),
  heapMb: Math.round(median(ms.map((m) => m.heapMb))),
  offHeapMb: Math.round(median(ms.map((m) => m.offHeapMb))),
  fullGcMs: Number(median(ms.map((m) => m.fullGcMs)).toFixed(1)),
})
const [t, p] = [summary(typed), summary(mapped)]
console.log(
  `medians: IdempotencyKeys ${t.usPerKey} µs, heap ${signedMb(t.heapMb)} (${signedMb(t.offHeapMb)} off it), full GC ${t.fullGcMs} ms; ` +
    `Map peer ${p.usPerKey} µs, heap ${signedMb(p.heapMb)} (${signedMb(p.offHeapMb)} off it), full GC ${p.fullGcMs} ms; ` +
    `full GC ${(t.fullGcMs / p.fullGcMs).toFixed(2)}× the peer's, lookup and insert ${(t.usPerKey / p.usPerKey).toFixed(2)}×`,
)
console.log(JSON.stringify({ keys: KEYS, typed: t, mapPeer: p }))
