/**
 * The public pricing API (no login): the board, histories, published records with their
 * revisions, the corrections notice, external references, the methodology and the export files.
 * Nothing here names a deal or a submitter.
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { Type } from 'typebox'
import { AppError } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { baseValuesOn, currentHistory } from './assessment-store.ts'
import { type PriceRow, pricesCsv, pricesXlsx } from './export/index.ts'
import { METHODOLOGIES } from './methodology.ts'
import type { Series } from './model.ts'
import { correctionNotice, priceBoard, priceHistory, publishedPeriod } from './publication.ts'
import { findReferences } from './reference-store.ts'
import {
  HistoryPointJson,
  PriceRowJson,
  PublicAssessmentJson,
  ReferenceJson,
  SeriesJson,
  Synthetic,
} from './response-schemas.ts'
import { DateRangeQuery, DateText, ReferenceQuery, SeriesId } from './schemas.ts'
import { findSeries, SERIES } from './series.ts'
import { referenceView } from './views.ts'

const Problem = Type.Ref('Problem')
const REFERENCES_LISTED = 1000
const CORRECTIONS_LISTED = 200
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const seriesOr404 = (id: string): Series => {
  const series = findSeries(id)
  if (!series) throw new AppError('SERIES_NOT_FOUND', `no price series ${id}`)
  return series
}

const ExportQuery = Type.Object(
  {
    series: Type.Optional(
      Type.String({
        pattern: '^[A-Z0-9-]{1,60}(,[A-Z0-9-]{1,60}){0,40}$',
        description: 'Series ids, comma-separated (default: all)',
      }),
    ),
    from: Type.Optional(DateText),
    to: Type.Optional(DateText),
  },
  { additionalProperties: false },
)

export const publicPricingRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (
  app,
  { db },
) => {
  app.get(
    '/prices',
    {
      schema: {
        tags: ['pricing'],
        summary: 'The latest published value of every series, with its change, tier and all-in',
        response: {
          200: Type.Object({
            synthetic: Synthetic,
            asOf: Type.Union([Type.String(), Type.Null()]),
            series: Type.Array(PriceRowJson),
          }),
        },
      },
    },
    async () => priceBoard(db),
  )

  app.get(
    '/prices/:seriesId/history',
    {
      schema: {
        tags: ['pricing'],
        summary: 'The latest revision of every published period of a series, oldest first',
        params: Type.Object({ seriesId: SeriesId }, { additionalProperties: false }),
        querystring: DateRangeQuery,
        response: {
          200: Type.Object({
            synthetic: Synthetic,
            series: SeriesJson,
            points: Type.Array(HistoryPointJson),
          }),
          400: Problem,
          404: Problem,
        },
      },
    },
    async (request) => {
      const { from, to } = request.query
      return priceHistory(db, seriesOr404(request.params.seriesId), from, to)
    },
  )

  app.get(
    '/prices/:seriesId/assessments/:date',
    {
      schema: {
        tags: ['pricing'],
        summary: 'The published record of one period (exclusions counted by reason) and its revisions',
        params: Type.Object({ seriesId: SeriesId, date: DateText }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            synthetic: Synthetic,
            assessment: PublicAssessmentJson,
            revisions: Type.Array(
              Type.Object({
                revision: Type.Integer(),
                value: Type.Union([Type.Integer(), Type.Null()]),
                reason: Type.Union([Type.String(), Type.Null()]),
                publishedAt: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          400: Problem,
          404: Problem,
        },
      },
    },
    async (request) => {
      const { seriesId, date } = request.params
      const series = seriesOr404(seriesId)
      const period = await publishedPeriod(db, series.id, date)
      if (!period)
        throw new AppError('ASSESSMENT_NOT_FOUND', `${series.id} has no published assessment of ${date}`)
      return period
    },
  )

  app.get(
    '/prices/corrections',
    {
      schema: {
        tags: ['pricing'],
        summary: 'The public notice of corrections: every republished value with its reason, newest first',
        response: {
          200: Type.Object({
            synthetic: Synthetic,
            corrections: Type.Array(
              Type.Object({
                seriesId: Type.String(),
                date: Type.String(),
                revision: Type.Integer(),
                previousValue: Type.Union([Type.Integer(), Type.Null()]),
                value: Type.Union([Type.Integer(), Type.Null()]),
                reason: Type.String(),
                publishedAt: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async () => correctionNotice(db, CORRECTIONS_LISTED),
  )

  app.get(
    '/prices/references',
    {
      schema: {
        tags: ['pricing'],
        summary: 'External reference prices analysts recorded, each with its source named',
        querystring: ReferenceQuery,
        response: {
          200: Type.Object({ synthetic: Synthetic, references: Type.Array(ReferenceJson) }),
          400: Problem,
        },
      },
    },
    async (request) => {
      const { name, from, to } = request.query
      const references = await findReferences(db, { name, from, to, limit: REFERENCES_LISTED })
      return { synthetic: references.some((r) => r.synthetic), references: references.map(referenceView) }
    },
  )

  const exportRows = async (query: { series?: string; from?: string; to?: string }) => {
    const ids = query.series ? [...new Set(query.series.split(','))] : SERIES.map((s) => s.id)
    const rows: PriceRow[] = []
    let synthetic = false
    for (const id of ids) {
      const series = seriesOr404(id)
      const periods = await currentHistory(db, series.id, query.from, query.to)
      const bases =
        series.kind === 'fee'
          ? await baseValuesOn(
              db,
              periods.map((a) => a.date),
            )
          : null
      for (const a of periods) {
        synthetic ||= a.synthetic
        const value = a.record.value
        // The base row's all-in is the base itself; a fee's is the base of the same date plus the fee.
        const base = bases ? (bases.get(a.date) ?? null) : 0
        rows.push({
          seriesId: series.id,
          seriesName: series.name.en,
          date: a.date,
          windowStart: new Date(a.windowStartMs).toISOString(),
          windowEnd: new Date(a.windowEndMs).toISOString(),
          value,
          tier: a.record.tier,
          rolled: a.record.rolled,
          revision: a.revision,
          allIn: base === null || value === null ? null : base + value,
        })
      }
    }
    return { rows, synthetic }
  }

  app.get(
    '/prices/export.csv',
    {
      schema: {
        tags: ['pricing'],
        summary: 'Published prices as CSV: one row per series and period',
        querystring: ExportQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const { rows } = await exportRows(request.query)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="huiguo-prices.csv"')
        .send(pricesCsv(rows))
    },
  )

  app.get(
    '/prices/export.xlsx',
    {
      schema: {
        tags: ['pricing'],
        summary: 'Published prices as an Excel workbook: one row per series and period',
        querystring: ExportQuery,
        produces: [XLSX_TYPE],
      },
    },
    async (request, reply) => {
      const { rows, synthetic } = await exportRows(request.query)
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="huiguo-prices.xlsx"')
        .send(Buffer.from(pricesXlsx(rows, { synthetic })))
    },
  )

  app.get(
    '/methodology',
    {
      schema: {
        tags: ['pricing'],
        summary: 'The assessment methodology in force, in English and Chinese',
        querystring: Type.Object(
          { version: Type.Optional(Type.String({ pattern: '^v[0-9]{1,3}$' })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            version: Type.String(),
            publishedOn: Type.String(),
            versions: Type.Array(Type.String()),
            sections: Type.Array(
              Type.Object({
                id: Type.String(),
                title: Type.Object({ en: Type.String(), zh: Type.String() }),
                body: Type.Object({ en: Type.String(), zh: Type.String() }),
              }),
            ),
          }),
          400: Problem,
          404: Problem,
        },
      },
    },
    async (request) => {
      const { version } = request.query
      const methodology = version
        ? METHODOLOGIES.find((m) => m.version === version)
        : METHODOLOGIES[METHODOLOGIES.length - 1]
      if (!methodology) throw new AppError('METHODOLOGY_NOT_FOUND', `there is no methodology ${version}`)
      return { ...methodology, versions: METHODOLOGIES.map((m) => m.version) }
    },
  )
}
