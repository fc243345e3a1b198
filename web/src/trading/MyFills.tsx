import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { formatFen, formatInteger, formatShanghaiTime, kgToTonnes } from '../format.ts'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { tradingApi } from './client.ts'
import type { MyTradeView } from './types.ts'

const SHOWN = 20

/** The enterprise's latest own trades, newest first; asked again whenever `refresh` changes. */
export function MyFills({ refresh }: { refresh: number }) {
  const { t, lang } = useI18n()
  const fills = useAsync(() => tradingApi.myTrades(SHOWN), [refresh])
  const items: MyTradeView[] = fills.data?.items ?? []
  return (
    <section class="card" aria-labelledby="fills-title" data-testid="my-fills">
      <div class="card-head">
        <h2 id="fills-title">{t('fills.title')}</h2>
      </div>
      {fills.error && <ProblemBox problem={fills.error} onRetry={fills.reload} />}
      {fills.loading && !fills.data && <Loading />}
      {fills.data && items.length === 0 && (
        <p class="empty" data-testid="my-fills-empty">
          {t('fills.empty')}
        </p>
      )}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="table table-compact">
            <thead>
              <tr>
                <th>{t('col.time')}</th>
                <th>{t('col.instrument')}</th>
                <th>{t('col.side')}</th>
                <th class="num">{t('col.price')}</th>
                <th class="num">{t('col.qtyT')}</th>
                <th class="num">{t('col.amount')}</th>
                <th class="num">{t('col.fee')}</th>
              </tr>
            </thead>
            <tbody data-testid="my-fills-rows">
              {items.map((f) => (
                <tr key={f.id} data-trade-id={f.id}>
                  <td class="mono muted">{formatShanghaiTime(f.at, true)}</td>
                  <td class="inst-code">{f.instrument}</td>
                  <td class={f.side === 'buy' ? 'up' : 'down'}>{t(`side.${f.side}`)}</td>
                  <td class="num" title={`${t('col.allIn')} ${formatInteger(f.allInPrice)}`}>
                    {formatInteger(f.price)}
                  </td>
                  <td class="num">{kgToTonnes(f.qtyKg)}</td>
                  <td class="num">{formatFen(f.notionalFen, lang)}</td>
                  <td class="num muted">{formatFen(f.feeFen, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
