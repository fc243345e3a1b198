import { useMemo } from 'preact/hooks'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { pricingApi } from './client.ts'
import { type ChartLine, LineChart } from './LineChart.tsx'
import { nameIn, type RangeKey, rangeFrom } from './labels.ts'
import { RangeChoice } from './RangeChoice.tsx'
import type { PriceRow } from './types.ts'

export const VALUE_COLOUR = '#1d4f80'
export const ALL_IN_COLOUR = '#c77d12'

/** The history of one series: its value and, for a fee, the all-in price on its own scale. */
export function SeriesChart({
  row,
  range,
  onRange,
}: {
  row: PriceRow
  range: RangeKey
  onRange: (r: RangeKey) => void
}) {
  const { t, lang } = useI18n()
  const from = rangeFrom(range, row.date)
  const history = useAsync(() => pricingApi.history(row.id, { from }), [row.id, from])
  const points = history.data?.points

  const lines = useMemo<ChartLine[]>(() => {
    if (!points) return []
    const value: ChartLine = {
      id: 'value',
      label: row.kind === 'fee' ? t('pricing.line.fee') : t('pricing.line.price'),
      colour: VALUE_COLOUR,
      scale: 'right',
      points: points.map((p) => ({ date: p.date, value: p.value })),
    }
    if (row.kind !== 'fee') return [value]
    const allIn: ChartLine = {
      id: 'allIn',
      label: t('pricing.line.allIn'),
      colour: ALL_IN_COLOUR,
      scale: 'left',
      points: points.map((p) => ({ date: p.date, value: p.allIn })),
    }
    return [value, allIn]
  }, [points, row.kind, t])

  return (
    <section class="card" aria-labelledby="series-chart-title" data-testid="series-chart-card">
      <div class="card-head card-head-row">
        <div>
          <h2 id="series-chart-title">{nameIn(row.name, lang)}</h2>
          <p class="card-sub">
            <span class="code">{row.id}</span> · {row.spec} · {t(`pricing.frequency.${row.frequency}`)}
          </p>
        </div>
        <RangeChoice value={range} onChange={onRange} testId="series-range" />
      </div>
      {history.error && <ProblemBox problem={history.error} onRetry={history.reload} />}
      {!points && !history.error && <Loading />}
      {points && points.length === 0 && (
        <p class="empty" data-testid="series-chart-empty">
          {t('pricing.chartEmpty')}
        </p>
      )}
      {points && points.length > 0 && (
        <>
          <LineChart lines={lines} testId="series-chart" />
          <p class="hint" data-testid="series-chart-count">
            {t('pricing.chartPoints', {
              n: points.length,
              from: points[0]!.date,
              to: points[points.length - 1]!.date,
            })}
          </p>
        </>
      )}
    </section>
  )
}
