import { type Static, Type } from 'typebox'
import { NullableInteger } from '../../platform/http/schemas.ts'
import { BAR_INTERVALS } from './bars.ts'

/**
 * The JSON of the market-data API and of the /stream WebSocket. Query strings are not coerced, so
 * numbers in them are strings with a pattern (converted after validation).
 */

export const CodeParams = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 64, description: 'Instrument code, e.g. AL-A00-GY' }) },
  { additionalProperties: false },
)

export const DepthQuery = Type.Object(
  {
    depth: Type.Optional(
      Type.String({
        pattern: '^(?:[1-9][0-9]?|1[0-9][0-9]|200)$',
        description: 'Price levels a side, an integer from 1 to 200 (default 20)',
      }),
    ),
  },
  { additionalProperties: false },
)

export const TradesQuery = Type.Object(
  {
    limit: Type.Optional(
      Type.String({
        pattern: '^(?:[1-9][0-9]?|[1-4][0-9][0-9]|500)$',
        description: 'Trades, an integer from 1 to 500 (default 100)',
      }),
    ),
  },
  { additionalProperties: false },
)

export const BarsQuery = Type.Object(
  {
    interval: Type.Optional(
      Type.Enum(BAR_INTERVALS, { description: 'Bar length: 1m, or 1d from Shanghai midnight (default 1m)' }),
    ),
    limit: Type.Optional(
      Type.String({
        pattern: '^(?:[1-9][0-9]{0,2}|1000)$',
        description: 'Bars, an integer from 1 to 1000 (default 300)',
      }),
    ),
  },
  { additionalProperties: false },
)

const Session = Type.Object({
  start: Type.String({ description: "'HH:MM' Asia/Shanghai, inclusive" }),
  end: Type.String({ description: "'HH:MM' Asia/Shanghai, exclusive" }),
})

export const InstrumentJson = Type.Object(
  {
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    form: Type.String(),
    spec: Type.String(),
    lotKg: Type.Integer(),
    tickCnyPerT: Type.Integer(),
    priceBasis: Type.Enum(['all_in', 'fee'], {
      description: 'all_in: the book trades the price; fee: the processing fee',
    }),
    baseCnyPerT: NullableInteger('The base ingot price a fee is over (fee basis); null for all_in'),
    model: Type.Enum(['continuous', 'call', 'listing']),
    status: Type.Enum(['open', 'halted', 'closed']),
    phase: Type.Enum(['opening_call', 'continuous', 'call', 'break', 'closed']),
    band: Type.Object({ lowCnyPerT: Type.Integer(), highCnyPerT: Type.Integer() }),
    referencePriceCnyPerT: Type.Integer(),
    openingCall: Type.Union([Session, Type.Null()]),
    sessions: Type.Array(Session),
    buyerFeeBps: Type.Integer(),
    sellerFeeBps: Type.Integer(),
    synthetic: Type.Boolean(),
    last: NullableInteger('The last trade price (any day)'),
    change: NullableInteger('last − referencePriceCnyPerT'),
    changeBps: NullableInteger('change in basis points of the reference'),
    volumeKg: Type.Integer({ description: 'Traded today (Asia/Shanghai)' }),
    high: NullableInteger("Today's highest trade price"),
    low: NullableInteger("Today's lowest trade price"),
    bestBid: NullableInteger('Highest bid'),
    bestAsk: NullableInteger('Lowest ask'),
  },
  { description: 'An instrument with its market figures; prices CNY/t in the book’s terms, quantities kg' },
)

export const InstrumentListJson = Type.Object({
  items: Type.Array(InstrumentJson),
  synthetic: Type.Boolean({ description: 'True when any instrument is a demo (synthetic) one' }),
})

export const LevelJson = Type.Object({
  price: Type.Integer(),
  qtyKg: Type.Integer(),
  orders: Type.Integer(),
})

export const BookJson = Type.Object({
  instrument: Type.String(),
  seq: Type.Integer({ description: 'The book’s sequence number (as on the stream)' }),
  bids: Type.Array(LevelJson, { description: 'Highest first' }),
  asks: Type.Array(LevelJson, { description: 'Lowest first' }),
})

export const PublicTradeJson = Type.Object({
  id: Type.String(),
  price: Type.Integer({ description: 'CNY/t in the book’s terms' }),
  allInPrice: Type.Integer({ description: 'CNY/t the buyer pays: the price, or base + processing fee' }),
  qtyKg: Type.Integer(),
  aggressor: Type.Enum(['buy', 'sell', 'auction']),
  at: Type.String({ description: 'ISO 8601 instant' }),
})

export const TradesJson = Type.Object({ items: Type.Array(PublicTradeJson, { description: 'Newest first' }) })

export const BarJson = Type.Object({
  t: Type.String({ description: 'ISO start of the bar; a 1d bar starts at Shanghai midnight' }),
  open: Type.Integer(),
  high: Type.Integer(),
  low: Type.Integer(),
  close: Type.Integer(),
  volumeKg: Type.Integer(),
})

export const BarsJson = Type.Object({
  instrument: Type.String(),
  interval: Type.Enum(BAR_INTERVALS),
  items: Type.Array(BarJson, { description: 'Oldest first' }),
})

// ---- the /stream WebSocket ----

const Op = Type.Enum(['subscribe', 'unsubscribe'])

/** A client message on /stream. */
export const ClientMessage = Type.Union([
  Type.Object(
    {
      op: Op,
      channel: Type.Enum(['book', 'trades']),
      instrument: Type.String({ minLength: 1, maxLength: 64 }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ op: Op, channel: Type.Literal('orders') }, { additionalProperties: false }),
])
export type ClientMessage = Static<typeof ClientMessage>

const OrderJson = Type.Object({
  id: Type.String(),
  instrument: Type.String(),
  side: Type.Enum(['buy', 'sell']),
  type: Type.Enum(['limit', 'market']),
  price: Type.Union([Type.Integer(), Type.Null()]),
  qty: Type.Integer(),
  filledQty: Type.Integer(),
  remainingQty: Type.Integer(),
  status: Type.Enum(['open', 'filled', 'cancelled']),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  tif: Type.String(),
  postOnly: Type.Boolean(),
  stp: Type.String(),
  reserved: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})

const LevelChangeJson = Type.Object({
  side: Type.Enum(['buy', 'sell']),
  price: Type.Integer(),
  qtyKg: Type.Integer({ description: '0: the level is gone' }),
  orders: Type.Integer(),
})

const strict = { additionalProperties: false } as const

/** Every message the server sends on /stream. */
export const ServerMessage = Type.Union([
  Type.Object(
    {
      type: Type.Literal('snapshot'),
      channel: Type.Literal('book'),
      instrument: Type.String(),
      seq: Type.Integer(),
      bids: Type.Array(LevelJson),
      asks: Type.Array(LevelJson),
    },
    strict,
  ),
  Type.Object(
    {
      type: Type.Literal('delta'),
      channel: Type.Literal('book'),
      instrument: Type.String(),
      seq: Type.Integer(),
      changes: Type.Array(LevelChangeJson),
    },
    strict,
  ),
  Type.Object(
    {
      type: Type.Enum(['snapshot', 'delta']),
      channel: Type.Literal('trades'),
      instrument: Type.String(),
      seq: Type.Integer(),
      trades: Type.Array(PublicTradeJson),
    },
    strict,
  ),
  Type.Object(
    {
      type: Type.Enum(['snapshot', 'delta']),
      channel: Type.Literal('orders'),
      seq: Type.Integer(),
      orders: Type.Array(OrderJson),
    },
    strict,
  ),
  Type.Object(
    {
      type: Type.Literal('error'),
      code: Type.Enum(['UNAUTHENTICATED', 'INSTRUMENT_NOT_FOUND', 'VALIDATION_FAILED']),
      detail: Type.String(),
    },
    strict,
  ),
])
export type ServerMessage = Static<typeof ServerMessage>
