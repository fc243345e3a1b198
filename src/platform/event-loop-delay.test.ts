import { describe, expect, it } from 'vitest'
import { monitorEventLoopDelay } from './event-loop-delay.ts'

const busyFor = (ms: number) => {
  const until = performance.now() + ms
  while (performance.now() < until) {}
}
const nextSample = (intervalMs: number) => new Promise((resolve) => setTimeout(resolve, intervalMs * 3))

describe('the event loop delay monitor', () => {
  it('records a blocked loop as a late timer, and nothing once stopped', async () => {
    const monitor = monitorEventLoopDelay(5)
    // The first sample is due 5 ms after the start; the loop is held for 80: it fires ≥ 75 ms late.
    busyFor(80)
    await nextSample(5)
    const held = monitor.histogram.snapshot()
    expect(held.count).toBeGreaterThan(0)
    expect(held.maxMs).toBeGreaterThanOrEqual(75)
    monitor.stop()
    const count = monitor.histogram.snapshot().count
    await nextSample(5)
    expect(monitor.histogram.snapshot().count).toBe(count)
  })
})
