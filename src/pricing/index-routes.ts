/**
 * The public indices: the latest level of each with its change on the week before, and each one's
 * history. Computed from the published prices (index-publication.ts).
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { Type } from 'typebox'
import { AppError } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { IndexPublisher } from './index-publication.ts'
import { INDEX_DEFINITIONS, type IndexDefinition } from './indices/index.ts'
import { Synthetic } from './response-schemas.ts'
import { DateRangeQuery } from './schemas.ts'

const Problem = Type.Ref('Problem')

const IndexJson = {
  id: Type.String(),
  name: Type.Object({ en: Type.String(), zh: Type.String() }),
  unit: Type.Union([Type.Literal('points'), Type.Literal('CNY/t')]),
}
const NullableNumber = Type.Union([Type.Number(), Type.Null()])

const indexView = (d: IndexDefinition) => ({ id: d.id, name: { en: d.name.en, zh: d.name.zh }, unit: d.unit })

/** Points carry one decimal, the barometer none: a difference is rounded back to that step. */
const difference = (d: IndexDefinition, a: number, b: number): number =>
  d.unit === 'points' ? Math.round((a - b) * 10) / 10 : a - b

export const indexRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  const publisher = new IndexPublisher()

  app.get(
    '/indices',
    {
      schema: {
        tags: ['pricing'],
        summary: 'The latest level of every index, with its change on the week before',
        response: {
          200: Type.Object({
            synthetic: Synthetic,
            indices: Type.Array(
              Type.Object({
                ...IndexJson,
                date: Type.Union([Type.String(), Type.Null()]),
                value: NullableNumber,
                change: NullableNumber,
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const { synthetic, series } = await publisher.indices(db)
      return {
        synthetic,
        indices: INDEX_DEFINITIONS.map((d) => {
          const points = series.find((s) => s.id === d.id)?.points ?? []
          const last = points[points.length - 1]
          const before = points[points.length - 2]
          return {
            ...indexView(d),
            date: last?.date ?? null,
            value: last?.value ?? null,
            change: last && before ? difference(d, last.value, before.value) : null,
          }
        }),
      }
    },
  )

  app.get(
    '/indices/:id/history',
    {
      schema: {
        tags: ['pricing'],
        summary: 'The weekly levels of one index, oldest first',
        params: Type.Object({ id: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
        querystring: DateRangeQuery,
        response: {
          200: Type.Object({
            synthetic: Synthetic,
            index: Type.Object(IndexJson),
            points: Type.Array(Type.Object({ date: Type.String(), value: Type.Number() })),
          }),
          400: Problem,
          404: Problem,
        },
      },
    },
    async (request) => {
      const definition = INDEX_DEFINITIONS.find((d) => d.id === request.params.id)
      if (!definition) throw new AppError('INDEX_NOT_FOUND', `no index ${request.params.id}`)
      const { from, to } = request.query
      const { synthetic, series } = await publisher.indices(db)
      const points = (series.find((s) => s.id === definition.id)?.points ?? []).filter(
        (p) => (from === undefined || p.date >= from) && (to === undefined || p.date <= to),
      )
      return { synthetic, index: indexView(definition), points: [...points] }
    },
  )
}
