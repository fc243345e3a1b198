import { useEffect, useState } from 'preact/hooks'
import { api, type Enterprise } from '../api.ts'
import { ListStatus } from '../components/ListStatus.tsx'
import { Badge, EnterpriseName } from '../components/names.tsx'
import { ProblemBox } from '../components/ProblemBox.tsx'
import { formatInteger, formatMoney, formatYuanExact, totalCapacity } from '../format.ts'
import { useAsync, usePaged } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import type { VocabGroup } from '../i18n/index.ts'
import { href, navigate, type Route } from '../router.ts'

const PAGE_SIZE = 50
const FILTERS = ['q', 'kind', 'stage', 'category', 'inCluster'] as const
type Filters = Record<(typeof FILTERS)[number], string>

function filtersOf(query: URLSearchParams): Filters {
  const f = {} as Filters
  for (const k of FILTERS) f[k] = query.get(k) ?? ''
  return f
}

export function Enterprises({ route }: { route: Route }) {
  const { t } = useI18n()
  const applied = filtersOf(route.query)
  const key = FILTERS.map((k) => applied[k]).join('\u0000')
  const [form, setForm] = useState<Filters>(applied)
  useEffect(() => setForm(filtersOf(route.query)), [key])

  const vocab = useAsync(() => api.vocabulary(), [])
  const list = usePaged<Enterprise>(
    (cursor) =>
      api.enterprises({
        q: applied.q.trim(),
        kind: applied.kind,
        stage: applied.stage,
        category: applied.category,
        inCluster: applied.inCluster,
        limit: PAGE_SIZE,
        cursor,
      }),
    key,
  )

  const submit = (e: Event) => {
    e.preventDefault()
    navigate('/enterprises', { ...form, q: form.q.trim() })
  }
  const set = (k: keyof Filters) => (e: Event) =>
    setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value })

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('ent.title')}</h1>
        <p class="page-sub">{t('ent.subtitle')}</p>
      </header>

      <form class="card filters" onSubmit={submit} data-testid="ent-filters">
        <label class="field field-grow">
          <span class="field-label">{t('filter.q')}</span>
          <input
            type="search"
            name="q"
            value={form.q}
            onInput={set('q')}
            placeholder={t('filter.qPlaceholder')}
            data-testid="ent-q"
          />
        </label>
        <VocabSelect
          label={t('filter.kind')}
          name="kind"
          group="kind"
          values={vocab.data?.kinds}
          value={form.kind}
          onChange={set('kind')}
        />
        <VocabSelect
          label={t('filter.stage')}
          name="stage"
          group="stage"
          values={vocab.data?.stages}
          value={form.stage}
          onChange={set('stage')}
        />
        <VocabSelect
          label={t('filter.category')}
          name="category"
          group="category"
          values={vocab.data?.categories}
          value={form.category}
          onChange={set('category')}
        />
        <label class="field">
          <span class="field-label">{t('filter.inCluster')}</span>
          <select name="inCluster" value={form.inCluster} onChange={set('inCluster')}>
            <option value="">{t('common.all')}</option>
            <option value="true">{t('filter.inClusterYes')}</option>
            <option value="false">{t('filter.inClusterNo')}</option>
          </select>
        </label>
        <div class="field-actions">
          <button type="submit" class="button button-primary" data-testid="ent-search">
            {t('action.search')}
          </button>
          <a class="button" href={href('/enterprises')}>
            {t('action.reset')}
          </a>
        </div>
      </form>
      {vocab.error && <ProblemBox problem={vocab.error} onRetry={vocab.reload} />}

      <section class="card">
        <div class="table-toolbar">
          <span class="muted" data-testid="ent-count">
            {!list.loading || list.items.length > 0
              ? t(list.hasMore ? 'list.countMore' : 'list.count', { n: formatInteger(list.items.length) })
              : ''}
          </span>
        </div>
        {list.items.length > 0 && <EnterpriseTable items={list.items} />}
        <ListStatus list={list} emptyText={t('list.empty')} testIdPrefix="ent" />
      </section>
    </div>
  )
}

export function VocabSelect(props: {
  label: string
  name: string
  group: VocabGroup | null
  values: string[] | undefined
  value: string
  onChange: (e: Event) => void
  allLabel?: string
}) {
  const { t, tv } = useI18n()
  const values = props.values ?? []
  return (
    <label class="field">
      <span class="field-label">{props.label}</span>
      <select name={props.name} value={props.value} onChange={props.onChange}>
        <option value="">{props.allLabel ?? t('common.all')}</option>
        {props.value && !values.includes(props.value) && <option value={props.value}>{props.value}</option>}
        {values.map((v) => (
          <option key={v} value={v}>
            {props.group ? tv(props.group, v) : v}
          </option>
        ))}
      </select>
    </label>
  )
}

export function stageList(stages: string[], tv: (g: VocabGroup, v: string) => string, lang: string) {
  return stages.map((s) => tv('stage', s)).join(lang === 'zh' ? '、' : ', ')
}

function EnterpriseTable({ items }: { items: Enterprise[] }) {
  const { t, tv, lang } = useI18n()
  return (
    <div class="table-wrap">
      <table class="table" data-testid="ent-table">
        <thead>
          <tr>
            <th>{t('col.name')}</th>
            <th>{t('col.kind')}</th>
            <th>{t('col.stages')}</th>
            <th>{t('col.place')}</th>
            <th class="num">{t('col.capacity')}</th>
            <th class="num">{t('col.revenue')}</th>
            <th class="num">{t('col.employees')}</th>
            <th class="center">{t('col.inCluster')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td>
                <EnterpriseName nameZh={e.nameZh} nameEn={e.nameEn} href={href(`/enterprises/${e.id}`)} />
                {e.topTenSheetStrip && <Badge tone="blue">{t('flag.topTen')}</Badge>}
              </td>
              <td>
                {tv('kind', e.kind)}
                {e.category && <span class="sub">{tv('category', e.category)}</span>}
              </td>
              <td class="wrap">{stageList(e.stages, tv, lang) || <span class="muted">—</span>}</td>
              <td>
                {e.place}
                <span class="sub">{e.province}</span>
              </td>
              <td class="num">
                {totalCapacity(e.capacityTPerYear) > 0 ? (
                  formatInteger(totalCapacity(e.capacityTPerYear))
                ) : (
                  <span class="muted">—</span>
                )}
              </td>
              <td class="num" title={formatYuanExact(e.annualRevenueCny)}>
                {formatMoney(e.annualRevenueCny, lang)}
              </td>
              <td class="num">{formatInteger(e.employees)}</td>
              <td class="center">
                {e.inCluster ? (
                  <span class="yes" title={t('common.yes')}>
                    ✓
                  </span>
                ) : (
                  <span class="muted" title={t('common.no')}>
                    —
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
