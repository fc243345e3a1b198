import { ProblemBox } from '../components/ProblemBox.tsx'
import { formatInteger, formatShanghaiTime, kgToTonnes } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import type { Feed } from './feeds.ts'
import type { PublicTrade } from './types.ts'

const SHOWN = 40

/** The public trades, newest on top; the price is coloured by the side that took liquidity. */
export function TradeTape({ feed, fee }: { feed: Feed<PublicTrade[]>; fee: boolean }) {
  const { t } = useI18n()
  const trades = feed.data.slice(0, SHOWN)
  return (
    <section class="card tape" aria-labelledby="tape-title" data-testid="tape">
      <div class="card-head">
        <h2 id="tape-title">{t('tape.title')}</h2>
      </div>
      {feed.error && <ProblemBox problem={feed.error} />}
      {trades.length === 0 ? (
        <p class="empty" data-testid="tape-empty">
          {t('tape.empty')}
        </p>
      ) : (
        <div class="tape-scroll">
          <table class="table table-compact">
            <thead>
              <tr>
                <th>{t('col.time')}</th>
                <th class="num">{t('col.price')}</th>
                <th class="num">{t('col.qtyT')}</th>
                <th>{t('col.side')}</th>
              </tr>
            </thead>
            <tbody data-testid="tape-rows">
              {trades.map((tr) => (
                <tr key={tr.id} data-trade-id={tr.id}>
                  <td class="mono muted">{formatShanghaiTime(tr.at)}</td>
                  <td
                    class={`num ${tr.aggressor === 'buy' ? 'up' : tr.aggressor === 'sell' ? 'down' : ''}`}
                    title={fee ? `${t('col.allIn')} ${formatInteger(tr.allInPrice)}` : undefined}
                  >
                    {formatInteger(tr.price)}
                  </td>
                  <td class="num">{kgToTonnes(tr.qtyKg)}</td>
                  <td class="muted">{t(`aggressor.${tr.aggressor}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
