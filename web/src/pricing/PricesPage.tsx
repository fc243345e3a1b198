import { useState } from 'preact/hooks'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href, navigate, type Route } from '../router.ts'
import { AlertsCard } from './AlertsCard.tsx'
import { CorrectionsNotice } from './CorrectionsNotice.tsx'
import { pricingApi } from './client.ts'
import { ExportBar } from './ExportBar.tsx'
import { IndicesCard } from './IndicesCard.tsx'
import { RANGES, type RangeKey, rangeFrom } from './labels.ts'
import { PriceBoard } from './PriceBoard.tsx'
import { SeriesChart } from './SeriesChart.tsx'
import { SyntheticNote } from './SyntheticNote.tsx'
import type { Track } from './types.ts'

/**
 * #/prices: the public board. The chosen series, track and range live in the address
 * (`?series=&track=&range=`), so a chart can be linked to.
 */
export function PricesPage({ route }: { route: Route }) {
  const { t } = useI18n()
  const answer = useAsync(() => pricingApi.prices(), [])
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set())
  const rows = answer.data?.series ?? []

  const q = route.query
  const track: Track = q.get('track') === 'contract' ? 'contract' : 'spot'
  const range: RangeKey = (RANGES as readonly string[]).includes(q.get('range') ?? '')
    ? (q.get('range') as RangeKey)
    : '1y'
  const base = rows.find((r) => r.kind === 'base') ?? rows[0] ?? null
  const selected = rows.find((r) => r.id === q.get('series')) ?? base
  const state = { series: q.get('series'), track, range }
  const go = (change: Partial<typeof state>) => navigate('/prices', { ...state, ...change })
  const linkTo = (id: string) => href('/prices', { ...state, series: id })

  const shown = rows.filter((r) => r.kind === 'base' || r.track === track).map((r) => r.id)
  const exportIds = checked.size > 0 ? rows.filter((r) => checked.has(r.id)).map((r) => r.id) : shown
  const onCheck = (id: string, on: boolean) => {
    const next = new Set(checked)
    if (on) next.add(id)
    else next.delete(id)
    setChecked(next)
  }

  return (
    <div class="page pricing-page">
      <header class="page-head detail-head">
        <div class="pricing-head-main">
          <h1>{t('pricing.title')}</h1>
          <p class="page-sub">{t('pricing.subtitle')}</p>
        </div>
        <p class="pricing-head-links">
          {answer.data?.asOf && (
            <span class="muted">{t('pricing.asOf', { date: answer.data.asOf.slice(0, 10) })}</span>
          )}
          <a href={href('/methodology')} data-testid="methodology-link">
            {t('pricing.methodologyLink')}
          </a>
        </p>
      </header>
      <SyntheticNote synthetic={answer.data?.synthetic} />
      {answer.error && <ProblemBox problem={answer.error} onRetry={answer.reload} />}
      {!answer.data && !answer.error && <Loading />}
      {answer.data && rows.length === 0 && <p class="empty">{t('pricing.noSeries')}</p>}
      {rows.length > 0 && (
        <>
          <CorrectionsNotice rows={rows} />
          <PriceBoard
            rows={rows}
            track={track}
            onTrack={(tr) => go({ track: tr })}
            selected={selected?.id ?? null}
            linkTo={linkTo}
            checked={checked}
            onCheck={onCheck}
          />
          <ExportBar
            series={exportIds}
            range={{ from: rangeFrom(range, selected?.date ?? null) }}
            chosen={checked.size > 0}
          />
          {selected && (
            <SeriesChart key={selected.id} row={selected} range={range} onRange={(r) => go({ range: r })} />
          )}
          <IndicesCard />
          <AlertsCard rows={rows} series={selected?.id ?? rows[0]!.id} />
        </>
      )}
    </div>
  )
}
