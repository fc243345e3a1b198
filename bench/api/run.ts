/**
 * `npm run bench:api`: orders over HTTP keep-alive against the durable Huiguo server, and in the same
 * run against a bare Fastify endpoint that answers a constant (bench/api/bare-server.ts), on the same
 * machine. Each server runs in its own process and the load generator (bench/api/load.ts, autocannon)
 * in a third, so none shares an event loop; on a 2-core VM they do share the cores, as production
 * would with the load coming from elsewhere: the load average, the CPU pressure (the share of time
 * some task waited for a core: other work on the VM shows there), the CPU time of each process and,
 * for each pass, the hypervisor's steal (the share of the VM's CPUs given to other guests meanwhile)
 * and how long each server's main thread was ready to run but waited for a core are printed.
 *
 * Huiguo starts on a fresh data folder (`start --no-simulation`, the demo cluster and users without
 * simulated participants, `HUIGUO_ORDER_RATE_PER_SEC` lifting the per-caller rate limit). Each
 * connection cycles through limit orders of one lot, each with a unique Idempotency-Key: demo-mill
 * makes a market (a GTC sell one tick over the reference, a GTC buy one tick under it) and demo-buyer
 * takes it (an IOC buy one tick over, an IOC sell one tick under). So half the orders rest
 * and half trade on arrival, the two price levels keep a queue of a few dozen orders, receipts and cash
 * flow back and forth instead of running out (demo-buyer has no receipts of its own: a prefill trade
 * gives it some first), and no order ever meets its own enterprise's (no self-trade prevention). The
 * bare endpoint gets the same requests.
 *
 * Passes alternate bare, Huiguo, `--runs` times (default 3) after a short warm-up of each, and the
 * figures are medians. Then `--runs` paced passes at half Huiguo's median rate give the p99 at half
 * rate (an open loop timed from when each order was due, see load.ts), each beside two paced passes
 * at the same rate: of the bare endpoint (the p99 this harness measures when an answer costs
 * nothing), and of the durable peer, the bare endpoint answering only once each request's body is
 * durable in Huiguo's file journal on the same disk (the p99 this disk allows a durable server).
 * Then `--runs` paced passes of each server at half the issue's target rate, that is at 15 % of the
 * bare endpoint's median throughput ("at least 30 % of the bare endpoint's throughput ..., and p99
 * under 10 ms at half that rate"): both readings of "that rate" are measured, and the JSON gives
 * both (`p99AtHalfRateMs`, `p99AtHalfTargetRateMs`).
 * A pass whose 2xx share is under 99 % is flagged as not a valid measurement. After each Huiguo
 * pass the harness waits for the server's CPU to settle (deferred work such as the SQL projection)
 * and prints how long that took.
 * Beside each Huiguo pass it prints Huiguo's own view from `GET /trading/operations` (a risk
 * officer's token): the append-to-durable latency of the pass's commands, how far the SQL projection
 * fell behind, and how long after the pass it caught up; answered orders over pass plus catch-up is
 * the rate the whole server sustains with SQL current.
 * At the end the server is stopped and `huiguo ledger verify` checks the ledger.
 * Every pass line ends with the machine's own stalls meanwhile (stalls.ts): wake-ups of a real-time
 * thread pinned to each core that came 2 ms or more late, which no process can cause, and the spells
 * in which the VM platform's DAMON monitor (kdamond) held a core; `--timeline` files get them too.
 * Before any server starts it prints what the machine itself takes from busy threads (machine.ts):
 * one spinning thread per core for 3 s and the time they lost, any kernel DAMON monitor running, and
 * the data folder's disk: 4 KB durable writes one after another for 10 s, and how often one took
 * 10 ms or more (an order answered after such a write cannot be under 10 ms); and the summary
 * gives how busy Huiguo's order thread was at half its rate, which sets how long each of those
 * stalls keeps its orders queued.
 *
 * Flags: `--runs N` (3), `--duration S` (10), `--connections C` (64), `--instrument CODE` (AL-A00-GY),
 * `--cpu-prof` (profile the Huiguo server during the passes and print where its CPU went).
 * `--rates R1,R2,…` sweeps instead: `--runs` paced passes of each server at each rate, no
 * full-rate passes nor passes at half the target rate, and a table of p99 and order-thread CPU per
 * answer by rate (the order thread pays more per order when it is lightly loaded). `--timeline DIR` writes, for every paced pass, a
 * file with one line per request: when it was due (ms from the pass's start) and its latency (ms),
 * after a first line with the pass's start in Unix ms (to line it up with samples of the machine),
 * and for a Huiguo pass ends with a `# gc <ms from the start> <kind> <pause ms>` line per collector
 * pause of its order thread of 5 ms or more and a `# journal <ms from the start> <longest wait ms>
 * <commands>` line per stall of its journal (commands waiting 5 ms or more to be durable), both from
 * `GET /trading/operations`; every pass's file, a `# machine <ms from the start> <core> <ms late>`
 * line per machine stall and a `# kdamond <ms from the start> <ms>` line per spell of kdamond.
 * `BENCH_API_SERVER_LOG=<prefix>` writes each server's standard output to `<prefix>-<name>-<pid>.log`
 * (with `--trace-gc` or `--trace-deopt` added to npm start's flags, the collector's or the
 * optimizer's log of each server beside the passes' timelines).
 * The last line printed is one JSON object.
 * @module
 */
import { type ChildProcess, execFile, fork, spawn } from 'node:child_process'
import {
  appendFileSync,
  cpSync,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import {
  type LatencySnapshot,
  LONG_GC_PAUSE_MS,
  quantileAtMost,
  RECENT_LONG_GC_PAUSES,
  since,
} from '../../src/platform/index.ts'
import { DEMO_PASSWORD } from '../../src/trading/demo/index.ts'
import { LONG_WRITE_MS, RECENT_SLOW_WRITES } from '../../src/trading/journal/index.ts'
import {
  LONG_COMMIT_MS,
  type OperationsJson,
  RECENT_JOURNAL_STALLS,
} from '../../src/trading/service/index.ts'
import { arg, flag } from '../args.ts'
import type { LoadReply, LoadRequest, LoadResult, LoadSpec } from './load.ts'
import {
  CLOCK_TICKS_PER_SEC,
  type CpuGaps,
  cpuGaps,
  cpuStealSec,
  DISK_LONG_STALL_MS,
  DISK_STALL_MS,
  type DiskSyncWrites,
  damonMonitors,
  diskSyncWrites,
  stealShare,
} from './machine.ts'
import { summarizeProfile, type Window } from './profile.ts'
import {
  BEHIND_STALL_MS,
  LATE_MS,
  type LateBehindStalls,
  lateBehindStalls,
  type Stall,
  StallRecorder,
  type StallSummary,
  summarizeStalls,
} from './stalls.ts'

const RUNS = Number(arg('--runs') ?? 3)
const DURATION_SEC = Number(arg('--duration') ?? 10)
const CONNECTIONS = Number(arg('--connections') ?? 64)
const INSTRUMENT = arg('--instrument') ?? 'AL-A00-GY'
const PROFILE = flag('--cpu-prof')
const RATES = arg('--rates')?.split(',').map(Number)
if (RATES?.some((r) => !(r > 0))) throw new Error(`--rates wants positive numbers: ${arg('--rates')}`)
const TIMELINE_DIR = arg('--timeline')
if (TIMELINE_DIR) mkdirSync(TIMELINE_DIR, { recursive: true })
/** How long the machine probe spins its threads before the servers start. */
const MACHINE_PROBE_MS = 3000
/** A machine stall this long or longer is counted in each pass (stalls.ts). */
const MACHINE_STALL_MS = 2
/** How long it writes to the disk, with O_DSYNC, in the data folder. */
const DISK_PROBE_MS = 10_000
const WARMUP_SEC = 3
/** The pace of the paced client's warm-up (see the warm-up below). */
const WARMUP_PACED_PER_SEC = 2000
/** Lots demo-mill sells demo-buyer before the passes, so that demo-buyer has receipts to sell back. */
const PREFILL_LOTS = 200
/** Below this share of 2xx answers a pass measured refusals, not orders. */
const VALID_OK_SHARE = 0.99

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const LOAD_SCRIPT = fileURLToPath(new URL('./load.ts', import.meta.url))
const BARE_SCRIPT = fileURLToPath(new URL('./bare-server.ts', import.meta.url))
const execFileAsync = promisify(execFile)

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const round2 = (x: number): number => Number(x.toFixed(2))
/** A share as a percentage with one decimal ("12.5 %"). */
const percent = (share: number): string => `${(share * 100).toFixed(1)} %`
const int = (x: number): string => Math.round(x).toLocaleString('en')
/** The load average, and (Linux) the share of the last 10 s in which some task waited for a CPU. */
const machineLoad = (): string => {
  const average = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  let pressure = ''
  try {
    const some = /^some avg10=([\d.]+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'))
    if (some) pressure = `, CPU pressure ${some[1]} %`
  } catch {}
  return `${average}${pressure}`
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The Node flags of `npm start` (package.json's start script, `node <flags> bin/huiguo.js start`):
 * the servers run as a user's would. Both get them, so that the ceiling runs on the same Node.
 */
function startScriptNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
  const words = pkg.scripts.start.split(/\s+/)
  const flags = words.slice(1, words.indexOf('bin/huiguo.js'))
  if (words[0] !== 'node' || !words.includes('bin/huiguo.js') || flags.some((flag) => !flag.startsWith('--')))
    throw new Error(
      `package.json's start script is not "node [--flags] bin/huiguo.js start": ${pkg.scripts.start}`,
    )
  return flags
}
const NODE_FLAGS = startScriptNodeFlags()

// --- processes ---------------------------------------------------------------------------------

/** Huiguo's fresh data folder (and the CPU profile's), removed at the end. */
const dataDir = mkdtempSync(join(tmpdir(), 'huiguo-bench-api-'))
const profileDir = join(dataDir, 'cpu-profile')
const children = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})
process.once('SIGINT', () => process.exit(130)) // so that 'exit' runs and stops the servers

interface Server {
  readonly name: string
  readonly process: ChildProcess
  readonly url: string
  readonly stderr: string[]
}

/** Starts a Node process that serves on `port`; resolves once `ready()` says so. */
async function startServer(
  name: string,
  nodeArgs: string[],
  port: number,
  ready: (url: string) => Promise<boolean>,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 240_000,
): Promise<Server> {
  const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  const stderr: string[] = []
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    stderr.push(text)
    if (stderr.length > 200) stderr.shift()
  })
  if (process.env.BENCH_API_SERVER_LOG)
    child
      .stdout!.pipe(createWriteStream(`${process.env.BENCH_API_SERVER_LOG}-${name}-${child.pid}.log`))
      .on('error', (error) => console.warn(`BENCH_API_SERVER_LOG: ${error.message}`))
  else child.stdout!.resume()
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}):\n${stderr.join('')}`)
    if (await ready(url).catch(() => false)) return { name, process: child, url, stderr }
    await sleep(250)
  }
  child.kill('SIGKILL')
  throw new Error(`${name} was not ready in ${timeoutMs / 1000} s:\n${stderr.join('')}`)
}

async function stopServer(server: Server): Promise<void> {
  const child = server.process
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    await exited
    clearTimeout(timer)
  }
  children.delete(child)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** User plus system CPU seconds of a process so far, or of one of its threads (Linux), or NaN. */
function cpuSecOf(pid: number | undefined, thread?: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}${thread === undefined ? '' : `/task/${thread}`}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SEC
  } catch {
    return Number.NaN
  }
}

/** CPU seconds of a process's main thread (the thread whose id is the process's). */
const mainThreadCpuSecOf = (pid: number | undefined): number => cpuSecOf(pid, pid)

/**
 * Seconds a process's main thread has spent ready to run but waiting for a core (the kernel's
 * schedstat, Linux), or NaN: on 2 cores shared with the load and the server's other threads, an
 * answer also waits for that.
 */
function mainThreadRunQueueSecOf(pid: number | undefined): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9
  } catch {
    return Number.NaN
  }
}

/** Waits until the process uses under 5 % of a core for half a second; returns the seconds waited. */
async function settle(pid: number | undefined, maxMs = 60_000): Promise<number> {
  const start = performance.now()
  let before = cpuSecOf(pid)
  if (Number.isNaN(before)) return Number.NaN
  while (performance.now() - start < maxMs) {
    await sleep(500)
    const now = cpuSecOf(pid)
    if (now - before < 0.025) break
    before = now
  }
  return (performance.now() - start) / 1000 - 0.5
}

/**
 * The load generator (load.ts): one process for the whole run, forked at the first pass, so that
 * every pass after the warm-up finds its code compiled (see load.ts for what a cold one cost).
 */
let loadGenerator: ChildProcess | null = null

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (!loadGenerator) {
    const forked = fork(LOAD_SCRIPT, [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: 'inherit' })
    const gone = (): void => {
      children.delete(forked)
      if (loadGenerator === forked) loadGenerator = null
    }
    forked.once('exit', gone).once('error', gone)
    children.add(forked)
    loadGenerator = forked
  }
  const child = loadGenerator
  return new Promise((resolve, reject) => {
    const done = (): void => {
      child.off('message', onReply).off('exit', onExit).off('error', onError)
    }
    const onReply = (reply: LoadReply): void => {
      done()
      if ('error' in reply) reject(new Error(`the load generator failed: ${reply.error}`))
      else resolve(reply.result)
    }
    const onExit = (code: number | null, signal: string | null): void => {
      done()
      reject(new Error(`the load generator exited (${code ?? signal})`))
    }
    const onError = (error: Error): void => {
      done()
      reject(new Error(`the load generator failed: ${error.message}`))
    }
    child.once('message', onReply).once('exit', onExit).once('error', onError)
    child.send(spec)
  })
}

function stopLoadGenerator(): void {
  if (loadGenerator?.connected) loadGenerator.disconnect()
  loadGenerator = null
}

// --- the Huiguo API ----------------------------------------------------------------------------

async function api<T>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; cookie?: string; body?: unknown; key?: string } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const headers: Record<string, string> = {}
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.cookie) headers.cookie = options.cookie
  if (options.key) headers['idempotency-key'] = options.key
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  })
  return { status: response.status, body: (await response.json()) as T, headers: response.headers }
}

/** Logs a demo user in and creates an API token for the load (sent as `Authorization: Bearer`). */
async function tokenOf(base: string, username: string): Promise<string> {
  const login = await api(base, 'POST', '/auth/login', { body: { username, password: DEMO_PASSWORD } })
  if (login.status !== 200)
    throw new Error(`login of ${username}: ${login.status} ${JSON.stringify(login.body)}`)
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const created = await api<{ token: string }>(base, 'POST', '/auth/tokens', {
    cookie,
    body: { name: `bench:api ${new Date().toISOString()}` },
  })
  if (created.status !== 201) throw new Error(`token of ${username}: ${created.status}`)
  return created.body.token
}

interface Terms {
  readonly lotKg: number
  readonly tickCnyPerT: number
  readonly referencePriceCnyPerT: number
  readonly phase: string
  readonly source: string
}

/** The instrument's lot, tick, reference and phase (continuous trading is needed). */
async function termsOf(base: string, code: string): Promise<Terms> {
  const response = await fetch(`${base}/api/v1/instruments/${encodeURIComponent(code)}`)
  if (!response.ok) throw new Error(`GET /instruments/${code}: ${response.status} ${await response.text()}`)
  const i = (await response.json()) as Terms & { band: { lowCnyPerT: number; highCnyPerT: number } }
  return { ...i, source: `band ${i.band.lowCnyPerT}–${i.band.highCnyPerT}, ${i.phase}` }
}

interface Account {
  cash: { availableFen: string; reservedFen: string }
  receipts: { instrument: string; availableKg: string; reservedKg: string }[]
}

async function holdings(base: string, token: string): Promise<string> {
  const { body } = await api<Account>(base, 'GET', '/account', { token })
  const r = body.receipts.find((x) => x.instrument === INSTRUMENT)
  const t = (kg: string | undefined) => (Number(kg ?? 0) / 1000).toLocaleString('en')
  const yuan = (fen: string) => int(Number(fen) / 100)
  return (
    `cash ${yuan(body.cash.availableFen)} CNY (+${yuan(body.cash.reservedFen)} reserved), ` +
    `${INSTRUMENT} ${t(r?.availableKg)} t (+${t(r?.reservedKg)} reserved)`
  )
}

interface OrderAnswer {
  order?: { id: string; status: string; filledQty: number }
  code?: string
  detail?: string
}

async function place(base: string, token: string, order: Record<string, unknown>): Promise<OrderAnswer> {
  const key = `bench-prefill-${process.pid}-${order.side}`
  const answer = await api<OrderAnswer>(base, 'POST', '/orders', { token, key, body: order })
  if (answer.status !== 201)
    throw new Error(`prefill ${order.side}: ${answer.status} ${JSON.stringify(answer.body)}`)
  return answer.body
}

// --- one pass ------------------------------------------------------------------------------------

interface Pass extends LoadResult {
  readonly serverCpuSec: number
  readonly settleSec: number
  readonly okShare: number
  /** Huiguo's own view (GET /trading/operations): append-to-durable per command in the pass. */
  readonly commit?: LatencySnapshot
  /** How late a 20 ms timer fired on Huiguo's order thread in the pass. */
  readonly loopDelay?: LatencySnapshot
  /** The most commands waiting for the SQL projection at any poll in the pass. */
  readonly backlogMax?: number
  /** Seconds after the pass until the SQL projection had every command. */
  readonly catchUpSec?: number
  /** Orders answered per second of the pass plus its catch-up: what the whole server sustains. */
  readonly sustainedPerSec?: number
  /** The server's main thread's CPU µs per 2xx answer. */
  readonly mainUsPerAnswer: number
  /** The share of the pass the server's main thread was ready to run but waited for a core. */
  readonly mainRunQueueShare: number
  /** The share of the machine's CPUs the hypervisor took during the pass (NaN where not counted). */
  readonly stealShare: number
  /** The machine's own stalls of MACHINE_STALL_MS or more during the pass (stalls.ts). */
  readonly machineStalls: StallSummary
  /** The DAMON monitor's spells of MACHINE_STALL_MS or more on a core during the pass. */
  readonly kdamondRuns: StallSummary
  /** Paced passes: how many answers were late, and how many of them came behind the machine's stalls. */
  readonly lateBehind?: LateBehindStalls
}

/** A risk officer's token for GET /trading/operations, once Huiguo is up. */
let operationsToken: string | null = null
const operations = async (server: Server): Promise<OperationsJson | null> =>
  operationsToken === null
    ? null
    : (await api<OperationsJson>(server.url, 'GET', '/trading/operations', { token: operationsToken })).body

/** The upper bound of the bucket holding quantile q, as text ("≤ 5 ms", "> 5000 ms"). */
const atMost = (snapshot: LatencySnapshot, q: number): string => {
  const bound = quantileAtMost(snapshot, q)
  if (bound === null) return 'n/a'
  return Number.isFinite(bound) ? `≤ ${bound} ms` : `> ${snapshot.boundsMs.at(-2)} ms`
}

/** The issue's throughput target, as a share of the bare endpoint's. */
const TARGET_SHARE = 0.3

/** Paced passes of the three servers at one rate. */
interface PacedSet {
  readonly rate: number
  readonly huiguo: Pass[]
  readonly bare: Pass[]
  readonly durable: Pass[]
}

/** When the Huiguo passes ran, for the CPU profile, by kind of pass ("full-rate passes", …). */
const huiguoWindows: Record<string, Window[]> = {}
/** What the labels of the passes at half the target rate say after the server's name. */
const TARGET_HALF_AT = '@ target-half'
/** The kind of pass a label names, for the CPU profile's windows. */
const passKind = (spec: LoadSpec, label: string): string =>
  spec.mode === 'closed'
    ? 'full-rate passes'
    : label.includes(TARGET_HALF_AT)
      ? 'passes at half the target rate'
      : RATES
        ? 'paced passes'
        : 'half-rate passes'
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n)

type LongPause = OperationsJson['gcLongPauses'][number]
type JournalStall = OperationsJson['journalStalls'][number]
type SlowWrite = OperationsJson['journalSlowWrites'][number]

/**
 * The order thread's collector pauses in a pass: how many, their total, those over 10 ms, and the
 * largest of the long ones Huiguo kept one by one.
 */
function gcLine(pauses: LatencySnapshot, long: readonly LongPause[], capped: boolean): string {
  const over10 = pauses.counts.reduce((n, c, i) => n + ((pauses.boundsMs[i - 1] ?? 0) >= 10 ? c : 0), 0)
  const largest = long.reduce<LongPause | null>((a, g) => (a === null || g.ms > a.ms ? g : a), null)
  const longText = largest
    ? `, ${capped ? 'at least ' : ''}${long.length} of ≥ ${LONG_GC_PAUSE_MS} ms, the largest ${largest.ms.toFixed(1)} ms (${largest.kind})`
    : ''
  return `GC ${int(pauses.count)} pauses, ${int(pauses.sumMs)} ms in all, ${over10} over 10 ms${longText}; `
}

/** The machine's own stalls in a pass (stalls.ts). */
const stallText = (s: StallSummary, cores = true): string =>
  `≥ ${MACHINE_STALL_MS} ms: ${s.count}` +
  (s.count === 0
    ? ''
    : `, ${int(s.totalMs)} ms in all, the longest ${s.longestMs.toFixed(1)} ms` +
      (cores ? `, ${s.onAllCoresAtOnce} on every core at once` : ''))

/** A pass's late answers and the share of them behind the machine's stalls. */
const lateText = (l: LateBehindStalls): string =>
  `answers ≥ ${LATE_MS} ms: ${int(l.late)}` +
  (l.late === 0
    ? ''
    : `, ${percent(l.share)} of them due within ${BEHIND_STALL_MS} ms after a machine stall or kdamond spell began ` +
      `(${percent(l.chance)} of the pass was so)`)

/** The journal's stalls in a pass: how many, and the longest wait in one. */
function stallLine(stalls: readonly JournalStall[], capped: boolean): string {
  const longest = stalls.reduce((ms, s) => Math.max(ms, s.ms), 0)
  const commands = stalls.reduce((n, s) => n + s.commands, 0)
  // Huiguo keeps the last RECENT_JOURNAL_STALLS: when all of them fell in the pass, it had more.
  const atLeast = capped ? 'at least ' : ''
  return stalls.length === 0
    ? `no journal stall of ≥ ${LONG_COMMIT_MS} ms; `
    : `${atLeast}${stalls.length} journal stall${stalls.length === 1 ? '' : 's'} of ≥ ${LONG_COMMIT_MS} ms (${atLeast}${int(commands)} commands waited), the longest ${longest.toFixed(1)} ms; `
}

/** The journal's slow writes to the disk in a pass: how many, and the longest. */
function slowWriteLine(writes: readonly SlowWrite[], capped: boolean): string {
  const longest = writes.reduce((ms, w) => Math.max(ms, w.ms), 0)
  const atLeast = capped ? 'at least ' : ''
  return writes.length === 0
    ? `no journal write of ≥ ${LONG_WRITE_MS} ms; `
    : `${atLeast}${writes.length} journal write${writes.length === 1 ? '' : 's'} of ≥ ${LONG_WRITE_MS} ms (the disk's part), the longest ${longest.toFixed(1)} ms; `
}

/**
 * Adds the pass's long collector pauses, journal stalls and slow journal writes to its timeline
 * file, as `# gc <ms from the start> <kind> <pause ms>`, `# journal <ms from the start> <longest
 * wait ms> <commands>` and `# write <ms from the start> <ms> <batch|segment> <bytes>` lines, so
 * that a run of late answers can be lined up with the pause or stall behind it, and a stall with
 * the disk's part of it.
 */
function markPauses(
  timelineFile: string,
  startUnixMs: number,
  pauses: readonly LongPause[],
  stalls: readonly JournalStall[],
  slowWrites: readonly SlowWrite[],
  machineStalls: readonly { readonly core: number; readonly atUnixMs: number; readonly ms: number }[],
  kdamondRuns: readonly Stall[],
): void {
  const from = (at: string) => (Date.parse(at) - startUnixMs).toFixed(0)
  const lines = [
    ...pauses.map((g) => `# gc ${from(g.at)} ${g.kind} ${g.ms.toFixed(2)}`),
    ...stalls.map((s) => `# journal ${from(s.at)} ${s.ms.toFixed(2)} ${s.commands}`),
    ...slowWrites.map((w) => `# write ${from(w.at)} ${w.ms.toFixed(2)} ${w.kind} ${w.bytes}`),
    ...machineStalls.map(
      (s) => `# machine ${(s.atUnixMs - startUnixMs).toFixed(0)} ${s.core} ${s.ms.toFixed(2)}`,
    ),
    ...kdamondRuns.map((s) => `# kdamond ${(s.atUnixMs - startUnixMs).toFixed(0)} ${s.ms.toFixed(2)}`),
  ]
  if (lines.length > 0) appendFileSync(timelineFile, `${lines.join('\n')}\n`)
}

async function pass(server: Server, label: string, spec: LoadSpec, quiet = false): Promise<Pass> {
  const pid = server.process.pid
  const cpuBefore = cpuSecOf(pid)
  const mainBefore = mainThreadCpuSecOf(pid)
  const queuedBefore = mainThreadRunQueueSecOf(pid)
  // A warm-up too waits below for the projection to catch up: settle() alone would not, since a
  // held projection uses no CPU until its burst window has passed, and the next pass would begin
  // with the warm-up's backlog being written (at 2,400 orders/s that took the first pass's p99 from
  // about 10 ms to 77 ms).
  const opsBefore = server.name !== 'huiguo' ? null : await operations(server)
  let backlogMax = 0
  const poller =
    opsBefore === null || quiet
      ? null
      : setInterval(() => {
          operations(server).then(
            (o) => {
              backlogMax = Math.max(backlogMax, o?.projectionBacklog ?? 0)
            },
            () => {},
          )
        }, 250)
  const fromUs = nowUs()
  const fromUnixMs = Date.now()
  const stealBefore = cpuStealSec()
  const result = await runLoad(spec)
  const toUnixMs = Date.now()
  const passSec = (toUnixMs - fromUnixMs) / 1000
  const stolen = stealShare(stealBefore, cpuStealSec(), passSec)
  // The machine's stalls and kdamond's spells that began in the pass, each long enough to count.
  const counted = (s: Stall) => s.ms >= MACHINE_STALL_MS && s.atUnixMs >= fromUnixMs && s.atUnixMs < toUnixMs
  const machineStallsByCore = stallRecorder.stalls().map((core) => core.filter(counted))
  const kdamondRunsInPass = stallRecorder.kernelRuns().filter(counted)
  const machineStalls = summarizeStalls(machineStallsByCore, fromUnixMs, toUnixMs, MACHINE_STALL_MS)
  const kdamondRuns = summarizeStalls([kdamondRunsInPass], fromUnixMs, toUnixMs, MACHINE_STALL_MS)
  const startUnixMs = result.startUnixMs
  const lateBehind =
    result.lateDueMs === undefined || startUnixMs === undefined
      ? undefined
      : lateBehindStalls(
          result.lateDueMs.map((ms) => startUnixMs + ms),
          [...machineStallsByCore.flat(), ...kdamondRunsInPass].map((s) => s.atUnixMs),
          startUnixMs,
          startUnixMs + spec.durationSec * 1000,
        )
  if (server.name === 'huiguo' && !quiet) {
    const kind = passKind(spec, label)
    const windows = huiguoWindows[kind] ?? []
    windows.push({ fromUs, toUs: nowUs() })
    huiguoWindows[kind] = windows
  }
  const serverCpuSec = cpuSecOf(pid) - cpuBefore
  const mainCpuSec = mainThreadCpuSecOf(pid) - mainBefore
  const mainQueuedSec = mainThreadRunQueueSecOf(pid) - queuedBefore
  if (poller) clearInterval(poller)
  const opsAfter = opsBefore === null ? null : await operations(server)
  let catchUpSec = Number.NaN
  if (opsAfter) {
    const from = performance.now()
    while ((await operations(server))!.projectionBacklog > 0 && performance.now() - from < 180_000)
      await sleep(100)
    catchUpSec = (performance.now() - from) / 1000
  }
  // A profiled process never looks idle (the profiler samples on): give it a fixed pause instead.
  const settleSec = PROFILE ? await sleep(3000).then(() => Number.NaN) : await settle(pid)
  const okShare = result.responses === 0 ? 0 : result.ok / result.responses
  const commit = opsBefore && opsAfter ? since(opsAfter.commit, opsBefore.commit) : undefined
  const loopDelay =
    opsBefore && opsAfter ? since(opsAfter.eventLoopDelay, opsBefore.eventLoopDelay) : undefined
  if (opsAfter) backlogMax = Math.max(backlogMax, opsAfter.projectionBacklog)
  const p: Pass = {
    ...result,
    mainUsPerAnswer: (mainCpuSec * 1e6) / Math.max(1, result.ok),
    mainRunQueueShare: mainQueuedSec / passSec,
    stealShare: stolen,
    machineStalls,
    kdamondRuns,
    ...(lateBehind ? { lateBehind } : {}),
    serverCpuSec,
    settleSec,
    okShare,
    ...(commit ? { commit, backlogMax, catchUpSec } : {}),
    ...(loopDelay ? { loopDelay } : {}),
    ...(commit ? { sustainedPerSec: result.ok / (result.durationSec + catchUpSec) } : {}),
  }
  if (quiet) return p
  const unit = server.name === 'huiguo' ? 'orders/s' : 'req/s'
  const settled =
    server.name === 'huiguo' && !Number.isNaN(settleSec) ? `; settled ${settleSec.toFixed(1)} s after` : ''
  console.log(
    `  ${label}: ${int(p.okPerSec)} ${unit}, p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms, max ${p.maxMs} ms, ` +
      `2xx ${(okShare * 100).toFixed(2)} % of ${int(p.responses)}; CPU s: server ${serverCpuSec.toFixed(1)} ` +
      `(main thread ${mainCpuSec.toFixed(1)}, ${int(p.mainUsPerAnswer)} µs per answer` +
      (Number.isNaN(mainQueuedSec) ? '' : `, waited for a core ${int(mainQueuedSec * 1000)} ms`) +
      `), ` +
      `load ${p.cpuSec.toFixed(1)}` +
      (p.loadLoopDelay
        ? ` (its event loop delay p99 ${p.loadLoopDelay.p99Ms} ms, max ${p.loadLoopDelay.maxMs} ms)`
        : '') +
      (Number.isNaN(stolen) ? '' : `; steal ${percent(stolen)}`) +
      `; machine stalls ${stallText(machineStalls)}` +
      (damon.length > 0 ? `; kdamond ran ${stallText(kdamondRuns, false)} at a stretch` : '') +
      (lateBehind ? `; ${lateText(lateBehind)}` : '') +
      settled,
  )
  const inPass = ({ at }: { readonly at: string }) => {
    const atMs = Date.parse(at)
    return atMs >= fromUnixMs && atMs < toUnixMs
  }
  const longPauses = (opsAfter?.gcLongPauses ?? []).filter(inPass)
  const stalls = (opsAfter?.journalStalls ?? []).filter(inPass)
  const slowWrites = (opsAfter?.journalSlowWrites ?? []).filter(inPass)
  if (spec.timelineFile && result.startUnixMs !== undefined) {
    const withCore = machineStallsByCore.flatMap((byCore, core) => byCore.map((s) => ({ core, ...s })))
    markPauses(
      spec.timelineFile,
      result.startUnixMs,
      longPauses,
      stalls,
      slowWrites,
      withCore,
      kdamondRunsInPass,
    )
  }
  if (commit && opsBefore && opsAfter) {
    const batches = since(opsAfter.projectionBatch, opsBefore.projectionBatch)
    console.log(
      `    inside huiguo: append to durable p50 ${atMost(commit, 0.5)}, p99 ${atMost(commit, 0.99)}, ` +
        `max ${atMost(commit, 1)} (${commit.maxMs.toFixed(1)} ms over all time) over ${int(commit.count)} commands; ` +
        (loopDelay ? `event loop delay p99 ${atMost(loopDelay, 0.99)}, max ${atMost(loopDelay, 1)}; ` : '') +
        gcLine(
          since(opsAfter.gcPause, opsBefore.gcPause),
          longPauses,
          longPauses.length === RECENT_LONG_GC_PAUSES,
        ) +
        stallLine(stalls, stalls.length === RECENT_JOURNAL_STALLS) +
        slowWriteLine(slowWrites, slowWrites.length === RECENT_SLOW_WRITES) +
        `SQL projection ` +
        `${int(batches.count)} batches (p99 ${atMost(batches, 0.99)}), at most ${int(backlogMax)} ` +
        `commands behind, ${int(opsAfter.projectionBacklog)} at the end, caught up ${catchUpSec.toFixed(1)} s ` +
        `later: sustained ${int(p.sustainedPerSec ?? 0)} orders/s with SQL current`,
    )
  }
  if (okShare < VALID_OK_SHARE || p.errors > 0 || p.timeouts > 0)
    console.log(
      `  WARNING: not a valid measurement: statuses ${JSON.stringify(p.statuses)}, problems ` +
        `${JSON.stringify(p.problems)}, errors ${p.errors}, timeouts ${p.timeouts}`,
    )
  return p
}

// --- the run -------------------------------------------------------------------------------------

console.log(
  `API benchmark: Node ${process.version}, ${CONNECTIONS} keep-alive connections, pipelining 1, ` +
    `${DURATION_SEC} s passes, median of ${RUNS}`,
)
console.log(`load average at start: ${machineLoad()} (${availableParallelism()} CPUs)`)
console.log(`servers' Node flags (npm start's): ${NODE_FLAGS.join(' ') || 'none'}`)
// Before any server runs: what the machine itself takes from threads that want a core.
const machineGaps = await cpuGaps(MACHINE_PROBE_MS)
console.log(
  `machine: ${machineGaps.threads} threads spinning for ${MACHINE_PROBE_MS / 1000} s lost ` +
    `${(machineGaps.lostFraction * 100).toFixed(1)} % of their time in gaps of ≥ 1 ms, the longest ` +
    `${machineGaps.longestMs.toFixed(1)} ms`,
)
const damon = damonMonitors()
for (const monitor of damon) console.log(`machine: ${monitor.text}`)
const disk = await diskSyncWrites(dataDir, DISK_PROBE_MS)
console.log(
  `machine: the data folder's disk, ${int(disk.writes)} durable 4 KB writes one after another for ` +
    `${DISK_PROBE_MS / 1000} s (O_DSYNC, as the file journal writes): p50 ${disk.p50Ms.toFixed(2)} ms, ` +
    `p99 ${disk.p99Ms.toFixed(2)} ms, the longest ${disk.longestMs.toFixed(1)} ms; ${disk.stalls} took ` +
    `≥ ${DISK_STALL_MS} ms (${disk.longStalls} ≥ ${DISK_LONG_STALL_MS} ms), ${int(disk.stalledMs)} ms in all`,
)
// From here on: the machine's own stalls, counted in every pass.
const stallRecorder = await StallRecorder.start(damon.flatMap((m) => (m.pid === undefined ? [] : [m.pid])))
console.log(
  `machine: a thread per core ${stallRecorder.realTime ? 'pinned to it at real-time priority 99' : 'at normal priority (taskset or chrt refused: its stalls include waits behind other threads)'} ` +
    `wakes every 2 ms; a pass's "machine stalls" are its wake-ups ≥ ${MACHINE_STALL_MS} ms late` +
    (damon.length > 0 ? ', and another reads how long kdamond ran every 5 ms' : ''),
)

const servers: Server[] = []
try {
  /** The bare endpoint (bare-server.ts); given a journal folder, the durable peer. */
  const startBare = async (name: string, journalDir?: string): Promise<Server> => {
    const port = await freePort()
    const server = await startServer(
      name,
      [...NODE_FLAGS, '--import', 'tsx', BARE_SCRIPT, String(port), ...(journalDir ? [journalDir] : [])],
      port,
      (url) => fetch(`${url}/api/v1/orders`, { method: 'POST' }).then((r) => r.status === 201),
    )
    servers.push(server)
    return server
  }
  const bare = await startBare('bare')
  const durable = await startBare('durable', join(dataDir, 'durable-peer-journal'))

  const port = await freePort()
  const huiguoArgs = (profile: boolean) => [
    ...NODE_FLAGS,
    ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
    'bin/huiguo.js',
    'start',
    '--data',
    dataDir,
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--no-simulation',
  ]
  const env = {
    ...process.env,
    HUIGUO_ORDER_RATE_PER_SEC: '1000000',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  }
  const healthy = (url: string) => fetch(`${url}/healthz`).then((r) => r.ok)
  let started = performance.now()
  let huiguo = await startServer('huiguo', huiguoArgs(false), port, healthy, env)
  console.log(`huiguo: demo cluster created in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  if (PROFILE) {
    // Profile a second start, so that creating the demo cluster is not in the profile.
    await stopServer(huiguo)
    started = performance.now()
    huiguo = await startServer('huiguo', huiguoArgs(true), port, healthy, env)
    console.log(`huiguo: restarted with --cpu-prof in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  servers.push(huiguo)

  const base = huiguo.url
  const [mill, buyer] = [await tokenOf(base, 'demo-mill'), await tokenOf(base, 'demo-buyer')]
  operationsToken = await tokenOf(base, 'demo-risk')
  const terms = await termsOf(base, INSTRUMENT)
  if (terms.phase !== 'continuous')
    throw new Error(`${INSTRUMENT} is in phase ${terms.phase}, not continuous trading`)
  const ref = terms.referencePriceCnyPerT
  const tick = terms.tickCnyPerT
  console.log(
    `instrument ${INSTRUMENT}: lot ${terms.lotKg} kg, tick ${tick}, reference ${ref} (${terms.source})`,
  )

  const prefillKg = PREFILL_LOTS * terms.lotKg
  const common = { instrument: INSTRUMENT, type: 'limit', price: ref, qty: prefillKg }
  await place(base, mill, { ...common, side: 'sell', tif: 'GTC' })
  const prefill = await place(base, buyer, { ...common, side: 'buy', tif: 'IOC' })
  if (prefill.order?.filledQty !== prefillKg)
    throw new Error(`prefill: demo-buyer got ${prefill.order?.filledQty} kg of ${prefillKg}`)
  console.log(`prefill: demo-mill sold demo-buyer ${PREFILL_LOTS} lots at ${ref}`)
  console.log(`  demo-mill:  ${await holdings(base, mill)}`)
  console.log(`  demo-buyer: ${await holdings(base, buyer)}`)

  const order = (token: string, side: 'buy' | 'sell', price: number, tif: 'GTC' | 'IOC'): LoadRequest => ({
    method: 'POST',
    path: '/api/v1/orders',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': '[<id>]',
    },
    body: JSON.stringify({ instrument: INSTRUMENT, side, type: 'limit', price, qty: terms.lotKg, tif }),
  })
  const makerSell = order(mill, 'sell', ref + tick, 'GTC')
  const takerBuy = order(buyer, 'buy', ref + tick, 'IOC')
  const makerBuy = order(mill, 'buy', ref - tick, 'GTC')
  const takerSell = order(buyer, 'sell', ref - tick, 'IOC')
  // Mirrored, so that a pass cut off mid-cycle moves receipts neither way on average.
  const requests = [makerSell, takerBuy, makerBuy, takerSell, makerBuy, takerSell, makerSell, takerBuy]
  const closed = (url: string, durationSec: number): LoadSpec => ({
    mode: 'closed',
    url,
    connections: CONNECTIONS,
    durationSec,
    requests,
  })

  // Each server is warmed up by both clients. The paced passes' client (load.ts's own) orders its
  // headers unlike autocannon, so Node's request objects take other shapes: warmed up by autocannon
  // alone, the first paced pass began with V8 throwing away the optimized code of the HTTP layer
  // and Fastify (--trace-deopt: "wrong map") and optimizing it again, 100-400 answers over 10 ms in
  // its first 700 ms, and no later pass did.
  console.log(
    `warm-up: ${WARMUP_SEC} s on each server with each client (closed loop, then paced at ` +
      `${int(WARMUP_PACED_PER_SEC)}/s)`,
  )
  for (const server of [bare, durable, huiguo]) {
    await pass(server, 'warm-up', closed(server.url, WARMUP_SEC), true)
    const warmPaced: LoadSpec = {
      ...closed(server.url, WARMUP_SEC),
      mode: 'paced',
      rate: WARMUP_PACED_PER_SEC,
    }
    await pass(server, 'warm-up', warmPaced, true)
  }
  console.log(`load average before the passes: ${machineLoad()}`)

  const bares: Pass[] = []
  const orders: Pass[] = []
  for (let run = 1; run <= (RATES ? 0 : RUNS); run++) {
    bares.push(await pass(bare, `bare   #${run}`, closed(bare.url, DURATION_SEC)))
    orders.push(await pass(huiguo, `huiguo #${run}`, closed(huiguo.url, DURATION_SEC)))
  }
  const ordersPerSec = median(orders.map((p) => p.okPerSec))
  const halfRate = Math.round(ordersPerSec / 2)
  const paceRates = RATES ?? [halfRate]
  if (!RATES)
    console.log(`half rate: ${int(halfRate)} orders/s, paced evenly (open loop), ${CONNECTIONS} connections`)
  // Swept (`--rates`), the passes of every rate go into one set, and its rate is no one rate.
  const half: PacedSet = { rate: RATES ? 0 : halfRate, huiguo: [], bare: [], durable: [] }
  // The bare endpoint at the same pace is the half-rate p99's peer: what this harness and machine
  // measure for an answer that costs nothing. The durable peer adds Huiguo's journal on this disk.
  const paced = (url: string, rate: number, label: string): LoadSpec => ({
    ...closed(url, DURATION_SEC),
    mode: 'paced',
    rate,
    ...(TIMELINE_DIR ? { timelineFile: join(TIMELINE_DIR, `${label.replace(/[^\w]+/g, '-')}.txt`) } : {}),
  })
  /** `--runs` paced passes of each server at `rate`, in turn, into `into`'s lists. */
  const pacedRuns = async (into: Omit<PacedSet, 'rate'>, rate: number, at: string): Promise<void> => {
    for (let run = 1; run <= RUNS; run++) {
      const [bareLabel, huiguoLabel] = [`bare   ${at} #${run}`, `huiguo ${at} #${run}`]
      const durableLabel = `durable ${at} #${run}`
      into.bare.push(await pass(bare, bareLabel, paced(bare.url, rate, bareLabel)))
      into.durable.push(await pass(durable, durableLabel, paced(durable.url, rate, durableLabel)))
      into.huiguo.push(await pass(huiguo, huiguoLabel, paced(huiguo.url, rate, huiguoLabel)))
    }
  }
  for (const rate of paceRates) await pacedRuns(half, rate, RATES ? `@ ${rate}` : '@ half')
  // The issue asks for "at least 30 % of the bare endpoint's throughput ..., and p99 under 10 ms at
  // half that rate": read as the target's rate, that is 15 % of the bare endpoint's throughput.
  // Half Huiguo's own rate (above) is the higher pace whenever the throughput target is met, and
  // the faster Huiguo gets, the higher it is; both are measured, the same way. These passes come
  // after the half-rate ones, on a server holding their orders too.
  const targetHalf: PacedSet = {
    rate: RATES ? 0 : Math.round((median(bares.map((p) => p.okPerSec)) * TARGET_SHARE) / 2),
    huiguo: [],
    bare: [],
    durable: [],
  }
  if (!RATES) {
    console.log(
      `half the target rate: ${int(targetHalf.rate)} orders/s (${percent(TARGET_SHARE / 2)} of the bare ` +
        `endpoint's median), paced the same way`,
    )
    await pacedRuns(targetHalf, targetHalf.rate, TARGET_HALF_AT)
  }
  console.log(`load average at end: ${machineLoad()}`)
  console.log(`  demo-mill:  ${await holdings(base, mill)}`)
  console.log(`  demo-buyer: ${await holdings(base, buyer)}`)

  await stopServer(huiguo)
  servers.splice(servers.indexOf(huiguo), 1)
  const verify = await execFileAsync(
    process.execPath,
    ['bin/huiguo.js', 'ledger', 'verify', '--data', dataDir],
    {
      cwd: ROOT,
    },
  ).then(
    () => 'ok',
    (error: { stdout?: string; stderr?: string }) => `FAILED\n${error.stdout ?? ''}${error.stderr ?? ''}`,
  )
  console.log(`ledger verify after the run: ${verify}`)

  if (PROFILE) {
    const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`
    const file = readdirSync(profileDir).find((f) => /\.0\.\d+\.cpuprofile$/.test(f)) // the main thread's
    for (const [passes, windows] of Object.entries(huiguoWindows)) {
      if (!file) {
        console.log('huiguo CPU profile: none written (did the server exit cleanly?)')
        break
      }
      const summary = summarizeProfile(join(profileDir, file), windows)
      console.log(`huiguo CPU profile of the ${passes}: ${int(summary.busyMs)} ms busy; self time by module:`)
      for (const m of summary.modules) console.log(`  ${pct(m.share)}  ${m.name}`)
      console.log('self time by function:')
      for (const f of summary.functions) console.log(`  ${pct(f.share)}  ${f.name}`)
      // The other threads' profiles: the PGlite worker's (the SQL projection), which shares the cores.
      for (const other of readdirSync(profileDir).filter((f) => !/\.0\.\d+\.cpuprofile$/.test(f))) {
        const worker = summarizeProfile(join(profileDir, other), windows, 8)
        if (worker.busyMs < 100) continue
        console.log(`worker thread ${other}: ${int(worker.busyMs)} ms busy in the ${passes}; top functions:`)
        for (const f of worker.functions) console.log(`  ${pct(f.share)}  ${f.name}`)
      }
    }
    // BENCH_API_PROFILE_COPY=<folder> keeps the raw profiles (the data folder is removed at exit).
    const keep = process.env.BENCH_API_PROFILE_COPY
    if (keep) cpSync(profileDir, keep, { recursive: true })
  }

  if (RATES) printSweep(RATES, half.huiguo, half.bare, half.durable)
  else printSummary(bares, orders, ordersPerSec, half, targetHalf, machineGaps, disk)
} finally {
  stopLoadGenerator()
  await stallRecorder.stop()
  for (const server of servers) await stopServer(server)
  rmSync(dataDir, { recursive: true, force: true })
}

/** `--rates`: each server's median p99 and main-thread CPU per answer at each rate. */
function printSweep(rates: number[], huiguoPasses: Pass[], barePasses: Pass[], durablePasses: Pass[]): void {
  const rows = rates.map((rate, i) => {
    const h = huiguoPasses.slice(i * RUNS, (i + 1) * RUNS)
    const b = barePasses.slice(i * RUNS, (i + 1) * RUNS)
    const d = durablePasses.slice(i * RUNS, (i + 1) * RUNS)
    return {
      rate,
      p99Ms: round2(median(h.map((p) => p.p99Ms))),
      mainUsPerAnswer: Math.round(median(h.map((p) => p.mainUsPerAnswer))),
      ceilingP99Ms: round2(median(b.map((p) => p.p99Ms))),
      ceilingMainUsPerAnswer: Math.round(median(b.map((p) => p.mainUsPerAnswer))),
      durableCeilingP99Ms: round2(median(d.map((p) => p.p99Ms))),
      stealShare: Number(median(h.map((p) => p.stealShare)).toFixed(3)),
      runQueueShare: Number(median(h.map((p) => p.mainRunQueueShare)).toFixed(3)),
      machineStalls: median(h.map((p) => p.machineStalls.count)),
      machineStallMs: Math.round(median(h.map((p) => p.machineStalls.totalMs))),
      kdamondSpells: median(h.map((p) => p.kdamondRuns.count)),
      lateShareBehindMachineStalls: Number(
        median(h.map((p) => p.lateBehind?.share ?? Number.NaN)).toFixed(3),
      ),
      // A pass that answered under 95 % of its rate fell behind: its p99 is a queue, not a latency.
      keptPace: [...h, ...b].every((p) => p.okPerSec >= rate * 0.95),
      durableKeptPace: d.every((p) => p.okPerSec >= rate * 0.95),
    }
  })
  console.log('')
  console.log(
    'orders/s   huiguo p99   µs/answer     bare p99   µs/answer  durable p99  huiguo steal  huiguo queued' +
      '  machine stalls',
  )
  for (const r of rows)
    console.log(
      `${int(r.rate).padStart(8)} ${`${r.p99Ms} ms`.padStart(12)} ${int(r.mainUsPerAnswer).padStart(11)} ` +
        `${`${r.ceilingP99Ms} ms`.padStart(12)} ${int(r.ceilingMainUsPerAnswer).padStart(11)}` +
        `${`${r.durableCeilingP99Ms} ms`.padStart(13)}` +
        `${(Number.isNaN(r.stealShare) ? 'n/a' : percent(r.stealShare)).padStart(14)}` +
        `${(Number.isNaN(r.runQueueShare) ? 'n/a' : percent(r.runQueueShare)).padStart(15)}` +
        `${`${r.machineStalls} (${int(r.machineStallMs)} ms)`.padStart(16)}` +
        (r.keptPace ? '' : '  (a pass fell behind its rate)') +
        (r.durableKeptPace ? '' : '  (a durable peer pass fell behind its rate)'),
    )
  console.log(JSON.stringify({ sweep: rows, connections: CONNECTIONS }))
}

/** The normal run: throughput against the bare endpoint, then the half-rate p99. */
function printSummary(
  bares: Pass[],
  orders: Pass[],
  ordersPerSec: number,
  half: PacedSet,
  targetHalf: PacedSet,
  machine: CpuGaps,
  disk: DiskSyncWrites,
): void {
  const { rate: halfRate, huiguo: halves, bare: bareHalves, durable: durableHalves } = half
  const m = (ps: Pass[], key: 'okPerSec' | 'p50Ms' | 'p99Ms') => median(ps.map((p) => p[key]))
  const ceiling = m(bares, 'okPerSec')
  const ratio = ordersPerSec / ceiling
  const p99AtHalfRate = m(halves, 'p99Ms')
  const bareP99AtHalfRate = m(bareHalves, 'p99Ms')
  const durableP99AtHalfRate = m(durableHalves, 'p99Ms')
  const validPass = (p: Pass) => p.okShare >= VALID_OK_SHARE && p.errors === 0 && p.timeouts === 0
  const valid = [...bares, ...orders, ...halves, ...bareHalves].every(validPass)
  const validAtHalfTargetRate = [...targetHalf.huiguo, ...targetHalf.bare].every(validPass)
  // The durable peer is beside the measurement, not part of it: its failures do not void Huiguo's.
  const durableValid = [...durableHalves, ...targetHalf.durable].every(validPass)
  console.log('')
  console.log(
    `bare Fastify: ${int(ceiling)} req/s, p50 ${round2(m(bares, 'p50Ms'))} ms, p99 ${round2(m(bares, 'p99Ms'))} ms`,
  )
  console.log(
    `huiguo:       ${int(ordersPerSec)} orders/s durable, p50 ${round2(m(orders, 'p50Ms'))} ms, ` +
      `p99 ${round2(m(orders, 'p99Ms'))} ms`,
  )
  console.log(
    `ratio: ${(ratio * 100).toFixed(1)} % of the bare endpoint (target ≥ ${percent(TARGET_SHARE)}: ` +
      `${ratio >= TARGET_SHARE ? 'met' : 'NOT met'})`,
  )
  console.log(
    `at half rate (${int(halfRate)} orders/s): p50 ${round2(m(halves, 'p50Ms'))} ms, p99 ${round2(p99AtHalfRate)} ms ` +
      `(target < 10 ms: ${p99AtHalfRate < 10 ? 'met' : 'NOT met'}); the bare endpoint at the same pace: ` +
      `p50 ${round2(m(bareHalves, 'p50Ms'))} ms, p99 ${round2(bareP99AtHalfRate)} ms`,
  )
  console.log(
    `  the bare endpoint answering once each body is durable in Huiguo's file journal, same pace: ` +
      `p50 ${round2(m(durableHalves, 'p50Ms'))} ms, p99 ${round2(durableP99AtHalfRate)} ms (what this disk allows)`,
  )
  console.log(
    `  the disk before the servers started: ${disk.stalls} of ${int(disk.writes)} durable 4 KB writes ` +
      `took ≥ ${DISK_STALL_MS} ms in ${disk.durationMs / 1000} s, the longest ${disk.longestMs.toFixed(1)} ms`,
  )
  const steal = (ps: Pass[]) => median(ps.map((p) => p.stealShare))
  const stealAtHalfRate = steal(halves)
  const stealMaxAtHalfRate = Math.max(...halves.map((p) => p.stealShare))
  if (!Number.isNaN(stealAtHalfRate))
    console.log(
      `  the hypervisor's steal in the half-rate passes: huiguo's ${percent(stealAtHalfRate)} of the CPUs ` +
        `(median; the most in one pass ${percent(stealMaxAtHalfRate)}), the bare endpoint's ` +
        `${percent(steal(bareHalves))}, the durable peer's ${percent(steal(durableHalves))}`,
    )
  const stallMedian = (
    ps: Pass[],
    key: 'count' | 'totalMs',
    of: 'machineStalls' | 'kdamondRuns' = 'machineStalls',
  ) => median(ps.map((p) => p[of][key]))
  console.log(
    `  the machine's own stalls of ≥ ${MACHINE_STALL_MS} ms in the half-rate passes (median): huiguo's ` +
      `${stallMedian(halves, 'count')} (${int(stallMedian(halves, 'totalMs'))} ms), the bare endpoint's ` +
      `${stallMedian(bareHalves, 'count')} (${int(stallMedian(bareHalves, 'totalMs'))} ms), the durable ` +
      `peer's ${stallMedian(durableHalves, 'count')} (${int(stallMedian(durableHalves, 'totalMs'))} ms)` +
      (damon.length > 0
        ? `; kdamond's spells of ≥ ${MACHINE_STALL_MS} ms in huiguo's: ${stallMedian(halves, 'count', 'kdamondRuns')} ` +
          `(${int(stallMedian(halves, 'totalMs', 'kdamondRuns'))} ms)`
        : ''),
  )
  const lateMedian = (ps: Pass[], key: 'late' | 'share' | 'chance') =>
    median(ps.map((p) => p.lateBehind?.[key] ?? Number.NaN))
  const lateSummary = (ps: Pass[]) =>
    `${int(lateMedian(ps, 'late'))}, ${percent(lateMedian(ps, 'share'))} behind a stall ` +
    `(${percent(lateMedian(ps, 'chance'))} by chance)`
  console.log(
    `  answers ≥ ${LATE_MS} ms per half-rate pass and the share due within ${BEHIND_STALL_MS} ms after a machine stall or ` +
      `kdamond spell began (median): huiguo's ${lateSummary(halves)}; the bare endpoint's ` +
      `${lateSummary(bareHalves)}; the durable peer's ${lateSummary(durableHalves)}`,
  )
  // Huiguo's own append-to-durable p99 at half rate (bucket upper bound): how much of the p99 above
  // is the journal's, and how much lies outside it (HTTP, the event loop, the machine).
  const sustained = median(orders.map((p) => p.sustainedPerSec ?? Number.NaN))
  if (!Number.isNaN(sustained))
    console.log(
      `  sustained with the SQL projection current (answered / (pass + catch-up)): ${int(sustained)} orders/s`,
    )
  const commitP99s = halves.flatMap((p) => (p.commit ? [quantileAtMost(p.commit, 0.99) ?? Number.NaN] : []))
  const commitP99AtHalfRate = commitP99s.length > 0 ? median(commitP99s) : Number.NaN
  if (!Number.isNaN(commitP99AtHalfRate))
    console.log(
      `  of which inside huiguo, append to durable: p99 ≤ ${commitP99AtHalfRate} ms (median of passes)`,
    )
  const loopP99s = halves.flatMap((p) =>
    p.loopDelay ? [quantileAtMost(p.loopDelay, 0.99) ?? Number.NaN] : [],
  )
  const loopP99AtHalfRate = loopP99s.length > 0 ? median(loopP99s) : Number.NaN
  if (!Number.isNaN(loopP99AtHalfRate))
    console.log(`  and the order thread's event loop delay: p99 ≤ ${loopP99AtHalfRate} ms (median of passes)`)
  // How busy the order thread is at that pace: a stall of the machine of t ms leaves a queue that
  // takes about t × busy / (1 − busy) more to drain, so the busier, the longer each bump lasts.
  const orderThreadUsPerAnswer = median(halves.map((p) => p.mainUsPerAnswer))
  const orderThreadBusy = (halfRate * orderThreadUsPerAnswer) / 1e6
  const orderThreadQueued = median(halves.map((p) => p.mainRunQueueShare))
  console.log(
    `  huiguo's order thread at that pace: ${int(orderThreadUsPerAnswer)} µs of CPU ` +
      `per answer, busy ${(orderThreadBusy * 100).toFixed(0)} % of the time (the durable peer's: ` +
      `${int(median(durableHalves.map((p) => p.mainUsPerAnswer)))} µs per answer), and ready but ` +
      `waiting for a core ${percent(orderThreadQueued)} of the time (the durable peer's: ` +
      `${percent(median(durableHalves.map((p) => p.mainRunQueueShare)))})`,
  )
  const p99AtHalfTargetRate = m(targetHalf.huiguo, 'p99Ms')
  console.log(
    `at half the target rate (${int(targetHalf.rate)} orders/s, ${percent(TARGET_SHARE / 2)} of the bare ` +
      `endpoint's throughput): p50 ${round2(m(targetHalf.huiguo, 'p50Ms'))} ms, p99 ` +
      `${round2(p99AtHalfTargetRate)} ms (target < 10 ms: ${p99AtHalfTargetRate < 10 ? 'met' : 'NOT met'}; ` +
      `passes ${targetHalf.huiguo.map((p) => round2(p.p99Ms)).join(', ')} ms); the bare endpoint at the same ` +
      `pace: p99 ${round2(m(targetHalf.bare, 'p99Ms'))} ms; the durable peer: ` +
      `p99 ${round2(m(targetHalf.durable, 'p99Ms'))} ms`,
  )
  if (!valid) console.log('WARNING: some pass had under 99 % 2xx answers, errors or timeouts (see above)')
  if (!validAtHalfTargetRate)
    console.log('WARNING: a pass at half the target rate had under 99 % 2xx answers, errors or timeouts')
  if (!durableValid)
    console.log('WARNING: a durable peer pass was not valid (see above): its p99 is no ceiling')
  console.log(
    JSON.stringify({
      ordersPerSec: Math.round(ordersPerSec),
      p50Ms: round2(m(orders, 'p50Ms')),
      p99Ms: round2(m(orders, 'p99Ms')),
      ceilingReqPerSec: Math.round(ceiling),
      ratio: Number(ratio.toFixed(3)),
      halfRate,
      p99AtHalfRateMs: round2(p99AtHalfRate),
      halfTargetRate: targetHalf.rate,
      p99AtHalfTargetRateMs: round2(p99AtHalfTargetRate),
      ceilingP99AtHalfTargetRateMs: round2(m(targetHalf.bare, 'p99Ms')),
      durableCeilingP99AtHalfTargetRateMs: round2(m(targetHalf.durable, 'p99Ms')),
      ...(Number.isFinite(sustained) ? { sustainedOrdersPerSec: Math.round(sustained) } : {}),
      ...(Number.isFinite(commitP99AtHalfRate) ? { commitP99AtHalfRateAtMostMs: commitP99AtHalfRate } : {}),
      ...(Number.isFinite(loopP99AtHalfRate) ? { loopDelayP99AtHalfRateAtMostMs: loopP99AtHalfRate } : {}),
      ceilingP50Ms: round2(m(bares, 'p50Ms')),
      ceilingP99Ms: round2(m(bares, 'p99Ms')),
      ceilingP99AtHalfRateMs: round2(bareP99AtHalfRate),
      durableCeilingP99AtHalfRateMs: round2(durableP99AtHalfRate),
      durableValid,
      orderThreadBusyAtHalfRate: Number(orderThreadBusy.toFixed(2)),
      orderThreadRunQueueShareAtHalfRate: Number(orderThreadQueued.toFixed(3)),
      machineCpuLostShare: Number(machine.lostFraction.toFixed(4)),
      machineCpuGapLongestMs: round2(machine.longestMs),
      diskSyncWriteP99Ms: round2(disk.p99Ms),
      diskSyncWriteLongestMs: round2(disk.longestMs),
      diskSyncWriteStalls: disk.stalls,
      machineStallsAtHalfRate: stallMedian(halves, 'count'),
      machineStallMsAtHalfRate: Math.round(stallMedian(halves, 'totalMs')),
      kdamondSpellsAtHalfRate: stallMedian(halves, 'count', 'kdamondRuns'),
      kdamondSpellMsAtHalfRate: Math.round(stallMedian(halves, 'totalMs', 'kdamondRuns')),
      lateAnswersAtHalfRate: lateMedian(halves, 'late'),
      lateShareBehindMachineStallsAtHalfRate: Number(lateMedian(halves, 'share').toFixed(3)),
      lateShareBehindMachineStallsByChance: Number(lateMedian(halves, 'chance').toFixed(3)),
      ...(Number.isNaN(stealAtHalfRate)
        ? {}
        : {
            cpuStealShareAtHalfRate: Number(stealAtHalfRate.toFixed(3)),
            cpuStealShareAtHalfRateMax: Number(stealMaxAtHalfRate.toFixed(3)),
          }),
      connections: CONNECTIONS,
      valid,
      validAtHalfTargetRate,
    }),
  )
}
