import { constants } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { gcKindOf, monitorGcPauses } from './gc-pauses.ts'

// A full collection on demand, without starting the process with --expose-gc.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const observed = () => new Promise((resolve) => setTimeout(resolve, 50))

describe('the garbage-collection pause monitor', () => {
  it('records each collection of this thread, and nothing once stopped', async () => {
    const monitor = monitorGcPauses()
    for (let i = 0; i < 3; i++) gc()
    await observed()
    const seen = monitor.histogram.snapshot()
    expect(seen.count).toBeGreaterThanOrEqual(3)
    expect(seen.sumMs).toBeGreaterThan(0)
    monitor.stop()
    gc()
    await observed()
    expect(monitor.histogram.snapshot().count).toBe(seen.count)
  })

  it('keeps the last long pauses one by one: when, how long, which kind', async () => {
    const monitor = monitorGcPauses({ longMs: 0, keep: 2 })
    const fromMs = Date.now()
    for (let i = 0; i < 3; i++) gc()
    await observed()
    const toMs = Date.now()
    monitor.stop()
    const pauses = monitor.recentLong()
    expect(pauses).toHaveLength(2)
    for (const p of pauses) {
      expect(p.kind).toBe('major')
      expect(p.ms).toBeGreaterThan(0)
      expect(p.atMs).toBeGreaterThanOrEqual(fromMs - 1)
      expect(p.atMs).toBeLessThanOrEqual(toMs)
    }
    expect(pauses[0]!.atMs).toBeLessThanOrEqual(pauses[1]!.atMs)
    // Shorter than the threshold: counted, not kept.
    const strict = monitorGcPauses({ longMs: 60_000 })
    gc()
    await observed()
    strict.stop()
    expect(strict.histogram.snapshot().count).toBeGreaterThan(0)
    expect(strict.recentLong()).toEqual([])
  })

  it('names each kind perf_hooks reports', () => {
    expect(gcKindOf(constants.NODE_PERFORMANCE_GC_MAJOR)).toBe('major')
    expect(gcKindOf(constants.NODE_PERFORMANCE_GC_MINOR)).toBe('minor')
    expect(gcKindOf(constants.NODE_PERFORMANCE_GC_INCREMENTAL)).toBe('incremental')
    expect(gcKindOf(constants.NODE_PERFORMANCE_GC_WEAKCB)).toBe('weak-callbacks')
  })
})
