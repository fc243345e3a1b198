import { useEffect, useRef, useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { tradingApi } from './client.ts'
import type { OrderRequest, Preview } from './types.ts'

export const PREVIEW_DEBOUNCE_MS = 250

export interface PreviewState {
  preview: Preview | null
  /** The body the preview answers for (JSON), so a stale answer is never shown as current. */
  forBody: string | null
  error: Problem | null
  checking: boolean
}

/**
 * Asks POST /orders/preview for what an order would reserve, once the user has stopped typing
 * for a moment. Answers to bodies that have since changed are dropped; `refresh` asks again
 * (after a fill or a balance change).
 */
export function usePreview(order: OrderRequest | null, refresh: number): PreviewState {
  const body = order ? JSON.stringify(order) : null
  const [state, setState] = useState<PreviewState>({
    preview: null,
    forBody: null,
    error: null,
    checking: false,
  })
  const latest = useRef<string | null>(null)
  useEffect(() => {
    latest.current = body
    if (!order || !body) {
      setState({ preview: null, forBody: null, error: null, checking: false })
      return
    }
    setState((s) => ({ ...s, checking: true }))
    const timer = setTimeout(() => {
      tradingApi.preview(order).then(
        (preview) => {
          if (latest.current === body) setState({ preview, forBody: body, error: null, checking: false })
        },
        (err: unknown) => {
          if (latest.current === body)
            setState({ preview: null, forBody: body, error: toProblem(err), checking: false })
        },
      )
    }, PREVIEW_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [body, refresh])
  return state
}
