/**
 * `npm run bench:engine`: Huiguo's matching engine against nodejs-order-book, in one process, on the
 * same pre-generated workloads: (a) mixed, 1,000,000 ops; (b) deep book, 120,000 resting orders then
 * 200,000 ops; (c) call auction, 100,000 orders then one uncross (Huiguo only: the peer has none).
 * Each figure is the median of 5 passes on a fresh book; for each workload Huiguo's passes run first,
 * then the peer's, so the peer's garbage collection never runs into a Huiguo pass; and both engines must
 * end every pass in the same state (traded quantity, best prices, resting quantity). Throughput is wall
 * clock; the same medians per second of process CPU time and the load average are printed too, since
 * the 2-core VM is shared. Peak RSS is measured in a child process that runs only Huiguo on (a), so the
 * peer's garbage does not count against it. The last line printed is one JSON object.
 *
 * Flags: `--runs N` (default 5), `--no-peer`, `--rss-child` (internal).
 * @module
 */
import { execFileSync } from 'node:child_process'
import { availableParallelism, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { arg, flag } from '../args.ts'
import { type PassResult, peerIds, runHuiguo, runHuiguoAuction, runPeer } from './runners.ts'
import { auctionWorkload, deepWorkload, mixedWorkload, type Workload } from './workload.ts'

const MIXED_OPS = 1_000_000
const DEEP_OPS = 200_000
const DEEP_PREFILL = 120_000
const AUCTION_ORDERS = 100_000

const RUNS = Number(arg('--runs') ?? 5)

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024
const fmt = (opsPerSec: number): string => `${(opsPerSec / 1e6).toFixed(2)} M ops/s`

/** Both engines must end a pass in the same state, or the comparison means nothing. */
function sameWork(a: PassResult, b: PassResult, name: string): void {
  const keys = ['tradedKg', 'bestBid', 'bestAsk', 'restingKg'] as const
  for (const key of keys) {
    if (a[key] !== b[key]) throw new Error(`${name}: engines disagree on ${key}: ${a[key]} vs ${b[key]}`)
  }
}

interface Medians {
  readonly huiguo: number
  readonly peer: number
  readonly huiguoCpu: number
  readonly peerCpu: number
}

function compare(w: Workload, withPeer: boolean): Medians {
  const ours: PassResult[] = []
  const theirs: PassResult[] = []
  for (let run = 0; run < RUNS; run++) {
    const mine = runHuiguo(w)
    ours.push(mine)
    console.log(`  ${w.name} #${run + 1}: huiguo ${fmt(mine.opsPerSec)}`)
  }
  if (withPeer) {
    const ids = peerIds(w)
    for (let run = 0; run < RUNS; run++) {
      const peer = runPeer(w, ids)
      sameWork(ours[run]!, peer, w.name)
      theirs.push(peer)
      console.log(`  ${w.name} #${run + 1}: nodejs-order-book ${fmt(peer.opsPerSec)}`)
    }
  }
  const wall = (rs: PassResult[]): number => (rs.length ? median(rs.map((r) => r.opsPerSec)) : Number.NaN)
  const cpu = (rs: PassResult[]): number => (rs.length ? median(rs.map((r) => r.cpuOpsPerSec)) : Number.NaN)
  return { huiguo: wall(ours), peer: wall(theirs), huiguoCpu: cpu(ours), peerCpu: cpu(theirs) }
}

if (flag('--rss-child')) {
  const w = mixedWorkload(MIXED_OPS)
  for (let run = 0; run < RUNS; run++) runHuiguo(w)
  console.log(JSON.stringify({ peakRssMb: peakRssMb() }))
} else {
  const withPeer = !flag('--no-peer')
  console.log(`engine benchmark: Node ${process.version}, median of ${RUNS} passes, tick 10, mid 20,000`)
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (${availableParallelism()} CPUs)`,
  )
  const mixed = mixedWorkload(MIXED_OPS)
  console.log(`(a) mixed: ${MIXED_OPS.toLocaleString('en')} ops (70 % limit, 20 % cancel, 10 % market)`)
  const a = compare(mixed, withPeer)
  const deep = deepWorkload(DEEP_OPS, DEEP_PREFILL)
  console.log(
    `(b) deep: ${DEEP_PREFILL.toLocaleString('en')} resting orders (~350 per level), then ${DEEP_OPS.toLocaleString('en')} ops`,
  )
  const b = compare(deep, withPeer)
  const auction = auctionWorkload(AUCTION_ORDERS)
  console.log(`(c) call auction: ${AUCTION_ORDERS.toLocaleString('en')} orders, then one uncross`)
  const uncross: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const r = runHuiguoAuction(auction)
    uncross.push(r.uncrossMs)
    console.log(
      `  auction #${run + 1}: collect ${r.collectMs.toFixed(1)} ms, uncross ${r.uncrossMs.toFixed(2)} ms, ${r.tradedKg} kg traded`,
    )
  }
  const child = execFileSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--rss-child', '--runs', String(RUNS)],
    {
      encoding: 'utf8',
    },
  )
  const rss = (JSON.parse(child.trim().split('\n').pop()!) as { peakRssMb: number }).peakRssMb
  const result = {
    mixedOpsPerSec: Math.round(a.huiguo),
    peerMixedOpsPerSec: Math.round(a.peer),
    deepOpsPerSec: Math.round(b.huiguo),
    peerDeepOpsPerSec: Math.round(b.peer),
    uncrossMs: Number(median(uncross).toFixed(2)),
    peakRssMb: Number(rss.toFixed(1)),
  }
  console.log('')
  const summary = (name: string, m: Medians): void => {
    console.log(
      `${name} huiguo ${fmt(m.huiguo)}, peer ${fmt(m.peer)}, ratio ${(m.huiguo / m.peer).toFixed(1)}x`,
    )
    console.log(
      `${' '.repeat(name.length)} per CPU second: huiguo ${fmt(m.huiguoCpu)}, peer ${fmt(m.peerCpu)}`,
    )
  }
  console.log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  summary('mixed:', a)
  summary('deep: ', b)
  console.log(`deep / mixed (huiguo): ${((b.huiguo / a.huiguo) * 100).toFixed(0)} %`)
  console.log(`uncross of ${AUCTION_ORDERS.toLocaleString('en')} orders: ${result.uncrossMs} ms`)
  console.log(
    `peak RSS, huiguo on (a) with its harness: ${result.peakRssMb} MB (whole run so far: ${peakRssMb().toFixed(1)} MB)`,
  )
  console.log(JSON.stringify(result))
}
