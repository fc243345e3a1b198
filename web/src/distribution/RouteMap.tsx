import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { type DayLoad, truckColour, truckNumber } from './dispatch-plan.ts'
import { placeName } from './labels.ts'
import { loadGeo } from './load-geo.ts'
import type { DispatchAnswer, Place } from './types.ts'

const WIDTH = 960
const HEIGHT = 560
const PAD = 46

/** The day's routes as polylines from the depot through the stops and back, one colour per truck. */
export function RouteMap({
  answer,
  loads,
  depot,
}: {
  answer: DispatchAnswer
  loads: ReadonlyMap<string, DayLoad>
  depot: Place
}) {
  const { t, lang } = useI18n()
  const geo = useAsync(() => loadGeo(), [])
  if (geo.error) return <ProblemBox problem={geo.error} onRetry={geo.reload} />
  if (!geo.data) return <Loading />
  const pointOf = (loadId: string): [number, number] | null => {
    const d = loads.get(loadId)?.shipment.destination
    return d ? [d.lon, d.lat] : null
  }
  const home: [number, number] = [depot.lon, depot.lat]
  const points = [home, ...answer.routes.flatMap((r) => r.stops.map((s) => pointOf(s.loadId)))].filter(
    (p): p is [number, number] => p !== null,
  )
  const { at, outline } = geo.data.pointsFrame(points, WIDTH, HEIGHT, PAD)
  const [dx, dy] = at(...home)
  // One marker per destination (a split shipment's loads share it), named once.
  const cities = new Map<string, { x: number; y: number; city: string }>()
  for (const l of loads.values()) {
    const [x, y] = at(l.shipment.destination.lon, l.shipment.destination.lat)
    cities.set(`${Math.round(x)},${Math.round(y)}`, { x, y, city: l.shipment.destination.city })
  }
  return (
    <div class="dist-flowmap-wrap">
      <svg
        class="dist-map dist-flowmap"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t('distribution.routes.mapTitle')}
        data-testid="routes-map"
      >
        <rect class="dist-sea" width={WIDTH} height={HEIGHT} />
        <path class="dist-land" d={outline} />
        {answer.routes.map((r, i) => {
          const stops = r.stops.map((s) => pointOf(s.loadId)).filter((p): p is [number, number] => p !== null)
          // Routes that share a road are nudged apart a little, so each stays visible.
          const shift = (i - (answer.routes.length - 1) / 2) * 2.5
          const xy = [home, ...stops, home].map((p) => at(...p)).map(([x, y]) => `${x + shift},${y + shift}`)
          return (
            <polyline
              key={r.truckId}
              points={xy.join(' ')}
              fill="none"
              stroke={truckColour(r.truckId)}
              stroke-width={3}
              stroke-linejoin="round"
              stroke-linecap="round"
              stroke-opacity={0.8}
              data-truck={r.truckId}
              data-testid="route-line"
            >
              <title>{t('distribution.routes.truck', { n: truckNumber(r.truckId) })}</title>
            </polyline>
          )
        })}
        {[...cities.values()].map((c) => (
          <g key={`${c.x},${c.y}`} class="dist-supplier">
            <circle cx={c.x} cy={c.y} r={5} class="dist-route-stop" data-testid="route-stop-marker" />
            {/* A city next to the depot would write over its name: the tooltip names it then. */}
            <title>{c.city}</title>
            {Math.hypot(c.x - dx, c.y - dy) > 40 && (
              <text x={c.x + 8} y={c.y + 4}>
                {c.city}
              </text>
            )}
          </g>
        ))}
        <g class="dist-plant">
          <rect x={dx - 7} y={dy - 7} width={14} height={14} data-testid="routes-depot" />
          <text x={dx + 10} y={dy + 4}>
            {placeName(depot, lang)}
          </text>
        </g>
      </svg>
      <ul class="dist-flow-legend" aria-label={t('distribution.map.legend')}>
        {answer.routes.map((r) => (
          <li key={r.truckId}>
            <span class="dist-swatch" style={{ background: truckColour(r.truckId) }} />
            {t('distribution.routes.truck', { n: truckNumber(r.truckId) })}
          </li>
        ))}
        <li>
          <svg class="dist-key" viewBox="0 0 14 14" aria-hidden="true">
            <rect class="dist-plant-key" x="2" y="2" width="10" height="10" />
          </svg>
          {t('distribution.routes.depot')}
        </li>
      </ul>
    </div>
  )
}
