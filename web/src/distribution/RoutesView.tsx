import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { formatInteger, formatKgAsTonnes } from '../format.ts'
import { useAsync } from '../hooks.ts'
import { type I18n, useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'
import { useSession } from '../session.tsx'
import { shipmentsApi } from '../shipments/client.ts'
import type { Shipment } from '../shipments/types.ts'
import { distributionApi } from './client.ts'
import {
  type DayLoad,
  DEFAULT_PAYLOAD_T,
  DEFAULT_TRUCKS,
  DEPOT_PLACE,
  dispatchRequest,
  loadsOf,
  MAX_PAYLOAD_T,
  MAX_TRUCKS,
  RETURN_BY,
  type ReturnBy,
  truckColour,
  truckNumber,
  unroutableIds,
} from './dispatch-plan.ts'
import { formatKm, placeName } from './labels.ts'
import { RouteMap } from './RouteMap.tsx'
import type { DispatchAnswer, Place } from './types.ts'

/** #/distribution/routes: the day's truck routes for the caller's planned shipments, for members. */
export function RoutesView() {
  const { t } = useI18n()
  const { user } = useSession()
  if (user === undefined) return <Loading />
  if (user === null)
    return (
      <p class="note" data-testid="routes-login">
        {t('distribution.routes.login')}{' '}
        <a href={href('/login', { next: '/distribution/routes' })}>{t('auth.login')}</a>
      </p>
    )
  return <Routes key={user.id} />
}

/** Every planned shipment of the caller's enterprise, page after page. */
async function plannedShipments(): Promise<Shipment[]> {
  const all: Shipment[] = []
  let cursor: string | null = null
  do {
    const page: { items: Shipment[]; nextCursor: string | null } = await shipmentsApi.list({
      status: 'planned',
      cursor,
    })
    all.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return all
}

/** A whole number from a field, or null when it is not one in [1, max]. */
const wholeIn = (text: string, max: number): number | null => {
  if (!/^\s*\d{1,3}\s*$/.test(text)) return null
  const n = Number(text)
  return n >= 1 && n <= max ? n : null
}

interface Computed {
  answer: DispatchAnswer
  loads: DayLoad[]
  trucks: number
}

function Routes() {
  const { t, lang } = useI18n()
  const shipments = useAsync(() => plannedShipments(), [])
  const places = useAsync(() => distributionApi.places(), [])
  const [trucksText, setTrucksText] = useState(String(DEFAULT_TRUCKS))
  const [payloadText, setPayloadText] = useState(String(DEFAULT_PAYLOAD_T))
  const [returnBy, setReturnBy] = useState<ReturnBy>('nextDay')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<Computed | null>(null)
  const [problem, setProblem] = useState<{ problem: Problem; loads: DayLoad[] } | null>(null)

  if (shipments.error)
    return <ProblemBox problem={shipments.error} onRetry={shipments.reload} testId="routes-problem" />
  if (places.error)
    return <ProblemBox problem={places.error} onRetry={places.reload} testId="routes-problem" />
  if (!shipments.data || !places.data) return <Loading />
  const planned = shipments.data
  const depot = places.data.places.find((p) => p.id === DEPOT_PLACE) ?? null
  const trucks = wholeIn(trucksText, MAX_TRUCKS)
  const payloadT = wholeIn(payloadText, MAX_PAYLOAD_T)
  const loads = payloadT ? loadsOf(planned, payloadT * 1000) : []

  const compute = async (e: Event) => {
    e.preventDefault()
    if (!trucks || !payloadT || loads.length === 0) return
    setBusy(true)
    setProblem(null)
    try {
      const answer = await distributionApi.dispatch(dispatchRequest(loads, trucks, payloadT * 1000, returnBy))
      setResult({ answer, loads, trucks })
    } catch (err) {
      setResult(null)
      setProblem({ problem: toProblem(err), loads })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div class="dist-routes" data-testid="routes-view">
      <section class="card" aria-labelledby="routes-fleet-title">
        <div class="card-head">
          <h2 id="routes-fleet-title">{t('distribution.routes.fleetTitle')}</h2>
          <p class="card-sub">
            {t('distribution.routes.fleetSub', {
              depot: depot ? placeName(depot, lang) : DEPOT_PLACE,
            })}
          </p>
        </div>
        {planned.length === 0 ? (
          <p class="empty" data-testid="routes-none">
            {t('distribution.routes.none')}{' '}
            <a href={href('/shipments')}>{t('distribution.routes.toShipments')}</a>
          </p>
        ) : (
          <>
            <p class="muted" data-testid="routes-loads">
              {t('distribution.routes.loads', {
                shipments: formatInteger(planned.length),
                loads: formatInteger(loads.length),
                t: formatKgAsTonnes(
                  planned.reduce((sum, s) => sum + s.qtyKg, 0),
                  lang,
                ),
              })}
            </p>
            <form class="dist-form" onSubmit={compute} data-testid="routes-form">
              <label class="field">
                <span class="field-label">{t('distribution.routes.trucks')}</span>
                <input
                  inputMode="numeric"
                  value={trucksText}
                  onInput={(e) => setTrucksText(e.currentTarget.value)}
                  aria-invalid={!trucks}
                  data-testid="routes-trucks"
                />
                {!trucks && (
                  <span class="field-error">{t('distribution.routes.badTrucks', { max: MAX_TRUCKS })}</span>
                )}
              </label>
              <label class="field">
                <span class="field-label">{t('distribution.routes.payload')}</span>
                <input
                  inputMode="numeric"
                  value={payloadText}
                  onInput={(e) => setPayloadText(e.currentTarget.value)}
                  aria-invalid={!payloadT}
                  data-testid="routes-payload"
                />
                {!payloadT && (
                  <span class="field-error">
                    {t('distribution.routes.badPayload', { max: MAX_PAYLOAD_T })}
                  </span>
                )}
              </label>
              <label class="field">
                <span class="field-label">{t('distribution.routes.returnBy')}</span>
                <select
                  value={returnBy}
                  onChange={(e) => setReturnBy(e.currentTarget.value as ReturnBy)}
                  data-testid="routes-return"
                >
                  {(Object.keys(RETURN_BY) as ReturnBy[]).map((r) => (
                    <option key={r} value={r}>
                      {t(`distribution.routes.return.${r}`)}
                    </option>
                  ))}
                </select>
              </label>
              <div class="field-actions">
                <button
                  type="submit"
                  class="button button-primary"
                  disabled={busy || !trucks || !payloadT}
                  data-testid="routes-submit"
                >
                  {busy ? t('distribution.routes.computing') : t('distribution.routes.go')}
                </button>
              </div>
            </form>
          </>
        )}
        {problem && <RoutesProblem problem={problem.problem} loads={problem.loads} />}
      </section>
      {result && <RoutesResult computed={result} depot={depot} />}
    </div>
  )
}

const loadLabel = (l: DayLoad, t: I18n['t']): string =>
  l.parts > 1
    ? t('distribution.routes.part', { city: l.shipment.destination.city, n: l.part, of: l.parts })
    : l.shipment.destination.city

/** LOADS_UNROUTABLE in words, with the loads it names; any other problem in the usual box. */
function RoutesProblem({ problem, loads }: { problem: Problem; loads: DayLoad[] }) {
  const { t, lang } = useI18n()
  if (problem.code !== 'LOADS_UNROUTABLE') return <ProblemBox problem={problem} testId="routes-problem" />
  const byId = new Map(loads.map((l) => [l.id, l]))
  const named = unroutableIds(problem.detail)
    .map((id) => byId.get(id))
    .filter((l): l is DayLoad => l !== undefined)
  return (
    <div class="problem" role="alert" data-testid="routes-unroutable">
      <div class="problem-icon" aria-hidden="true">
        !
      </div>
      <div class="problem-body">
        <p class="problem-title">{t('distribution.routes.unroutableTitle')}</p>
        <p class="problem-detail">{t('distribution.routes.unroutable', { n: named.length || '—' })}</p>
        {named.length > 0 && (
          <ul class="problem-errors">
            {named.map((l) => (
              <li key={l.id} data-load={l.id}>
                {loadLabel(l, t)} · {l.shipment.goods} · {formatKgAsTonnes(l.kg, lang)}
              </li>
            ))}
          </ul>
        )}
        <p class="problem-detail">{t('distribution.routes.unroutableHint')}</p>
      </div>
    </div>
  )
}

/** Minutes from the start of the day as "HH:MM", with the day after said in words. */
export function clockText(minutes: number, t: I18n['t']): string {
  const m = Math.round(minutes)
  const day = Math.floor(m / 1440)
  const time = `${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  return day === 0 ? time : t('distribution.routes.dayPlus', { time, n: day })
}

function RoutesResult({ computed, depot }: { computed: Computed; depot: Place | null }) {
  const { t, lang } = useI18n()
  const { answer, loads, trucks } = computed
  const byId = new Map(loads.map((l) => [l.id, l]))
  const tonnes = answer.routes.reduce((sum, r) => sum + r.kg, 0)
  return (
    <>
      <section class="card" aria-labelledby="routes-totals-title" data-testid="routes-totals">
        <div class="card-head">
          <h2 id="routes-totals-title">{t('distribution.routes.totalsTitle')}</h2>
        </div>
        <dl class="dist-metrics">
          <div class="dist-metric">
            <dt>{t('distribution.routes.totalKm')}</dt>
            <dd class="dist-metric-value" data-testid="routes-km">
              {formatKm(answer.km)} km
            </dd>
          </div>
          <div class="dist-metric">
            <dt>{t('distribution.routes.trucksUsed')}</dt>
            <dd class="dist-metric-value" data-testid="routes-trucks-used">
              {t('distribution.routes.ofFleet', { n: answer.trucksUsed, of: trucks })}
            </dd>
          </div>
          <div class="dist-metric">
            <dt>{t('distribution.routes.loadsCount')}</dt>
            <dd class="dist-metric-value">{formatInteger(loads.length)}</dd>
          </div>
          <div class="dist-metric">
            <dt>{t('distribution.routes.tonnes')}</dt>
            <dd class="dist-metric-value">{formatKgAsTonnes(tonnes, lang)}</dd>
          </div>
        </dl>
      </section>
      {depot && (
        <section class="card" aria-labelledby="routes-map-title">
          <div class="card-head">
            <h2 id="routes-map-title">{t('distribution.routes.mapTitle')}</h2>
            <p class="card-sub">{t('distribution.routes.mapSub')}</p>
          </div>
          <RouteMap answer={answer} loads={byId} depot={depot} />
        </section>
      )}
      <div class="dist-routes-trucks">
        {answer.routes.map((r) => (
          <section key={r.truckId} class="card" data-testid="route-truck" data-truck={r.truckId}>
            <div class="card-head card-head-row">
              <h2>
                <span class="dist-swatch" style={{ background: truckColour(r.truckId) }} />{' '}
                {t('distribution.routes.truck', { n: truckNumber(r.truckId) })}
              </h2>
              <span class="muted">
                {t('distribution.routes.truckSummary', {
                  km: formatKm(r.km),
                  t: formatKgAsTonnes(r.kg, lang),
                  stops: r.stops.length,
                })}
              </span>
            </div>
            <div class="table-wrap">
              <table class="table table-compact">
                <thead>
                  <tr>
                    <th class="num">#</th>
                    <th>{t('distribution.routes.col.city')}</th>
                    <th>{t('distribution.routes.col.goods')}</th>
                    <th class="num">{t('distribution.routes.col.tonnes')}</th>
                    <th class="num">{t('distribution.routes.col.arrival')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.stops.map((s, i) => {
                    const l = byId.get(s.loadId)
                    return (
                      <tr key={s.loadId} data-testid="route-stop" data-load={s.loadId}>
                        <td class="num">{i + 1}</td>
                        <td>{l ? loadLabel(l, t) : s.loadId}</td>
                        <td>{l?.shipment.goods ?? '—'}</td>
                        <td class="num">{l ? formatKgAsTonnes(l.kg, lang) : '—'}</td>
                        <td class="num">{clockText(s.startMin, t)}</td>
                      </tr>
                    )
                  })}
                </tbody>
                <tfoot>
                  <tr>
                    <td colSpan={3}>{t('distribution.routes.truckTotal', { km: formatKm(r.km) })}</td>
                    <td class="num">{formatKgAsTonnes(r.kg, lang)}</td>
                    <td class="num" data-testid="route-return">
                      {t('distribution.routes.back', { time: clockText(r.returnMin, t) })}
                    </td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>
        ))}
      </div>
    </>
  )
}
