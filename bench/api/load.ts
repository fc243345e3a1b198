/**
 * The load generator of `npm run bench:api`, run by bench/api/run.ts in its own process so that it
 * never shares an event loop with a server. Forked with an IPC channel (as run.ts does), it runs each
 * {@link LoadSpec} it is sent and answers a {@link LoadReply}; run alone, its one argument is a
 * LoadSpec as JSON and the last line it prints is a {@link LoadResult}.
 *
 * - `closed`: autocannon, `connections` keep-alive connections (pipelining 1), each sending its next
 *   request as soon as the previous one is answered: throughput at saturation. Each connection cycles
 *   through `requests`; `[<id>]` in a header or body becomes a unique id per request.
 * - `paced`: an open loop at `rate` requests per second, evenly spaced, over the same kind of
 *   keep-alive connections; each request is timed from the moment it was due, so time spent waiting
 *   for a free connection counts (no coordinated omission). autocannon's `overallRate` is not used
 *   for this: autocannon 9 sends each connection's quota for the second back to back and then idles
 *   until the next second (so half the rate is full load half the time), and its coordinated-omission
 *   correction assumes a 1 ms interval whatever the rate.
 *
 * Latencies are kept as exact floats (autocannon's histogram has 1 ms resolution) from every response.
 * @module
 */
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { connect, type Socket } from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { quantileOfSorted } from '../quantile.ts'
import { LATE_MS } from './stalls.ts'

export interface LoadRequest {
  readonly method: string
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export interface LoadSpec {
  readonly mode: 'closed' | 'paced'
  readonly url: string
  readonly connections: number
  readonly durationSec: number
  readonly requests: readonly LoadRequest[]
  /** Requests per second (paced only). */
  readonly rate?: number
  /** Paced only: write here one line per request, when it was due (ms from the start) and its latency (ms). */
  readonly timelineFile?: string
}

export interface LoadResult {
  readonly durationSec: number
  readonly responses: number
  readonly ok: number
  readonly okPerSec: number
  /** Responses per status code. */
  readonly statuses: Record<string, number>
  /** Non-2xx responses per problem `code` of their body. */
  readonly problems: Record<string, number>
  readonly errors: number
  readonly timeouts: number
  readonly p50Ms: number
  readonly p90Ms: number
  readonly p99Ms: number
  readonly p999Ms: number
  readonly maxMs: number
  /** Process CPU time of the load generator during the run. */
  readonly cpuSec: number
  /**
   * Paced only: how late the load generator's own event loop ran (p99 and max, ms). It shares the
   * machine with the server, and an order it sends late is charged to the server.
   */
  readonly loadLoopDelay?: { readonly p99Ms: number; readonly maxMs: number }
  /** Paced only: when the first request was due, Unix ms (the timeline's times count from it). */
  readonly startUnixMs?: number
  /** Paced only: when each answer that took LATE_MS or more was due, ms from `startUnixMs`. */
  readonly lateDueMs?: readonly number[]
}

/** The part of autocannon 9's API used here (it ships no types). */
interface AutocannonOptions {
  url: string
  connections: number
  pipelining: number
  duration: number
  timeout: number
  idReplacement: boolean
  requests: {
    method: string
    path: string
    headers: Record<string, string>
    body: string
    onResponse: (status: number, body: string) => void
  }[]
}
interface AutocannonResult {
  start: Date
  finish: Date
  errors: number
  timeouts: number
}
interface AutocannonInstance {
  on(
    event: 'response',
    listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void,
  ): void
}
type Autocannon = (
  options: AutocannonOptions,
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance

/** Exact latencies and status counts of one run. */
class Recorder {
  #latencies = new Float64Array(1 << 16)
  #count = 0
  readonly statuses: Record<string, number> = {}
  readonly problems: Record<string, number> = {}
  ok = 0

  record(status: number, latencyMs: number): void {
    if (this.#count === this.#latencies.length) {
      const grown = new Float64Array(this.#latencies.length * 2)
      grown.set(this.#latencies)
      this.#latencies = grown
    }
    this.#latencies[this.#count++] = latencyMs
    this.statuses[status] = (this.statuses[status] ?? 0) + 1
    if (status >= 200 && status < 300) this.ok++
  }

  /** Tallies a refusal by the `code` of its problem body. */
  problem(body: string): void {
    let code = 'unparsed body'
    try {
      code = String((JSON.parse(body) as { code?: unknown }).code ?? 'no code')
    } catch {}
    this.problems[code] = (this.problems[code] ?? 0) + 1
  }

  result(durationSec: number, errors: number, timeouts: number, cpuSec: number): LoadResult {
    const sorted = this.#latencies.subarray(0, this.#count).sort()
    const at = (q: number): number => quantileOfSorted(sorted, q)
    const round = (ms: number): number => Number(ms.toFixed(2))
    return {
      durationSec: round(durationSec),
      responses: this.#count,
      ok: this.ok,
      okPerSec: Math.round(this.ok / durationSec),
      statuses: this.statuses,
      problems: this.problems,
      errors,
      timeouts,
      p50Ms: round(at(0.5)),
      p90Ms: round(at(0.9)),
      p99Ms: round(at(0.99)),
      p999Ms: round(at(0.999)),
      maxMs: round(sorted.length ? sorted[sorted.length - 1]! : Number.NaN),
      cpuSec: round(cpuSec),
    }
  }
}

const cpuSecSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1e6
}

function closed(spec: LoadSpec): Promise<LoadResult> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon
  const recorder = new Recorder()
  const onResponse = (status: number, body: string): void => {
    if (status < 200 || status >= 300) recorder.problem(body)
  }
  const cpu = process.cpuUsage()
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        pipelining: 1,
        duration: spec.durationSec,
        timeout: 10,
        idReplacement: true,
        requests: spec.requests.map((r) => ({ ...r, headers: { ...r.headers }, onResponse })),
      },
      (error, result) => {
        if (error) return reject(error)
        const seconds = (result.finish.getTime() - result.start.getTime()) / 1000
        resolve(recorder.result(seconds, result.errors, result.timeouts, cpuSecSince(cpu)))
      },
    )
    instance.on('response', (_client, status, _bytes, ms) => recorder.record(status, ms))
  })
}

/** One keep-alive connection that carries one request at a time and parses Content-Length responses. */
class Connection {
  readonly #socket: Socket
  #buffer: Buffer = Buffer.alloc(0)
  #onDone: ((status: number, body: string) => void) | null = null
  #onFail: ((error: Error) => void) | null = null

  /** Resolves once the connection is established (or has failed: its first request then fails). */
  readonly connected: Promise<void>

  constructor(host: string, port: number) {
    this.#socket = connect({ host, port, noDelay: true })
    this.connected = new Promise((resolve) => {
      this.#socket.once('connect', resolve)
      this.#socket.once('error', () => resolve())
    })
    this.#socket.on('data', (chunk) => this.#read(chunk))
    this.#socket.on('error', (error) => this.#fail(error))
    this.#socket.on('close', () => this.#fail(new Error('connection closed')))
  }

  get busy(): boolean {
    return this.#onDone !== null
  }

  send(request: Buffer, onDone: (status: number, body: string) => void, onFail: (e: Error) => void): void {
    this.#onDone = onDone
    this.#onFail = onFail
    this.#socket.write(request)
  }

  close(): void {
    this.#socket.destroy()
  }

  #read(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk])
    const headEnd = this.#buffer.indexOf('\r\n\r\n')
    if (headEnd < 0) return
    const head = this.#buffer.toString('latin1', 0, headEnd)
    const length = /\r\ncontent-length: *(\d+)/i.exec(head)
    if (!length) {
      this.#fail(new Error(`a response without Content-Length: ${head.slice(0, 200)}`))
      return
    }
    const end = headEnd + 4 + Number(length[1])
    if (this.#buffer.length < end) return
    const status = Number(head.slice(9, 12))
    const body = this.#buffer.toString('utf8', headEnd + 4, end)
    this.#buffer = this.#buffer.subarray(end)
    const done = this.#onDone
    this.#onDone = null
    this.#onFail = null
    done?.(status, body)
  }

  #fail(error: Error): void {
    const fail = this.#onFail
    this.#onDone = null
    this.#onFail = null
    fail?.(error)
  }
}

/** Paced passes begun by this process: part of each pass's Idempotency-Keys, which never repeat in a run. */
let pacedRuns = 0

async function paced(spec: LoadSpec): Promise<LoadResult> {
  const rate = spec.rate
  if (!rate || rate <= 0) throw new Error('a paced run needs a rate')
  const url = new URL(spec.url)
  const host = url.hostname
  const port = Number(url.port)
  const runId = `${process.pid.toString(36)}${Date.now().toString(36)}-${(pacedRuns++).toString(36)}`
  const templates = spec.requests.map((r) => {
    const body = Buffer.from(r.body)
    const headers = Object.entries({ ...r.headers, 'content-length': String(body.length) })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')
    return `${r.method} ${r.path} HTTP/1.1\r\nhost: ${url.host}\r\n${headers}\r\n${r.body}`
  })
  const build = (i: number): Buffer =>
    Buffer.from(templates[i % templates.length]!.replaceAll('[<id>]', `${runId}-${i}`))

  const total = Math.round(rate * spec.durationSec)
  const interval = 1000 / rate
  const recorder = new Recorder()
  const timeline: string[] = []
  const lateDueMs: number[] = []
  let errors = 0
  let answered = 0
  const waiting: number[] = []
  const idle: Connection[] = []
  // Every connection of the pass, busy or idle: all are closed at its end, so that a pass cut short
  // by its deadline leaves nothing in flight to the next one (this process runs them all).
  const connections = new Set<Connection>()
  let over = false
  const open = (): Connection => {
    const connection = new Connection(host, port)
    connections.add(connection)
    return connection
  }
  // A client of a trading API keeps its connections open: connecting is not what a pass measures.
  for (let c = 0; c < spec.connections; c++) idle.push(open())
  await Promise.all(idle.map((connection) => connection.connected))
  const cpu = process.cpuUsage()
  const loopDelay = monitorEventLoopDelay({ resolution: 5 })
  loopDelay.enable()
  const start = performance.now() + 20
  const dueOf = (i: number): number => start + i * interval
  let lastAt = start
  let finish: () => void = () => {}
  const finished = new Promise<void>((resolve) => {
    finish = resolve
  })

  const answer = (): void => {
    answered++
    lastAt = performance.now()
    if (answered === total) finish()
  }
  const dispatch = (connection: Connection): void => {
    if (over) return
    const i = waiting.shift()
    if (i === undefined) {
      idle.push(connection)
      return
    }
    connection.send(
      build(i),
      (status, body) => {
        if (over) return
        const latencyMs = performance.now() - dueOf(i)
        recorder.record(status, latencyMs)
        if (latencyMs >= LATE_MS) lateDueMs.push(Math.round((dueOf(i) - start) * 10) / 10)
        if (spec.timelineFile) timeline.push(`${(dueOf(i) - start).toFixed(2)} ${latencyMs.toFixed(2)}`)
        if (status < 200 || status >= 300) recorder.problem(body)
        answer()
        dispatch(connection)
      },
      () => {
        if (over) return
        errors++
        connection.close()
        connections.delete(connection)
        answer()
        dispatch(open())
      },
    )
  }
  let sent = 0
  const tick = (): void => {
    if (over) return
    const now = performance.now()
    while (sent < total && dueOf(sent) <= now) {
      waiting.push(sent++)
      const connection = idle.pop()
      if (connection) dispatch(connection)
    }
    if (sent < total) setTimeout(tick, Math.max(0, dueOf(sent) - performance.now()))
  }
  setTimeout(tick, Math.max(0, start - performance.now()))
  const deadline = setTimeout(finish, (spec.durationSec + 15) * 1000)
  await finished
  over = true
  clearTimeout(deadline)
  const timeouts = total - answered
  const startUnixMs = Math.round(performance.timeOrigin + start)
  if (spec.timelineFile)
    writeFileSync(spec.timelineFile, `# start ${startUnixMs} (Unix ms)\n${timeline.join('\n')}\n`)
  waiting.length = 0
  for (const connection of connections) connection.close()
  loopDelay.disable()
  return {
    ...recorder.result((lastAt - start) / 1000, errors, timeouts, cpuSecSince(cpu)),
    loadLoopDelay: {
      p99Ms: Number((loopDelay.percentile(99) / 1e6).toFixed(2)),
      maxMs: Number((loopDelay.max / 1e6).toFixed(2)),
    },
    startUnixMs,
    lateDueMs,
  }
}

/** What the load generator answers run.ts for each spec it is sent. */
export type LoadReply = { readonly result: LoadResult } | { readonly error: string }

const run = (spec: LoadSpec): Promise<LoadResult> => (spec.mode === 'paced' ? paced(spec) : closed(spec))

if (process.send) {
  // Forked by run.ts: one process for the whole run, one spec at a time. A process started for each
  // pass began it cold: in the first 500 ms it spent twice the CPU per request of later (85-106 ms
  // per 250 ms against about 40, its compiler threads included), on the two cores it shares with
  // the server, after 230-300 ms of starting up just before the first request was due.
  process.on('message', (spec: LoadSpec) => {
    run(spec).then(
      (result) => process.send!({ result } satisfies LoadReply),
      (error: unknown) => process.send!({ error: String(error) } satisfies LoadReply),
    )
  })
  process.on('disconnect', () => process.exit(0))
} else {
  const result = await run(JSON.parse(process.argv[2] ?? '{}') as LoadSpec)
  // Exit only once the result is written: a pass with every answer late has a result of hundreds of
  // KB, and exiting straight after console.log cut it short in the pipe.
  process.stdout.write(`${JSON.stringify(result)}\n`, (error) => process.exit(error ? 1 : 0))
}
