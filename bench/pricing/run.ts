/**
 * `npm run bench:pricing`: re-assess two years of windows for every series from 1,000,000 synthetic
 * deals (bench/pricing/workload.ts), then recompute the indices. A pass buckets the deals by series
 * and window in one counting sort (no per-window filter), runs the method on every window in order
 * (previous = the prior window's record) and computes the indices from the spot fees and the base.
 * Beside it, in the same process and alternating with it, a ceiling pass does the same bucketing and
 * then only one median per window: what any robust method must at least do. Figures are medians of
 * `--runs` passes (default 3); the first (cold) pass is printed too, and each pass's process CPU time,
 * since the 2-core VM is shared and wall time swings with its load. Every pass must give the same
 * records. The last line printed is one JSON object.
 *
 * Flags: `--deals N` (default 1,000,000), `--runs N`, `--seed N`.
 * @module
 */
import { availableParallelism, loadavg } from 'node:os'
import { computeIndices, type IndexSeries, type IndexWeekPoint } from '../../src/pricing/indices/index.ts'
import { assess } from '../../src/pricing/method/index.ts'
import type { AssessmentRecord, MethodDeal } from '../../src/pricing/model.ts'
import { arg } from '../args.ts'
import { generateMarket, type Market } from './workload.ts'

const DEALS = Number(arg('--deals') ?? 1_000_000)
const RUNS = Number(arg('--runs') ?? 3)
const SEED = Number(arg('--seed') ?? 2026)
const DAY_MS = 86_400_000

const now = (): number => performance.now()
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

interface Buckets {
  /** The deals ordered by series, then window. */
  readonly sorted: MethodDeal[]
  /** Window `w` of series `s` holds sorted[starts[first[s] + w] … starts[first[s] + w + 1]). */
  readonly starts: Int32Array
  readonly first: Int32Array
}

/** One counting sort by (series, window): the window comes from the report time by arithmetic. */
function bucket(market: Market): Buckets {
  const { series, originMs } = market.calendar
  const first = new Int32Array(series.length + 1)
  for (let s = 0; s < series.length; s++) first[s + 1] = first[s]! + series[s]!.windows.length
  const n = market.deals.length
  const keys = new Int32Array(n)
  const starts = new Int32Array(first[series.length]! + 1)
  for (let i = 0; i < n; i++) {
    const s = market.seriesOf[i]!
    const w = series[s]!.windowOfDay[Math.floor((market.reportedAtMs[i]! - originMs) / DAY_MS)]!
    if (w < 0) throw new Error(`deal ${i} was reported outside every window of its series`)
    const key = first[s]! + w
    keys[i] = key
    starts[key + 1]!++
  }
  for (let k = 1; k < starts.length; k++) starts[k]! += starts[k - 1]!
  const cursor = starts.slice(0, -1)
  const sorted: MethodDeal[] = new Array(n)
  for (let i = 0; i < n; i++) sorted[cursor[keys[i]!]!++] = market.deals[i]!
  return { sorted, starts, first }
}

interface Pass {
  /** Process CPU time of the pass (user + system): steadier than wall time on the shared VM. */
  readonly cpuMs: number
  readonly bucketMs: number
  readonly assessMs: number
  readonly indicesMs: number
  readonly totalMs: number
  readonly records: readonly AssessmentRecord[][]
  readonly indices: readonly IndexSeries[]
}

function fullPass(market: Market): Pass {
  const cpu0 = process.cpuUsage()
  const t0 = now()
  const { sorted, starts, first } = bucket(market)
  const t1 = now()
  const { series } = market.calendar
  const records = series.map((s, si) => {
    const out: AssessmentRecord[] = new Array(s.windows.length)
    let previous: AssessmentRecord | null = null
    for (let w = 0; w < s.windows.length; w++) {
      const key = first[si]! + w
      const window = s.windows[w]!
      previous = assess({
        series: { id: s.id, family: s.family },
        window: { start: window.start, end: window.end },
        previous: previous && { value: previous.value, rolls: previous.rolls },
        deals: sorted.slice(starts[key]!, starts[key + 1]!),
        quotes: [],
        judgement: null,
      })
      out[w] = previous
    }
    return out
  })
  const t2 = now()
  // The week's all-in: its spot fee plus the base published the same day (the daily window that
  // ends at the same Thursday 15:00).
  const baseOn = new Map<string, number | null>()
  const baseIndex = series.findIndex((s) => s.kind === 'base')
  series[baseIndex]!.windows.forEach((w, k) => {
    baseOn.set(w.date, records[baseIndex]![k]!.value)
  })
  const points: IndexWeekPoint[] = []
  series.forEach((s, si) => {
    if (s.kind !== 'fee' || s.track !== 'spot') return
    s.windows.forEach((w, k) => {
      const fee = records[si]![k]!.value
      const base = baseOn.get(w.date) ?? null
      points.push({
        product: s.product!,
        weekEnd: w.date,
        fee,
        base,
        allIn: fee !== null && base !== null ? base + fee : null,
      })
    })
  })
  const indices = computeIndices({ points, weights: market.weights })
  const t3 = now()
  const cpu = process.cpuUsage(cpu0)
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    bucketMs: t1 - t0,
    assessMs: t2 - t1,
    indicesMs: t3 - t2,
    totalMs: t3 - t0,
    records,
    indices,
  }
}

/** The ceiling: the same bucketing, then one median of the values per window, nothing else. */
function ceilingPass(market: Market): { totalMs: number; medianMs: number; checksum: number } {
  const t0 = now()
  const { sorted, starts } = bucket(market)
  const t1 = now()
  let checksum = 0
  const values = new Float64Array(4096)
  for (let key = 0; key + 1 < starts.length; key++) {
    const from = starts[key]!
    const n = starts[key + 1]! - from
    if (n === 0) continue
    const buf = n <= values.length ? values.subarray(0, n) : new Float64Array(n)
    for (let i = 0; i < n; i++) buf[i] = sorted[from + i]!.value
    buf.sort()
    checksum += n % 2 ? buf[(n - 1) / 2]! : (buf[n / 2 - 1]! + buf[n / 2]!) / 2
  }
  const t2 = now()
  return { totalMs: t2 - t0, medianMs: t2 - t1, checksum }
}

/** What must be identical from pass to pass. */
const fingerprint = (p: Pass): string => {
  let sum = 0
  let excluded = 0
  for (const rs of p.records)
    for (const r of rs) {
      sum += r.value ?? 0
      excluded += r.excluded.length
    }
  const last = p.indices.map((s) => s.points.at(-1)?.value ?? null)
  return JSON.stringify([sum, excluded, last])
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
const ms = (x: number): string => `${x.toFixed(0)} ms`
const perSec = (n: number, millis: number): string => `${(((n / millis) * 1000) / 1e6).toFixed(2)} M deals/s`

console.log(`pricing benchmark: Node ${process.version}, ${DEALS.toLocaleString('en')} deals, seed ${SEED}`)
console.log(`load average at start: ${load()} (${availableParallelism()} CPUs)`)
const genStart = now()
const market = generateMarket(DEALS, SEED)
const windows = market.calendar.series.reduce((n, s) => n + s.windows.length, 0)
console.log(
  `generated in ${ms(now() - genStart)} (untimed): ${market.calendar.series.length} series, ${windows.toLocaleString('en')} windows`,
)

// Only the first pass's records are kept (for the summary below); the others are fingerprinted and dropped.
const passes: Omit<Pass, 'records' | 'indices'>[] = []
const ceilings: ReturnType<typeof ceilingPass>[] = []
let sample: Pass | undefined
for (let run = 0; run < RUNS; run++) {
  const { records, indices, ...p } = fullPass(market)
  const c = ceilingPass(market)
  passes.push(p)
  ceilings.push(c)
  console.log(
    `  #${run + 1}: ${ms(p.totalMs)}, CPU ${ms(p.cpuMs)} (bucket ${ms(p.bucketMs)}, assess ${ms(p.assessMs)}, indices ${ms(p.indicesMs)}); ceiling ${ms(c.totalMs)} (median pass ${ms(c.medianMs)})`,
  )
  if (sample === undefined) sample = { ...p, records, indices }
  else if (fingerprint({ ...p, records, indices }) !== fingerprint(sample))
    throw new Error(`pass ${run + 1} gave other records than pass 1`)
}
if (sample === undefined) throw new Error('--runs must be at least 1')

// What the passes assessed: tiers, exclusions by reason, the indices' last points.
const tiers = new Map<string, number>()
const reasons = new Map<string, number>()
for (const rs of sample.records)
  for (const r of rs) {
    const tier = r.suspended ? 'suspended' : r.tier === null ? 'none' : `tier ${r.tier}`
    tiers.set(tier, (tiers.get(tier) ?? 0) + 1)
    for (const e of r.excluded) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1)
  }
const excludedTotal = [...reasons.values()].reduce((a, b) => a + b, 0)
console.log(
  `windows: ${[...tiers].map(([t, n]) => `${t} ${n}`).join(', ')}; excluded ${((excludedTotal / DEALS) * 100).toFixed(1)} % of deals: ${[
    ...reasons,
  ]
    .map(([r, n]) => `${r} ${((n / DEALS) * 100).toFixed(1)} %`)
    .join(', ')}`,
)
console.log(
  `indices at ${sample.indices[0]!.points.at(-1)?.date}: ${sample.indices.map((s) => `${s.id} ${s.points.at(-1)?.value}`).join(', ')}`,
)

const totalMs = median(passes.map((p) => p.totalMs))
const cpuMs = median(passes.map((p) => p.cpuMs))
const ceilingMs = median(ceilings.map((c) => c.totalMs))
console.log(`load average at end: ${load()}`)
console.log(
  `re-assess + indices: ${ms(totalMs)}, ${perSec(DEALS, totalMs)}, CPU ${ms(cpuMs)} (cold first pass ${ms(passes[0]!.totalMs)}); bucket ${ms(median(passes.map((p) => p.bucketMs)))}, assess ${ms(median(passes.map((p) => p.assessMs)))}, indices ${ms(median(passes.map((p) => p.indicesMs)))}`,
)
console.log(
  `ceiling (bucket + one median per window): ${ms(ceilingMs)}, ${perSec(DEALS, ceilingMs)}; the method costs ${(totalMs / ceilingMs).toFixed(1)}x the ceiling`,
)
console.log(
  JSON.stringify({
    deals: DEALS,
    series: market.calendar.series.length,
    windows,
    seconds: Number((totalMs / 1000).toFixed(3)),
    dealsPerSec: Math.round((DEALS / totalMs) * 1000),
    cpuSeconds: Number((cpuMs / 1000).toFixed(3)),
    coldSeconds: Number((passes[0]!.totalMs / 1000).toFixed(3)),
    ceilingSeconds: Number((ceilingMs / 1000).toFixed(3)),
    ratioToCeiling: Number((totalMs / ceilingMs).toFixed(2)),
  }),
)
