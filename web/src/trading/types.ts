/**
 * The JSON shapes of the trading API (/work/notes/trading-api.md). Prices (CNY/t) and order
 * quantities (kg) are integers; money in fen and bigint quantities are decimal strings; ids are
 * strings of decimal digits.
 * @module
 */
import type { Problem } from '../api.ts'

export type Side = 'buy' | 'sell'
export type OrderType = 'limit' | 'market'
export type Tif = 'GTC' | 'IOC' | 'FOK'
export type Phase = 'opening_call' | 'continuous' | 'call' | 'break' | 'closed'
export type InstrumentStatus = 'open' | 'halted' | 'closed'
export type MarketModel = 'continuous' | 'call' | 'listing'

export interface Window {
  start: string
  end: string
}

export interface InstrumentView {
  code: string
  nameZh: string
  nameEn: string
  form: string
  spec: string
  lotKg: number
  tickCnyPerT: number
  priceBasis: 'all_in' | 'fee'
  baseCnyPerT: number | null
  model: MarketModel
  status: InstrumentStatus
  phase: Phase
  band: { lowCnyPerT: number; highCnyPerT: number }
  referencePriceCnyPerT: number
  openingCall: Window | null
  sessions: Window[]
  buyerFeeBps: number
  sellerFeeBps: number
  synthetic: boolean
  last: number | null
  change: number | null
  changeBps: number | null
  volumeKg: number
  high: number | null
  low: number | null
  bestBid: number | null
  bestAsk: number | null
}

export interface Level {
  price: number
  qtyKg: number
  orders: number
}

export interface BookView {
  instrument: string
  seq: number
  bids: Level[]
  asks: Level[]
}

export interface PublicTrade {
  id: string
  price: number
  allInPrice: number
  qtyKg: number
  aggressor: 'buy' | 'sell' | 'auction'
  at: string
}

export type BarInterval = '1m' | '1d'

export interface Bar {
  /** ISO start of the bar; 1d bars start at Shanghai midnight. */
  t: string
  open: number
  high: number
  low: number
  close: number
  volumeKg: number
}

export interface OrderView {
  id: string
  instrument: string
  side: Side
  type: OrderType
  price: number | null
  qty: number
  filledQty: number
  remainingQty: number
  status: 'open' | 'filled' | 'cancelled'
  cancelReason: string | null
  tif: string
  postOnly: boolean
  stp: string
  /** Fen for a buy, kg for a sell. */
  reserved: string
  createdAt: string
  updatedAt: string
}

export interface MyTradeView {
  id: string
  instrument: string
  side: Side
  price: number
  allInPrice: number
  qtyKg: number
  orderId: string
  aggressor: string
  notionalFen: string
  feeFen: string
  at: string
}

/** The body of POST /orders and POST /orders/preview. */
export interface OrderRequest {
  instrument: string
  side: Side
  type: OrderType
  price?: number
  qty: number
  tif?: Tif
  postOnly?: boolean
}

export interface Preview {
  reservation: { asset: string; amount: string; unit: 'fen' | 'kg' }
  available: string
  notionalFen: string | null
  feeFen: string | null
  allInPrice: number | null
  refusal: Problem | null
}

export interface PlacedOrder {
  order: OrderView
  trades: MyTradeView[]
}

export interface Account {
  enterpriseId: string
  /** The server sends both names; the contract first promised one string. */
  enterpriseName: string | { zh: string; en: string }
  cash: { availableFen: string; reservedFen: string }
  receipts: { instrument: string; availableKg: string; reservedKg: string }[]
}

export interface SessionUser {
  id: string
  username: string
  roles: string[]
  /** The server sends the enterprise; the contract only promises its id. */
  enterprise?: { id: string; nameZh: string; nameEn: string }
  enterpriseId?: string
}
