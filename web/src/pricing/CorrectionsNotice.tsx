import { useState } from 'preact/hooks'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { pricingApi } from './client.ts'
import { formatCny, formatWhen, nameIn } from './labels.ts'
import type { PriceRow } from './types.ts'

const SHOWN = 5

/** The public notice of corrections: every republished value with its revision and reason. */
export function CorrectionsNotice({ rows }: { rows: readonly PriceRow[] }) {
  const { t, lang } = useI18n()
  const answer = useAsync(() => pricingApi.corrections(), [])
  const [all, setAll] = useState(false)
  const list = answer.data?.corrections ?? []
  if (answer.error || list.length === 0) {
    return answer.data ? (
      <p class="hint pricing-no-corrections" data-testid="corrections-none">
        {t('pricing.corrections.none')}
      </p>
    ) : null
  }
  const byId = new Map(rows.map((r) => [r.id, r]))
  const shown = all ? list : list.slice(0, SHOWN)
  return (
    <section class="card pricing-corrections" aria-labelledby="corrections-title" data-testid="corrections">
      <div class="card-head">
        <h2 id="corrections-title">{t('pricing.corrections.title')}</h2>
        <p class="card-sub">{t('pricing.corrections.sub')}</p>
      </div>
      <ul class="pricing-correction-list">
        {shown.map((c) => (
          <li key={`${c.seriesId}:${c.date}:${c.revision}`} data-testid="correction">
            <strong>{byId.has(c.seriesId) ? nameIn(byId.get(c.seriesId)?.name, lang) : c.seriesId}</strong>{' '}
            {t('pricing.corrections.item', {
              date: c.date,
              revision: c.revision,
              from: formatCny(c.previousValue),
              to: formatCny(c.value),
            })}
            <span class="sub">
              {t('pricing.corrections.reason', { reason: c.reason })} ·{' '}
              {t('pricing.corrections.at', { at: formatWhen(c.publishedAt) })}
            </span>
          </li>
        ))}
      </ul>
      {list.length > SHOWN && (
        <button type="button" class="link-button" onClick={() => setAll(!all)} data-testid="corrections-more">
          {all ? t('pricing.corrections.fewer') : t('pricing.corrections.all', { n: list.length })}
        </button>
      )}
    </section>
  )
}
