import type { IChartApi, LineData, WhitespaceData } from 'lightweight-charts'
import { useEffect, useRef, useState } from 'preact/hooks'
import { formatInteger, groupDigits } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'

/** One line of a chart: a date-keyed series of values; null leaves a gap (a suspended period). */
export interface ChartLine {
  id: string
  label: string
  colour: string
  /** 'left' puts the line on its own scale (the all-in next to a fee ten times smaller). */
  scale: 'right' | 'left'
  points: readonly { date: string; value: number | null }[]
}

const oneDecimal = (v: number) => {
  const [int, frac] = Math.abs(v).toFixed(1).split('.') as [string, string]
  return `${v < 0 ? '-' : ''}${groupDigits(int)}.${frac}`
}

const toData = (p: { date: string; value: number | null }): LineData<string> | WhitespaceData<string> =>
  p.value === null ? { time: p.date } : { time: p.date, value: p.value }

/**
 * Lines over business days with lightweight-charts, loaded only when a chart is shown. Its
 * TradingView attribution logo stays on; a credit link is shown under the chart as well.
 */
export function LineChart({
  lines,
  decimals = 0,
  testId,
}: {
  lines: readonly ChartLine[]
  decimals?: 0 | 1
  testId: string
}) {
  const { t, lang } = useI18n()
  const box = useRef<HTMLDivElement>(null)
  const [failed, setFailed] = useState(false)
  const empty = lines.every((l) => l.points.every((p) => p.value === null))

  useEffect(() => {
    let cancelled = false
    let chart: IChartApi | null = null
    import('lightweight-charts').then(
      (lw) => {
        if (cancelled || !box.current) return
        const hasLeft = lines.some((l) => l.scale === 'left')
        chart = lw.createChart(box.current, {
          autoSize: true,
          layout: {
            background: { type: lw.ColorType.Solid, color: '#ffffff' },
            textColor: '#4a5a6b',
            fontFamily: getComputedStyle(document.body).fontFamily,
          },
          grid: { vertLines: { color: '#eef2f6' }, horzLines: { color: '#eef2f6' } },
          localization: {
            locale: lang === 'zh' ? 'zh-CN' : 'en-GB',
            priceFormatter: decimals === 1 ? oneDecimal : formatInteger,
          },
          timeScale: { borderColor: '#dde3ea' },
          rightPriceScale: { borderColor: '#dde3ea' },
          leftPriceScale: { visible: hasLeft, borderColor: '#dde3ea' },
        })
        for (const line of lines) {
          const s = chart.addSeries(lw.LineSeries, {
            color: line.colour,
            lineWidth: 2,
            priceScaleId: line.scale,
            priceFormat: { type: 'price', precision: decimals, minMove: decimals === 1 ? 0.1 : 1 },
          })
          s.setData(line.points.map(toData))
        }
        chart.timeScale().fitContent()
      },
      () => {
        if (!cancelled) setFailed(true)
      },
    )
    return () => {
      cancelled = true
      chart?.remove()
    }
  }, [lines, lang, decimals])

  return (
    <div class="pricing-chart" data-testid={testId}>
      <div class="chart-box">
        <div class="chart-canvas" ref={box} />
        {empty && <p class="chart-overlay empty">{t('pricing.chartEmpty')}</p>}
        {failed && <p class="chart-overlay empty">{t('pricing.chartFailed')}</p>}
      </div>
      <p class="chart-legend">
        {lines.map((l) => (
          <span key={l.id} class="chart-legend-item">
            <span class="chart-swatch" style={{ background: l.colour }} aria-hidden="true" />
            {l.label}
            {l.scale === 'left' && <span class="muted"> ({t('pricing.leftScale')})</span>}
          </span>
        ))}
        <a
          class="chart-credit-link"
          href="https://www.tradingview.com/"
          target="_blank"
          rel="noopener noreferrer"
        >
          {t('chart.attribution')}
        </a>
      </p>
    </div>
  )
}
