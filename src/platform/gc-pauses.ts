/**
 * How long garbage collection holds the calling thread, pause by pause, as V8 reports them through
 * `perf_hooks` (`gc` entries: scavenges, mark-compact finalization, incremental marking steps and
 * weak-callback processing). The event loop delay shows that the thread waited; this shows how much
 * of the waiting was the collector's. Cumulative, like the other latency histograms (subtract
 * snapshots).
 * @module
 */
import { PerformanceObserver } from 'node:perf_hooks'
import { LatencyHistogram } from './latency-histogram.ts'

export interface GcPauses {
  readonly histogram: LatencyHistogram
  stop(): void
}

/** Starts recording the calling thread's collector pauses. */
export function monitorGcPauses(): GcPauses {
  const histogram = new LatencyHistogram()
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) histogram.record(entry.duration)
  })
  observer.observe({ entryTypes: ['gc'] })
  return {
    histogram,
    stop() {
      observer.disconnect()
    },
  }
}
