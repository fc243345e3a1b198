import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import type { DictKey } from '../i18n/index.ts'
import { SyntheticNote } from '../pricing/SyntheticNote.tsx'
import { navigate, type Route } from '../router.ts'
import { distributionApi } from './client.ts'
import {
  BAND_FILL,
  BANDS,
  bandOf,
  formatCny,
  formatSigned,
  type MarginBand,
  NO_DATA_FILL,
  nameOf,
  placeName,
  productsOf,
  SMELTER_KINDS,
  STRONG_CNY_PER_T,
} from './labels.ts'
import { type Geo, loadGeo } from './load-geo.ts'
import type { DeliveredMapAnswer, MapDestination, PlacesAnswer } from './types.ts'

const WIDTH = 800
const HEIGHT = 620

/** #/distribution/map?product=: China with the cluster, the smelters and the customer cities. */
export function MapView({ route }: { route: Route }) {
  const { t, lang } = useI18n()
  const places = useAsync(() => distributionApi.places(), [])
  const products = useAsync(() => distributionApi.prices().then(productsOf), [])
  const geo = useAsync(() => loadGeo(), [])
  const product = route.query.get('product') ?? products.data?.[0]?.code ?? null
  const map = useAsync(
    () => (product ? distributionApi.deliveredMap(product) : Promise.resolve(null)),
    [product],
  )

  const problem = places.error ?? geo.error ?? products.error
  if (problem) return <ProblemBox problem={problem} />
  if (!places.data || !geo.data || !products.data) return <Loading />

  return (
    <section class="card" aria-labelledby="map-title" data-testid="map-card">
      <div class="card-head card-head-row">
        <div>
          <h2 id="map-title">{t('distribution.map.title')}</h2>
          <p class="card-sub">{t('distribution.map.sub')}</p>
        </div>
        <label class="field dist-map-product">
          <span class="field-label">{t('distribution.product')}</span>
          <select
            value={product ?? ''}
            onChange={(e) => navigate('/distribution/map', { product: e.currentTarget.value })}
            data-testid="map-product"
          >
            {products.data.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name[lang]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <SyntheticNote synthetic={map.data?.synthetic} />
      {map.error && <ProblemBox problem={map.error} onRetry={map.reload} testId="map-problem" />}
      <div class="dist-map-layout">
        <ChinaSvg places={places.data} geo={geo.data} answer={map.data} />
        <Legend answer={map.data} loading={map.loading} />
      </div>
      {map.data && <Destinations answer={map.data} />}
    </section>
  )
}

function ChinaSvg({
  places,
  geo,
  answer,
}: {
  places: PlacesAnswer
  geo: Geo
  answer: DeliveredMapAnswer | null
}) {
  const { t, lang } = useI18n()
  const { at, outline } = geo.chinaFrame(WIDTH, HEIGHT, 12)
  const byPlace = new Map((answer?.destinations ?? []).map((d) => [d.place, d]))
  const cities = places.places.filter((p) => p.kind === 'customer_city')
  const smelters = places.places.filter((p) => SMELTER_KINDS.includes(p.kind))
  const cluster = places.places.find((p) => p.id === places.clusterPlaceId)
  const rivals = places.origins
    .filter((o) => o.placeId !== places.clusterPlaceId)
    .map((o) => ({ origin: o, place: places.places.find((p) => p.id === o.placeId) }))
  return (
    <svg
      class="dist-map"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={t('distribution.map.aria')}
      data-testid="china-map"
    >
      <path class="dist-land" d={outline} data-testid="china-outline" />
      {smelters.map((p) => {
        const [x, y] = at(p.lon, p.lat)
        return (
          <path
            key={p.id}
            class="dist-smelter"
            d={`M${x},${y - 5}L${x + 4.5},${y + 3.5}L${x - 4.5},${y + 3.5}Z`}
            data-testid="smelter-marker"
          >
            <title>{`${placeName(p, lang)} · ${t(`distribution.kind.${p.kind}` as DictKey)}`}</title>
          </path>
        )
      })}
      {cities.map((p) => {
        const [x, y] = at(p.lon, p.lat)
        const d = byPlace.get(p.id)
        const fill = d ? BAND_FILL[bandOf(d.marginCnyPerT)] : NO_DATA_FILL
        return (
          <circle
            key={p.id}
            class="dist-city"
            cx={x}
            cy={y}
            r={5.5}
            fill={fill}
            data-place={p.id}
            data-band={d ? bandOf(d.marginCnyPerT) : 'none'}
            data-testid="city-marker"
          >
            <title>{d ? cityTitle(d, lang, t) : placeName(p, lang)}</title>
          </circle>
        )
      })}
      {rivals.map(({ origin, place }) => {
        if (!place) return null
        const [x, y] = at(place.lon, place.lat)
        return (
          <rect
            key={origin.id}
            class="dist-rival"
            x={x - 5}
            y={y - 5}
            width={10}
            height={10}
            transform={`rotate(45 ${x} ${y})`}
            data-testid="rival-marker"
          >
            <title>{origin.name[lang]}</title>
          </rect>
        )
      })}
      {cluster && <ClusterMark x={at(cluster.lon, cluster.lat)[0]} y={at(cluster.lon, cluster.lat)[1]} />}
    </svg>
  )
}

function cityTitle(d: MapDestination, lang: 'zh' | 'en', t: ReturnType<typeof useI18n>['t']): string {
  return t('distribution.map.cityTitle', {
    name: nameOf(d.name, lang),
    gongyi: formatCny(d.gongyiDeliveredCnyPerT),
    other: formatCny(d.bestOtherDeliveredCnyPerT),
    margin: formatSigned(d.marginCnyPerT),
    rank: d.gongyiRank,
  })
}

/** The cluster: a star with its name. */
function ClusterMark({ x, y }: { x: number; y: number }) {
  const { t } = useI18n()
  const points = Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? 10 : 4.2
    const a = (Math.PI / 5) * i - Math.PI / 2
    return `${(x + r * Math.cos(a)).toFixed(1)},${(y + r * Math.sin(a)).toFixed(1)}`
  }).join(' ')
  return (
    <g data-testid="cluster-marker">
      <polygon class="dist-cluster" points={points} />
      <text class="dist-cluster-label" x={x + 12} y={y - 8}>
        {t('distribution.map.cluster')}
      </text>
    </g>
  )
}

function Legend({ answer, loading }: { answer: DeliveredMapAnswer | null; loading: boolean }) {
  const { t } = useI18n()
  const counts = new Map<MarginBand, number>()
  for (const d of answer?.destinations ?? []) {
    const b = bandOf(d.marginCnyPerT)
    counts.set(b, (counts.get(b) ?? 0) + 1)
  }
  const wins = (answer?.destinations ?? []).filter((d) => d.marginCnyPerT > 0).length
  return (
    <aside class="dist-legend" aria-label={t('distribution.map.legend')} data-testid="map-legend">
      <h3>{t('distribution.map.legend')}</h3>
      <ul>
        {BANDS.map((b) => (
          <li key={b}>
            <svg class="dist-key" viewBox="0 0 14 14" aria-hidden="true">
              <circle cx="7" cy="7" r="5.5" fill={BAND_FILL[b]} />
            </svg>
            {t(`distribution.band.${b}`, { n: STRONG_CNY_PER_T })}
            {answer && <span class="muted"> ({counts.get(b) ?? 0})</span>}
          </li>
        ))}
        <li>
          <svg class="dist-key" viewBox="0 0 14 14" aria-hidden="true">
            <circle cx="7" cy="7" r="5.5" fill={NO_DATA_FILL} />
          </svg>
          {t('distribution.band.none')}
        </li>
        <li>
          <svg class="dist-key" viewBox="0 0 14 14" aria-hidden="true">
            <polygon
              class="dist-cluster"
              points="7,1 8.8,5.2 13,5.6 9.8,8.5 10.8,13 7,10.6 3.2,13 4.2,8.5 1,5.6 5.2,5.2"
            />
          </svg>
          {t('distribution.map.cluster')}
        </li>
        <li>
          <svg class="dist-key" viewBox="0 0 14 14" aria-hidden="true">
            <path class="dist-smelter" d="M7,2L12,11H2Z" />
          </svg>
          {t('distribution.map.smelters')}
        </li>
        <li>
          <svg class="dist-key" viewBox="0 0 14 14" aria-hidden="true">
            <rect class="dist-rival" x="3" y="3" width="8" height="8" transform="rotate(45 7 7)" />
          </svg>
          {t('distribution.map.rivals')}
        </li>
      </ul>
      {answer && (
        <p class="dist-legend-sum" data-testid="map-summary">
          {t('distribution.map.summary', { wins, total: answer.destinations.length })}
        </p>
      )}
      {answer && (
        <p class="muted dist-note">
          {t('distribution.map.meta', {
            allIn: formatCny(answer.allInCnyPerT),
            tariff: answer.tariffVersion,
          })}
        </p>
      )}
      {loading && <Loading />}
      <p class="muted dist-note">{t('distribution.map.assumption')}</p>
    </aside>
  )
}

function Destinations({ answer }: { answer: DeliveredMapAnswer }) {
  const { t, lang } = useI18n()
  const rows = [...answer.destinations].sort((a, b) => b.marginCnyPerT - a.marginCnyPerT)
  return (
    <details class="dist-destinations" data-testid="map-destinations">
      <summary>{t('distribution.map.table', { n: rows.length })}</summary>
      <div class="table-wrap">
        <table class="table table-compact">
          <thead>
            <tr>
              <th>{t('distribution.col.city')}</th>
              <th class="num">{t('distribution.col.gongyiDelivered')}</th>
              <th class="num">{t('distribution.col.bestOther')}</th>
              <th class="num">{t('distribution.col.margin')}</th>
              <th class="num">{t('distribution.col.gongyiRank')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.place} data-place={d.place}>
                <td>
                  <svg class="dist-key" viewBox="0 0 14 14" aria-hidden="true">
                    <circle cx="7" cy="7" r="5.5" fill={BAND_FILL[bandOf(d.marginCnyPerT)]} />
                  </svg>
                  {nameOf(d.name, lang)}
                </td>
                <td class="num">{formatCny(d.gongyiDeliveredCnyPerT)}</td>
                <td class="num">{formatCny(d.bestOtherDeliveredCnyPerT)}</td>
                <td class="num">{formatSigned(d.marginCnyPerT)}</td>
                <td class="num">{d.gongyiRank}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}
