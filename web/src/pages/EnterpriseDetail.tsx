import type { ComponentChildren } from 'preact'
import { api, type CatalogueItem, type EnterpriseDetail as Detail } from '../api.ts'
import { Badge } from '../components/names.tsx'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import {
  formatCoordinates,
  formatInteger,
  formatMm,
  formatMoney,
  formatRange,
  formatTonnes,
  formatYuanExact,
  totalCapacity,
} from '../format.ts'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'
import { stageList } from './Enterprises.tsx'

export function EnterpriseDetail({ id }: { id: string }) {
  const { t } = useI18n()
  const detail = useAsync(() => api.enterprise(id), [id])
  return (
    <div class="page">
      <p class="crumbs">
        <a href={href('/enterprises')}>{t('detail.back')}</a>
      </p>
      {detail.error && (
        <ProblemBox
          problem={detail.error}
          onRetry={detail.error.status === 404 ? undefined : detail.reload}
          testId="detail-problem"
        />
      )}
      {detail.loading && !detail.data && <Loading />}
      {detail.data && detail.data.id === id && <DetailView e={detail.data} />}
    </div>
  )
}

function Field({ label, children, wide }: { label: string; children: ComponentChildren; wide?: boolean }) {
  return (
    <div class={wide ? 'dl-item dl-wide' : 'dl-item'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function DetailView({ e }: { e: Detail }) {
  const { t, tv, lang } = useI18n()
  const [primary, secondary] = lang === 'zh' ? [e.nameZh, e.nameEn] : [e.nameEn, e.nameZh]
  const capacity = Object.entries(e.capacityTPerYear).sort((a, b) => b[1] - a[1])
  const total = totalCapacity(e.capacityTPerYear)
  const none = <span class="muted">{t('common.none')}</span>

  return (
    <>
      <header class="page-head detail-head">
        <div>
          <h1 data-testid="detail-name">{primary}</h1>
          <p class="page-sub">{secondary}</p>
        </div>
        <div class="badges">
          <Badge tone="grey">{tv('kind', e.kind)}</Badge>
          {e.inCluster ? (
            <Badge tone="green">{t('flag.inCluster')}</Badge>
          ) : (
            <Badge tone="grey">{t('flag.outCluster')}</Badge>
          )}
          {e.topTenSheetStrip && <Badge tone="blue">{t('flag.topTen')}</Badge>}
          {e.synthetic && <Badge tone="amber">{t('flag.synthetic')}</Badge>}
        </div>
      </header>

      <section class="card" aria-labelledby="profile-title">
        <div class="card-head">
          <h2 id="profile-title">{t('detail.profile')}</h2>
        </div>
        <dl class="dl" data-testid="detail-profile">
          <Field label={t('field.id')}>
            <code>{e.id}</code>
          </Field>
          <Field label={t('field.kind')}>{tv('kind', e.kind)}</Field>
          <Field label={t('field.nameZh')}>{e.nameZh}</Field>
          <Field label={t('field.nameEn')}>{e.nameEn}</Field>
          <Field label={t('field.category')}>{e.category ? tv('category', e.category) : none}</Field>
          <Field label={t('field.stages')}>{stageList(e.stages, tv, lang) || none}</Field>
          <Field label={t('field.place')}>{e.place}</Field>
          <Field label={t('field.province')}>{e.province}</Field>
          <Field label={t('field.coordinates')}>{formatCoordinates(e.lat, e.lon, lang)}</Field>
          <Field label={t('field.employees')}>
            <span class="num-inline">{formatInteger(e.employees)}</span>
          </Field>
          <Field label={t('field.revenue')}>
            <span class="num-inline">{formatMoney(e.annualRevenueCny, lang)}</span>
            <span class="sub">{t('fig.revenueExact', { amount: formatYuanExact(e.annualRevenueCny) })}</span>
          </Field>
          <Field label={t('field.capacityTotal')}>
            <span class="num-inline">{formatTonnes(total, lang)}</span>
            <span class="sub">{t('fig.outputExact', { tonnes: formatInteger(total) })}</span>
          </Field>
          <Field label={t('field.certifications')}>
            {e.certifications.length > 0 ? (
              <span class="chips">
                {e.certifications.map((c) => (
                  <span key={c} class="chip">
                    {c}
                  </span>
                ))}
              </span>
            ) : (
              none
            )}
          </Field>
          <Field label={t('field.flags')}>
            <span class="chips">
              <span class="chip">{e.inCluster ? t('flag.inCluster') : t('flag.outCluster')}</span>
              {e.topTenSheetStrip && <span class="chip">{t('flag.topTen')}</span>}
              {e.synthetic && <span class="chip">{t('flag.synthetic')}</span>}
            </span>
          </Field>
        </dl>
      </section>

      <div class="grid-2 grid-2-narrow-right">
        <section class="card" aria-labelledby="catalogue-title">
          <div class="card-head card-head-row">
            <h2 id="catalogue-title">{t('detail.catalogue')}</h2>
            <span class="muted">{t('detail.catalogueCount', { n: formatInteger(e.catalogue.length) })}</span>
            {e.catalogue.length > 0 && (
              <a class="button button-small" href={href('/products', { enterpriseId: e.id })}>
                {t('detail.searchProducts')}
              </a>
            )}
          </div>
          {e.catalogue.length > 0 ? (
            <CatalogueTable items={e.catalogue} testId="catalogue-table" />
          ) : (
            <p class="empty">{t('detail.catalogueEmpty')}</p>
          )}
        </section>

        <section class="card" aria-labelledby="capacity-title">
          <div class="card-head">
            <h2 id="capacity-title">{t('detail.capacity')}</h2>
          </div>
          {capacity.length > 0 ? (
            <table class="table" data-testid="detail-capacity">
              <thead>
                <tr>
                  <th>{t('col.form')}</th>
                  <th class="num">{t('col.capacity')}</th>
                </tr>
              </thead>
              <tbody>
                {capacity.map(([form, tonnes]) => (
                  <tr key={form}>
                    <td>{tv('form', form)}</td>
                    <td class="num">{formatInteger(tonnes)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td>{t('detail.capacityTotal')}</td>
                  <td class="num">{formatInteger(total)}</td>
                </tr>
              </tfoot>
            </table>
          ) : (
            <p class="empty">{t('detail.noCapacity')}</p>
          )}
        </section>
      </div>
    </>
  )
}

/** Catalogue lines; with `enterprise`, the first column names the enterprise (products search). */
export function CatalogueTable({
  items,
  testId,
  enterprise,
}: {
  items: CatalogueItem[]
  testId: string
  enterprise?: (item: CatalogueItem) => ComponentChildren
}) {
  const { t, tv } = useI18n()
  return (
    <div class="table-wrap">
      <table class="table" data-testid={testId}>
        <thead>
          <tr>
            {enterprise && <th>{t('col.name')}</th>}
            <th>{t('col.form')}</th>
            <th>{t('col.alloy')}</th>
            <th>{t('col.temper')}</th>
            <th class="num">{t('col.thickness')}</th>
            <th class="num">{t('col.width')}</th>
            <th>{t('col.application')}</th>
            <th class="num">{t('col.monthly')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              {enterprise && <td>{enterprise(c)}</td>}
              <td>{tv('form', c.form)}</td>
              <td class="code">{c.alloy}</td>
              <td class="code">{c.temper}</td>
              <td class="num">{formatRange(formatMm(c.thicknessMinUm), formatMm(c.thicknessMaxUm))}</td>
              <td class="num">{formatRange(formatInteger(c.widthMinMm), formatInteger(c.widthMaxMm))}</td>
              <td>{c.application ? tv('app', c.application) : <span class="muted">—</span>}</td>
              <td class="num">{formatInteger(c.monthlyCapacityT)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
