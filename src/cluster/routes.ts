import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { Type } from 'typebox'
import { fenToYuanString } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { CHAIN_LINKS, chainView, clusterTotals, stageCoverage, topProcessors } from '../registry/index.ts'
import { clusterDashboard, type DashboardSources } from './dashboard.ts'
import { DashboardJson } from './dashboard-schema.ts'
import { outputTonnesPerYear } from './output.ts'

const TOP_ENTERPRISES = 10

const ChainStageJson = Type.Object({
  stage: Type.String(),
  enterprises: Type.Integer(),
  processors: Type.Integer(),
  supporting: Type.Integer(),
  thin: Type.Boolean(),
})

const NO_SOURCES: DashboardSources = { ecology: async () => null, programmes: async () => null }

export interface ClusterRoutesOptions {
  db: Kysely<Database>
  /** The ecology and programme summaries of the dashboard (default: none). */
  dashboard?: DashboardSources
}

export const clusterRoutes: FastifyPluginAsyncTypebox<ClusterRoutesOptions> = async (
  app,
  { db, dashboard = NO_SOURCES },
) => {
  app.get(
    '/cluster/summary',
    {
      schema: {
        tags: ['cluster'],
        summary: 'The cluster in figures',
        response: {
          200: Type.Object({
            processingEnterprises: Type.Integer(),
            supportingEnterprises: Type.Integer(),
            annualRevenueCny: Type.String({ description: 'Processors’ annual revenue, decimal yuan' }),
            topTenSheetStrip: Type.Integer(),
            outputTonnesPerYear: Type.Integer(),
            chain: Type.Array(Type.Object({ stage: Type.String(), enterprises: Type.Integer() })),
            synthetic: Type.Boolean({
              description: 'True when any figure comes from the generated demo data',
            }),
            enterprisesByKind: Type.Record(Type.String(), Type.Integer()),
            capacityTPerYearByForm: Type.Record(Type.String(), Type.Integer()),
            topEnterprises: Type.Array(
              Type.Object({
                id: Type.String(),
                nameZh: Type.String(),
                nameEn: Type.String(),
                kind: Type.String(),
                annualRevenueCny: Type.String(),
                capacityTPerYear: Type.Integer(),
                topTenSheetStrip: Type.Boolean(),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const [totals, coverage, top, synthetic] = await Promise.all([
        clusterTotals(db),
        stageCoverage(db),
        topProcessors(db, TOP_ENTERPRISES),
        db.selectFrom('enterprise').select('id').where('synthetic', '=', true).limit(1).executeTakeFirst(),
      ])
      return {
        processingEnterprises: totals.processingEnterprises,
        supportingEnterprises: totals.supportingEnterprises,
        annualRevenueCny: fenToYuanString(totals.processorRevenueFen),
        topTenSheetStrip: totals.topTenSheetStrip,
        outputTonnesPerYear: outputTonnesPerYear(totals),
        chain: chainView(coverage).map(({ stage, enterprises }) => ({ stage, enterprises })),
        synthetic: synthetic !== undefined,
        enterprisesByKind: totals.enterprisesByKind,
        capacityTPerYearByForm: totals.capacityTPerYearByForm,
        topEnterprises: top.map((e) => ({
          id: e.id,
          nameZh: e.nameZh,
          nameEn: e.nameEn,
          kind: e.kind,
          annualRevenueCny: fenToYuanString(e.annualRevenueFen),
          capacityTPerYear: e.capacityTotalT,
          topTenSheetStrip: e.topTenSheetStrip,
        })),
      }
    },
  )

  app.get(
    '/chain',
    {
      schema: {
        tags: ['cluster'],
        summary: 'The industrial chain: stages, coverage, links, thin stages',
        response: {
          200: Type.Object({
            stages: Type.Array(ChainStageJson),
            links: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
          }),
        },
      },
    },
    async () => ({ stages: chainView(await stageCoverage(db)), links: [...CHAIN_LINKS] }),
  )

  app.get(
    '/cluster/dashboard',
    {
      schema: {
        tags: ['cluster'],
        summary: "The operator's dashboard: figures, high-end share, chain, prices, ecology, programmes",
        response: { 200: DashboardJson },
      },
    },
    () => clusterDashboard(db, dashboard),
  )
}
