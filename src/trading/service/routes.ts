import { hash } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { Type } from 'typebox'
import { requirePrincipal, requireRole } from '../../accounts/index.ts'
import { checkOrderTerms } from '../../instruments/index.ts'
import { AppError, problemOf, type Refusal, refuse } from '../../kernel/index.ts'
import { CASH, feeFen, notionalFen, receiptAsset } from '../../ledger/index.ts'
import type { Database } from '../../platform/db/index.ts'
import { decodeCursor, pageOf } from '../../platform/http/cursor.ts'
import {
  CursorQuery,
  LimitQuery,
  NullableInteger,
  NullableStringEnum,
  Page,
  StringEnum,
} from '../../platform/http/schemas.ts'
import { accountOf } from './account.ts'
import type { OrderRequest } from './model.ts'
import { operationsRoutes } from './operations-routes.ts'
import { findOrder, listContracts, listOrders, listTrades } from './queries.ts'
import { RateLimiter, type RatePolicy } from './rate-limit.ts'
import type { TradingService } from './service.ts'
import { myTradeView, orderView } from './views.ts'

export interface TradingRoutesOptions {
  readonly db: Kysely<Database>
  readonly service: TradingService
  /** Write requests (orders, cancels, amends) per caller. */
  readonly rateLimit?: RatePolicy
  /** The clock of the rate limit, ms (default: the system clock). */
  readonly clock?: () => number
}

const Problem = Type.Ref('Problem')
const ID_PATTERN = '^[1-9][0-9]{0,14}$'
const ID = new RegExp(ID_PATTERN)
const DEFAULT_PAGE_SIZE = 50
/** Order bodies are tiny; anything bigger is refused before it is parsed. */
const ORDER_BODY_LIMIT = 4096

const OrderJson = Type.Object({
  id: Type.String(),
  instrument: Type.String(),
  side: StringEnum(['buy', 'sell'] as const),
  type: StringEnum(['limit', 'market'] as const),
  price: NullableInteger('CNY/t in the book’s terms; null for market'),
  qty: Type.Integer({ description: 'kg ordered' }),
  filledQty: Type.Integer(),
  remainingQty: Type.Integer({ description: 'kg open (0 once filled or cancelled)' }),
  status: StringEnum(['open', 'filled', 'cancelled'] as const),
  cancelReason: NullableStringEnum(['user', 'unfilled', 'fok', 'stp'] as const),
  tif: StringEnum(['GTC', 'IOC', 'FOK'] as const),
  postOnly: Type.Boolean(),
  stp: StringEnum(['cancel_resting', 'cancel_incoming', 'cancel_both'] as const),
  reserved: Type.String({ description: 'still reserved: fen for a buy, kg of receipts for a sell' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})

const MyTradeJson = Type.Object({
  id: Type.String(),
  instrument: Type.String(),
  side: StringEnum(['buy', 'sell'] as const),
  price: Type.Integer(),
  allInPrice: Type.Integer({ description: 'CNY/t paid: the price, or base + processing fee' }),
  qtyKg: Type.Integer(),
  orderId: Type.String(),
  aggressor: StringEnum(['buy', 'sell', 'auction'] as const),
  notionalFen: Type.String(),
  feeFen: Type.String(),
  at: Type.String(),
})

const OrderBody = Type.Object(
  {
    instrument: Type.String({ minLength: 1, maxLength: 40 }),
    side: StringEnum(['buy', 'sell'] as const),
    type: StringEnum(['limit', 'market'] as const),
    price: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'CNY/t, limit orders only' }),
    ),
    qty: Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'kg, a multiple of the lot' }),
    tif: Type.Optional(StringEnum(['GTC', 'IOC', 'FOK'] as const)),
    postOnly: Type.Optional(Type.Boolean()),
    stp: Type.Optional(StringEnum(['cancel_resting', 'cancel_incoming', 'cancel_both'] as const)),
  },
  { additionalProperties: false },
)
type OrderBodyT = {
  instrument: string
  side: 'buy' | 'sell'
  type: 'limit' | 'market'
  price?: number
  qty: number
  tif?: 'GTC' | 'IOC' | 'FOK'
  postOnly?: boolean
  stp?: 'cancel_resting' | 'cancel_incoming' | 'cancel_both'
}

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) }, { additionalProperties: false })

/** The body as an order request, with defaults; combinations refused as the engine would. */
function orderRequestOf(body: OrderBodyT): OrderRequest {
  const errors: { field: string; message: string }[] = []
  if (body.type === 'limit' && body.price === undefined)
    errors.push({ field: '/price', message: 'is required for a limit order' })
  if (body.type === 'market' && body.price !== undefined)
    errors.push({ field: '/price', message: 'must be absent for a market order' })
  const tif = body.tif ?? (body.type === 'limit' ? 'GTC' : 'IOC')
  if (body.type === 'market' && tif === 'GTC')
    errors.push({ field: '/tif', message: 'a market order is IOC or FOK' })
  const postOnly = body.postOnly ?? false
  if (postOnly && (body.type !== 'limit' || tif !== 'GTC'))
    errors.push({ field: '/postOnly', message: 'only a GTC limit order can be post-only' })
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The order is not valid', errors)
  return {
    instrument: body.instrument,
    side: body.side,
    type: body.type,
    priceCnyPerT: body.price ?? null,
    qtyKg: body.qty,
    tif,
    postOnly,
    stp: body.stp ?? 'cancel_resting',
  }
}

const hashOf = (request: OrderRequest): string => hash('sha256', JSON.stringify(request), 'base64url')

/** Risk and admin see and touch every enterprise's orders; everyone else only their own. */
const scopeOf = (request: FastifyRequest): { enterpriseId: string | null; own: string } => {
  const p = request.principal!
  const all = p.roles.includes('risk') || p.roles.includes('admin')
  return { enterpriseId: all ? null : p.enterpriseId, own: p.enterpriseId }
}

const refused = (refusal: Refusal): never => {
  throw AppError.from(refusal)
}

const routes: FastifyPluginAsyncTypebox<TradingRoutesOptions> = async (app, options) => {
  const { db, service } = options
  const limiter = new RateLimiter(options.rateLimit)
  const clock = options.clock ?? Date.now
  const writer = requireRole('trader', 'risk', 'admin')
  const reader = requireRole()
  await app.register(operationsRoutes, { service })
  const limitWrites = async (request: FastifyRequest): Promise<void> => {
    const p = request.principal!
    if (!limiter.take(`${p.via}:${p.userId}`, clock()))
      throw new AppError('RATE_LIMITED', `at most ${limiter.policy.perSecond} order requests per second`)
  }

  app.post(
    '/orders',
    {
      onRequest: [writer, limitWrites],
      bodyLimit: ORDER_BODY_LIMIT,
      schema: {
        tags: ['trading'],
        summary: 'Place an order; answered once it is durable in the journal',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: OrderBody,
        response: {
          200: Type.Object({ order: OrderJson, trades: Type.Array(MyTradeJson) }),
          201: Type.Object({ order: OrderJson, trades: Type.Array(MyTradeJson) }),
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          409: Problem,
          413: Problem,
          422: Problem,
          429: Problem,
          503: Problem,
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply)
      const key = request.headers['idempotency-key']
      if (typeof key !== 'string' || key.length === 0 || key.length > 100 || !/^[\x21-\x7e]+$/.test(key))
        throw new AppError(
          'IDEMPOTENCY_KEY_REQUIRED',
          'Send an Idempotency-Key header of 1 to 100 visible ASCII characters',
          [{ field: 'headers/idempotency-key', message: 'is required: 1 to 100 visible ASCII characters' }],
        )
      const order = orderRequestOf(request.body)
      const result = await service.place(principal.enterpriseId, principal.userId, order, key, hashOf(order))
      if (!result.ok) return refused(result)
      const { value } = result
      reply.status(value.replayed ? 200 : 201)
      return {
        order: orderView(value.order),
        trades: value.trades.map((t) => myTradeView(t, principal.enterpriseId)),
      }
    },
  )

  app.post(
    '/orders/preview',
    {
      onRequest: reader,
      bodyLimit: ORDER_BODY_LIMIT,
      schema: {
        tags: ['trading'],
        summary: 'What an order would reserve, and whether it would be taken now (nothing is placed)',
        body: OrderBody,
        response: {
          200: Type.Object({
            reservation: Type.Object({
              asset: Type.String(),
              amount: Type.String(),
              unit: StringEnum(['fen', 'kg'] as const),
            }),
            available: Type.String(),
            allInPrice: Type.Union([Type.Integer(), Type.Null()]),
            notionalFen: Type.Union([Type.String(), Type.Null()]),
            feeFen: Type.Union([Type.String(), Type.Null()]),
            refusal: Type.Union([Problem, Type.Null()]),
          }),
          400: Problem,
          401: Problem,
          404: Problem,
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply)
      const order = orderRequestOf(request.body)
      const instrument = service.state.instrument(order.instrument)
      if (!instrument) throw new AppError('INSTRUMENT_NOT_FOUND', `no instrument ${order.instrument}`)
      const base = service.base(instrument)
      const ceiling = service.band(instrument).highCnyPerT
      const buy = order.side === 'buy'
      const amount = service.state.reservationOf(instrument, order, base, ceiling)
      const asset = buy ? CASH : receiptAsset(instrument.code)
      const available = service.state.balance({ owner: principal.enterpriseId, asset, bucket: 'available' })
      const allIn = (order.type === 'market' ? ceiling : (order.priceCnyPerT ?? 0)) + (base ?? 0)
      const notional = notionalFen(BigInt(allIn), BigInt(order.qtyKg))
      const bps = BigInt(buy ? instrument.buyerFeeBps : instrument.sellerFeeBps)
      const refusal =
        checkOrderTerms(instrument, {
          qtyKg: order.qtyKg,
          ...(order.priceCnyPerT !== null ? { priceCnyPerT: order.priceCnyPerT } : {}),
        }) ?? service.state.checkNew(principal.enterpriseId, order, base, ceiling)
      return {
        reservation: { asset, amount: amount.toString(), unit: buy ? ('fen' as const) : ('kg' as const) },
        available: available.toString(),
        allInPrice: allIn,
        notionalFen: notional.toString(),
        feeFen: feeFen(notional, bps).toString(),
        refusal: refusal ? problemOf(refusal.code, refusal.detail, refusal.errors) : null,
      }
    },
  )

  app.get(
    '/orders',
    {
      onRequest: reader,
      schema: {
        tags: ['trading'],
        summary: 'Orders of your enterprise (risk and admin: all), newest first',
        querystring: Type.Object(
          {
            status: Type.Optional(StringEnum(['open', 'filled', 'cancelled'] as const)),
            instrument: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
            limit: Type.Optional(LimitQuery),
            cursor: Type.Optional(CursorQuery),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(OrderJson), 400: Problem, 401: Problem },
      },
    },
    async (request) => {
      const { status, instrument, limit, cursor } = request.query
      const size = limit ? Number(limit) : DEFAULT_PAGE_SIZE
      await service.projected()
      const rows = await listOrders(db, {
        enterpriseId: scopeOf(request).enterpriseId,
        limit: size + 1,
        ...(status ? { status } : {}),
        ...(instrument ? { instrument } : {}),
        ...(cursor ? { beforeId: Number(decodeCursor(cursor, ID)) } : {}),
      })
      const page = pageOf(rows, size, (o) => String(o.id))
      return { items: page.items.map(orderView), nextCursor: page.nextCursor }
    },
  )

  const visibleOrder = async (request: FastifyRequest, id: number) => {
    await service.projected()
    const order = await findOrder(db, id)
    const { enterpriseId } = scopeOf(request)
    if (!order || (enterpriseId !== null && order.enterpriseId !== enterpriseId))
      throw new AppError('ORDER_NOT_FOUND', `no order ${id}`)
    return order
  }
  /**
   * A cancel's or amend's refusal. Memory holds open orders and lately closed ones only: an order it
   * does not know may have closed long ago (409 ORDER_NOT_OPEN), or not be the caller's (404).
   */
  const refusedFor = async (request: FastifyRequest, id: number, result: Refusal): Promise<never> => {
    if (result.code !== 'ORDER_NOT_FOUND') return refused(result)
    const order = await visibleOrder(request, id)
    return refused(refuse('ORDER_NOT_OPEN', `order ${id} is ${order.status}`))
  }

  app.get(
    '/orders/:id',
    {
      onRequest: reader,
      schema: {
        tags: ['trading'],
        summary: 'One order (another enterprise’s is 404)',
        params: IdParams,
        response: { 200: OrderJson, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request) => orderView(await visibleOrder(request, Number(request.params.id))),
  )

  app.delete(
    '/orders/:id',
    {
      onRequest: [writer, limitWrites],
      schema: {
        tags: ['trading'],
        summary: 'Cancel an open order; its reservation is released',
        params: IdParams,
        response: {
          200: OrderJson,
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          409: Problem,
          503: Problem,
          429: Problem,
        },
      },
    },
    async (request) => {
      const id = Number(request.params.id)
      const result = await service.cancel(scopeOf(request).enterpriseId, id)
      if (!result.ok) {
        return refusedFor(request, id, result)
      }
      return orderView(result.value)
    },
  )

  app.patch(
    '/orders/:id',
    {
      onRequest: [writer, limitWrites],
      bodyLimit: ORDER_BODY_LIMIT,
      schema: {
        tags: ['trading'],
        summary:
          'Change an open order: qty is the new open quantity (kg); a smaller qty at the same price keeps its place',
        params: IdParams,
        body: Type.Object(
          {
            qty: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000 })),
            price: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: {
          200: Type.Object({ order: OrderJson, trades: Type.Array(MyTradeJson) }),
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          409: Problem,
          503: Problem,
          422: Problem,
          429: Problem,
        },
      },
    },
    async (request) => {
      const id = Number(request.params.id)
      const { qty, price } = request.body
      const result = await service.amend(scopeOf(request).enterpriseId, id, qty ?? null, price ?? null)
      if (!result.ok) {
        return refusedFor(request, id, result)
      }
      const own = result.value.order.enterpriseId
      return {
        order: orderView(result.value.order),
        trades: result.value.trades.map((t) => myTradeView(t, own)),
      }
    },
  )

  app.put(
    '/instruments/:code/status',
    {
      onRequest: requireRole('risk', 'admin'),
      schema: {
        tags: ['trading'],
        summary: 'Halt, reopen or close an instrument (risk, admin); resting orders stay',
        params: Type.Object(
          { code: Type.String({ minLength: 1, maxLength: 40 }) },
          { additionalProperties: false },
        ),
        body: Type.Object(
          { status: StringEnum(['open', 'halted', 'closed'] as const) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            code: Type.String(),
            status: StringEnum(['open', 'halted', 'closed'] as const),
          }),
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
        },
      },
    },
    async (request) => {
      const result = await service.setStatus(request.params.code, request.body.status)
      if (!result.ok) return refused(result)
      return { code: result.value.code, status: result.value.status }
    },
  )

  app.get(
    '/trades',
    {
      onRequest: reader,
      schema: {
        tags: ['trading'],
        summary: 'Your enterprise’s fills, newest first',
        querystring: Type.Object(
          {
            mine: Type.Optional(StringEnum(['true'] as const)),
            instrument: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
            limit: Type.Optional(LimitQuery),
            cursor: Type.Optional(CursorQuery),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(MyTradeJson), 400: Problem, 401: Problem },
      },
    },
    async (request) => {
      const { own } = scopeOf(request)
      const { instrument, limit, cursor } = request.query
      const size = limit ? Number(limit) : DEFAULT_PAGE_SIZE
      await service.projected()
      const rows = await listTrades(db, {
        enterpriseId: own,
        limit: size + 1,
        ...(instrument ? { instrument } : {}),
        ...(cursor ? { beforeId: Number(decodeCursor(cursor, ID)) } : {}),
      })
      const page = pageOf(rows, size, (t) => String(t.id))
      return { items: page.items.map((t) => myTradeView(t, own)), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/account',
    {
      onRequest: reader,
      schema: {
        tags: ['trading'],
        summary: 'Your enterprise’s cash and warehouse receipts, available and reserved',
        response: {
          200: Type.Object({
            enterpriseId: Type.String(),
            enterpriseName: Type.Object({ zh: Type.String(), en: Type.String() }),
            cash: Type.Object({ availableFen: Type.String(), reservedFen: Type.String() }),
            receipts: Type.Array(
              Type.Object({
                instrument: Type.String(),
                availableKg: Type.String(),
                reservedKg: Type.String(),
              }),
            ),
          }),
          401: Problem,
        },
      },
    },
    async (request) => accountOf(db, service, request.principal!.enterpriseId),
  )

  app.get(
    '/contracts',
    {
      onRequest: reader,
      schema: {
        tags: ['trading'],
        summary: 'Contracts from your trades with their delivery orders, newest first',
        querystring: Type.Object({ limit: Type.Optional(LimitQuery) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                tradeId: Type.String(),
                instrument: Type.String(),
                side: StringEnum(['buy', 'sell'] as const),
                counterpartyId: Type.String(),
                qtyKg: Type.Integer(),
                allInPrice: Type.Integer(),
                amountFen: Type.String(),
                warehouseId: Type.Union([Type.String(), Type.Null()]),
                pickupFrom: Type.String(),
                pickupTo: Type.String(),
                status: Type.String(),
              }),
            ),
          }),
          400: Problem,
          401: Problem,
        },
      },
    },
    async (request) => {
      const { own } = scopeOf(request)
      await service.projected()
      const rows = await listContracts(
        db,
        own,
        request.query.limit ? Number(request.query.limit) : DEFAULT_PAGE_SIZE,
      )
      return {
        items: rows.map((c) => {
          const buying = c.buyerId === own
          return {
            id: String(c.id),
            tradeId: String(c.tradeId),
            instrument: c.instrument,
            side: buying ? ('buy' as const) : ('sell' as const),
            counterpartyId: buying ? c.sellerId : c.buyerId,
            qtyKg: c.qtyKg,
            allInPrice: c.allInCnyPerT,
            amountFen: c.amountFen.toString(),
            warehouseId: c.warehouseId,
            pickupFrom: c.pickupFrom,
            pickupTo: c.pickupTo,
            status: c.status,
          }
        }),
      }
    },
  )
}

export const tradingRoutes = routes
