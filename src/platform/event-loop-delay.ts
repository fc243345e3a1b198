/**
 * How long the event loop keeps callbacks waiting, from the lateness of a repeating timer: every
 * wait of the thread (a long task, garbage collection, a core taken by another thread) shows as a
 * timer that fires late. Cumulative, like the other latency histograms (subtract snapshots).
 * @module
 */
import { LatencyHistogram } from './latency-histogram.ts'

export interface EventLoopDelay {
  readonly histogram: LatencyHistogram
  stop(): void
}

/** Starts sampling every `intervalMs`; the timer never keeps the process alive. */
export function monitorEventLoopDelay(intervalMs = 20): EventLoopDelay {
  const histogram = new LatencyHistogram()
  let timer: NodeJS.Timeout | null = null
  const schedule = () => {
    const dueAt = performance.now() + intervalMs
    timer = setTimeout(() => {
      histogram.record(performance.now() - dueAt)
      schedule()
    }, intervalMs).unref()
  }
  schedule()
  return {
    histogram,
    stop() {
      if (timer) clearTimeout(timer)
      timer = null
    },
  }
}
