/**
 * Price alerts for any logged-in user: a threshold on a series, told in the UI and optionally by
 * webhook when a publication crosses it.
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { requireRole } from '../accounts/index.ts'
import { AppError } from '../kernel/index.ts'
import { WRITE_PROBLEMS } from '../platform/http/schemas.ts'
import { AlertEventJson, AlertJson } from './response-schemas.ts'
import { actorOf, BODY_LIMIT, Problem, unwrap } from './route-support.ts'
import { AlertBody, IdParams } from './schemas.ts'
import type { PricingService } from './service.ts'
import { alertEventView, alertView } from './views.ts'

export const alertRoutes: FastifyPluginAsyncTypebox<{ service: PricingService }> = async (
  app,
  { service },
) => {
  const anyone = requireRole()

  app.post(
    '/pricing/alerts',
    {
      onRequest: anyone,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['pricing'],
        summary: 'Be told (and optionally called back) when a publication crosses a threshold',
        body: AlertBody,
        response: { 201: Type.Object({ alert: AlertJson }), ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { series, direction, threshold, webhookUrl } = request.body
      const alert = unwrap(
        await service.createAlert(actorOf(request, reply), {
          seriesId: series,
          direction,
          threshold,
          webhookUrl: webhookUrl ?? null,
        }),
      )
      reply.status(201)
      return { alert: alertView(alert) }
    },
  )

  app.get(
    '/pricing/alerts',
    {
      onRequest: anyone,
      schema: {
        tags: ['pricing'],
        summary: 'Your alerts and the latest crossings they reported',
        response: {
          200: Type.Object({ alerts: Type.Array(AlertJson), events: Type.Array(AlertEventJson) }),
          401: Problem,
        },
      },
    },
    async (request, reply) => {
      const { alerts, events } = await service.alerts(actorOf(request, reply).userId)
      return { alerts: alerts.map(alertView), events: events.map(alertEventView) }
    },
  )

  app.delete(
    '/pricing/alerts/:id',
    {
      onRequest: anyone,
      schema: {
        tags: ['pricing'],
        summary: 'Delete one of your alerts',
        params: IdParams,
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      if (!(await service.deleteAlert(actorOf(request, reply).userId, id)))
        throw new AppError('ALERT_NOT_FOUND', `you have no alert ${id}`)
      return reply.status(204).send(null)
    },
  )
}
