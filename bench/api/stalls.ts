/**
 * Stalls of the machine itself during bench:api's passes: one thread per core, pinned to it
 * (`taskset`) at the highest real-time priority (`chrt -f 99`), sleeps STALL_SLEEP_MS at a time and
 * notes each wake-up that came STALL_RECORD_MS or more late. No process on the machine can delay
 * such a thread: only the host not running the virtual CPU, or the guest kernel's interrupt work,
 * can. So a stall here is time that every server on that core lost too, whatever it was doing.
 * Where `chrt` or `taskset` is refused (not root), the threads run at normal priority and the
 * figures also hold their waits behind other threads; the recorder says which.
 *
 * Given kernel threads (the VM platform's DAMON monitor, kdamond, which takes a core for several
 * ms at a time but cannot delay a real-time thread), one more thread reads their run time
 * (/proc/<pid>/schedstat) every KERNEL_POLL_MS and notes each spell in which they ran, as a stall
 * of that long: time a normal thread on that core had to wait.
 *
 * The recorders cost the servers little but not nothing: 500 real-time wake-ups a second per core,
 * each preempting whatever ran there for a few µs, and 200 reads of a /proc file a second; every
 * server in a run pays the same.
 * @module
 */
import { execFile } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { promisify } from 'node:util'
import { Worker } from 'node:worker_threads'

const execFileAsync = promisify(execFile)

/** How long each recorder thread sleeps between looks at the clock. */
const STALL_SLEEP_MS = 2
/** A wake-up at least this late is recorded. */
const STALL_RECORD_MS = 1
/** Recorded stalls per core; a 10 s pass on a bad minute had a few dozen. */
const CAPACITY = 1 << 16
/** How often the kernel threads' run time is read. */
const KERNEL_POLL_MS = 5
/** A poll in which they ran at least this long continues a spell. */
const KERNEL_RUN_MS = 0.5
// ctl: [state (0 wait, 1 run, 2 stop), recorded count, always 0 (the word the sleeps wait on)]
const RUN = 1
const STOP = 2

/** One late wake-up: when the recorder meant to wake (Unix ms) and how late it was (ms). */
export interface Stall {
  readonly atUnixMs: number
  readonly ms: number
}

export interface StallSummary {
  /** Stalls of at least `minMs` on any core. */
  readonly count: number
  readonly totalMs: number
  readonly longestMs: number
  /** Of `count`, those that overlapped a stall of at least `minMs` on another core. */
  readonly onAllCoresAtOnce: number
}

/**
 * The stalls of at least `minMs` that began in [fromUnixMs, toUnixMs), per core in `byCore`; a
 * stall counts as on all cores at once when every other core had one overlapping it.
 */
export function summarizeStalls(
  byCore: readonly (readonly Stall[])[],
  fromUnixMs: number,
  toUnixMs: number,
  minMs: number,
): StallSummary {
  const inWindow = byCore.map((stalls) =>
    stalls.filter((s) => s.ms >= minMs && s.atUnixMs >= fromUnixMs && s.atUnixMs < toUnixMs),
  )
  const overlaps = (a: Stall, b: Stall) => a.atUnixMs < b.atUnixMs + b.ms && b.atUnixMs < a.atUnixMs + a.ms
  let count = 0
  let totalMs = 0
  let longestMs = 0
  let onAllCoresAtOnce = 0
  inWindow.forEach((stalls, core) => {
    for (const stall of stalls) {
      count++
      totalMs += stall.ms
      longestMs = Math.max(longestMs, stall.ms)
      const others = inWindow.filter((_, other) => other !== core)
      if (others.length > 0 && others.every((o) => o.some((s) => overlaps(stall, s)))) onAllCoresAtOnce++
    }
  })
  return { count, totalMs, longestMs, onAllCoresAtOnce }
}

const SOURCE = `
  const { parentPort, workerData } = require('node:worker_threads')
  const { readlinkSync } = require('node:fs')
  const { ctl, records, capacity, sleepMs, recordMs } = workerData
  parentPort.postMessage(readlinkSync('/proc/thread-self').split('/').pop())
  Atomics.wait(ctl, 0, 0)
  while (Atomics.load(ctl, 0) === ${RUN}) {
    const before = performance.now()
    Atomics.wait(ctl, 2, 0, sleepMs)
    const late = performance.now() - before - sleepMs
    const n = Atomics.load(ctl, 1)
    if (late >= recordMs && n < capacity) {
      records[2 * n] = performance.timeOrigin + before + sleepMs
      records[2 * n + 1] = late
      Atomics.store(ctl, 1, n + 1)
    }
  }`

const KERNEL_SOURCE = `
  const { parentPort, workerData } = require('node:worker_threads')
  const { readFileSync, readlinkSync } = require('node:fs')
  const { ctl, records, capacity, pollMs, runMs, recordMs, pids } = workerData
  const runNs = () => pids.reduce((sum, pid) => {
    try { return sum + Number(readFileSync('/proc/' + pid + '/schedstat', 'latin1').split(' ')[0]) }
    catch { return sum }
  }, 0)
  parentPort.postMessage(readlinkSync('/proc/thread-self').split('/').pop())
  Atomics.wait(ctl, 0, 0)
  let last = runNs(), lastAt = performance.now(), spellAt = 0, spellMs = 0
  while (Atomics.load(ctl, 0) === ${RUN}) {
    Atomics.wait(ctl, 2, 0, pollMs)
    const ns = runNs(), at = performance.now()
    const ranMs = (ns - last) / 1e6
    if (ranMs >= runMs) {
      if (spellMs === 0) spellAt = performance.timeOrigin + lastAt
      spellMs += ranMs
    } else if (spellMs > 0) {
      const n = Atomics.load(ctl, 1)
      if (spellMs >= recordMs && n < capacity) {
        records[2 * n] = spellAt
        records[2 * n + 1] = spellMs
        Atomics.store(ctl, 1, n + 1)
      }
      spellMs = 0
    }
    last = ns
    lastAt = at
  }`

interface Core {
  readonly worker: Worker
  readonly ctl: Int32Array
  readonly records: Float64Array
}

/** Starts a recorder thread and, where allowed, gives it real-time priority (and `cpu`, if given). */
async function startThread(
  source: string,
  data: Record<string, unknown>,
  cpu: number | null,
): Promise<Core & { readonly realTime: boolean }> {
  const ctl = new Int32Array(new SharedArrayBuffer(3 * 4))
  const records = new Float64Array(new SharedArrayBuffer(2 * CAPACITY * 8))
  const worker = new Worker(source, {
    eval: true,
    workerData: { ...data, ctl, records, capacity: CAPACITY, recordMs: STALL_RECORD_MS },
  })
  const threadId = await new Promise<string>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  const realTime = await Promise.all([
    ...(cpu === null ? [] : [execFileAsync('taskset', ['-p', '-c', String(cpu), threadId])]),
    execFileAsync('chrt', ['-f', '-p', '99', threadId]),
  ]).then(
    () => true,
    () => false,
  )
  worker.unref()
  Atomics.store(ctl, 0, RUN)
  Atomics.notify(ctl, 0)
  return { worker, ctl, records, realTime }
}

const recorded = ({ ctl, records }: Core): Stall[] =>
  Array.from({ length: Atomics.load(ctl, 1) }, (_, i) => ({
    atUnixMs: records[2 * i]!,
    ms: records[2 * i + 1]!,
  }))

export class StallRecorder {
  readonly #cores: readonly Core[]
  readonly #kernel: Core | null
  /** Whether every thread got its core and real-time priority. */
  readonly realTime: boolean

  private constructor(cores: readonly Core[], kernel: Core | null, realTime: boolean) {
    this.#cores = cores
    this.#kernel = kernel
    this.realTime = realTime
  }

  /** Starts one recorder thread per core, and one for `kernelThreads` (pids) if any. */
  static async start(kernelThreads: readonly number[] = []): Promise<StallRecorder> {
    const cores: (Core & { readonly realTime: boolean })[] = []
    for (let cpu = 0; cpu < availableParallelism(); cpu++)
      cores.push(await startThread(SOURCE, { sleepMs: STALL_SLEEP_MS }, cpu))
    const kernel =
      kernelThreads.length === 0
        ? null
        : await startThread(
            KERNEL_SOURCE,
            { pollMs: KERNEL_POLL_MS, runMs: KERNEL_RUN_MS, pids: kernelThreads },
            null,
          )
    const realTime = [...cores, ...(kernel ? [kernel] : [])].every((c) => c.realTime)
    return new StallRecorder(cores, kernel, realTime)
  }

  /** The stalls recorded so far, per core. */
  stalls(): Stall[][] {
    return this.#cores.map(recorded)
  }

  /** The spells in which the kernel threads ran, as stalls of their length. */
  kernelRuns(): Stall[] {
    return this.#kernel ? recorded(this.#kernel) : []
  }

  async stop(): Promise<void> {
    const threads = [...this.#cores, ...(this.#kernel ? [this.#kernel] : [])]
    for (const { ctl } of threads) {
      Atomics.store(ctl, 0, STOP)
      Atomics.notify(ctl, 2)
    }
    await Promise.all(threads.map(({ worker }) => worker.terminate()))
  }
}

/** An answer this late or later misses bench:api's p99 target. */
export const LATE_MS = 10
/**
 * A late answer counts as behind a stall when it was due at most this long after the stall began:
 * the time the queue a stall of a few ms leaves takes to drain at half load.
 */
export const BEHIND_STALL_MS = 60
/** ...or at most this long before it (an answer already waiting when the stall came). */
export const AHEAD_OF_STALL_MS = 10

export interface LateBehindStalls {
  /** Answers that were LATE_MS or more late. */
  readonly late: number
  /** Of those, the share due within `behindMs` after a stall began (or `aheadMs` before it). */
  readonly share: number
  /**
   * The share of the pass's time in which an answer would count so: the share of late answers
   * that would be behind a stall if lateness had nothing to do with stalls.
   */
  readonly chance: number
}

/**
 * How many of a pass's late answers (`lateDueUnixMs`, when each was due) came behind a stall that
 * began in the pass [fromUnixMs, toUnixMs): due at most `behindMs` after it began or `aheadMs`
 * before.
 */
export function lateBehindStalls(
  lateDueUnixMs: readonly number[],
  stallStartsUnixMs: readonly number[],
  fromUnixMs: number,
  toUnixMs: number,
  behindMs = BEHIND_STALL_MS,
  aheadMs = AHEAD_OF_STALL_MS,
): LateBehindStalls {
  const starts = stallStartsUnixMs.filter((at) => at >= fromUnixMs && at < toUnixMs).sort((a, b) => a - b)
  // The windows [start - aheadMs, start + behindMs], merged, clipped to the pass.
  const windows: [number, number][] = []
  for (const at of starts) {
    const from = Math.max(fromUnixMs, at - aheadMs)
    const to = Math.min(toUnixMs, at + behindMs)
    const last = windows[windows.length - 1]
    if (last && from <= last[1]) last[1] = Math.max(last[1], to)
    else windows.push([from, to])
  }
  const covered = windows.reduce((ms, [from, to]) => ms + (to - from), 0)
  const inWindow = (due: number): boolean => {
    let lo = 0
    let hi = windows.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const [from, to] = windows[mid]!
      if (due < from) hi = mid - 1
      else if (due > to) lo = mid + 1
      else return true
    }
    return false
  }
  const behind = lateDueUnixMs.filter(inWindow).length
  return {
    late: lateDueUnixMs.length,
    share: lateDueUnixMs.length === 0 ? 0 : behind / lateDueUnixMs.length,
    chance: toUnixMs > fromUnixMs ? covered / (toUnixMs - fromUnixMs) : 0,
  }
}
