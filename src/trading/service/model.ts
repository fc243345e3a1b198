/**
 * The trading service's vocabulary: orders as members see them, the commands the journal records,
 * and what applying one command produced (order updates, trades, ledger postings, book changes).
 * Quantities are kg, prices CNY/t in the book's terms (all-in, or the processing fee over the base
 * for a fee-basis instrument), money fen as bigint.
 * @module
 */
import type { Posting } from '../../ledger/index.ts'

export type SideName = 'buy' | 'sell'
export type OrderTypeName = 'limit' | 'market'
export type TifName = 'GTC' | 'IOC' | 'FOK'
export type StpName = 'cancel_resting' | 'cancel_incoming' | 'cancel_both'
export type OrderStatus = 'open' | 'filled' | 'cancelled'
export type CancelReasonName = 'user' | 'unfilled' | 'fok' | 'stp'

/** An order as a member asked for it (validated at the edge). */
export interface OrderRequest {
  readonly instrument: string
  readonly side: SideName
  readonly type: OrderTypeName
  readonly priceCnyPerT: number | null
  readonly qtyKg: number
  readonly tif: TifName
  readonly postOnly: boolean
  readonly stp: StpName
}

/** Everything the service keeps about one order. */
export interface OrderState {
  readonly id: number
  readonly enterpriseId: string
  readonly userId: string
  readonly idempotencyKey: string
  readonly requestHash: string
  readonly instrument: string
  readonly side: SideName
  readonly type: OrderTypeName
  readonly tif: TifName
  readonly postOnly: boolean
  readonly stp: StpName
  /** Limit price in the book's terms; null for a market order. */
  priceCnyPerT: number | null
  /** The price a buy reserves at: its limit, or for a market order the band ceiling when it came. */
  reservePriceCnyPerT: number
  /** The base ingot price of a fee-basis order (all-in = base + fee); null for all-in instruments. */
  readonly baseCnyPerT: number | null
  /** Quantity ordered (after amends: filled + open). */
  qtyKg: number
  filledKg: number
  remainingKg: number
  status: OrderStatus
  cancelReason: CancelReasonName | null
  /** What the order still holds reserved: fen for a buy, kg of receipts for a sell. */
  reserved: bigint
  /** All-in notional of the fills so far, fen (the base of the buyer's cumulative fee). */
  filledNotionalFen: bigint
  /** Journal sequence of the command that gave the order its place in the queue. */
  prioritySeq: number
  readonly createdSeq: number
  readonly createdAtMs: number
  updatedAtMs: number
  /** Trades of the command that placed it (the first answer to its idempotency key). */
  readonly placementTradeIds: number[]
}

export interface TradeRecord {
  readonly id: number
  readonly seq: number
  readonly instrument: string
  /** The price in the book's terms (fee for a fee-basis instrument). */
  readonly priceCnyPerT: number
  /** What the buyer pays per tonne: the price, or base + fee. */
  readonly allInCnyPerT: number
  readonly qtyKg: number
  readonly buyOrderId: number
  readonly sellOrderId: number
  readonly buyerId: string
  readonly sellerId: string
  readonly aggressor: SideName | 'auction'
  readonly notionalFen: bigint
  readonly buyerFeeFen: bigint
  readonly sellerFeeFen: bigint
  readonly atMs: number
}

/** The contract a trade becomes, with its delivery order. */
export interface ContractRecord {
  readonly id: number
  readonly tradeId: number
  readonly instrument: string
  readonly buyerId: string
  readonly sellerId: string
  readonly qtyKg: number
  readonly allInCnyPerT: number
  readonly amountFen: bigint
  readonly warehouseId: string | null
  /** Shanghai dates 'YYYY-MM-DD', inclusive. */
  readonly pickupFrom: string
  readonly pickupTo: string
}

/** A change of one aggregated book level (signed deltas). */
export interface LevelChange {
  readonly instrument: string
  readonly side: SideName
  readonly priceCnyPerT: number
  readonly deltaKg: number
  readonly deltaOrders: number
}

/** One command as the journal records it (JSON). `at` is the instant the service took it, ms. */
export type JournalCommand =
  | {
      readonly op: 'new'
      readonly at: number
      readonly order: number
      readonly enterprise: string
      readonly user: string
      readonly key: string
      readonly hash: string
      readonly base: number | null
      /** The band ceiling in the book's terms when the order came (what a market buy reserves at). */
      readonly ceiling: number
      readonly request: OrderRequest
    }
  | { readonly op: 'cancel'; readonly at: number; readonly order: number }
  | {
      readonly op: 'amend'
      readonly at: number
      readonly order: number
      readonly qtyKg: number | null
      readonly priceCnyPerT: number | null
    }
  /** The instrument's book goes to call collection or continuous trading (uncrossing a call). */
  | {
      readonly op: 'phase'
      readonly at: number
      readonly instrument: string
      readonly model: 'continuous' | 'call'
    }
  /** A periodic call auction's uncross (the book stays in call mode). */
  | { readonly op: 'uncross'; readonly at: number; readonly instrument: string }

/** What one command did, in the order it happened. */
export interface Applied {
  readonly seq: number
  readonly atMs: number
  readonly command: JournalCommand
  /** Orders created or changed, each as the command left it (a copy: the service's own objects move on). */
  readonly orders: OrderState[]
  readonly trades: TradeRecord[]
  readonly contracts: ContractRecord[]
  /** The ledger postings (planned and checked against the balances), in order. */
  readonly ledger: Posting[]
  readonly levels: LevelChange[]
  /** An uncross price and quantity when the command ran an auction. */
  uncross: {
    readonly instrument: string
    readonly priceCnyPerT: number | null
    readonly qtyKg: number
  } | null
}
