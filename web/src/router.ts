import { useEffect, useState } from 'preact/hooks'

/** The current hash route: "#/enterprises?q=abc" → { path: "/enterprises", query: q=abc }. */
export interface Route {
  path: string
  query: URLSearchParams
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/'
  const i = raw.indexOf('?')
  const path = (i < 0 ? raw : raw.slice(0, i)) || '/'
  const query = new URLSearchParams(i < 0 ? '' : raw.slice(i + 1))
  return { path: path.startsWith('/') ? path : `/${path}`, query }
}

/** A hash href for a path and query, leaving out empty values. */
export function href(path: string, query?: Record<string, string | undefined | null>): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) if (v) params.set(k, v)
  const s = params.toString()
  return `#${path}${s ? `?${s}` : ''}`
}

export function navigate(path: string, query?: Record<string, string | undefined | null>): void {
  const next = href(path, query)
  if (location.hash !== next) location.hash = next
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}

/** decodeURIComponent that gives back the text as it is when it is not valid percent-encoding. */
export function decodePart(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
