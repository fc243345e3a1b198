/**
 * The day's truck routes: a warehouse's loads to customers become routes for the available trucks
 * (capacity, time windows, driver rest), by the routing heuristic with a fixed iteration budget, so
 * the same request always gets the same routes and answers in bounded time.
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { requireRole } from '../accounts/index.ts'
import { AppError } from '../kernel/index.ts'
import { formulaLane, type LatLon, placeById, shownKm } from './geo/index.ts'
import { dispatch } from './routing/index.ts'

/** Ruin-and-recreate steps per request: a few hundred milliseconds for a day of one warehouse. */
const DISPATCH_ITERATIONS = 20_000
const MAX_LOADS = 300
const MAX_TRUCKS = 100
/** 06:00–22:00, minutes from the start of the day. */
const DEFAULT_DEPOT_WINDOW: [number, number] = [360, 1320]

const Problem = Type.Ref('Problem')
const Where = Type.Union([
  Type.Object({ place: Type.String({ minLength: 1, maxLength: 80 }) }, { additionalProperties: false }),
  Type.Object(
    { lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) },
    { additionalProperties: false },
  ),
])
const Window = Type.Tuple([
  Type.Integer({ minimum: 0, maximum: 2880 }),
  Type.Integer({ minimum: 0, maximum: 2880 }),
])
const DispatchBody = Type.Object(
  {
    depot: Where,
    depotWindowMin: Type.Optional(Window),
    trucks: Type.Array(
      Type.Object(
        {
          id: Type.String({ minLength: 1, maxLength: 40 }),
          capacityKg: Type.Integer({ minimum: 1, maximum: 60_000 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_TRUCKS },
    ),
    loads: Type.Array(
      Type.Object(
        {
          id: Type.String({ minLength: 1, maxLength: 40 }),
          to: Where,
          kg: Type.Integer({ minimum: 1, maximum: 60_000 }),
          windowMin: Type.Optional(Window),
          serviceMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 600 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_LOADS },
    ),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
  },
  { additionalProperties: false },
)
const RouteJson = Type.Object({
  truckId: Type.String(),
  stops: Type.Array(Type.Object({ loadId: Type.String(), startMin: Type.Number(), start: Type.String() })),
  km: Type.Number(),
  kg: Type.Integer(),
  returnMin: Type.Number(),
  returnAt: Type.String(),
})

const pointOf = (where: { place: string } | LatLon, field: string): LatLon => {
  if (!('place' in where)) return where
  const place = placeById(where.place)
  if (!place) throw new AppError('PLACE_NOT_FOUND', `${field}: no place ${where.place}`)
  return { lat: place.lat, lon: place.lon }
}

/** Minutes from the start of the day as "HH:MM" (a stop after midnight reads "+1 02:10"). */
export const clockOf = (minutes: number): string => {
  const m = Math.round(minutes)
  const day = Math.floor(m / 1440)
  const hh = String(Math.floor((m % 1440) / 60)).padStart(2, '0')
  const mm = String(m % 60).padStart(2, '0')
  return `${day > 0 ? `+${day} ` : ''}${hh}:${mm}`
}

export const dispatchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/distribution/dispatch',
    {
      onRequest: requireRole('trader', 'warehouse', 'admin'),
      schema: {
        tags: ['distribution'],
        summary:
          "Routes for a warehouse's loads and trucks (capacity, time windows, 20 min rest after 4 h driving)",
        body: DispatchBody,
        response: {
          200: Type.Object({ routes: Type.Array(RouteJson), km: Type.Number(), trucksUsed: Type.Integer() }),
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          422: Problem,
        },
      },
    },
    async (request) => {
      const body = request.body
      const ids = new Set(body.loads.map((l) => l.id))
      if (ids.size !== body.loads.length)
        throw new AppError('VALIDATION_FAILED', 'load ids must be unique', [
          { field: '/loads', message: 'has a repeated id' },
        ])
      const windows = [body.depotWindowMin, ...body.loads.map((l) => l.windowMin)]
      windows.forEach((w, i) => {
        if (w && w[0] > w[1])
          throw new AppError('VALIDATION_FAILED', 'a time window must not end before it starts', [
            {
              field: i === 0 ? '/depotWindowMin' : `/loads/${i - 1}/windowMin`,
              message: 'ends before it starts',
            },
          ])
      })
      const plan = dispatch(
        {
          depot: { ...pointOf(body.depot, '/depot'), windowMin: body.depotWindowMin ?? DEFAULT_DEPOT_WINDOW },
          loads: body.loads.map((l, i) => ({
            id: l.id,
            kg: l.kg,
            ...pointOf(l.to, `/loads/${i}/to`),
            ...(l.windowMin ? { windowMin: l.windowMin } : {}),
            ...(l.serviceMin !== undefined ? { serviceMin: l.serviceMin } : {}),
          })),
          trucks: body.trucks,
          roadKm: (a, b) => formulaLane(a, b).roadKm,
        },
        { seed: body.seed ?? 1, maxIterations: DISPATCH_ITERATIONS },
      )
      if (!plan.ok)
        throw new AppError(
          'LOADS_UNROUTABLE',
          `no truck can take ${plan.loadIds.join(', ')} within its weight or time window`,
        )
      return {
        routes: plan.routes.map((r) => ({
          truckId: r.truckId,
          stops: r.stops.map((s) => ({ loadId: s.loadId, startMin: s.startMin, start: clockOf(s.startMin) })),
          km: shownKm(r.km),
          kg: r.kg,
          returnMin: r.returnMin,
          returnAt: clockOf(r.returnMin),
        })),
        km: shownKm(plan.km),
        trucksUsed: plan.routes.length,
      }
    },
  )
}
