import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { formatInteger, formatMoney, formatTonnes, type Lang } from '../format.ts'
import { useAsync } from '../hooks.ts'
import { type I18n, useI18n } from '../i18n/context.tsx'
import { SyntheticNote } from '../pricing/SyntheticNote.tsx'
import { href, navigate, type Route } from '../router.ts'
import { useSession } from '../session.tsx'
import { distributionApi } from './client.ts'
import { FlowMap } from './FlowMap.tsx'
import { formatCny, formatShare, placeName, shortName } from './labels.ts'
import type { IntakePlanAnswer, IntakePlanDetail, IntakePrevious } from './types.ts'

/** #/distribution/intake?month=: the month's plan of molten metal and ingot, for members. */
export function IntakeView({ route }: { route: Route }) {
  const { t } = useI18n()
  const { user } = useSession()
  if (user === undefined) return <Loading />
  if (user === null)
    return (
      <p class="note" data-testid="intake-login">
        {t('distribution.intake.login')}{' '}
        <a href={href('/login', { next: '/distribution/intake' })}>{t('auth.login')}</a>
      </p>
    )
  return <Intake key={user.id} route={route} />
}

function Intake({ route }: { route: Route }) {
  const { t } = useI18n()
  const list = useAsync(() => distributionApi.intakePlans(), [])
  const plans = list.data?.plans ?? []
  const month = route.query.get('month') ?? plans[0]?.month ?? null
  const detail = useAsync(() => (month ? distributionApi.intakePlan(month) : Promise.resolve(null)), [month])
  if (list.error) return <ProblemBox problem={list.error} onRetry={list.reload} testId="intake-problem" />
  if (!list.data) return <Loading />
  if (plans.length === 0) return <p class="empty">{t('distribution.intake.none')}</p>
  return (
    <div class="dist-intake" data-testid="intake-view">
      <div class="dist-intake-head">
        <label class="field">
          <span class="field-label">{t('distribution.intake.month')}</span>
          <select
            value={month ?? ''}
            onChange={(e) => navigate('/distribution/intake', { month: e.currentTarget.value })}
            data-testid="intake-month"
          >
            {plans.map((p) => (
              <option key={p.month} value={p.month}>
                {p.month}
              </option>
            ))}
          </select>
        </label>
        <SyntheticNote synthetic={list.data.synthetic} />
      </div>
      {detail.error && <ProblemBox problem={detail.error} onRetry={detail.reload} testId="intake-problem" />}
      {!detail.data && !detail.error && <Loading />}
      {detail.data && <Plan answer={detail.data} />}
    </div>
  )
}

function Plan({ answer }: { answer: IntakePlanAnswer }) {
  const { t, lang } = useI18n()
  const places = useAsync(() => distributionApi.places(), [])
  const { plan, previous } = answer
  // Smelters are reference places: their names come in both languages from /places.
  const byId = new Map((places.data?.places ?? []).map((p) => [p.id, p]))
  const nameOfId = (id: string, given: string | null | undefined): string => {
    const place = byId.get(id)
    return place ? placeName(place, lang) : shortName(given ?? id, lang)
  }
  return (
    <>
      <Summary plan={plan} previous={previous} />
      <div class="dist-intake-stack">
        <section class="card" aria-labelledby="flows-map-title">
          <div class="card-head">
            <h2 id="flows-map-title">{t('distribution.intake.mapTitle')}</h2>
            <p class="card-sub">{t('distribution.intake.mapSub')}</p>
          </div>
          <FlowMap plan={plan} nameOf={nameOfId} />
        </section>
        <FlowTable plan={plan} nameOf={nameOfId} />
      </div>
    </>
  )
}

type Metric = 'totalCostCny' | 'deliveredT' | 'moltenShare' | 'gasSavedM3'
const METRICS: readonly Metric[] = ['totalCostCny', 'deliveredT', 'moltenShare', 'gasSavedM3']

function formatMetric(metric: Metric, value: number, lang: Lang): string {
  switch (metric) {
    case 'totalCostCny':
      return formatMoney(String(Math.round(value)), lang)
    case 'deliveredT':
      return formatTonnes(value, lang)
    case 'moltenShare':
      return formatShare(value, lang)
    case 'gasSavedM3':
      return `${formatInteger(value)} m³`
  }
}

function formatChange(metric: Metric, change: number, lang: Lang, t: I18n['t']): string {
  const sign = change > 0 ? '+' : change < 0 ? '-' : '±'
  if (metric === 'moltenShare')
    return t('distribution.intake.points', { sign, n: (Math.abs(change) * 100).toFixed(1) })
  return `${sign}${formatMetric(metric, Math.abs(change), lang)}`
}

/** Cost, tonnes, molten share and gas saved of the month, each beside last month's. */
function Summary({ plan, previous }: { plan: IntakePlanDetail; previous: IntakePrevious | null }) {
  const { t, lang } = useI18n()
  return (
    <section class="card" aria-labelledby="intake-summary-title" data-testid="intake-summary">
      <div class="card-head card-head-row">
        <h2 id="intake-summary-title">{t('distribution.intake.title', { month: plan.month })}</h2>
        <span class="muted">
          {t('distribution.intake.savedBy', {
            at: plan.createdAt.slice(0, 16).replace('T', ' '),
            by: plan.createdBy ?? '—',
          })}
        </span>
      </div>
      <dl class="dist-metrics">
        {METRICS.map((m) => {
          const before = previous ? previous[m] : null
          return (
            <div key={m} class="dist-metric" data-testid={`intake-${m}`}>
              <dt>{t(`distribution.metric.${m}`)}</dt>
              <dd class="dist-metric-value">{formatMetric(m, plan[m], lang)}</dd>
              <dd class="muted dist-metric-prev" data-testid={`intake-${m}-previous`}>
                {before === null || !previous
                  ? t('distribution.intake.noPrevious')
                  : t('distribution.intake.previous', {
                      month: previous.month,
                      value: formatMetric(m, before, lang),
                      change: formatChange(m, plan[m] - before, lang, t),
                    })}
              </dd>
            </div>
          )
        })}
      </dl>
      <p class="muted dist-note">{t('distribution.intake.gasNote')}</p>
      {plan.unmetT > 0 && (
        <p class="note dist-unmet" role="note" data-testid="intake-unmet">
          {t('distribution.intake.unmet', { t: formatTonnes(plan.unmetT, lang) })}
        </p>
      )}
    </section>
  )
}

function FlowTable({
  plan,
  nameOf,
}: {
  plan: IntakePlanDetail
  nameOf: (id: string, given: string | null | undefined) => string
}) {
  const { t } = useI18n()
  const supplier = new Map(plan.suppliers.map((s) => [s.id, s]))
  const plant = new Map(plan.plants.map((p) => [p.id, p]))
  const flows = [...plan.result.flows].sort((a, b) => b.tonnes - a.tonnes)
  return (
    <section class="card" aria-labelledby="flows-title">
      <div class="card-head">
        <h2 id="flows-title">{t('distribution.intake.flowsTitle')}</h2>
      </div>
      <div class="table-wrap">
        <table class="table table-compact" data-testid="intake-flows">
          <thead>
            <tr>
              <th>{t('distribution.col.supplier')}</th>
              <th>{t('distribution.col.plant')}</th>
              <th>{t('distribution.col.form')}</th>
              <th class="num">{t('distribution.col.tonnes')}</th>
              <th class="num">{t('distribution.col.costPerT')}</th>
              <th class="num">{t('distribution.col.cost')}</th>
            </tr>
          </thead>
          <tbody>
            {flows.map((f) => (
              <tr key={`${f.from}>${f.to}>${f.form}`} data-form={f.form} data-testid="intake-flow">
                <td>{nameOf(f.from, supplier.get(f.from)?.name)}</td>
                <td>{nameOf(f.to, plant.get(f.to)?.name)}</td>
                <td>
                  <span class={`dist-form-tag dist-form-${f.form}`}>{t(`distribution.form.${f.form}`)}</span>
                </td>
                <td class="num">{formatInteger(f.tonnes)}</td>
                <td class="num">{formatCny(f.costCnyPerT)}</td>
                <td class="num">{formatInteger(f.tonnes * f.costCnyPerT)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={3}>{t('distribution.intake.total')}</td>
              <td class="num">{formatInteger(plan.deliveredT)}</td>
              <td />
              <td class="num" data-testid="intake-total">
                {formatInteger(plan.result.totalCostCny)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {plan.result.unmet.length > 0 && (
        <ul class="dist-refused">
          {plan.result.unmet.map((u) => (
            <li key={`${u.plant}/${u.form}`}>
              {t('distribution.intake.unmetLine', {
                plant: nameOf(u.plant, plant.get(u.plant)?.name),
                form: t(`distribution.form.${u.form}`),
                t: formatInteger(u.tonnes),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
