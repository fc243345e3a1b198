import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import fastifyWebsocket, { type WebSocket } from '@fastify/websocket'
import type { FastifyRequest } from 'fastify'
import type { Instrument } from '../../instruments/index.ts'
import { AppError } from '../../kernel/index.ts'
import { ERROR_RESPONSES } from '../../platform/http/schemas.ts'
import { publicTradeView } from '../service/index.ts'
import type { MarketData } from './market-data.ts'
import {
  BarsJson,
  BarsQuery,
  BookJson,
  CodeParams,
  DepthQuery,
  InstrumentJson,
  InstrumentListJson,
  TradesJson,
  TradesQuery,
} from './schemas.ts'
import { DEFAULT_STREAM_LIMITS, type StreamLimits, StreamSession } from './stream.ts'
import { instrumentView, type MarketDataService } from './views.ts'

export interface MarketDataRoutesOptions {
  readonly service: MarketDataService
  readonly marketData: MarketData
  /** Decides which day "today" is for the day's volume, high and low. */
  readonly clock?: () => number
  readonly streamLimits?: Partial<StreamLimits>
  /** How often /stream pings its clients; one that has not answered the last ping is dropped. 0: never. */
  readonly heartbeatMs?: number
}

const DEFAULT_DEPTH = 20
const DEFAULT_TRADES = 100
const DEFAULT_BARS = 300
/** The WebSocket's hard frame limit (the connection is closed above it); the protocol's own is lower. */
const MAX_FRAME_BYTES = 64 * 1024
const HEARTBEAT_MS = 30_000

const TAGS = ['market data']

/**
 * The caller's enterprise for the orders channel. A session cookie counts only from our own origin:
 * browsers send cookies with cross-site WebSocket handshakes that no CORS check stops.
 */
function streamEnterpriseOf(request: FastifyRequest): string | null {
  const principal = request.principal ?? null
  if (principal === null) return null
  const origin = request.headers.origin
  if (principal.via === 'session' && origin !== undefined) {
    try {
      if (new URL(origin).host !== request.headers.host) return null
    } catch {
      return null
    }
  }
  return principal.enterpriseId
}

const asBuffer = (data: Buffer | ArrayBuffer | Buffer[]): Buffer =>
  Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)

/**
 * The public market-data API: instruments with their day's figures, books, trades, bars, and the
 * /stream WebSocket (book, trades and — with credentials — the caller's orders). Mount it under
 * /api/v1 after accountsRoutes, whose hook sets `request.principal`.
 *
 * @example api.register(marketDataRoutes, { service, marketData })
 */
export const marketDataRoutes: FastifyPluginAsyncTypebox<MarketDataRoutesOptions> = async (app, options) => {
  const { service, marketData } = options
  const clock = options.clock ?? Date.now
  const limits: StreamLimits = { ...DEFAULT_STREAM_LIMITS, ...options.streamLimits }

  const instrumentOf = (code: string): Instrument => {
    const instrument = service.state.instrument(code)
    if (instrument === undefined)
      throw new AppError('INSTRUMENT_NOT_FOUND', `No instrument has the code "${code}"`)
    return instrument
  }

  app.get(
    '/instruments',
    {
      schema: {
        tags: TAGS,
        summary: 'The listed instruments with last price, change, today’s volume and the best prices',
        response: { 200: InstrumentListJson },
      },
    },
    async () => {
      const now = clock()
      const instruments = service.state.instruments()
      return {
        items: instruments.map((i) => instrumentView(i, service, marketData, now)),
        synthetic: instruments.some((i) => i.synthetic),
      }
    },
  )

  app.get(
    '/instruments/:code',
    {
      schema: {
        tags: TAGS,
        summary: 'One instrument with its market figures',
        params: CodeParams,
        response: { 200: InstrumentJson, 400: ERROR_RESPONSES[400], 404: ERROR_RESPONSES[404] },
      },
    },
    async (request) => instrumentView(instrumentOf(request.params.code), service, marketData, clock()),
  )

  app.get(
    '/instruments/:code/book',
    {
      schema: {
        tags: TAGS,
        summary: 'The aggregated order book: price levels with quantity and order count',
        params: CodeParams,
        querystring: DepthQuery,
        response: { 200: BookJson, 400: ERROR_RESPONSES[400], 404: ERROR_RESPONSES[404] },
      },
    },
    async (request) => {
      const { code } = instrumentOf(request.params.code)
      const depth = request.query.depth === undefined ? DEFAULT_DEPTH : Number(request.query.depth)
      return marketData.book(code, depth) ?? { instrument: code, seq: 0, bids: [], asks: [] }
    },
  )

  app.get(
    '/instruments/:code/trades',
    {
      schema: {
        tags: TAGS,
        summary: 'The latest trades, newest first',
        params: CodeParams,
        querystring: TradesQuery,
        response: { 200: TradesJson, 400: ERROR_RESPONSES[400], 404: ERROR_RESPONSES[404] },
      },
    },
    async (request) => {
      const { code } = instrumentOf(request.params.code)
      const limit = request.query.limit === undefined ? DEFAULT_TRADES : Number(request.query.limit)
      return { items: (marketData.trades(code, limit)?.trades ?? []).map(publicTradeView) }
    },
  )

  app.get(
    '/instruments/:code/bars',
    {
      schema: {
        tags: TAGS,
        summary: 'OHLC bars with volume, oldest first',
        params: CodeParams,
        querystring: BarsQuery,
        response: { 200: BarsJson, 400: ERROR_RESPONSES[400], 404: ERROR_RESPONSES[404] },
      },
    },
    async (request) => {
      const { code } = instrumentOf(request.params.code)
      const interval = request.query.interval ?? '1m'
      const limit = request.query.limit === undefined ? DEFAULT_BARS : Number(request.query.limit)
      const bars = marketData.bars(code, interval, limit) ?? []
      return {
        instrument: code,
        interval,
        items: bars.map((b) => ({ ...b, t: new Date(b.t).toISOString() })),
      }
    },
  )

  if (!app.hasDecorator('websocketServer')) {
    await app.register(fastifyWebsocket, { options: { maxPayload: MAX_FRAME_BYTES } })
  }

  // A connection that died without a close (a laptop lid, a dropped NAT entry) would keep its
  // subscriptions until a write failed; a ping it does not answer ends it sooner.
  const alive = new Map<WebSocket, boolean>()
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS
  if (heartbeatMs > 0) {
    const timer = setInterval(() => {
      for (const [socket, answered] of alive) {
        if (!answered) socket.terminate()
        else {
          alive.set(socket, false)
          socket.ping()
        }
      }
    }, heartbeatMs)
    timer.unref()
    app.addHook('onClose', async () => clearInterval(timer))
  }

  // The WebSocket: {"op":"subscribe","channel":"book"|"trades","instrument":…} or {"op":…,"channel":"orders"}.
  app.get('/stream', { websocket: true }, (socket, request) => {
    const session = new StreamSession(socket, marketData, streamEnterpriseOf(request), limits)
    alive.set(socket, true)
    socket.on('pong', () => {
      if (alive.has(socket)) alive.set(socket, true)
    })
    socket.on('message', (data, isBinary) => session.receive(asBuffer(data), isBinary))
    socket.on('close', () => {
      alive.delete(socket)
      session.close()
    })
  })
}
