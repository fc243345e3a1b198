import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { type Problem, toProblem } from './api.ts'

export interface Async<T> {
  data: T | null
  error: Problem | null
  loading: boolean
  reload: () => void
}

/** Runs a loader when its deps change; answers of superseded runs are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data: T | null; error: Problem | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  })
  const [tick, setTick] = useState(0)
  const run = useRef(0)

  useEffect(() => {
    const id = ++run.current
    setState((s) => ({ data: s.data, error: null, loading: true }))
    load().then(
      (data) => {
        if (run.current === id) setState({ data, error: null, loading: false })
      },
      (err: unknown) => {
        if (run.current === id) setState({ data: null, error: toProblem(err), loading: false })
      },
    )
  }, [...deps, tick])

  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { ...state, reload }
}

export interface Paged<T> {
  items: T[]
  error: Problem | null
  loading: boolean
  hasMore: boolean
  loadMore: () => void
  reload: () => void
}

/**
 * Cursor pagination: loads the first page whenever `key` changes and appends the next page on
 * loadMore(). A page that arrives after the key changed is dropped.
 */
export function usePaged<T>(
  fetchPage: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
  key: string,
): Paged<T> {
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState<Problem | null>(null)
  const [loading, setLoading] = useState(true)
  const [tick, setTick] = useState(0)
  const run = useRef(0)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage

  const load = useCallback((from: string | null, append: boolean) => {
    const id = ++run.current
    setLoading(true)
    setError(null)
    fetchRef.current(from).then(
      (page) => {
        if (run.current !== id) return
        setItems((old) => (append ? [...old, ...page.items] : page.items))
        setCursor(page.nextCursor)
        setLoading(false)
      },
      (err: unknown) => {
        if (run.current !== id) return
        if (!append) setItems([])
        setError(toProblem(err))
        setLoading(false)
      },
    )
  }, [])

  useEffect(() => {
    setItems([])
    setCursor(null)
    load(null, false)
  }, [key, tick, load])

  return {
    items,
    error,
    loading,
    hasMore: cursor !== null,
    loadMore: () => {
      if (cursor !== null && !loading) load(cursor, true)
    },
    reload: () => setTick((n) => n + 1),
  }
}
