import { formatInteger, formatSigned } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'
import type { Dashboard, DashboardPrice } from './types.ts'

function Price({ label, price, testId }: { label: string; price: DashboardPrice; testId: string }) {
  const { t } = useI18n()
  const tone = price.change === null || price.change === 0 ? '' : price.change > 0 ? 'up' : 'down'
  return (
    <a class="dash-price" href={href(`/prices`, { series: price.seriesId })} data-testid={testId}>
      <span class="figure-label">{label}</span>
      <span class="figure-value">{price.value === null ? '–' : formatInteger(price.value)}</span>
      <span class="figure-unit">{t('dash.prices.unit')}</span>
      {price.change !== null && <span class={`dash-change ${tone}`}>{formatSigned(price.change)}</span>}
      <span class="muted">{price.date ?? t('dash.prices.none')}</span>
    </a>
  )
}

export function PriceHeadline({ prices }: { prices: Dashboard['prices'] }) {
  const { t } = useI18n()
  return (
    <section class="card" aria-labelledby="dash-prices-title" data-testid="dash-prices">
      <div class="card-head">
        <h2 id="dash-prices-title">
          <a href={href('/prices')}>{t('dash.prices.title')}</a>
        </h2>
        <p class="card-sub">
          {t('dash.prices.caption', { published: String(prices.published), series: String(prices.series) })}
        </p>
      </div>
      <div class="dash-prices">
        <Price label={t('dash.prices.base')} price={prices.base} testId="dash-price-base" />
        <Price label={t('dash.prices.fee')} price={prices.fee} testId="dash-price-fee" />
        {prices.fee.allIn !== null && (
          <div class="dash-price">
            <span class="figure-label">{t('dash.prices.allIn')}</span>
            <span class="figure-value">{formatInteger(prices.fee.allIn)}</span>
            <span class="figure-unit">{t('dash.prices.unit')}</span>
          </div>
        )}
      </div>
    </section>
  )
}
