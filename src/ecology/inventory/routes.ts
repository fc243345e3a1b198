/**
 * The carbon inventory API: an enterprise's inventory (its users, admin and analyst), the grid
 * factors (public; admin adds a version).
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { requireRole } from '../../accounts/index.ts'
import { addMonths, latestCompleteMonth } from '../energy/months.ts'
import { actorOf, unwrap } from '../energy/routes.ts'
import { EnterpriseId, MonthQuery, Synthetic } from '../energy/schemas.ts'
import { type GridFactorVersion, gridFactorFor } from './carbon.ts'
import type { InventoryService } from './service.ts'

const Problem = Type.Ref('Problem')
const Nullable = <T extends ReturnType<typeof Type.Number>>(schema: T) => Type.Union([schema, Type.Null()])

const TotalsFields = {
  outputT: Type.Number(),
  energyTce: Type.Number(),
  directTco2: Type.Number({ description: 'Natural gas × 2.162 kg/Nm³ + other direct emissions' }),
  indirectTco2: Type.Number({
    description: 'Grid kWh × the grid factor; PV and green certificates count zero',
  }),
  totalTco2: Type.Number(),
  tco2PerT: Nullable(Type.Number()),
  directTco2PerT: Nullable(Type.Number()),
}
export const TotalsJson = Type.Object(TotalsFields)

const GridFactorJson = Type.Object({
  id: Type.String(),
  effectiveFrom: Type.String(),
  kgco2PerKwh: Type.Number(),
  note: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
})

const gridFactorView = (v: GridFactorVersion) => ({
  id: v.id,
  effectiveFrom: v.effectiveFrom,
  kgco2PerKwh: v.kgco2PerKwh,
  note: v.note,
  createdBy: v.createdBy,
  createdAt: new Date(v.createdAtMs).toISOString(),
})

export const inventoryRoutes: FastifyPluginAsyncTypebox<{
  inventory: InventoryService
  clock: () => number
}> = async (app, { inventory, clock }) => {
  app.get(
    '/ecology/inventory',
    {
      onRequest: requireRole(),
      schema: {
        tags: ['ecology'],
        summary:
          'An enterprise’s carbon inventory by month and per tonne (default: yours, the latest 12 complete months)',
        querystring: Type.Object(
          {
            enterpriseId: Type.Optional(EnterpriseId),
            from: Type.Optional(MonthQuery),
            to: Type.Optional(MonthQuery),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            synthetic: Synthetic,
            enterpriseId: Type.String(),
            from: Type.String(),
            to: Type.String(),
            months: Type.Array(
              Type.Object({ month: Type.String(), gridKgco2PerKwh: Type.Number(), ...TotalsFields }),
            ),
            total: TotalsJson,
          }),
          400: Problem,
          401: Problem,
          403: Problem,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request, reply)
      const to = request.query.to ?? latestCompleteMonth(clock())
      const from = request.query.from ?? addMonths(to, -11)
      const enterpriseId = request.query.enterpriseId ?? actor.enterpriseId
      const found = unwrap(await inventory.inventory(actor, enterpriseId, from, to))
      return { ...found, from, to }
    },
  )

  app.get(
    '/ecology/grid-factors',
    {
      schema: {
        tags: ['ecology'],
        summary:
          'The grid emission factors (kgCO2/kWh) the operator set, oldest first, and the one in force now',
        response: {
          200: Type.Object({ currentKgco2PerKwh: Type.Number(), items: Type.Array(GridFactorJson) }),
        },
      },
    },
    async () => {
      const versions = await inventory.gridFactors()
      return {
        currentKgco2PerKwh: gridFactorFor(latestCompleteMonth(clock()), versions),
        items: versions.map(gridFactorView),
      }
    },
  )

  app.post(
    '/ecology/grid-factors',
    {
      onRequest: requireRole('admin'),
      bodyLimit: 4096,
      schema: {
        tags: ['ecology'],
        summary: 'Set the grid emission factor from a month on (admin); earlier versions stay',
        body: Type.Object(
          {
            effectiveFrom: Type.String({ maxLength: 20, description: 'YYYY-MM' }),
            kgco2PerKwh: Type.Number(),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ gridFactor: GridFactorJson }),
          400: Problem,
          401: Problem,
          403: Problem,
          422: Problem,
        },
      },
    },
    async (request, reply) => {
      const { effectiveFrom, kgco2PerKwh, note } = request.body
      const saved = unwrap(
        await inventory.setGridFactor(actorOf(request, reply), {
          effectiveFrom,
          kgco2PerKwh,
          note: note ?? null,
        }),
      )
      reply.status(201)
      return { gridFactor: gridFactorView(saved) }
    },
  )
}
