import { api, type Chain, type ClusterSummary } from '../api.ts'
import { ChainDiagram } from '../components/ChainDiagram.tsx'
import { Badge, EnterpriseName } from '../components/names.tsx'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { dashboardApi } from '../dashboard/client.ts'
import { EcologyCard } from '../dashboard/EcologyCard.tsx'
import { HighEndCard } from '../dashboard/HighEndCard.tsx'
import { PriceHeadline } from '../dashboard/PriceHeadline.tsx'
import { ProgrammesCard } from '../dashboard/ProgrammesCard.tsx'
import { formatShare } from '../dashboard/share.ts'
import type { Dashboard } from '../dashboard/types.ts'
import { compareYuan, formatInteger, formatMoney, formatTonnes, formatYuanExact } from '../format.ts'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'

/** The operator's first screen: every figure links to the page it comes from. */
export function Overview() {
  const { t } = useI18n()
  const summary = useAsync(() => api.summary(), [])
  const chain = useAsync(() => api.chain(), [])
  const dashboard = useAsync(() => dashboardApi.get(), [])
  const d = dashboard.data

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('overview.title')}</h1>
        <p class="page-sub">{t('overview.subtitle')}</p>
      </header>
      {summary.error && <ProblemBox problem={summary.error} onRetry={summary.reload} />}
      {dashboard.error && <ProblemBox problem={dashboard.error} onRetry={dashboard.reload} />}
      {summary.loading && !summary.data && <Loading />}
      {summary.data && <Figures s={summary.data} d={d} />}

      {d && (
        <div class="grid-2">
          <PriceHeadline prices={d.prices} />
          <HighEndCard highEnd={d.highEnd} />
        </div>
      )}
      {d && <EcologyCard ecology={d.ecology} />}
      {d && <ProgrammesCard programmes={d.programmes} />}

      <section class="card" aria-labelledby="chain-title">
        <div class="card-head">
          <h2 id="chain-title">{t('chain.title')}</h2>
          <p class="card-sub">{t('chain.caption')}</p>
        </div>
        {chain.error && <ProblemBox problem={chain.error} onRetry={chain.reload} />}
        {chain.loading && !chain.data && <Loading />}
        {chain.data && <ChainSection chain={chain.data} summary={summary.data} />}
      </section>

      {summary.data && (
        <div class="grid-2">
          <TopEnterprises s={summary.data} />
          <CapacityByForm s={summary.data} />
        </div>
      )}
    </div>
  )
}

function Figures({ s, d }: { s: ClusterSummary; d: Dashboard | null }) {
  const { t, lang } = useI18n()
  const firms = (n: number) => (
    <>
      {formatInteger(n)}
      <span class="figure-unit">{t('unit.firms')}</span>
    </>
  )
  return (
    <section class="figures" aria-label={t('overview.title')}>
      <a class="figure" data-testid="fig-processing" href={href('/enterprises', { kind: 'processor' })}>
        <p class="figure-label">{t('fig.processing')}</p>
        <p class="figure-value">{firms(s.processingEnterprises)}</p>
      </a>
      <a class="figure" data-testid="fig-supporting" href={href('/enterprises', { kind: 'supporting' })}>
        <p class="figure-label">{t('fig.supporting')}</p>
        <p class="figure-value">{firms(s.supportingEnterprises)}</p>
      </a>
      <a
        class="figure figure-wide"
        data-testid="fig-revenue"
        href={href('/enterprises', { kind: 'processor' })}
      >
        <p class="figure-label">{t('fig.revenue')}</p>
        <p class="figure-value">{formatMoney(s.annualRevenueCny, lang)}</p>
        <p class="figure-note">{t('fig.revenueExact', { amount: formatYuanExact(s.annualRevenueCny) })}</p>
      </a>
      <a class="figure figure-wide" data-testid="fig-output" href={href('/products')}>
        <p class="figure-label">{t('fig.output')}</p>
        <p class="figure-value">{formatTonnes(s.outputTonnesPerYear, lang)}</p>
        <p class="figure-note">{t('fig.outputExact', { tonnes: formatInteger(s.outputTonnesPerYear) })}</p>
      </a>
      <a class="figure" data-testid="fig-topten" href={href('/enterprises', { kind: 'processor' })}>
        <p class="figure-label">{t('fig.topTen')}</p>
        <p class="figure-value">{firms(s.topTenSheetStrip)}</p>
      </a>
      {d && (
        <a class="figure" data-testid="fig-headquartered" href={href('/enterprises', { inCluster: 'true' })}>
          <p class="figure-label">{t('fig.headquartered')}</p>
          <p class="figure-value">{firms(d.figures.headquarteredInCluster)}</p>
        </a>
      )}
      {d && (
        <a class="figure" data-testid="fig-highend" href={href('/products', { application: 'battery_foil' })}>
          <p class="figure-label">{t('fig.highEnd')}</p>
          <p class="figure-value">{formatShare(d.highEnd.share)}</p>
        </a>
      )}
    </section>
  )
}

function ChainSection({ chain, summary }: { chain: Chain; summary: ClusterSummary | null }) {
  const { t, tv, lang } = useI18n()
  const byKind = summary?.enterprisesByKind ?? {}
  const rawMetal = (byKind.smelter ?? 0) + (byKind.refinery ?? 0)
  const thin = chain.stages.filter((s) => s.thin).map((s) => tv('stage', s.stage))
  return (
    <>
      <div class="chain-scroll">
        <ChainDiagram chain={chain} rawMetal={rawMetal} />
      </div>
      <div class="chain-legend">
        <span class="legend-item">
          {t('chain.legendFew')}
          <span class="legend-ramp" aria-hidden="true" />
          {t('chain.legendMany')}
        </span>
        <span class="legend-item">
          <span class="legend-thin" aria-hidden="true" />
          {t('chain.legendThin')}
        </span>
        {thin.length > 0 && (
          <span class="legend-item legend-strong" data-testid="thin-stages">
            {t('chain.thinList', { stages: thin.join(lang === 'zh' ? '、' : ', ') })}
          </span>
        )}
      </div>
      <details class="chain-details">
        <summary>
          {t('chain.tableStage')} · {t('chain.tableEnterprises')}
        </summary>
        <table class="table table-compact">
          <thead>
            <tr>
              <th>{t('chain.tableStage')}</th>
              <th class="num">{t('chain.tableEnterprises')}</th>
              <th class="num">{t('chain.tableProcessors')}</th>
              <th class="num">{t('chain.tableSupporting')}</th>
            </tr>
          </thead>
          <tbody>
            {chain.stages.map((s) => (
              <tr key={s.stage} class={s.thin ? 'row-thin' : undefined}>
                <td>
                  <a href={href('/enterprises', { stage: s.stage })}>{tv('stage', s.stage)}</a>
                  {s.thin && <Badge tone="amber">{t('chain.thinTag')}</Badge>}
                </td>
                <td class="num">{formatInteger(s.enterprises)}</td>
                <td class="num">{formatInteger(s.processors)}</td>
                <td class="num">{formatInteger(s.supporting)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  )
}

function TopEnterprises({ s }: { s: ClusterSummary }) {
  const { t, tv, lang } = useI18n()
  const rows = [...s.topEnterprises].sort((a, b) => compareYuan(b.annualRevenueCny, a.annualRevenueCny))
  return (
    <section class="card" aria-labelledby="top-title">
      <div class="card-head">
        <h2 id="top-title">{t('top.title')}</h2>
      </div>
      <div class="table-wrap">
        <table class="table" data-testid="top-table">
          <thead>
            <tr>
              <th class="num">{t('col.rank')}</th>
              <th>{t('col.name')}</th>
              <th>{t('col.kind')}</th>
              <th class="num">{t('col.capacity')}</th>
              <th class="num">{t('col.revenue')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e, i) => (
              <tr key={e.id}>
                <td class="num muted">{i + 1}</td>
                <td>
                  <EnterpriseName nameZh={e.nameZh} nameEn={e.nameEn} href={href(`/enterprises/${e.id}`)} />
                  {e.topTenSheetStrip && <Badge tone="blue">{t('flag.topTen')}</Badge>}
                </td>
                <td>{tv('kind', e.kind)}</td>
                <td class="num">{formatInteger(e.capacityTPerYear)}</td>
                <td class="num" title={formatYuanExact(e.annualRevenueCny)}>
                  {formatMoney(e.annualRevenueCny, lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function CapacityByForm({ s }: { s: ClusterSummary }) {
  const { t, tv, lang } = useI18n()
  const entries = Object.entries(s.capacityTPerYearByForm).sort((a, b) => b[1] - a[1])
  const total = entries.reduce((sum, [, v]) => sum + v, 0)
  return (
    <section class="card" aria-labelledby="cap-title">
      <div class="card-head">
        <h2 id="cap-title">{t('capacity.title')}</h2>
      </div>
      <table class="table" data-testid="capacity-table">
        <thead>
          <tr>
            <th>{t('col.form')}</th>
            <th class="num">{t('col.annualCapacity')}</th>
            <th class="num">{t('col.share')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([form, tonnes]) => (
            <tr key={form}>
              <td>{tv('form', form)}</td>
              <td class="num" title={formatInteger(tonnes)}>
                {formatTonnes(tonnes, lang)}
              </td>
              <td class="num">
                <span class="share">
                  <span class="share-bar" style={{ width: `${total ? (100 * tonnes) / total : 0}%` }} />
                  <span class="share-text">{total ? ((100 * tonnes) / total).toFixed(1) : '0.0'}%</span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>{t('detail.capacityTotal')}</td>
            <td class="num">{formatTonnes(total, lang)}</td>
            <td class="num">100%</td>
          </tr>
        </tfoot>
      </table>
    </section>
  )
}
