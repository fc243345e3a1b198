import { useI18n } from '../i18n/context.tsx'
import { exportHref, type Range } from './client.ts'

/** CSV and Excel downloads of the chosen series over the chosen range. */
export function ExportBar({
  series,
  range,
  chosen,
}: {
  series: readonly string[]
  range: Range
  chosen: boolean
}) {
  const { t } = useI18n()
  const what = chosen
    ? t('pricing.exportChosen', { n: series.length })
    : t('pricing.exportShown', { n: series.length })
  const since = range.from ? t('pricing.exportFrom', { from: range.from }) : t('pricing.exportAll')
  return (
    <div class="pricing-export" data-testid="price-export">
      <span class="pricing-export-what">
        {what} · {since}
      </span>
      <a
        class="button button-small"
        href={exportHref('csv', series, range)}
        download
        data-testid="export-csv"
      >
        {t('pricing.exportCsv')}
      </a>
      <a
        class="button button-small"
        href={exportHref('xlsx', series, range)}
        download
        data-testid="export-xlsx"
      >
        {t('pricing.exportXlsx')}
      </a>
    </div>
  )
}
