import type { CandlestickData, IChartApi, ISeriesApi, UTCTimestamp } from 'lightweight-charts'
import { useEffect, useRef, useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { formatInteger, type Lang } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import { type Candle, compareIds, foldTrade, toCandle } from './bars.ts'
import { tradingApi } from './client.ts'
import type { BarInterval, PublicTrade } from './types.ts'

const INTERVALS: BarInterval[] = ['1m', '1d']

/** Chinese markets paint a rise red and a fall green; English readers expect the opposite. */
export function candleColours(lang: Lang): { up: string; down: string } {
  return lang === 'zh' ? { up: '#d4373b', down: '#1f8f55' } : { up: '#1f8f55', down: '#d4373b' }
}

const toData = (c: Candle): CandlestickData<UTCTimestamp> => ({ ...c, time: c.time as UTCTimestamp })

/**
 * Candles of one instrument from /bars, then moved by the live tape. The library is loaded only
 * when a chart is shown; its TradingView attribution logo stays on (layout.attributionLogo).
 */
export function PriceChart({ code, trades, tick }: { code: string; trades: PublicTrade[]; tick: number }) {
  const { t, lang } = useI18n()
  const [interval, setBarInterval] = useState<BarInterval>('1m')
  const [state, setState] = useState<{ loading: boolean; error: Problem | null; empty: boolean }>({
    loading: true,
    error: null,
    empty: false,
  })
  const box = useRef<HTMLDivElement>(null)
  const series = useRef<ISeriesApi<'Candlestick'> | null>(null)
  const last = useRef<Candle | null>(null)
  const lastTradeId = useRef<string | null>(null)
  const tradesRef = useRef(trades)
  tradesRef.current = trades

  /** Folds the tape's trades that the chart has not seen yet, oldest first. */
  const foldNew = (list: readonly PublicTrade[]) => {
    const s = series.current
    if (!s) return
    let changed = false
    for (let i = list.length - 1; i >= 0; i--) {
      const tr = list[i]!
      if (lastTradeId.current !== null && compareIds(tr.id, lastTradeId.current) <= 0) continue
      lastTradeId.current = tr.id
      const next = foldTrade(last.current, tr, interval)
      if (!next) continue
      s.update(toData(next))
      last.current = next
      changed = true
    }
    if (changed) setState((st) => (st.empty ? { ...st, empty: false } : st))
  }

  useEffect(() => {
    let cancelled = false
    let chart: IChartApi | null = null
    series.current = null
    last.current = null
    lastTradeId.current = null
    setState({ loading: true, error: null, empty: false })
    const colours = candleColours(lang)
    Promise.all([import('lightweight-charts'), tradingApi.bars(code, interval)]).then(
      ([lw, bars]) => {
        if (cancelled || !box.current) return
        chart = lw.createChart(box.current, {
          autoSize: true,
          layout: {
            background: { type: lw.ColorType.Solid, color: '#ffffff' },
            textColor: '#4a5a6b',
            fontFamily: getComputedStyle(document.body).fontFamily,
          },
          grid: { vertLines: { color: '#eef2f6' }, horzLines: { color: '#eef2f6' } },
          localization: { locale: lang === 'zh' ? 'zh-CN' : 'en-GB', priceFormatter: formatInteger },
          // A young market has few bars: fitting them must not blow one candle up to the full width.
          timeScale: {
            timeVisible: interval === '1m',
            secondsVisible: false,
            borderColor: '#dde3ea',
            maxBarSpacing: 24,
          },
          rightPriceScale: { borderColor: '#dde3ea' },
        })
        const s = chart.addSeries(lw.CandlestickSeries, {
          upColor: colours.up,
          downColor: colours.down,
          wickUpColor: colours.up,
          wickDownColor: colours.down,
          borderVisible: false,
          priceFormat: { type: 'price', precision: 0, minMove: Math.max(1, tick) },
        })
        const candles = bars.items.map(toCandle).filter((c): c is Candle => c !== null)
        s.setData(candles.map(toData))
        chart.timeScale().fitContent()
        series.current = s
        last.current = candles[candles.length - 1] ?? null
        setState({ loading: false, error: null, empty: candles.length === 0 })
        foldNew(tradesRef.current)
      },
      (err: unknown) => {
        if (!cancelled) setState({ loading: false, error: toProblem(err), empty: false })
      },
    )
    return () => {
      cancelled = true
      series.current = null
      chart?.remove()
    }
  }, [code, interval, lang, tick])

  useEffect(() => foldNew(trades), [trades])

  return (
    <section class="card chart-card" aria-labelledby="chart-title" data-testid="chart">
      <div class="card-head card-head-row">
        <h2 id="chart-title">{t('chart.title')}</h2>
        <fieldset class="segmented" aria-label={t('chart.interval')}>
          {INTERVALS.map((iv) => (
            <button
              key={iv}
              type="button"
              class={iv === interval ? 'seg active' : 'seg'}
              aria-pressed={iv === interval}
              onClick={() => setBarInterval(iv)}
              data-testid={`chart-${iv}`}
            >
              {t(`chart.${iv}`)}
            </button>
          ))}
        </fieldset>
      </div>
      {state.error && <ProblemBox problem={state.error} />}
      <div class="chart-box">
        <div class="chart-canvas" ref={box} />
        {state.loading && (
          <div class="chart-overlay">
            <Loading />
          </div>
        )}
        {state.empty && !state.loading && <p class="chart-overlay empty">{t('chart.empty')}</p>}
      </div>
      <p class="chart-credit">
        <a href="https://www.tradingview.com/" target="_blank" rel="noopener noreferrer">
          {t('chart.attribution')}
        </a>
      </p>
    </section>
  )
}
