import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { monitorGcPauses } from './gc-pauses.ts'

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
})
