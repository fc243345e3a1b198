/**
 * The operator's first screen (issue 7): the cluster's figures, its high-end share, the chain and its
 * thin stages, the price board's headline, and the ecology and programme summaries — one answer, so
 * the screen and an API user read the same numbers.
 * @module
 */

import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { fenToYuanString } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { BASE_SERIES_ID, feeSeriesId, priceBoard } from '../pricing/index.ts'
import { chainView, clusterTotals, stageCoverage } from '../registry/index.ts'
import { highEndShare } from './high-end.ts'
import { outputTonnesPerYear } from './output.ts'

/** The fee series the headline shows beside the base: common 1060 sheet, spot. */
export const HEADLINE_PRODUCT = '1060-H24-SHEET'

/** Summaries other modules provide; the composition root passes them in (null: not available). */
export interface DashboardSources {
  ecology(): Promise<unknown | null>
  programmes(): Promise<unknown | null>
}

async function catalogueOfCluster(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('catalogue_item as c')
    .innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
    .where('e.kind', '=', 'processor')
    .where('e.in_cluster', '=', true)
    .select(['c.form', 'c.application', 'c.monthly_capacity_t'])
    .execute()
  return rows.map((r) => ({
    form: r.form,
    application: r.application,
    monthlyCapacityT: r.monthly_capacity_t,
  }))
}

async function headquartered(db: Kysely<Database>) {
  const row = await db
    .selectFrom('enterprise')
    .select([
      sql<number>`(count(*) filter (where in_cluster))::int`.as('in_cluster'),
      sql<number>`(count(*) filter (where in_cluster and kind = 'processor'))::int`.as('processors'),
      sql<boolean>`coalesce(bool_or(synthetic), false)`.as('synthetic'),
    ])
    .executeTakeFirstOrThrow()
  return row
}

async function priceHeadline(db: Kysely<Database>) {
  const board = await priceBoard(db)
  const pick = (id: string) => {
    const s = board.series.find((row) => row.id === id)
    return s
      ? { seriesId: s.id, date: s.date, value: s.value, change: s.change, allIn: s.allIn }
      : { seriesId: id, date: null, value: null, change: null, allIn: null }
  }
  return {
    synthetic: board.synthetic,
    asOf: board.asOf,
    base: pick(BASE_SERIES_ID),
    fee: pick(feeSeriesId(HEADLINE_PRODUCT, 'spot')),
    published: board.series.filter((s) => s.value !== null).length,
    series: board.series.length,
  }
}

export async function clusterDashboard(db: Kysely<Database>, sources: DashboardSources) {
  const [totals, hq, coverage, catalogue, prices, ecology, programmes] = await Promise.all([
    clusterTotals(db),
    headquartered(db),
    stageCoverage(db),
    catalogueOfCluster(db),
    priceHeadline(db),
    sources.ecology(),
    sources.programmes(),
  ])
  const chain = chainView(coverage)
  return {
    synthetic: hq.synthetic || prices.synthetic,
    figures: {
      annualRevenueCny: fenToYuanString(totals.processorRevenueFen),
      outputTonnesPerYear: outputTonnesPerYear(totals),
      processingEnterprises: totals.processingEnterprises,
      supportingEnterprises: totals.supportingEnterprises,
      headquarteredInCluster: hq.in_cluster,
      processorsInCluster: hq.processors,
      topTenSheetStrip: totals.topTenSheetStrip,
    },
    highEnd: highEndShare(catalogue),
    chain: {
      stages: chain.map(({ stage, enterprises, thin }) => ({ stage, enterprises, thin })),
      thin: chain.filter((s) => s.thin).map((s) => s.stage),
    },
    prices,
    ecology,
    programmes,
  }
}
