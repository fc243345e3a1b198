import { formulaLane, type LaneDistances } from './distance.ts'
import type { LatLon } from './great-circle.ts'

/**
 * Where lane distances come from: the formula, or a road-routing server with the formula as fallback.
 * A router never fails: whatever goes wrong with the server, the lane still gets its formula distance,
 * and `roadSource` says which one it is.
 */
export interface RoadRouter {
  lane(from: LatLon, to: LatLon): Promise<LaneDistances>
}

/** The circuity formula only. */
export const formulaRouter: RoadRouter = {
  lane: async (from, to) => formulaLane(from, to),
}

/** A server that does not answer by then is passed over for the formula. */
export const DEFAULT_ROUTING_TIMEOUT_MS = 1_500
const CACHED_LANES = 2_000

export interface OsrmRouterOptions {
  /** The server's base URL, e.g. http://osrm.local:5000 (the path /route/v1/driving/… is added). */
  readonly baseUrl: string
  readonly timeoutMs?: number
  readonly fetch?: typeof fetch
  /** Told once per failed request, with why the formula was used instead. */
  readonly onFallback?: (reason: string) => void
}

/** The road distance of an OSRM route answer, metres; null when the answer holds none. */
function osrmMetres(body: unknown): number | null {
  if (typeof body !== 'object' || body === null) return null
  const { code, routes } = body as { code?: unknown; routes?: unknown }
  if (code !== 'Ok' || !Array.isArray(routes)) return null
  const distance = (routes[0] as { distance?: unknown } | undefined)?.distance
  return typeof distance === 'number' && Number.isFinite(distance) && distance >= 0 ? distance : null
}

/**
 * A client of OSRM's HTTP API (`/route/v1/driving/{lon},{lat};{lon},{lat}?overview=false`, distance
 * in metres), with the formula as fallback on a timeout, an HTTP error or an answer without a route.
 * Successful answers are cached (places do not move); fallbacks are not, so a server back up is used.
 *
 * @example createOsrmRouter({ baseUrl: 'http://localhost:5000' }).lane(huiguo, shanghai)
 */
export function createOsrmRouter(options: OsrmRouterOptions): RoadRouter {
  const base = options.baseUrl.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? DEFAULT_ROUTING_TIMEOUT_MS
  const doFetch = options.fetch ?? fetch
  const cache = new Map<string, number>()
  return {
    async lane(from, to) {
      const formula = formulaLane(from, to)
      const key = `${from.lon},${from.lat};${to.lon},${to.lat}`
      let metres = cache.get(key) ?? null
      if (metres === null) {
        const url = `${base}/route/v1/driving/${key}?overview=false`
        try {
          const response = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs) })
          metres = response.ok ? osrmMetres(await response.json()) : null
          if (metres === null) options.onFallback?.(`${url}: HTTP ${response.status} without a route`)
        } catch (error) {
          options.onFallback?.(`${url}: ${error instanceof Error ? error.message : String(error)}`)
        }
        if (metres === null) return formula
        if (cache.size >= CACHED_LANES) cache.delete(cache.keys().next().value!)
        cache.set(key, metres)
      }
      return { ...formula, roadKm: metres / 1000, roadSource: 'osrm' }
    },
  }
}

/**
 * The router the environment asks for: OSRM at HUIGUO_ROUTING_URL when it is set (with
 * HUIGUO_ROUTING_TIMEOUT_MS, default 1500), else the formula.
 */
export function roadRouterFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  onFallback?: (reason: string) => void,
): RoadRouter {
  const baseUrl = env.HUIGUO_ROUTING_URL?.trim()
  if (!baseUrl) return formulaRouter
  const timeout = Number(env.HUIGUO_ROUTING_TIMEOUT_MS)
  return createOsrmRouter({
    baseUrl,
    ...(Number.isInteger(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
    ...(onFallback ? { onFallback } : {}),
  })
}
