import { ProblemBox } from '../components/ProblemBox.tsx'
import { formatInteger, kgToTonnes } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import { type BookState, maxLevelQty } from './book.ts'
import type { Feed } from './feeds.ts'
import type { Level, Side } from './types.ts'

const DEPTH = 10

/**
 * The ladder: asks above (best ask next to the middle), bids below, each level with a bar as long
 * as its share of the largest level shown. Clicking a price hands it to the order ticket.
 */
export function OrderBook({
  feed,
  listing,
  onPick,
}: {
  feed: Feed<BookState>
  listing: boolean
  onPick: (price: number, side: Side) => void
}) {
  const { t } = useI18n()
  const { bids, asks } = feed.data
  const max = maxLevelQty(feed.data, DEPTH)
  const bestBid = bids[0]?.price
  const bestAsk = asks[0]?.price
  return (
    <section class="card book" aria-labelledby="book-title" data-testid="book">
      <div class="card-head card-head-row">
        <h2 id="book-title">{t('book.title')}</h2>
        {!listing && bestBid !== undefined && bestAsk !== undefined && (
          <span class="muted" data-testid="book-spread">
            {t('book.spread', { spread: formatInteger(bestAsk - bestBid) })}
          </span>
        )}
      </div>
      {feed.error && <ProblemBox problem={feed.error} />}
      {listing ? (
        <p class="empty">{t('book.listing')}</p>
      ) : bids.length === 0 && asks.length === 0 ? (
        <p class="empty" data-testid="book-empty">
          {t('book.empty')}
        </p>
      ) : (
        <table class="table table-compact ladder" title={t('book.pick')}>
          <thead>
            <tr>
              <th>{t('col.price')}</th>
              <th class="num">{t('col.qtyT')}</th>
              <th class="num">{t('col.orders')}</th>
            </tr>
          </thead>
          <tbody data-testid="book-asks" aria-label={t('book.asks')}>
            {asks
              .slice(0, DEPTH)
              .reverse()
              .map((l) => (
                <LevelRow key={`a${l.price}`} level={l} side="sell" max={max} onPick={onPick} />
              ))}
          </tbody>
          <tbody class="ladder-bids" data-testid="book-bids" aria-label={t('book.bids')}>
            {bids.slice(0, DEPTH).map((l) => (
              <LevelRow key={`b${l.price}`} level={l} side="buy" max={max} onPick={onPick} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function LevelRow({
  level,
  side,
  max,
  onPick,
}: {
  level: Level
  side: Side
  max: number
  onPick: (price: number, side: Side) => void
}) {
  const width = max > 0 ? Math.max(2, Math.round((100 * level.qtyKg) / max)) : 0
  return (
    <tr class={`ladder-row ladder-${side}`} data-price={level.price}>
      <td>
        <button type="button" class="ladder-price" onClick={() => onPick(level.price, side)}>
          {formatInteger(level.price)}
        </button>
      </td>
      <td class="num ladder-qty">
        <span class="ladder-bar" style={{ width: `${width}%` }} aria-hidden="true" />
        <span class="ladder-qty-text">{kgToTonnes(level.qtyKg)}</span>
      </td>
      <td class="num muted">{formatInteger(level.orders)}</td>
    </tr>
  )
}
