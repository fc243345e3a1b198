/**
 * The map chunk (./geo.ts: d3-geo, topojson-client and the world-atlas outline), fetched the first
 * time a map is shown; a failure is not cached.
 * @module
 */
export type Geo = typeof import('./geo.ts')

let geo: Promise<Geo> | null = null

export function loadGeo(): Promise<Geo> {
  if (!geo) {
    geo = import('./geo.ts')
    geo.catch(() => {
      geo = null
    })
  }
  return geo
}
