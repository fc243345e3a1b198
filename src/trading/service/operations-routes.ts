import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { requireRole } from '../../accounts/index.ts'
import type { TradingService } from './service.ts'

const Problem = Type.Ref('Problem')

const LATENCY_FIELDS = {
  boundsMs: Type.Array(Type.Union([Type.Number(), Type.Null()]), {
    description: 'Upper bound of each bucket in ms; null for the last, unbounded one',
  }),
  counts: Type.Array(Type.Integer({ minimum: 0 }), { description: 'Observations per bucket' }),
  count: Type.Integer({ minimum: 0 }),
  sumMs: Type.Number(),
  maxMs: Type.Number(),
}
const CUMULATIVE =
  'Cumulative since the server started: subtract an earlier answer to see an interval (Prometheus-style)'
const Latency = Type.Object(LATENCY_FIELDS, { description: CUMULATIVE })

const Operations = Type.Object({
  appliedSeq: Type.Integer({ description: 'Last command applied in memory' }),
  durableSeq: Type.Integer({ description: 'Last command durable in the journal' }),
  projectedSeq: Type.Integer({ description: 'Last command written to SQL' }),
  projectionBacklog: Type.Integer({ description: 'Commands applied but not yet in SQL' }),
  maxProjectionBacklog: Type.Integer({
    description: 'Past this backlog new orders get 503 TRADING_BUSY until it is down to half',
  }),
  refusingNewOrders: Type.Boolean({ description: 'True while new orders are refused for the backlog' }),
  commit: Latency,
  projectionBatch: Latency,
  eventLoopDelay: Type.Object(LATENCY_FIELDS, {
    description: `How late a 20 ms timer fires on the thread that answers orders. ${CUMULATIVE}`,
  }),
  gcPause: Type.Object(LATENCY_FIELDS, {
    description: `Garbage-collection pauses of the thread that answers orders, one observation per pause. ${CUMULATIVE}`,
  }),
  failure: Type.Union([Type.String(), Type.Null()]),
})

/** `GET /trading/operations` (risk, admin): journal and projection positions and latencies. */
export const operationsRoutes: FastifyPluginAsyncTypebox<{ service: TradingService }> = async (
  app,
  { service },
) => {
  app.get(
    '/trading/operations',
    {
      onRequest: requireRole('risk', 'admin'),
      schema: {
        tags: ['trading'],
        summary:
          'How order entry is doing (risk, admin): journal and SQL projection positions, commit and projection latency histograms',
        response: { 200: Operations, 401: Problem, 403: Problem },
      },
    },
    async () => service.operations(),
  )
}
