import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import type { DictKey } from '../i18n/index.ts'
import { href, type Route } from '../router.ts'
import { useSession } from '../session.tsx'
import { ecologyApi } from './client.ts'
import { LevelBadge } from './LevelBadge.tsx'
import { fmt, fmtShare, lineName } from './labels.ts'
import type { EnterpriseRow, Indicator, Level, LineInfo, ParkAnswer } from './types.ts'

const indicatorValue = (i: Indicator, x: number | null) =>
  i.id === 'co2_per_tce' ? (x === null ? '—' : `${fmt(x, 3)} tCO₂/tce`) : fmtShare(x)

/** #/ecology/park: the zero-carbon park indicators, the lines by level, and each enterprise's figures. */
export function ParkView({ route }: { route: Route }) {
  const { t } = useI18n()
  const { user } = useSession()
  const to = route.query.get('to') ?? undefined
  const park = useAsync(() => ecologyApi.park(to), [to])
  const lines = useAsync(() => ecologyApi.lines(), [])
  if (park.error) return <ProblemBox problem={park.error} onRetry={park.reload} />
  if (!park.data || !lines.data) return <Loading />
  const p = park.data
  return (
    <div class="eco-park" data-testid="ecology-park">
      <section class="card" aria-labelledby="eco-park-title">
        <div class="card-head">
          <h2 id="eco-park-title">{t('ecology.park.title')}</h2>
          <p class="card-sub">
            {t('ecology.park.window', { from: p.window.from, to: p.window.to, n: p.enterpriseCount })}
            {p.synthetic && <span class="badge badge-grey eco-synthetic">{t('ecology.synthetic')}</span>}
          </p>
        </div>
        <p class="hint">{t('ecology.park.source')}</p>
        <div class="eco-indicators">
          {p.indicators.map((i) => (
            <IndicatorCard key={i.id} indicator={i} />
          ))}
        </div>
        <p class="note" data-testid="park-scale">
          {t(`ecology.park.scale.${p.scale}` as DictKey, {
            tce: fmt(p.energyTce),
            co2: fmt(p.co2T),
          })}
        </p>
      </section>
      <section class="card" aria-labelledby="eco-levels-title">
        <div class="card-head">
          <h2 id="eco-levels-title">{t('ecology.park.levels')}</h2>
          <p class="card-sub">{t('ecology.park.levelsSub', { n: p.lineCount })}</p>
        </div>
        <LevelBars park={p} />
        <ClusterLines park={p} lines={lines.data.items} />
      </section>
      {user ? (
        <EnterpriseTable key={user.id} to={to} lines={lines.data.items} />
      ) : (
        <p class="note" data-testid="park-login">
          {t('ecology.park.login')} <a href={href('/login', { next: '/ecology/park' })}>{t('auth.login')}</a>
        </p>
      )}
    </div>
  )
}

function IndicatorCard({ indicator: i }: { indicator: Indicator }) {
  const { t } = useI18n()
  const verdict = i.pass === null ? 'none' : i.pass ? 'pass' : 'fail'
  return (
    <div class={`eco-indicator eco-${verdict}`} data-testid={`park-${i.id}`} data-pass={String(i.pass)}>
      <span class="figure-label">
        {t(`ecology.indicator.${i.id}` as DictKey)}
        {i.core && <span class="badge badge-blue eco-core">{t('ecology.indicator.core')}</span>}
      </span>
      <span class="figure-value" data-testid="indicator-value">
        {indicatorValue(i, i.value)}
      </span>
      <dl class="eco-indicator-facts">
        <dt>{t('ecology.indicator.target')}</dt>
        <dd>
          {i.comparison === 'at_most' ? '≤ ' : '≥ '}
          {indicatorValue(i, i.target)}
        </dd>
        <dt>{t('ecology.indicator.gap')}</dt>
        <dd data-testid="indicator-gap">
          {i.gap === null
            ? '—'
            : i.gap > 0
              ? indicatorValue(i, i.gap)
              : t('ecology.indicator.margin', { margin: indicatorValue(i, -i.gap) })}
        </dd>
      </dl>
      <span
        class={
          verdict === 'pass'
            ? 'badge badge-green'
            : verdict === 'fail'
              ? 'badge eco-badge-red'
              : 'badge badge-grey'
        }
      >
        {t(`ecology.indicator.${verdict}` as DictKey)}
      </span>
    </div>
  )
}

function LevelBars({ park }: { park: ParkAnswer }) {
  const { t } = useI18n()
  const total = Math.max(park.lineCount, 1)
  return (
    <ul class="eco-levels" data-testid="park-levels">
      {([1, 2, 3, 4] as const).map((level) => {
        const n = park.linesByLevel[String(level) as '1' | '2' | '3' | '4']
        return (
          <li key={level} data-level={level}>
            <LevelBadge level={level} />
            <span class="eco-bar">
              <span class={`eco-bar-fill eco-bar-${level}`} style={{ width: `${(100 * n) / total}%` }} />
            </span>
            <span class="num">{t('ecology.park.lineCount', { n })}</span>
          </li>
        )
      })}
    </ul>
  )
}

function ClusterLines({ park, lines }: { park: ParkAnswer; lines: readonly LineInfo[] }) {
  const { t, lang } = useI18n()
  return (
    <div class="table-wrap">
      <table class="table table-compact" data-testid="park-lines">
        <thead>
          <tr>
            <th>{t('ecology.col.line')}</th>
            <th class="num">{t('ecology.col.outputT')}</th>
            <th class="num">{t('ecology.col.intensity')}</th>
            <th>{t('ecology.col.level')}</th>
            <th class="num">{t('ecology.col.level2')}</th>
            <th class="num">{t('ecology.col.level3')}</th>
          </tr>
        </thead>
        <tbody>
          {park.lines.map((l) => (
            <tr key={l.line}>
              <td>{lineName(lines, l.line, lang)}</td>
              <td class="num">{fmt(l.outputT)}</td>
              <td class="num">{fmt(l.intensityKgcePerT, 1)}</td>
              <td>
                <LevelBadge level={l.level} />
              </td>
              <td class="num">{l.level2LimitKgcePerT}</td>
              <td class="num">{l.level3LimitKgcePerT}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function EnterpriseTable({ to, lines }: { to: string | undefined; lines: readonly LineInfo[] }) {
  const { t, lang } = useI18n()
  const answer = useAsync(() => ecologyApi.enterprises(to), [to])
  if (answer.error) return <ProblemBox problem={answer.error} onRetry={answer.reload} />
  if (!answer.data) return <Loading />
  const rows = [...answer.data.items].sort((a, b) => (b.cleanEnergyShare ?? -1) - (a.cleanEnergyShare ?? -1))
  return (
    <section class="card" aria-labelledby="eco-ent-title">
      <div class="card-head">
        <h2 id="eco-ent-title">{t('ecology.park.enterprises')}</h2>
        <p class="card-sub">{t('ecology.park.enterprisesSub')}</p>
      </div>
      {rows.length === 0 && <p class="empty">{t('ecology.park.noEnterprises')}</p>}
      {rows.length > 0 && (
        <div class="table-wrap eco-scroll">
          <table class="table table-compact" data-testid="park-enterprises">
            <thead>
              <tr>
                <th>{t('ecology.col.enterprise')}</th>
                <th class="num">{t('ecology.col.clean')}</th>
                <th class="num">{t('ecology.col.outputT')}</th>
                <th class="num">{t('ecology.col.energyTce')}</th>
                <th class="num">{t('ecology.col.tco2PerT')}</th>
                <th>{t('ecology.col.worst')}</th>
                <th>{t('ecology.col.lines')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r: EnterpriseRow) => (
                <tr key={r.enterpriseId} data-testid="park-enterprise" data-enterprise={r.enterpriseId}>
                  <td>
                    <a href={href('/ecology/energy', { enterprise: r.enterpriseId })}>
                      {lang === 'zh' ? r.nameZh : r.nameEn}
                    </a>
                  </td>
                  <td class="num">{fmtShare(r.cleanEnergyShare)}</td>
                  <td class="num">{fmt(r.outputT)}</td>
                  <td class="num">{fmt(r.energyTce)}</td>
                  <td class="num">{fmt(r.tco2PerT, 3)}</td>
                  <td>
                    <LevelBadge level={r.worstEnergyLevel} />
                  </td>
                  <td class="eco-line-badges">
                    {r.lines.map((l) => (
                      <span
                        key={l.line}
                        class="eco-line-badge"
                        title={`${fmt(l.intensityKgcePerT, 1)} kgce/t`}
                      >
                        {lineName(lines, l.line, lang)} <LevelBadge level={l.level as Level | null} />
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
