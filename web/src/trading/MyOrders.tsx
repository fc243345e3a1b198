import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { ProblemBox } from '../components/ProblemBox.tsx'
import { formatFen, formatInteger, formatKg, formatShanghaiTime, kgToTonnes, NONE } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'
import { tradingApi } from './client.ts'
import type { Feed } from './feeds.ts'
import type { OrderView } from './types.ts'

/** The enterprise's open orders, live, each with a cancel button. */
export function MyOrders({ feed, onChanged }: { feed: Feed<OrderView[]>; onChanged: () => void }) {
  const { t, lang } = useI18n()
  const [cancelling, setCancelling] = useState<ReadonlySet<string>>(new Set())
  const [problem, setProblem] = useState<Problem | null>(null)

  const cancel = async (id: string) => {
    setProblem(null)
    setCancelling((s) => new Set(s).add(id))
    try {
      await tradingApi.cancel(id)
      onChanged()
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setCancelling((s) => {
        const next = new Set(s)
        next.delete(id)
        return next
      })
    }
  }

  return (
    <section class="card" aria-labelledby="orders-title" data-testid="my-orders">
      <div class="card-head">
        <h2 id="orders-title">{t('orders.title')}</h2>
      </div>
      {feed.error && <ProblemBox problem={feed.error} />}
      {problem && <ProblemBox problem={problem} testId="cancel-problem" />}
      {feed.data.length === 0 ? (
        <p class="empty" data-testid="my-orders-empty">
          {t('orders.empty')}
        </p>
      ) : (
        <div class="table-wrap">
          <table class="table table-compact">
            <thead>
              <tr>
                <th>{t('col.time')}</th>
                <th>{t('col.instrument')}</th>
                <th>{t('col.side')}</th>
                <th class="num">{t('col.price')}</th>
                <th class="num">{t('col.qtyT')}</th>
                <th class="num">{t('col.filled')}</th>
                <th class="num">{t('col.reserved')}</th>
                <th>{t('col.tif')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {feed.data.map((o) => (
                <tr key={o.id} data-order-id={o.id}>
                  <td class="mono muted">{formatShanghaiTime(o.createdAt, true)}</td>
                  <td>
                    <a class="inst-code" href={href(`/trade/${encodeURIComponent(o.instrument)}`)}>
                      {o.instrument}
                    </a>
                  </td>
                  <td class={o.side === 'buy' ? 'up' : 'down'}>
                    {t(`side.${o.side}`)}
                    {o.postOnly && <span class="sub">{t('ticket.postOnlyTag')}</span>}
                  </td>
                  <td class="num">{o.price === null ? t('ticket.market') : formatInteger(o.price)}</td>
                  <td class="num">{kgToTonnes(o.qty)}</td>
                  <td class="num">{kgToTonnes(o.filledQty)}</td>
                  <td class="num">
                    {o.side === 'buy'
                      ? formatFen(o.reserved, lang)
                      : o.reserved
                        ? formatKg(o.reserved, lang)
                        : NONE}
                  </td>
                  <td>{o.tif}</td>
                  <td class="num">
                    <button
                      type="button"
                      class="button button-small"
                      disabled={cancelling.has(o.id)}
                      onClick={() => cancel(o.id)}
                      data-testid={`cancel-${o.id}`}
                    >
                      {cancelling.has(o.id) ? t('orders.cancelling') : t('orders.cancel')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
