/**
 * Stalls of the machine itself during bench:api's passes: one thread per core, pinned to it
 * (`taskset`) at the highest real-time priority (`chrt -f 99`), sleeps STALL_SLEEP_MS at a time and
 * notes each wake-up that came STALL_RECORD_MS or more late. No process on the machine can delay
 * such a thread: only the host not running the virtual CPU, or the guest kernel's interrupt work,
 * can. So a stall here is time that every server on that core lost too, whatever it was doing.
 * Where `chrt` or `taskset` is refused (not root), the threads run at normal priority and the
 * figures also hold their waits behind other threads; the recorder says which.
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

interface Core {
  readonly worker: Worker
  readonly ctl: Int32Array
  readonly records: Float64Array
}

export class StallRecorder {
  readonly #cores: readonly Core[]
  /** Whether every thread got its core and real-time priority. */
  readonly realTime: boolean

  private constructor(cores: readonly Core[], realTime: boolean) {
    this.#cores = cores
    this.realTime = realTime
  }

  /** Starts one recorder thread per core. */
  static async start(): Promise<StallRecorder> {
    const cores: Core[] = []
    let realTime = true
    for (let cpu = 0; cpu < availableParallelism(); cpu++) {
      const ctl = new Int32Array(new SharedArrayBuffer(3 * 4))
      const records = new Float64Array(new SharedArrayBuffer(2 * CAPACITY * 8))
      const worker = new Worker(SOURCE, {
        eval: true,
        workerData: { ctl, records, capacity: CAPACITY, sleepMs: STALL_SLEEP_MS, recordMs: STALL_RECORD_MS },
      })
      const threadId = await new Promise<string>((resolve, reject) => {
        worker.once('message', resolve)
        worker.once('error', reject)
      })
      const placed = await Promise.all([
        execFileAsync('taskset', ['-p', '-c', String(cpu), threadId]),
        execFileAsync('chrt', ['-f', '-p', '99', threadId]),
      ]).then(
        () => true,
        () => false,
      )
      realTime &&= placed
      worker.unref()
      Atomics.store(ctl, 0, RUN)
      Atomics.notify(ctl, 0)
      cores.push({ worker, ctl, records })
    }
    return new StallRecorder(cores, realTime)
  }

  /** The stalls recorded so far, per core. */
  stalls(): Stall[][] {
    return this.#cores.map(({ ctl, records }) => {
      const n = Atomics.load(ctl, 1)
      return Array.from({ length: n }, (_, i) => ({ atUnixMs: records[2 * i]!, ms: records[2 * i + 1]! }))
    })
  }

  async stop(): Promise<void> {
    for (const { ctl } of this.#cores) {
      Atomics.store(ctl, 0, STOP)
      Atomics.notify(ctl, 2)
    }
    await Promise.all(this.#cores.map(({ worker }) => worker.terminate()))
  }
}
