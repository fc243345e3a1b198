/**
 * What this machine takes from the servers before any of them runs: `bench:api` prints it first,
 * because its p99 figures at 10 ms are read against it. On the 2-core VM it was built on, two
 * threads spinning on both cores lost the CPU for up to 38 ms at a time (never with one core
 * left idle), and the kernel's DAMON monitor (kdamond, set up by the VM's platform) took a core
 * for 7-20 ms every ~0.53 s, each time lining up with a bump in the latency of every server.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'

const DAMON_ADMIN = '/sys/kernel/mm/damon/admin/kdamonds'

/** One line per running kernel DAMON monitor: its pid, what it watches, how often, and its action. */
export function damonMonitors(): string[] {
  let ids: string[]
  try {
    ids = readdirSync(DAMON_ADMIN).filter((name) => /^\d+$/.test(name))
  } catch {
    return [] // no DAMON, or no sysfs: nothing to report
  }
  const lines: string[] = []
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
    lines.push(
      `kernel DAMON monitor ${id} (kdamond pid ${read('pid') ?? '?'}): ${operations} operations, ` +
        `a sample every ${sampleUs / 1000} ms${action ? `, scheme ${action}` : ''}`,
    )
  }
  return lines
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
