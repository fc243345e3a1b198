/**
 * `npm run bench:keys`: the order thread's idempotency keys, a day of them (`--keys N`, default
 * 400,000), in `IdempotencyKeys` (typed arrays) and beside it in the peer it replaced: a Map from key
 * to slot and an array of hash strings, the order ids and times in typed arrays (its layout before
 * a48b5e2). For each: the time of a lookup and an insert per key, as order entry does them, the
 * heap they leave, and a forced full garbage collection with them alive (the work every full
 * collection of the order thread repeats while a day's keys live), and the longest single insert
 * outside garbage collection (a store that copies all its keys when it grows holds the order thread
 * that long). Then the same longest insert for the trading state's orders by id: `IdTable` beside a
 * Map. Alternates the two `--runs` times (default 3); medians. The last line printed is one JSON
 * object.
 * @module
 */
import { PerformanceObserver } from 'node:perf_hooks'
import { IdTable } from '../../src/trading/service/id-table.ts'
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

/** Collector pauses as they happen (start and duration, ms on the performance clock). */
const gcPauses: { start: number; ms: number }[] = []
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, ms: e.duration })
}).observe({ entryTypes: ['gc'] })
/** Lets the collector's entries of what just ran arrive (they are delivered asynchronously). */
const gcEntriesIn = () => new Promise((resolve) => setTimeout(resolve, 50))

/** Times `insert(i)` for i below `count`; the longest call that no collector pause overlapped, ms. */
async function longestInsertMs(count: number, insert: (i: number) => void): Promise<number> {
  // Calls over 0.2 ms are kept to be checked against the pauses; of the rest only the longest.
  const slow: { start: number; ms: number }[] = []
  let longestQuick = 0
  for (let i = 0; i < count; i++) {
    const start = performance.now()
    insert(i)
    const ms = performance.now() - start
    if (ms > 0.2) slow.push({ start, ms })
    else if (ms > longestQuick) longestQuick = ms
  }
  await gcEntriesIn()
  const outsideGc = slow.filter(
    (s) => !gcPauses.some((g) => g.start < s.start + s.ms && g.start + g.ms > s.start),
  )
  return Math.max(longestQuick, ...outsideGc.map((s) => s.ms))
}

interface Measure {
  usPerKey: number
  longestInsertMs: number
  /** What the keys add to the JS heap (what a collection marks), and in ArrayBuffers (what it does not). */
  heapMb: number
  offHeapMb: number
  fullGcMs: number
}

/** The longest insert into a store of its own, which is gone once this returns (the heap figures stay the keys'). */
async function longestInsertOf(make: () => Keys): Promise<number> {
  const store = make()
  return longestInsertMs(KEYS, (i) => store.set(keyOf(i), i, hashOf(i), i))
}

function measure(make: () => Keys): Omit<Measure, 'longestInsertMs'> {
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
const stores = [
  ['IdempotencyKeys', () => new IdempotencyKeys(), typed],
  ['Map peer', () => new MapKeys(), mapped],
] as const
for (let run = 1; run <= RUNS; run++) {
  for (const [name, make, into] of stores) {
    const m = measure(make)
    into.push({ ...m, longestInsertMs: Number.NaN })
    console.log(
      `  ${name.padEnd(16)} #${run}: ${m.usPerKey.toFixed(2)} µs a lookup and insert, heap ${signedMb(m.heapMb)} ` +
        `(${signedMb(m.offHeapMb)} in ArrayBuffers), ` +
        `full GC ${m.fullGcMs.toFixed(1)} ms`,
    )
  }
}
// After the heap figures, in stores of their own: awaiting the collector's entries in the middle of
// those runs kept the last store alive into the next one's baseline.
for (let run = 1; run <= RUNS; run++) {
  for (const [name, make, into] of stores) {
    const longest = await longestInsertOf(make)
    into[run - 1]!.longestInsertMs = longest
    console.log(`  ${name.padEnd(16)} #${run}: the longest insert ${longest.toFixed(1)} ms`)
  }
}
const summary = (ms: Measure[]) => ({
  usPerKey: Number(median(ms.map((m) => m.usPerKey)).toFixed(2)),
  longestInsertMs: Number(median(ms.map((m) => m.longestInsertMs)).toFixed(1)),
  heapMb: Math.round(median(ms.map((m) => m.heapMb))),
  offHeapMb: Math.round(median(ms.map((m) => m.offHeapMb))),
  fullGcMs: Number(median(ms.map((m) => m.fullGcMs)).toFixed(1)),
})
const [t, p] = [summary(typed), summary(mapped)]
console.log(
  `medians: IdempotencyKeys ${t.usPerKey} µs, the longest insert ${t.longestInsertMs} ms, heap ${signedMb(t.heapMb)} (${signedMb(t.offHeapMb)} off it), full GC ${t.fullGcMs} ms; ` +
    `Map peer ${p.usPerKey} µs, the longest insert ${p.longestInsertMs} ms, heap ${signedMb(p.heapMb)} (${signedMb(p.offHeapMb)} off it), full GC ${p.fullGcMs} ms; ` +
    `full GC ${(t.fullGcMs / p.fullGcMs).toFixed(2)}× the peer's, lookup and insert ${(t.usPerKey / p.usPerKey).toFixed(2)}×, ` +
    `the longest insert ${(t.longestInsertMs / p.longestInsertMs).toFixed(2)}×`,
)

// The trading state's orders by id, as order entry adds them (ids in order).
const order = { id: 0 }
const byIdTable: number[] = []
const byIdMap: number[] = []
for (let run = 1; run <= RUNS; run++) {
  const table = new IdTable<object>()
  byIdTable.push(await longestInsertMs(KEYS, (i) => table.set(i + 1, order)))
  const map = new Map<number, object>()
  byIdMap.push(await longestInsertMs(KEYS, (i) => map.set(i + 1, order)))
  const [a, b] = [byIdTable.at(-1)!, byIdMap.at(-1)!]
  console.log(
    `  orders by id #${run}: the longest insert ${a.toFixed(2)} ms in IdTable, ${b.toFixed(2)} ms in a Map`,
  )
}
const orders = {
  idTableLongestInsertMs: Number(median(byIdTable).toFixed(2)),
  mapLongestInsertMs: Number(median(byIdMap).toFixed(2)),
}
console.log(
  `medians: orders by id, the longest insert ${orders.idTableLongestInsertMs} ms in IdTable, ` +
    `${orders.mapLongestInsertMs} ms in a Map (${(orders.idTableLongestInsertMs / orders.mapLongestInsertMs).toFixed(2)}×)`,
)
console.log(JSON.stringify({ keys: KEYS, typed: t, mapPeer: p, ordersById: orders }))
