import { useMemo, useState } from 'preact/hooks'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { pricingApi } from './client.ts'
import { type ChartLine, LineChart } from './LineChart.tsx'
import { formatIndexChange, formatIndexValue, nameIn, type RangeKey, rangeFrom } from './labels.ts'
import { RangeChoice } from './RangeChoice.tsx'
import { VALUE_COLOUR } from './SeriesChart.tsx'
import type { IndexRow } from './types.ts'

/** The indices in a small table, and the history of the chosen one. */
export function IndicesCard() {
  const { t, lang } = useI18n()
  const answer = useAsync(() => pricingApi.indices(), [])
  const [chosen, setChosen] = useState<string | null>(null)
  const [range, setRange] = useState<RangeKey>('1y')
  const indices = answer.data?.indices ?? []
  const current = indices.find((i) => i.id === chosen) ?? indices[0] ?? null
  return (
    <section class="card" aria-labelledby="indices-title" data-testid="indices">
      <div class="card-head card-head-row">
        <div>
          <h2 id="indices-title">{t('pricing.indices')}</h2>
          <p class="card-sub">{t('pricing.indicesSub')}</p>
        </div>
        {current && <RangeChoice value={range} onChange={setRange} testId="index-range" />}
      </div>
      {answer.error && <ProblemBox problem={answer.error} onRetry={answer.reload} />}
      {!answer.data && !answer.error && <Loading />}
      {answer.data && indices.length === 0 && <p class="empty">{t('pricing.indicesNone')}</p>}
      {current && (
        <div class="pricing-indices">
          <div class="table-wrap">
            <table class="table table-compact" data-testid="index-table">
              <thead>
                <tr>
                  <th>{t('pricing.col.index')}</th>
                  <th class="num">{t('pricing.col.indexValue')}</th>
                  <th class="num">{t('pricing.col.change')}</th>
                  <th>{t('pricing.col.date')}</th>
                </tr>
              </thead>
              <tbody>
                {indices.map((i) => (
                  <IndexLine key={i.id} row={i} selected={i.id === current.id} onChoose={setChosen} />
                ))}
              </tbody>
            </table>
          </div>
          <IndexChart key={current.id} row={current} range={range} title={nameIn(current.name, lang)} />
        </div>
      )}
    </section>
  )
}

function IndexLine({
  row,
  selected,
  onChoose,
}: {
  row: IndexRow
  selected: boolean
  onChoose: (id: string) => void
}) {
  const { t, lang } = useI18n()
  const cls = row.change === null ? 'muted' : row.change > 0 ? 'up' : row.change < 0 ? 'down' : 'flat'
  return (
    <tr class={selected ? 'row-selected' : undefined} data-index={row.id}>
      <td>
        <button
          type="button"
          class="pricing-link"
          aria-pressed={selected}
          onClick={() => onChoose(row.id)}
          data-testid="index-open"
        >
          {nameIn(row.name, lang)}
        </button>
        <span class="sub">{row.unit === 'points' ? t('pricing.unit.points') : t('pricing.unit.cny')}</span>
      </td>
      <td class="num">{formatIndexValue(row.value, row.unit)}</td>
      <td class={`num ${cls}`}>{formatIndexChange(row.change, row.unit)}</td>
      <td class="pricing-nowrap">{row.date ?? '—'}</td>
    </tr>
  )
}

function IndexChart({ row, range, title }: { row: IndexRow; range: RangeKey; title: string }) {
  const { t } = useI18n()
  const from = rangeFrom(range, row.date)
  const history = useAsync(() => pricingApi.indexHistory(row.id, { from }), [row.id, from])
  const points = history.data?.points
  const lines = useMemo<ChartLine[]>(
    () => (points ? [{ id: row.id, label: title, colour: VALUE_COLOUR, scale: 'right', points }] : []),
    [points, row.id, title],
  )
  if (history.error) return <ProblemBox problem={history.error} onRetry={history.reload} />
  if (!points) return <Loading />
  if (points.length === 0) return <p class="empty">{t('pricing.chartEmpty')}</p>
  return <LineChart lines={lines} decimals={row.unit === 'points' ? 1 : 0} testId="index-chart" />
}
