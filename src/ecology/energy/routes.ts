/**
 * The energy ledger API, mounted under /api/v1 after accountsRoutes (whose hook sets
 * `request.principal`). The lines and their limits are public; records are read by their
 * enterprise (and admin, analyst) and written by its energy users (and admin).
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { requirePrincipal, requireRole } from '../../accounts/index.ts'
import { AppError, type Result } from '../../kernel/index.ts'
import { WRITE_PROBLEMS } from '../../platform/http/schemas.ts'
import { gridFactorFor } from '../inventory/carbon.ts'
import { gridFactorVersions } from '../inventory/grid-factors.ts'
import { isProcessLine, LINE_LIMITS, PROCESS_LINES } from './levels.ts'
import { addMonths, isMonth } from './months.ts'
import {
  CorrectionBody,
  LineJson,
  RecordJson,
  RecordParams,
  RecordsJson,
  RecordsQuery,
  SubmitBody,
  Synthetic,
} from './schemas.ts'
import type { Actor, EnergyLedgerService } from './service.ts'
import { IMPLAUSIBLE_INTENSITY_FACTOR } from './validation.ts'
import { recordView } from './views.ts'

const Problem = Type.Ref('Problem')
const BODY_LIMIT = 16 * 1024
/** The records list covers two years unless asked otherwise. */
const DEFAULT_MONTHS = 24
export const actorOf = (request: FastifyRequest, reply: FastifyReply): Actor => {
  const p = requirePrincipal(request, reply)
  return { userId: p.userId, enterpriseId: p.enterpriseId, roles: p.roles }
}

export const unwrap = <T>(result: Result<T>): T => {
  if (!result.ok) throw AppError.from(result)
  return result.value
}

const figuresOf = (b: {
  gridKwh: number
  ownPvKwh?: number | undefined
  greenCertKwh?: number | undefined
  naturalGasNm3: number
  otherFuelsKgce?: number | undefined
  otherDirectKgco2?: number | undefined
  outputT: number
}) => ({
  gridKwh: b.gridKwh,
  ownPvKwh: b.ownPvKwh ?? 0,
  greenCertKwh: b.greenCertKwh ?? 0,
  naturalGasNm3: b.naturalGasNm3,
  otherFuelsKgce: b.otherFuelsKgce ?? 0,
  otherDirectKgco2: b.otherDirectKgco2 ?? 0,
  outputT: b.outputT,
})

export const energyRoutes: FastifyPluginAsyncTypebox<{ ledger: EnergyLedgerService }> = async (
  app,
  { ledger },
) => {
  const writer = requireRole('energy', 'admin')
  const reader = requireRole()
  const db = ledger.db
  const factorOf = async () => {
    const versions = await gridFactorVersions(db)
    return (month: string) => gridFactorFor(month, versions)
  }

  app.get(
    '/ecology/lines',
    {
      schema: {
        tags: ['ecology'],
        summary: 'The process lines of the ledger with their GB 21351-2023 class I limits (kgce/t)',
        response: { 200: Type.Object({ items: Type.Array(LineJson) }) },
      },
    },
    async () => ({
      items: PROCESS_LINES.map((line) => ({
        line,
        nameZh: LINE_LIMITS[line].nameZh,
        nameEn: LINE_LIMITS[line].nameEn,
        limitsKgcePerT: [...LINE_LIMITS[line].kgcePerT],
        implausibleAboveKgcePerT: LINE_LIMITS[line].kgcePerT[2] * IMPLAUSIBLE_INTENSITY_FACTOR,
      })),
    }),
  )

  app.get(
    '/ecology/energy/records',
    {
      onRequest: reader,
      schema: {
        tags: ['ecology'],
        summary: 'An enterprise’s current records by month and line (default: yours, the last 24 months)',
        querystring: RecordsQuery,
        response: { 200: RecordsJson, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request, reply)
      const currentMonth = ledger.currentMonth()
      const to = request.query.to ?? currentMonth
      const from = request.query.from ?? addMonths(to, 1 - DEFAULT_MONTHS)
      const enterpriseId = request.query.enterpriseId ?? actor.enterpriseId
      const records = unwrap(await ledger.records(actor, enterpriseId, from, to))
      const factor = await factorOf()
      return {
        synthetic: records.some((r) => r.synthetic),
        enterpriseId,
        from,
        to,
        currentMonth,
        items: records.map((r) => recordView(r, factor(r.month))),
      }
    },
  )

  app.post(
    '/ecology/energy/records',
    {
      onRequest: writer,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['ecology'],
        summary: 'Submit a month of one process line (energy role of the enterprise, or admin)',
        body: SubmitBody,
        response: { 201: Type.Object({ record: RecordJson }), ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request, reply)
      const { enterpriseId, month, line } = request.body
      const record = unwrap(
        await ledger.submit(actor, enterpriseId ?? actor.enterpriseId, {
          month,
          line,
          ...figuresOf(request.body),
        }),
      )
      reply.status(201)
      return { record: recordView(record, (await factorOf())(record.month)) }
    },
  )

  app.post(
    '/ecology/energy/records/:enterpriseId/:month/:line/corrections',
    {
      onRequest: writer,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['ecology'],
        summary: 'Correct a recorded month of a line: a new revision with a reason; the old ones stay',
        params: RecordParams,
        body: CorrectionBody,
        response: { 201: Type.Object({ record: RecordJson }), ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { enterpriseId, month, line } = request.params
      const { reason, baseRevision } = request.body
      const record = unwrap(
        await ledger.correct(actorOf(request, reply), enterpriseId, month, line, {
          ...figuresOf(request.body),
          reason,
          ...(baseRevision !== undefined ? { baseRevision } : {}),
        }),
      )
      reply.status(201)
      return { record: recordView(record, (await factorOf())(record.month)) }
    },
  )

  app.get(
    '/ecology/energy/records/:enterpriseId/:month/:line/history',
    {
      onRequest: reader,
      schema: {
        tags: ['ecology'],
        summary: 'Every revision of a month of a line, oldest first, with who made it, when and why',
        params: RecordParams,
        response: {
          200: Type.Object({ synthetic: Synthetic, items: Type.Array(RecordJson) }),
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
        },
      },
    },
    async (request, reply) => {
      const { enterpriseId, month, line } = request.params
      if (!isProcessLine(line) || !isMonth(month))
        throw new AppError('ENERGY_RECORD_NOT_FOUND', `no record of ${line} for ${month}`)
      const revisions = unwrap(await ledger.history(actorOf(request, reply), enterpriseId, month, line))
      const factor = (await factorOf())(month)
      return {
        synthetic: revisions.some((r) => r.synthetic),
        items: revisions.map((r) => recordView(r, factor)),
      }
    },
  )
}
