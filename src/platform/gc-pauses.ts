/**
 * How long garbage collection holds the calling thread, pause by pause, as V8 reports them through
 * `perf_hooks` (`gc` entries: scavenges, mark-compact finalization, incremental marking steps and
 * weak-callback processing). The event loop delay shows that the thread waited; this shows how much
 * of the waiting was the collector's. The histogram is cumulative, like the other latency
 * histograms (subtract snapshots); the long pauses are kept one by one, with when they happened, so
 * that a latency spike can be lined up with the pause behind it.
 * @module
 */
import { constants, PerformanceObserver } from 'node:perf_hooks'
import { LatencyHistogram } from './latency-histogram.ts'

export const GC_KINDS = ['minor', 'major', 'incremental', 'weak-callbacks'] as const
export type GcKind = (typeof GC_KINDS)[number]

/** One long collector pause. */
export interface GcPause {
  /** When it began, Unix ms (fractional). */
  readonly atMs: number
  readonly ms: number
  readonly kind: GcKind
}

export interface GcPauses {
  readonly histogram: LatencyHistogram
  /** The last pauses of at least `longMs`, oldest first. */
  recentLong(): GcPause[]
  stop(): void
}

/** A pause this long stalls every order in flight: kept one by one. */
export const LONG_GC_PAUSE_MS = 5
/** How many long pauses are kept (a minute or more of them under load). */
export const RECENT_LONG_GC_PAUSES = 64

/** The kind of a `gc` entry's `detail.kind` (a bit of perf_hooks' NODE_PERFORMANCE_GC_* constants). */
export function gcKindOf(flag: number): GcKind {
  if (flag === constants.NODE_PERFORMANCE_GC_MAJOR) return 'major'
  if (flag === constants.NODE_PERFORMANCE_GC_INCREMENTAL) return 'incremental'
  if (flag === constants.NODE_PERFORMANCE_GC_WEAKCB) return 'weak-callbacks'
  return 'minor'
}

/** Starts recording the calling thread's collector pauses. */
export function monitorGcPauses(
  options: { readonly longMs?: number; readonly keep?: number } = {},
): GcPauses {
  const longMs = options.longMs ?? LONG_GC_PAUSE_MS
  const keep = options.keep ?? RECENT_LONG_GC_PAUSES
  const histogram = new LatencyHistogram()
  const long: GcPause[] = []
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      histogram.record(entry.duration)
      if (entry.duration < longMs) continue
      // Node sets `detail` on gc entries; its types (20.x) do not declare it.
      const { detail } = entry as PerformanceEntry & { readonly detail?: { readonly kind?: number } }
      long.push({
        atMs: performance.timeOrigin + entry.startTime,
        ms: entry.duration,
        kind: gcKindOf(detail?.kind ?? 0),
      })
      if (long.length > keep) long.shift()
    }
  })
  observer.observe({ entryTypes: ['gc'] })
  return {
    histogram,
    recentLong: () => [...long],
    stop() {
      observer.disconnect()
    },
  }
}
