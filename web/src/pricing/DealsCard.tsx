import { useState } from 'preact/hooks'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { formatInteger, formatKgAsTonnes } from '../format.ts'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { PAGE, pricingApi } from './client.ts'
import { dayOf, formatWhen, shanghaiDate } from './labels.ts'
import type { Deal, PriceRow } from './types.ts'

/** Deals submitted for one series, from the start of its latest published window on by default. */
export function DealsCard({ row }: { row: PriceRow }) {
  const { t } = useI18n()
  const [from, setFrom] = useState(() => dayOf(row.windowStart) ?? shanghaiDate(-14))
  const [to, setTo] = useState('')
  const deals = useAsync(() => pricingApi.deals({ series: row.id, from, to }), [row.id, from, to])
  const list = deals.data ?? []
  return (
    <section class="card" aria-labelledby="deals-title" data-testid="console-deals">
      <div class="card-head card-head-row">
        <div>
          <h2 id="deals-title">{t('pricing.deals.title')}</h2>
          <p class="card-sub">{t('pricing.deals.sub')}</p>
        </div>
      </div>
      <div class="filters">
        <label class="field">
          <span class="field-label">{t('pricing.from')}</span>
          <input
            type="date"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            data-testid="deals-from"
          />
        </label>
        <label class="field">
          <span class="field-label">{t('pricing.to')}</span>
          <input
            type="date"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            data-testid="deals-to"
          />
        </label>
        <p class="hint">
          {list.length >= PAGE
            ? t('pricing.deals.newest', { n: PAGE })
            : t('pricing.deals.count', { n: list.length })}
        </p>
      </div>
      {deals.error && <ProblemBox problem={deals.error} onRetry={deals.reload} />}
      {!deals.data && !deals.error && <Loading />}
      {deals.data && list.length === 0 && (
        <p class="empty" data-testid="deals-empty">
          {t('pricing.deals.none')}
        </p>
      )}
      {list.length > 0 && <DealTable deals={list} />}
    </section>
  )
}

function DealTable({ deals }: { deals: readonly Deal[] }) {
  const { t, lang } = useI18n()
  return (
    <div class="table-wrap pricing-scroll">
      <table class="table table-compact" data-testid="deals-table">
        <thead>
          <tr>
            <th>{t('pricing.deals.id')}</th>
            <th>{t('pricing.deals.at')}</th>
            <th>{t('pricing.deals.submitter')}</th>
            <th class="num">{t('pricing.col.value')}</th>
            <th class="num">{t('pricing.deals.qty')}</th>
            <th class="num">{t('pricing.deals.delivery')}</th>
            <th class="num">{t('pricing.deals.payment')}</th>
            <th>{t('pricing.deals.flags')}</th>
            <th>{t('pricing.deals.base')}</th>
          </tr>
        </thead>
        <tbody>
          {deals.map((d) => (
            <tr key={d.id} data-deal-id={d.id}>
              <td class="code">{d.id}</td>
              <td class="pricing-nowrap">{formatWhen(d.dealAt)}</td>
              <td>
                {d.submitter}
                <span class="sub">{d.submittedBy}</span>
              </td>
              <td class="num">{formatInteger(d.value)}</td>
              <td class="num">{formatKgAsTonnes(d.qtyKg, lang)}</td>
              <td class="num">{t('pricing.days', { n: d.deliveryDays })}</td>
              <td class="num">{t('pricing.days', { n: d.paymentDays })}</td>
              <td>
                {d.affiliated && <span class="badge badge-amber">{t('pricing.deals.affiliated')}</span>}{' '}
                {d.pricedOnIndex && <span class="badge badge-amber">{t('pricing.deals.onIndex')}</span>}
                {!d.affiliated && !d.pricedOnIndex && <span class="muted">—</span>}
              </td>
              <td>
                {d.baseUsed === null || d.baseUsed === undefined ? '—' : formatInteger(d.baseUsed)}
                {d.baseConvention && (
                  <span class="sub">{t(`pricing.convention.${conventionKey(d.baseConvention)}`)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

const CONVENTIONS = ['day', 'monthly_average', 'previous_month_average', 'shfe_point'] as const
type Convention = (typeof CONVENTIONS)[number] | 'other'
const conventionKey = (c: string): Convention =>
  (CONVENTIONS as readonly string[]).includes(c) ? (c as Convention) : 'other'
