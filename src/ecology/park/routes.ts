/**
 * The park API: the indicators and the cluster summary are public (aggregates of the cluster, no
 * enterprise named); the enterprises' table needs a login (each sees its own row; admin and
 * analyst every row).
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type TSchema, Type } from 'typebox'
import { requireRole } from '../../accounts/index.ts'
import { actorOf } from '../energy/routes.ts'
import { Level, Line, MonthQuery, Synthetic } from '../energy/schemas.ts'
import { TotalsJson } from '../inventory/routes.ts'
import type { ParkService } from './service.ts'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const Problem = Type.Ref('Problem')
const WindowQuery = Type.Object(
  { to: Type.Optional(MonthQuery) },
  { additionalProperties: false, description: 'The window is the 12 months ending with `to`' },
)
const WindowJson = Type.Object({ from: Type.String(), to: Type.String() })

const IndicatorJson = Type.Object({
  id: Type.String({ description: 'co2_per_tce | clean_energy_share | lines_at_level_2' }),
  core: Type.Boolean(),
  value: Nullable(Type.Number()),
  target: Type.Number(),
  comparison: Type.String({ description: 'at_most | at_least' }),
  gap: Nullable(Type.Number({ description: 'Still to close when positive; met when ≤ 0 (the margin)' })),
  pass: Nullable(Type.Boolean()),
})

const ParkFields = {
  energyTce: Type.Number(),
  co2T: Type.Number(),
  scale: Type.String({
    description:
      'below_0_2_mtce (the notice sets no limit: 0.20 is used) | 0_2_to_1_mtce (0.20) | above_1_mtce (0.30)',
  }),
  indicators: Type.Array(IndicatorJson),
  lineCount: Type.Integer(),
  linesByLevel: Type.Object({ 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer(), 4: Type.Integer() }),
}
const ParkIndicatorsJson = Type.Object(ParkFields)

const ClusterLineJson = Type.Object({
  line: Line,
  outputT: Type.Number(),
  intensityKgcePerT: Nullable(Type.Number()),
  level: Nullable(Level),
  level2LimitKgcePerT: Type.Number(),
  level3LimitKgcePerT: Type.Number(),
})

const EnterpriseRowJson = Type.Object({
  enterpriseId: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  ...TotalsJson.properties,
  cleanEnergyShare: Nullable(Type.Number()),
  worstEnergyLevel: Nullable(Level),
  lines: Type.Array(
    Type.Object({ line: Line, intensityKgcePerT: Nullable(Type.Number()), level: Nullable(Level) }),
  ),
})

export const parkRoutes: FastifyPluginAsyncTypebox<{ park: ParkService }> = async (app, { park }) => {
  app.get(
    '/ecology/park',
    {
      schema: {
        tags: ['ecology'],
        summary: 'The zero-carbon park indicators (发改环资〔2025〕910号) of the cluster over 12 months',
        querystring: WindowQuery,
        response: {
          200: Type.Object({
            synthetic: Synthetic,
            window: WindowJson,
            enterpriseCount: Type.Integer(),
            ...ParkFields,
            lines: Type.Array(ClusterLineJson),
          }),
          400: Problem,
        },
      },
    },
    async (request) => park.park(request.query.to),
  )

  app.get(
    '/ecology/summary',
    {
      schema: {
        tags: ['ecology'],
        summary: 'The cluster’s energy and carbon figures for the operator’s dashboard (12 months)',
        querystring: WindowQuery,
        response: {
          200: Type.Object({
            synthetic: Synthetic,
            window: WindowJson,
            enterpriseCount: Type.Integer(),
            outputT: Type.Number({
              description: 'Σ of the lines’ output: a tonne cast and rolled counts at each line',
            }),
            energyTce: Type.Number(),
            intensityKgcePerT: Type.Array(ClusterLineJson),
            carbonTco2PerT: Nullable(Type.Number()),
            directTco2PerT: Nullable(Type.Number()),
            cleanEnergyShare: Nullable(Type.Number()),
            linesAtLevel2OrBetterShare: Nullable(Type.Number()),
            park: ParkIndicatorsJson,
          }),
          400: Problem,
        },
      },
    },
    async (request) => park.summary(request.query.to),
  )

  app.get(
    '/ecology/enterprises',
    {
      onRequest: requireRole(),
      schema: {
        tags: ['ecology'],
        summary: 'Each reporting enterprise’s clean-energy share, lines and levels, carbon (12 months)',
        querystring: WindowQuery,
        response: {
          200: Type.Object({
            synthetic: Synthetic,
            window: WindowJson,
            items: Type.Array(EnterpriseRowJson),
          }),
          400: Problem,
          401: Problem,
        },
      },
    },
    async (request, reply) => park.enterprises(actorOf(request, reply), request.query.to),
  )
}
