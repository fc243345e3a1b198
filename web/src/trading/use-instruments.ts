import { useEffect, useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { tradingApi } from './client.ts'
import type { InstrumentView } from './types.ts'

/** How often the instrument list (last, change, volume, phase) is asked again. */
export const INSTRUMENTS_REFRESH_MS = 5_000

export interface Instruments {
  items: InstrumentView[] | null
  synthetic: boolean
  error: Problem | null
  reload: () => void
}

/**
 * The listed instruments, asked again every few seconds (browsers slow the timer down in a
 * hidden tab). A failed refresh keeps the last list and shows the problem beside it.
 */
export function useInstruments(): Instruments {
  const [state, setState] = useState<Omit<Instruments, 'reload'>>({
    items: null,
    synthetic: false,
    error: null,
  })
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let stale = false
    tradingApi.instruments().then(
      (r) => {
        if (!stale) setState({ items: r.items, synthetic: r.synthetic, error: null })
      },
      (err: unknown) => {
        if (!stale) setState((s) => ({ ...s, error: toProblem(err) }))
      },
    )
    const timer = setTimeout(() => setTick((n) => n + 1), INSTRUMENTS_REFRESH_MS)
    return () => {
      stale = true
      clearTimeout(timer)
    }
  }, [tick])
  return { ...state, reload: () => setTick((n) => n + 1) }
}
