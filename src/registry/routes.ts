import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { Type } from 'typebox'
import { AppError, fenToYuanString } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { decodeCursor, pageOf } from '../platform/http/cursor.ts'
import {
  BooleanQuery,
  CursorQuery,
  ERROR_RESPONSES,
  LimitQuery,
  Page,
  PositiveIntegerQuery,
} from '../platform/http/schemas.ts'
import { enterprisesToCsv } from './csv.ts'
import {
  ALLOYS,
  APPLICATIONS,
  CHAIN_STAGES,
  ENTERPRISE_ID_PATTERN,
  ENTERPRISE_KINDS,
  type Enterprise,
  PRODUCT_FORMS,
  SUPPORTING_CATEGORIES,
  TEMPERS,
} from './model.ts'
import {
  ApplicationQuery,
  CategoryQuery,
  EnterpriseDetailJson,
  EnterpriseJson,
  FormQuery,
  KindQuery,
  ProductJson,
  StageQuery,
} from './schemas.ts'
import { parseSpec, printSpec } from './spec.ts'
import { allEnterprises, findCatalogueOf, findEnterprise, findEnterprises, findProducts } from './store.ts'

const DEFAULT_PAGE_SIZE = 50
const ENTERPRISE_ID = new RegExp(ENTERPRISE_ID_PATTERN)
const CATALOGUE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/

export function enterpriseToJson(e: Enterprise) {
  const { annualRevenueFen, ...rest } = e
  return { ...rest, annualRevenueCny: fenToYuanString(annualRevenueFen) }
}

const pageSize = (limit: string | undefined) => (limit === undefined ? DEFAULT_PAGE_SIZE : Number(limit))

export const registryRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/vocabulary',
    {
      schema: {
        tags: ['registry'],
        summary: 'The values every registry filter accepts',
        response: {
          200: Type.Object({
            kinds: Type.Array(Type.String()),
            categories: Type.Array(Type.String()),
            stages: Type.Array(Type.String()),
            forms: Type.Array(Type.String()),
            alloys: Type.Array(Type.String()),
            tempers: Type.Array(Type.String()),
            applications: Type.Array(Type.String()),
          }),
        },
      },
    },
    async () => ({
      kinds: [...ENTERPRISE_KINDS],
      categories: [...SUPPORTING_CATEGORIES],
      stages: [...CHAIN_STAGES],
      forms: [...PRODUCT_FORMS],
      alloys: [...ALLOYS],
      tempers: [...TEMPERS],
      applications: [...APPLICATIONS],
    }),
  )

  app.get(
    '/enterprises',
    {
      schema: {
        tags: ['registry'],
        summary: 'Search enterprises (keyset-paginated by id)',
        querystring: Type.Object(
          {
            kind: Type.Optional(KindQuery),
            stage: Type.Optional(StageQuery),
            category: Type.Optional(CategoryQuery),
            inCluster: Type.Optional(BooleanQuery),
            topTenSheetStrip: Type.Optional(BooleanQuery),
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            limit: Type.Optional(LimitQuery),
            cursor: Type.Optional(CursorQuery),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(EnterpriseJson), 400: ERROR_RESPONSES[400] },
      },
    },
    async (request) => {
      const q = request.query
      const limit = pageSize(q.limit)
      const rows = await findEnterprises(db, {
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.stage ? { stage: q.stage } : {}),
        ...(q.category ? { category: q.category } : {}),
        ...(q.inCluster ? { inCluster: q.inCluster === 'true' } : {}),
        ...(q.topTenSheetStrip ? { topTenSheetStrip: q.topTenSheetStrip === 'true' } : {}),
        ...(q.q ? { q: q.q.trim() } : {}),
        ...(q.cursor ? { afterId: decodeCursor(q.cursor, ENTERPRISE_ID) } : {}),
        limit: limit + 1,
      })
      const page = pageOf(rows, limit, (e) => e.id)
      return { items: page.items.map(enterpriseToJson), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/enterprises.csv',
    {
      schema: {
        tags: ['registry'],
        summary: 'Every enterprise as CSV (the format `huiguo enterprises import` reads)',
        produces: ['text/csv'],
      },
    },
    async (_request, reply) => {
      const csv = enterprisesToCsv(await allEnterprises(db))
      // The byte-order mark makes spreadsheet programs read the Chinese names as UTF-8.
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="huiguo-enterprises.csv"')
        .send(`\uFEFF${csv}`)
    },
  )

  app.get(
    '/enterprises/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'One enterprise with its catalogue',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: { 200: EnterpriseDetailJson, 404: ERROR_RESPONSES[404] },
      },
    },
    async (request) => {
      const { id } = request.params
      const enterprise = ENTERPRISE_ID.test(id) ? await findEnterprise(db, id) : null
      if (!enterprise) throw new AppError('ENTERPRISE_NOT_FOUND', `No enterprise has the id "${id}"`)
      return { ...enterpriseToJson(enterprise), catalogue: await findCatalogueOf(db, id) }
    },
  )

  app.get(
    '/products',
    {
      schema: {
        tags: ['registry'],
        summary: 'Search the processors’ catalogues by spec',
        querystring: Type.Object(
          {
            form: Type.Optional(FormQuery),
            alloy: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
            temper: Type.Optional(Type.String({ pattern: '^[A-Z][A-Z0-9]{0,4}$' })),
            thicknessUm: Type.Optional(
              PositiveIntegerQuery(6, 'Thickness in micrometres the offer must cover'),
            ),
            widthMm: Type.Optional(PositiveIntegerQuery(4, 'Width in millimetres the offer must cover')),
            application: Type.Optional(ApplicationQuery),
            enterpriseId: Type.Optional(Type.String({ pattern: ENTERPRISE_ID_PATTERN })),
            limit: Type.Optional(LimitQuery),
            cursor: Type.Optional(CursorQuery),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(ProductJson), 400: ERROR_RESPONSES[400] },
      },
    },
    async (request) => {
      const q = request.query
      const limit = pageSize(q.limit)
      const rows = await findProducts(db, {
        ...(q.form ? { form: q.form } : {}),
        ...(q.alloy ? { alloy: q.alloy } : {}),
        ...(q.temper ? { temper: q.temper } : {}),
        ...(q.thicknessUm ? { thicknessUm: Number(q.thicknessUm) } : {}),
        ...(q.widthMm ? { widthMm: Number(q.widthMm) } : {}),
        ...(q.application ? { application: q.application } : {}),
        ...(q.enterpriseId ? { enterpriseId: q.enterpriseId } : {}),
        ...(q.cursor ? { afterId: decodeCursor(q.cursor, CATALOGUE_ID) } : {}),
        limit: limit + 1,
      })
      return pageOf(rows, limit, (r) => r.id)
    },
  )

  app.get(
    '/specs/parse',
    {
      schema: {
        tags: ['registry'],
        summary: 'Parse a product specification into its fields and canonical text',
        querystring: Type.Object(
          { text: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ canonical: Type.String(), spec: Type.Record(Type.String(), Type.Unknown()) }),
          400: ERROR_RESPONSES[400],
          422: ERROR_RESPONSES[422],
        },
      },
    },
    async (request) => {
      const result = parseSpec(request.query.text)
      if (!result.ok) throw AppError.from(result)
      return { canonical: printSpec(result.value), spec: { ...result.value } }
    },
  )
}
