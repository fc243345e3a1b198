/**
 * The JSON shapes of the trading API (see the OpenAPI schemas in routes.ts): money and bigint
 * quantities as decimal strings, prices and order quantities as integers, ids as strings.
 * @module
 */
import type { OrderState, TradeRecord } from './model.ts'

export interface OrderView {
  readonly id: string
  readonly instrument: string
  readonly side: 'buy' | 'sell'
  readonly type: 'limit' | 'market'
  readonly price: number | null
  readonly qty: number
  readonly filledQty: number
  readonly remainingQty: number
  readonly status: 'open' | 'filled' | 'cancelled'
  readonly cancelReason: string | null
  readonly tif: string
  readonly postOnly: boolean
  readonly stp: string
  /** Fen for a buy, kg for a sell. */
  readonly reserved: string
  readonly createdAt: string
  readonly updatedAt: string
}

export const orderView = (o: OrderState): OrderView => ({
  id: String(o.id),
  instrument: o.instrument,
  side: o.side,
  type: o.type,
  price: o.priceCnyPerT,
  qty: o.qtyKg,
  filledQty: o.filledKg,
  remainingQty: o.remainingKg,
  status: o.status,
  cancelReason: o.cancelReason,
  tif: o.tif,
  postOnly: o.postOnly,
  stp: o.stp,
  reserved: o.reserved.toString(),
  createdAt: new Date(o.createdAtMs).toISOString(),
  updatedAt: new Date(o.updatedAtMs).toISOString(),
})

export interface MyTradeView {
  readonly id: string
  readonly instrument: string
  readonly side: 'buy' | 'sell'
  readonly price: number
  readonly allInPrice: number
  readonly qtyKg: number
  readonly orderId: string
  readonly aggressor: string
  readonly notionalFen: string
  readonly feeFen: string
  readonly at: string
}

/** A trade as one of its two sides sees it. */
export const myTradeView = (t: TradeRecord, enterpriseId: string): MyTradeView => {
  const buying = t.buyerId === enterpriseId
  return {
    id: String(t.id),
    instrument: t.instrument,
    side: buying ? 'buy' : 'sell',
    price: t.priceCnyPerT,
    allInPrice: t.allInCnyPerT,
    qtyKg: t.qtyKg,
    orderId: String(buying ? t.buyOrderId : t.sellOrderId),
    aggressor: t.aggressor,
    notionalFen: t.notionalFen.toString(),
    feeFen: (buying ? t.buyerFeeFen : t.sellerFeeFen).toString(),
    at: new Date(t.atMs).toISOString(),
  }
}

/** A trade on the public tape: no parties. */
export const publicTradeView = (t: TradeRecord) => ({
  id: String(t.id),
  price: t.priceCnyPerT,
  allInPrice: t.allInCnyPerT,
  qtyKg: t.qtyKg,
  aggressor: t.aggressor,
  at: new Date(t.atMs).toISOString(),
})
