/**
 * The CBAM API, mounted under /api/v1 after accountsRoutes (whose hook sets `request.principal`):
 * the public calculator of method v1 and its schedule; the smelters' declarations (read by any
 * member, written by a smelter's trader or an admin); and per shipment to an EU buyer its
 * communication as JSON, a JSON download and an .xlsx, for the shipper's users and admins (others
 * get 404, as if it did not exist).
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { requirePrincipal, requireRole } from '../../accounts/index.ts'
import { AppError, type Result } from '../../kernel/index.ts'
import { decodeCursor, pageOf } from '../../platform/http/cursor.ts'
import { Page, WRITE_PROBLEMS } from '../../platform/http/schemas.ts'
import { XLSX_CONTENT_TYPE } from '../../platform/xlsx.ts'
import { DEFAULT_GRID_KGCO2_PER_KWH } from '../energy/levels.ts'
import { communicationXlsx } from './communication-xlsx.ts'
import { footprint, GAS_KGCO2_PER_NM3 } from './footprint.ts'
import { readFootprintInput } from './footprint-input.ts'
import { CBAM_METHOD, type CbamReader, DEFAULT_EUR_CENTS_PER_TCO2 } from './model.ts'
import { cbamFactor, HEADING_DEFAULTS, markUp, PRIMARY_BENCHMARK_TCO2E_PER_T } from './schedule.ts'
import {
  CommunicationBody,
  CommunicationJson,
  DeclarationBody,
  DeclarationJson,
  DeclarationsQuery,
  FootprintRecordJson,
  ID,
  IdParams,
  ListQuery,
  ScheduleJson,
} from './schemas.ts'
import type { CbamService } from './service.ts'
import { communicationView, declarationView } from './views.ts'

export interface CbamRoutesOptions {
  readonly service: CbamService
}

const Problem = Type.Ref('Problem')
/** Method inputs and communications are small; anything bigger is refused before it is parsed. */
const BODY_LIMIT = 64 * 1024
const DEFAULT_PAGE_SIZE = 50
const READ_ERRORS = { 400: Problem, 401: Problem, 404: Problem }
/** The years the schedule lists: the last without a mark-up to the first with no free allocation. */
const SCHEDULE_YEARS = Array.from({ length: 10 }, (_, i) => 2025 + i)

const readerOf = (request: FastifyRequest, reply: FastifyReply): CbamReader => {
  const p = requirePrincipal(request, reply)
  return { userId: p.userId, enterpriseId: p.enterpriseId, isAdmin: p.roles.includes('admin') }
}

const unwrap = <T>(result: Result<T>): T => {
  if (!result.ok) throw AppError.from(result)
  return result.value
}

const notFound = (id: string) =>
  new AppError('CBAM_COMMUNICATION_NOT_FOUND', `shipment ${id} has no communication`)

export const cbamRoutes: FastifyPluginAsyncTypebox<CbamRoutesOptions> = async (app, { service }) => {
  const member = requireRole()
  const declarant = requireRole('trader', 'admin')
  const shipper = requireRole('trader', 'energy', 'admin')

  app.get(
    '/cbam/schedule',
    {
      schema: {
        tags: ['ecology'],
        summary: 'Method v1’s numbers: defaults per heading, mark-ups, benchmark, CBAM factors',
        response: { 200: ScheduleJson },
      },
    },
    async () => ({
      method: CBAM_METHOD,
      gasKgco2PerNm3: GAS_KGCO2_PER_NM3,
      primaryBenchmarkTco2ePerT: PRIMARY_BENCHMARK_TCO2E_PER_T,
      defaultEurPerTco2: DEFAULT_EUR_CENTS_PER_TCO2 / 100,
      defaultGridKgco2PerKwh: DEFAULT_GRID_KGCO2_PER_KWH,
      headings: HEADING_DEFAULTS.map((h) => ({ ...h })),
      years: SCHEDULE_YEARS.map((year) => ({ year, markUp: markUp(year), cbamFactor: cbamFactor(year) })),
    }),
  )

  app.post(
    '/cbam/footprint',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['ecology'],
        summary:
          'Embedded emissions and CBAM cost of a good by method v1 (the input of `huiguo footprint`; no login)',
        response: { 200: FootprintRecordJson, 400: Problem, 413: Problem, 415: Problem, 422: Problem },
      },
    },
    async (request) => unwrap(footprint(unwrap(readFootprintInput(request.body)))),
  )

  app.get(
    '/cbam/declarations',
    {
      onRequest: member,
      schema: {
        tags: ['ecology'],
        summary: 'The smelters’ declared SEE values, newest first, superseded ones included',
        querystring: DeclarationsQuery,
        response: { 200: Page(DeclarationJson), 400: Problem, 401: Problem },
      },
    },
    async (request) => {
      const { enterpriseId, year, current, limit, cursor } = request.query
      const size = limit ? Number(limit) : DEFAULT_PAGE_SIZE
      const rows = await service.declarations({
        limit: size + 1,
        ...(enterpriseId ? { enterpriseId } : {}),
        ...(year ? { year: Number(year) } : {}),
        ...(current === 'true' ? { currentOnly: true } : {}),
        ...(cursor ? { beforeId: decodeCursor(cursor, ID) } : {}),
      })
      const page = pageOf(rows, size, (d) => d.id)
      return { items: page.items.map(declarationView), nextCursor: page.nextCursor }
    },
  )

  app.post(
    '/cbam/declarations',
    {
      onRequest: declarant,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['ecology'],
        summary: 'Declare a smelter’s SEE (its own trader, or an admin for any smelter); kept forever',
        body: DeclarationBody,
        response: { 201: Type.Object({ declaration: DeclarationJson }), ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const declaration = unwrap(await service.declare(readerOf(request, reply), request.body))
      reply.status(201)
      return { declaration: declarationView(declaration) }
    },
  )

  app.get(
    '/cbam/communications',
    {
      onRequest: member,
      schema: {
        tags: ['ecology'],
        summary: 'The CBAM communications of your enterprise’s shipments, newest first',
        querystring: ListQuery,
        response: { 200: Page(CommunicationJson), ...READ_ERRORS },
      },
    },
    async (request, reply) => {
      const { limit, cursor } = request.query
      const size = limit ? Number(limit) : DEFAULT_PAGE_SIZE
      const rows = await service.communications(readerOf(request, reply), {
        limit: size + 1,
        ...(cursor ? { beforeId: decodeCursor(cursor, ID) } : {}),
      })
      const page = pageOf(rows, size, (d) => d.communication.id)
      return { items: page.items.map(communicationView), nextCursor: page.nextCursor }
    },
  )

  app.post(
    '/shipments/:id/communication',
    {
      onRequest: shipper,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['ecology'],
        summary: 'Write the CBAM emissions communication of a shipment to an EU buyer (once)',
        params: IdParams,
        body: CommunicationBody,
        response: { 201: CommunicationJson, ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const detail = unwrap(
        await service.createCommunication(readerOf(request, reply), request.params.id, request.body),
      )
      reply.status(201)
      return communicationView(detail)
    },
  )

  const read = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const detail = await service.communication(readerOf(request, reply), request.params.id)
    if (!detail) throw notFound(request.params.id)
    return communicationView(detail)
  }

  app.get(
    '/shipments/:id/communication',
    {
      onRequest: member,
      schema: {
        tags: ['ecology'],
        summary: 'A shipment’s communication: installation, goods, SEE actual vs default, the € saving',
        params: IdParams,
        response: { 200: CommunicationJson, ...READ_ERRORS },
      },
    },
    read,
  )

  app.get(
    '/shipments/:id/communication.json',
    {
      onRequest: member,
      schema: {
        tags: ['ecology'],
        summary: 'The communication as a JSON file for the importer',
        params: IdParams,
        produces: ['application/json'],
        response: { ...READ_ERRORS },
      },
    },
    async (request, reply) => {
      const view = await read(request, reply)
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="cbam-communication-${view.shipmentId}.json"`)
        .send(`${JSON.stringify(view, null, 2)}\n`)
    },
  )

  app.get(
    '/shipments/:id/communication.xlsx',
    {
      onRequest: member,
      schema: {
        tags: ['ecology'],
        summary: 'The communication as an .xlsx laid out like the EU communication template',
        params: IdParams,
        produces: [XLSX_CONTENT_TYPE],
        response: { ...READ_ERRORS },
      },
    },
    async (request, reply) => {
      const view = await read(request, reply)
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="cbam-communication-${view.shipmentId}.xlsx"`)
        .send(Buffer.from(communicationXlsx(view)))
    },
  )
}
