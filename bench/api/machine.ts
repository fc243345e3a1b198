/**
 * What this machine takes from the servers before any of them runs: `bench:api` prints it first,
 * because its p99 figures at 10 ms are read against it. On the 2-core VM it was built on, two
 * threads spinning on both cores lost the CPU for up to 38 ms at a time (never with one core
 * left idle), and the kernel's DAMON monitor (kdamond, set up by the VM's platform) took a core
 * for 7-20 ms every ~0.53 s, each time lining up with a bump in the latency of every server.
 * Its disk held single 4 KB durable writes for 20-600 ms several times a second on some days and
 * hardly ever on others, with nothing else on the VM writing: a durable server's answers wait
 * for those writes, whatever the server does.
 * @module
 */
import { constants, readdirSync, readFileSync, rmSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { quantileOfSorted } from '../quantile.ts'

const DAMON_ADMIN = '/sys/kernel/mm/damon/admin/kdamonds'
/** Linux's USER_HZ: the unit of the CPU times in /proc/stat and /proc/<pid>/stat. */
export const CLOCK_TICKS_PER_SEC = 100

export interface DamonMonitor {
  /** Its kernel thread (kdamond), if the kernel says. */
  readonly pid: number | undefined
  /** Its pid, what it watches, how often, and its action. */
  readonly text: string
}

/** The running kernel DAMON monitors. */
export function damonMonitors(): DamonMonitor[] {
  let ids: string[]
  try {
    ids = readdirSync(DAMON_ADMIN).filter((name) => /^\d+$/.test(name))
  } catch {
    return [] // no DAMON, or no sysfs: nothing to report
  }
  const monitors: DamonMonitor[] = []
  for (const id of ids) {
    const read = (path: string): string | undefined => {
      try {
        return readFileSync(`${DAMON_ADMIN}/${id}/${path}`, 'utf8').trim()
      } catch {
        return undefined
      }
    }
    if (read('state') !== 'on') continue
    const sampleUs = Number(read('contexts/0/monitoring_attrs/intervals/sample_us'))
    const operations = read('contexts/0/operations') ?? '?'
    const action = read('contexts/0/schemes/0/action')
    const pid = read('pid')
    monitors.push({
      pid: pid === undefined ? undefined : Number(pid),
      text:
        `kernel DAMON monitor ${id} (kdamond pid ${pid ?? '?'}): ${operations} operations, ` +
        `a sample every ${sampleUs / 1000} ms${action ? `, scheme ${action}` : ''}`,
    })
  }
  return monitors
}

/** Gaps of at least this long in a spinning thread count as time the thread did not have the CPU. */
const GAP_MS = 1

export interface CpuGaps {
  readonly threads: number
  readonly durationMs: number
  /** Time lost in gaps ≥ GAP_MS, summed over the threads, as a fraction of threads × duration. */
  readonly lostFraction: number
  readonly longestMs: number
}

/**
 * Spins one thread per core for `durationMs` and measures the gaps in each one's clock: the time
 * the thread was runnable but had no CPU (taken by the kernel, another process or the host).
 */
export async function cpuGaps(durationMs: number): Promise<CpuGaps> {
  const threads = availableParallelism()
  const source = `
    const { parentPort, workerData } = require('node:worker_threads')
    const end = performance.now() + workerData
    let last = performance.now(), lost = 0, longest = 0
    for (;;) {
      const now = performance.now()
      const gap = now - last
      if (gap >= ${GAP_MS}) { lost += gap; if (gap > longest) longest = gap }
      last = now
      if (now >= end) break
    }
    parentPort.postMessage({ lost, longest })`
  const results = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<{ lost: number; longest: number }>((resolve, reject) => {
          const worker = new Worker(source, { eval: true, workerData: durationMs })
          worker.once('message', resolve)
          worker.once('error', reject)
        }),
    ),
  )
  return {
    threads,
    durationMs,
    lostFraction: results.reduce((sum, r) => sum + r.lost, 0) / (threads * durationMs),
    longestMs: Math.max(...results.map((r) => r.longest)),
  }
}

/** A durable write that takes at least this long is a stall: as long as bench:api's whole p99 target. */
export const DISK_STALL_MS = 10
/** A stall this long holds a few hundred orders at bench:api's half pace. */
export const DISK_LONG_STALL_MS = 50
/** The size of each probe write: about a group commit of a dozen orders. */
const DISK_PROBE_WRITE_BYTES = 4096

export interface DiskSyncWrites {
  readonly durationMs: number
  readonly writes: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly longestMs: number
  /** Writes of DISK_STALL_MS or more, and of DISK_LONG_STALL_MS or more. */
  readonly stalls: number
  readonly longStalls: number
  /** Milliseconds spent in writes of DISK_STALL_MS or more. */
  readonly stalledMs: number
}

/**
 * Appends 4 KB with O_DSYNC, one write after another, for `durationMs` in a file in `dir` (the
 * folder the journals will use), as the file journal writes: what the disk itself makes a durable
 * answer wait.
 */
export async function diskSyncWrites(dir: string, durationMs: number): Promise<DiskSyncWrites> {
  const path = join(dir, 'disk-probe')
  const file = await open(path, constants.O_RDWR | constants.O_CREAT | constants.O_DSYNC)
  const block = Buffer.alloc(DISK_PROBE_WRITE_BYTES, 0x5a)
  const latencies: number[] = []
  try {
    const end = performance.now() + durationMs
    for (let at = 0; performance.now() < end; at += block.length) {
      const started = performance.now()
      await file.write(block, 0, block.length, at)
      latencies.push(performance.now() - started)
    }
  } finally {
    await file.close()
    rmSync(path, { force: true })
  }
  latencies.sort((a, b) => a - b)
  const stalled = latencies.filter((ms) => ms >= DISK_STALL_MS)
  return {
    durationMs,
    writes: latencies.length,
    p50Ms: quantileOfSorted(latencies, 0.5),
    p99Ms: quantileOfSorted(latencies, 0.99),
    longestMs: quantileOfSorted(latencies, 1),
    stalls: stalled.length,
    longStalls: stalled.filter((ms) => ms >= DISK_LONG_STALL_MS).length,
    stalledMs: stalled.reduce((sum, ms) => sum + ms, 0),
  }
}

/**
 * The CPU time the hypervisor gave other guests while this VM's CPUs wanted it ("steal", Linux's
 * /proc/stat), in seconds summed over the CPUs, or undefined where the kernel does not count it.
 * On this workplace's VMs it came in spells: 0-2 % of the CPUs for minutes, then 15-40 % for
 * seconds, and every server's latencies rose with it.
 */
export function cpuStealSec(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/)
    const ticks = Number(fields[8]) // cpu user nice system idle iowait irq softirq steal
    return Number.isFinite(ticks) ? ticks / CLOCK_TICKS_PER_SEC : undefined
  } catch {
    return undefined
  }
}

/** The share of the machine's CPUs stolen between two `cpuStealSec()` readings `seconds` apart. */
export const stealShare = (
  fromSec: number | undefined,
  toSec: number | undefined,
  seconds: number,
): number =>
  fromSec === undefined || toSec === undefined
    ? Number.NaN
    : (toSec - fromSec) / (seconds * availableParallelism())
