/**
 * The shipments API, mounted under /api/v1 after accountsRoutes (whose hook sets
 * `request.principal`): members create shipments, list and read theirs and record events; anyone
 * with a tracking code reads the public view. A shipment of another enterprise answers 404, as if
 * it did not exist.
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { requirePrincipal, requireRole } from '../../accounts/index.ts'
import { AppError, type Result } from '../../kernel/index.ts'
import { decodeCursor, pageOf } from '../../platform/http/cursor.ts'
import { Page, WRITE_PROBLEMS } from '../../platform/http/schemas.ts'
import type { ShipmentReader } from './model.ts'
import {
  CodeParams,
  CreateBody,
  EventBody,
  EventJson,
  ID,
  IdParams,
  ListQuery,
  ShipmentDetailJson,
  ShipmentJson,
  TrackingJson,
} from './schemas.ts'
import type { ShipmentService } from './service.ts'
import { normaliseTrackingCode } from './tracking-code.ts'
import { eventView, shipmentView, trackingView } from './views.ts'

export interface ShipmentsRoutesOptions {
  readonly service: ShipmentService
}

const Problem = Type.Ref('Problem')
/** Shipment bodies are small; anything bigger is refused before it is parsed. */
const BODY_LIMIT = 16 * 1024
const DEFAULT_PAGE_SIZE = 50
/** Admin and warehouse roles see and move every enterprise's shipments; the others their own. */
const readerOf = (request: FastifyRequest, reply: FastifyReply): ShipmentReader => {
  const p = requirePrincipal(request, reply)
  return {
    userId: p.userId,
    enterpriseId: p.enterpriseId,
    seesAll: p.roles.includes('admin') || p.roles.includes('warehouse'),
  }
}

const unwrap = <T>(result: Result<T>): T => {
  if (!result.ok) throw AppError.from(result)
  return result.value
}

export const shipmentsRoutes: FastifyPluginAsyncTypebox<ShipmentsRoutesOptions> = async (
  app,
  { service },
) => {
  const writer = requireRole('trader', 'warehouse', 'admin')
  const reader = requireRole()

  app.post(
    '/shipments',
    {
      onRequest: writer,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['distribution'],
        summary: 'Plan a shipment: of a trading contract your enterprise is party to, or by hand',
        body: CreateBody,
        response: { 201: Type.Object({ shipment: ShipmentJson }), ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const shipment = unwrap(await service.create(readerOf(request, reply), request.body))
      reply.status(201)
      return { shipment: shipmentView(shipment) }
    },
  )

  app.get(
    '/shipments',
    {
      onRequest: reader,
      schema: {
        tags: ['distribution'],
        summary: 'Your enterprise’s shipments (shipped or received), newest first',
        querystring: ListQuery,
        response: { 200: Page(ShipmentJson), 400: Problem, 401: Problem },
      },
    },
    async (request, reply) => {
      const { status, limit, cursor } = request.query
      const size = limit ? Number(limit) : DEFAULT_PAGE_SIZE
      const rows = await service.list(readerOf(request, reply), {
        limit: size + 1,
        ...(status ? { status } : {}),
        ...(cursor ? { beforeId: decodeCursor(cursor, ID) } : {}),
      })
      const page = pageOf(rows, size, (s) => s.id)
      return { items: page.items.map(shipmentView), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/shipments/:id',
    {
      onRequest: reader,
      schema: {
        tags: ['distribution'],
        summary: 'A shipment with its events, oldest first',
        params: IdParams,
        response: { 200: ShipmentDetailJson, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const found = await service.get(readerOf(request, reply), request.params.id)
      if (!found) throw new AppError('SHIPMENT_NOT_FOUND', `no shipment ${request.params.id}`)
      return { shipment: shipmentView(found.shipment), events: found.events.map(eventView) }
    },
  )

  app.post(
    '/shipments/:id/events',
    {
      onRequest: writer,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['distribution'],
        summary:
          'Record what happened: loaded, departed, position, exception, resolved, delivered (with proof)',
        params: IdParams,
        body: EventBody,
        response: { 201: Type.Object({ shipment: ShipmentJson, event: EventJson }), ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { type, at, place, lat, lon, note, proof } = request.body
      const result = unwrap(
        await service.addEvent(readerOf(request, reply), request.params.id, {
          type,
          atMs: Date.parse(at),
          place: place ?? null,
          lat: lat ?? null,
          lon: lon ?? null,
          note: note ?? null,
          proof: proof
            ? {
                receiverName: proof.receiverName,
                signedAtMs: Date.parse(proof.signedAt),
                note: proof.note ?? null,
              }
            : null,
        }),
      )
      reply.status(201)
      return { shipment: shipmentView(result.shipment), event: eventView(result.event) }
    },
  )

  app.get(
    '/track/:code',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Public tracking by code, no account: status, events, ETA, origin and destination city',
        params: CodeParams,
        response: { 200: TrackingJson, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const code = normaliseTrackingCode(request.params.code)
      const found = code === null ? null : await service.track(code)
      if (!found) throw new AppError('TRACKING_CODE_NOT_FOUND', 'no shipment has this tracking code')
      reply.header('cache-control', 'no-store')
      return trackingView(found.shipment, found.events)
    },
  )
}
