import { useState } from 'preact/hooks'
import { formatInteger, formatKgAsTonnes } from '../format.ts'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { pricingApi } from './client.ts'
import { dayOf, MIN_LOT_KG } from './labels.ts'
import type { Assessment, Deal, Family, Quote } from './types.ts'

const NONE_KNOWN = { deals: [] as Deal[], quotes: [] as Quote[] }

/**
 * Every deal and quote the method left out, each with its reason in a sentence. While the list is
 * open, the submissions of the window are fetched to say whose deal it was and at what value.
 */
export function Exclusions({
  assessment: a,
  family,
  initiallyOpen,
}: {
  assessment: Assessment
  family: Family | null
  initiallyOpen: boolean
}) {
  const { t, lang } = useI18n()
  const [open, setOpen] = useState(initiallyOpen)
  const excluded = a.record.excluded
  const known = useAsync(async () => {
    if (!open || excluded.length === 0) return NONE_KNOWN
    const window = { series: a.seriesId, from: dayOf(a.windowStart), to: dayOf(a.windowEnd) }
    const [deals, quotes] = await Promise.all([
      pricingApi.deals(window).catch(() => [] as Deal[]),
      pricingApi.quotes(window).catch(() => [] as Quote[]),
    ])
    return { deals, quotes }
  }, [a.id, open])
  if (excluded.length === 0) {
    return (
      <p class="hint" data-testid="exclusions-none">
        {t('pricing.exclusion.none')}
      </p>
    )
  }
  const deals = new Map((known.data?.deals ?? []).map((d) => [d.id, d]))
  const quotes = new Map((known.data?.quotes ?? []).map((q) => [q.id, q]))
  const lot = family ? formatKgAsTonnes(MIN_LOT_KG[family], lang) : t('pricing.exclusion.familyLot')
  const what = (id: string): string => {
    const d = deals.get(id)
    if (d)
      return t('pricing.exclusion.deal', {
        id,
        who: d.submitter,
        qty: formatKgAsTonnes(d.qtyKg, lang),
        value: formatInteger(d.value),
      })
    const q = quotes.get(id)
    if (q)
      return t(q.side === 'bid' ? 'pricing.exclusion.bid' : 'pricing.exclusion.offer', {
        id,
        who: q.submitter,
        qty: formatKgAsTonnes(q.qtyKg, lang),
        value: formatInteger(q.value),
      })
    // Deal ids are D<n> and quote ids Q<n>.
    if (id.startsWith('D')) return t('pricing.exclusion.dealId', { id })
    if (id.startsWith('Q')) return t('pricing.exclusion.quoteId', { id })
    return t('pricing.exclusion.item', { id })
  }
  return (
    <details
      class="pricing-exclusions"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="exclusions"
    >
      <summary class="pricing-h3">{t('pricing.exclusion.title', { n: excluded.length })}</summary>
      <ul>
        {excluded.map((e) => (
          <li key={e.id} data-reason={e.reason} data-testid="exclusion">
            <span class="pricing-excluded-what">{what(e.id)}</span> {t(`pricing.reason.${e.reason}`, { lot })}{' '}
            <code class="muted">{e.reason}</code>
          </li>
        ))}
      </ul>
    </details>
  )
}
