import type { ComponentChildren } from 'preact'
import { useCallback, useState } from 'preact/hooks'
import { useAsync } from '../hooks.ts'
import { useSession } from '../session.tsx'
import { Balances } from './Balances.tsx'
import { tradingApi } from './client.ts'
import { useBookFeed, useOrdersFeed, useTapeFeed } from './feeds.ts'
import { InstrumentHeader } from './InstrumentHeader.tsx'
import { MyFills } from './MyFills.tsx'
import { MyOrders } from './MyOrders.tsx'
import { OrderBook } from './OrderBook.tsx'
import { OrderTicket, type PickedPrice } from './OrderTicket.tsx'
import { PriceChart } from './PriceChart.tsx'
import { TradeTape } from './TradeTape.tsx'
import type { Account, InstrumentView, PublicTrade, Side } from './types.ts'

/** The instrument with its last price taken from the live tape when the tape is newer. */
export function withLiveLast(i: InstrumentView, tape: readonly PublicTrade[]): InstrumentView {
  const top = tape[0]
  if (!top || top.price === i.last) return i
  const change = top.price - i.referencePriceCnyPerT
  const changeBps =
    i.referencePriceCnyPerT > 0 ? Math.round((change * 10_000) / i.referencePriceCnyPerT) : null
  return {
    ...i,
    last: top.price,
    change,
    changeBps,
    high: i.high === null ? top.price : Math.max(i.high, top.price),
    low: i.low === null ? top.price : Math.min(i.low, top.price),
  }
}

/**
 * Everything about one instrument: header, chart, live book and tape, the order ticket, and the
 * user's open orders, fills and balances, which are asked again after every order event. `side`
 * (the instrument list) heads the narrow column, above the balances.
 */
export function TradingDesk({ instrument, side }: { instrument: InstrumentView; side: ComponentChildren }) {
  const { user } = useSession()
  const code = instrument.code
  const book = useBookFeed(code)
  const tape = useTapeFeed(code)
  const [refresh, setRefresh] = useState(0)
  const bump = useCallback(() => setRefresh((n) => n + 1), [])
  const orders = useOrdersFeed(Boolean(user), bump)
  const account = useAsync<Account | null>(
    () => (user ? tradingApi.account() : Promise.resolve(null)),
    [user?.id, refresh],
  )
  const [picked, setPicked] = useState<PickedPrice | null>(null)
  const pick = useCallback(
    (price: number, side: Side) => setPicked((p) => ({ price, side, n: (p?.n ?? 0) + 1 })),
    [],
  )

  const live = tape.live ? withLiveLast(instrument, tape.data) : instrument
  const bestBid =
    book.live || book.data.bids.length > 0 ? (book.data.bids[0]?.price ?? null) : instrument.bestBid
  const bestAsk =
    book.live || book.data.asks.length > 0 ? (book.data.asks[0]?.price ?? null) : instrument.bestAsk

  return (
    <div class="trade-layout">
      <div class="trade-side-col">
        {side}
        {user && <Balances account={account} />}
      </div>
      <div class="desk">
        <InstrumentHeader i={live} />
        <PriceChart code={code} trades={tape.data} tick={instrument.tickCnyPerT} />
        <div class="desk-row">
          <OrderBook feed={book} listing={instrument.model === 'listing'} onPick={pick} />
          <TradeTape feed={tape} fee={instrument.priceBasis === 'fee'} />
          <OrderTicket
            instrument={live}
            bestBid={bestBid}
            bestAsk={bestAsk}
            picked={picked}
            refresh={refresh}
            onPlaced={bump}
          />
        </div>
        {user && <MyOrders feed={orders} onChanged={bump} />}
        {user && <MyFills refresh={refresh} />}
      </div>
    </div>
  )
}
