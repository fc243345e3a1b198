import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type Static, Type } from 'typebox'
import { requireRole } from '../../accounts/index.ts'
import { GC_KINDS, LONG_GC_PAUSE_MS, RECENT_LONG_GC_PAUSES } from '../../platform/index.ts'
import { LONG_WRITE_MS, RECENT_SLOW_WRITES } from '../journal/index.ts'
import { LONG_COMMIT_MS, RECENT_JOURNAL_STALLS } from './journal-stalls.ts'
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
  gcLongPauses: Type.Array(
    Type.Object({
      at: Type.String({ description: 'When the pause began (ISO 8601, ms)' }),
      ms: Type.Number(),
      kind: Type.Union(GC_KINDS.map((kind) => Type.Literal(kind))),
    }),
    {
      description: `The last ${RECENT_LONG_GC_PAUSES} pauses of ${LONG_GC_PAUSE_MS} ms or more of that thread, oldest first: each stalled every order in flight`,
    },
  ),
  journalStalls: Type.Array(
    Type.Object({
      at: Type.String({ description: 'When the first of its slow commands was appended (ISO 8601, ms)' }),
      ms: Type.Number({ description: 'The longest wait of its commands from append to durable' }),
      commands: Type.Integer({
        minimum: 1,
        description: `How many commands waited ${LONG_COMMIT_MS} ms or more in it`,
      }),
    }),
    {
      description: `The journal's last ${RECENT_JOURNAL_STALLS} stalls, oldest first: stretches in which commands waited ${LONG_COMMIT_MS} ms or more to be durable (a slow write to the disk, or a late JetStream acknowledgement); every order in one was answered late`,
    },
  ),
  journalSlowWrites: Type.Array(
    Type.Object({
      at: Type.String({ description: 'When the write began (ISO 8601, ms)' }),
      ms: Type.Number(),
      kind: Type.Union([Type.Literal('batch'), Type.Literal('segment')], {
        description: "'batch': one group commit's durable write; 'segment': starting a new segment file",
      }),
      bytes: Type.Integer({ minimum: 0 }),
    }),
    {
      description: `The file journal's last ${RECENT_SLOW_WRITES} writes to the disk that took ${LONG_WRITE_MS} ms or more, oldest first (empty on JetStream): what the disk took, apart from what the order thread did meanwhile`,
    },
  ),
  failure: Type.Union([Type.String(), Type.Null()]),
})

/** The body of `GET /trading/operations`. */
export type OperationsJson = Static<typeof Operations>

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
    async () => {
      const operations = service.operations()
      return {
        ...operations,
        gcLongPauses: operations.gcLongPauses.map((p) => ({
          at: new Date(p.atMs).toISOString(),
          ms: p.ms,
          kind: p.kind,
        })),
        journalStalls: operations.journalStalls.map((s) => ({
          at: new Date(s.atMs).toISOString(),
          ms: s.ms,
          commands: s.commands,
        })),
        journalSlowWrites: operations.journalSlowWrites.map((w) => ({
          at: new Date(w.atMs).toISOString(),
          ms: w.ms,
          kind: w.kind,
          bytes: w.bytes,
        })),
      }
    },
  )
}
