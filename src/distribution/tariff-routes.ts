/**
 * The versions of the freight tariff and of the origin differentials: anyone reads them (figures
 * name the version that made them), an admin adds one. A version is never edited: PUT adds a new
 * one (201), repeating the same version is a no-op (200), other content under a used id is refused
 * (409); bad content is refused (400 by the schema, 422 by the checks) and nothing is stored.
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { Type } from 'typebox'
import { requirePrincipal, requireRole } from '../accounts/index.ts'
import { AppError } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { shanghaiDateOf } from '../pricing/index.ts'
import { checkDifferentials, DIFFERENTIALS_NOTE, tariffErrors, versionInForce } from './freight/index.ts'
import { DifferentialsBody, DifferentialsJson, TariffBody, TariffJson } from './freight-schemas.ts'
import {
  addDifferentials,
  addTariff,
  listDifferentials,
  listTariffs,
  type StoredDifferentials,
  type StoredTariff,
} from './freight-store.ts'

const Problem = Type.Ref('Problem')
const BODY_LIMIT = 16 * 1024
const WRITE_ERRORS = { 400: Problem, 401: Problem, 403: Problem, 409: Problem, 413: Problem, 422: Problem }

const metaJson = (v: { note: string | null; createdBy: string | null; createdAtMs: number }) => ({
  note: v.note,
  createdBy: v.createdBy,
  createdAt: new Date(v.createdAtMs).toISOString(),
})

const tariffJson = (t: StoredTariff) => ({
  id: t.id,
  effectiveFrom: t.effectiveFrom,
  truck: t.truck,
  molten: t.molten,
  rail: t.rail,
  ...metaJson(t),
})

const differentialsJson = (d: StoredDifferentials) => ({
  id: d.id,
  effectiveFrom: d.effectiveFrom,
  cnyPerT: d.cnyPerT,
  ...metaJson(d),
})

export const tariffRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database>; clock: () => number }> = async (
  app,
  { db, clock },
) => {
  const admin = requireRole('admin')

  app.get(
    '/distribution/tariffs',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Every freight tariff version, oldest first, and the one in force today',
        response: {
          200: Type.Object({
            date: Type.String(),
            inForce: Type.Union([Type.String(), Type.Null()]),
            tariffs: Type.Array(TariffJson),
          }),
        },
      },
    },
    async () => {
      const tariffs = await listTariffs(db)
      const date = shanghaiDateOf(clock())
      return { date, inForce: versionInForce(tariffs, date)?.id ?? null, tariffs: tariffs.map(tariffJson) }
    },
  )

  app.put(
    '/distribution/tariffs',
    {
      onRequest: admin,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['distribution'],
        summary: 'Add a freight tariff version (admin)',
        body: TariffBody,
        response: {
          200: Type.Object({ tariff: TariffJson }),
          201: Type.Object({ tariff: TariffJson }),
          ...WRITE_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const { note, ...tariff } = request.body
      const errors = tariffErrors(tariff)
      if (errors.length > 0)
        throw new AppError('TARIFF_INVALID', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors)
      const added = await addTariff(db, tariff, {
        note: note ?? null,
        createdBy: requirePrincipal(request, reply).userId,
        createdAt: new Date(clock()),
      })
      if (added.outcome === 'conflict')
        throw new AppError(
          'TARIFF_VERSION_EXISTS',
          `tariff version ${tariff.id} exists with other content; add a new id`,
        )
      reply.status(added.outcome === 'created' ? 201 : 200)
      return { tariff: tariffJson(added.version) }
    },
  )

  app.get(
    '/distribution/differentials',
    {
      schema: {
        tags: ['distribution'],
        summary: "Every version of the competing origins' assumed price differentials, and the one in force",
        response: {
          200: Type.Object({
            date: Type.String(),
            inForce: Type.Union([Type.String(), Type.Null()]),
            note: Type.String(),
            differentials: Type.Array(DifferentialsJson),
          }),
        },
      },
    },
    async () => {
      const all = await listDifferentials(db)
      const date = shanghaiDateOf(clock())
      return {
        date,
        inForce: versionInForce(all, date)?.id ?? null,
        note: DIFFERENTIALS_NOTE,
        differentials: all.map(differentialsJson),
      }
    },
  )

  app.put(
    '/distribution/differentials',
    {
      onRequest: admin,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['distribution'],
        summary: "Add a version of the competing origins' price differentials (admin)",
        body: DifferentialsBody,
        response: {
          200: Type.Object({ differentials: DifferentialsJson }),
          201: Type.Object({ differentials: DifferentialsJson }),
          ...WRITE_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const { note, ...table } = request.body
      const checked = checkDifferentials(table)
      if (!checked.ok)
        throw new AppError(
          'DIFFERENTIALS_INVALID',
          checked.errors.map((e) => `${e.field} ${e.message}`).join('; '),
          checked.errors,
        )
      const added = await addDifferentials(db, checked.value, {
        note: note ?? null,
        createdBy: requirePrincipal(request, reply).userId,
        createdAt: new Date(clock()),
      })
      if (added.outcome === 'conflict')
        throw new AppError(
          'DIFFERENTIALS_VERSION_EXISTS',
          `differentials version ${table.id} exists with other content; add a new id`,
        )
      reply.status(added.outcome === 'created' ? 201 : 200)
      return { differentials: differentialsJson(added.version) }
    },
  )
}
