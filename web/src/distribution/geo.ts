/**
 * Everything the maps draw with, in one chunk loaded on first use: d3-geo, topojson-client and China's
 * outline from the 1:110m countries of the npm package `world-atlas` (Natural Earth). No map tiles are
 * reachable, so this outline is the only base layer. Import it through {@link loadGeo} only, so the
 * main bundle stays lean.
 * @module
 */
import { geoConicEqualArea, geoMercator, geoPath } from 'd3-geo'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import atlas from 'world-atlas/countries-110m.json' with { type: 'json' }

/** ISO 3166-1 numeric ids drawn as China: the mainland with Hainan (156), and Taiwan (158). */
const CHINA_IDS: ReadonlySet<string> = new Set(['156', '158'])

const topology = atlas as unknown as Topology<{ countries: GeometryCollection }>
const countries = feature(topology, topology.objects.countries) as FeatureCollection<Geometry>

/** China's outline as GeoJSON. */
export const CHINA: FeatureCollection<Geometry> = {
  type: 'FeatureCollection',
  features: countries.features.filter((f: Feature<Geometry>) => CHINA_IDS.has(String(f.id))),
}

/** Screen position of a lon/lat and the SVG path of the outline under one projection. */
export interface MapFrame {
  at: (lon: number, lat: number) => [number, number]
  outline: string
}

const frameOf = (projection: ReturnType<typeof geoMercator>): MapFrame => {
  const path = geoPath(projection)
  return { at: (lon, lat) => projection([lon, lat]) ?? [0, 0], outline: path(CHINA) ?? '' }
}

/** All of China in a box: an equal-area conic with standard parallels 25° N and 47° N. */
export function chinaFrame(width: number, height: number, pad: number): MapFrame {
  const projection = geoConicEqualArea()
    .parallels([25, 47])
    .rotate([-105, 0])
    .fitExtent(
      [
        [pad, pad],
        [width - pad, height - pad],
      ],
      CHINA,
    )
  return frameOf(projection)
}

/** A Mercator zoomed onto a set of lon/lat points (the smelters and plants around Gongyi). */
export function pointsFrame(
  points: [number, number][],
  width: number,
  height: number,
  pad: number,
): MapFrame {
  const projection = geoMercator().fitExtent(
    [
      [pad, pad],
      [width - pad, height - pad],
    ],
    { type: 'MultiPoint', coordinates: points },
  )
  return frameOf(projection)
}
