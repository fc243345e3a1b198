/**
 * Deal and firm-quote submission by members, and the lists of them: deal data is never public,
 * so a member sees only its own enterprise's and analysts see everyone's.
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { requireRole } from '../accounts/index.ts'
import { decodeCursor, pageOf } from '../platform/http/cursor.ts'
import { WRITE_PROBLEMS } from '../platform/http/schemas.ts'
import { DealJson, QuoteJson, Synthetic } from './response-schemas.ts'
import {
  actorOf,
  BODY_LIMIT,
  DEFAULT_PAGE_SIZE,
  Problem,
  rangeOf,
  readerOf,
  unwrap,
} from './route-support.ts'
import { DealBody, QuoteBody, SubmissionQuery } from './schemas.ts'
import type { PricingService } from './service.ts'
import { dealView, quoteView } from './views.ts'

const DEAL_ID = /^D[1-9][0-9]{0,17}$/
const QUOTE_ID = /^Q[1-9][0-9]{0,17}$/

export const submissionRoutes: FastifyPluginAsyncTypebox<{ service: PricingService }> = async (
  app,
  { service },
) => {
  const submitter = requireRole('trader', 'analyst', 'admin')
  const anyone = requireRole()

  app.post(
    '/pricing/deals',
    {
      onRequest: submitter,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['pricing'],
        summary: "Report a deal; the submitter is the caller's enterprise",
        body: DealBody,
        response: { 201: Type.Object({ synthetic: Synthetic, deal: DealJson }), ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const b = request.body
      const deal = unwrap(
        await service.submitDeal(actorOf(request, reply), {
          seriesId: b.series,
          value: b.value,
          qtyKg: b.qtyKg,
          dealAt: b.dealAt,
          deliveryDays: b.deliveryDays,
          paymentDays: b.paymentDays,
          affiliated: b.affiliated,
          pricedOnIndex: b.pricedOnIndex,
          spec: b.spec,
          baseUsed: b.baseUsed ?? null,
          baseConvention: b.baseConvention ?? null,
          paymentTerms: b.paymentTerms,
          deliveryTerms: b.deliveryTerms,
          counterpartyType: b.counterpartyType ?? null,
        }),
      )
      reply.status(201)
      return { synthetic: false, deal: dealView(deal) }
    },
  )

  app.get(
    '/pricing/deals',
    {
      onRequest: anyone,
      schema: {
        tags: ['pricing'],
        summary: "Deals, newest first: analysts see every enterprise's, members their own",
        querystring: SubmissionQuery,
        response: {
          200: Type.Object({
            synthetic: Synthetic,
            deals: Type.Array(DealJson),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          400: Problem,
          401: Problem,
        },
      },
    },
    async (request, reply) => {
      const q = request.query
      const limit = q.limit ? Number(q.limit) : DEFAULT_PAGE_SIZE
      const rows = await service.deals(readerOf(request, reply), {
        ...(q.series ? { seriesId: q.series } : {}),
        ...rangeOf(q),
        ...(q.cursor ? { beforeId: decodeCursor(q.cursor, DEAL_ID) } : {}),
        limit: limit + 1,
      })
      const page = pageOf(rows, limit, (d) => d.id)
      return {
        synthetic: page.items.some((d) => d.synthetic),
        deals: page.items.map(dealView),
        nextCursor: page.nextCursor,
      }
    },
  )

  app.post(
    '/pricing/quotes',
    {
      onRequest: submitter,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['pricing'],
        summary: "Send a firm bid or offer; the submitter is the caller's enterprise",
        body: QuoteBody,
        response: { 201: Type.Object({ synthetic: Synthetic, quote: QuoteJson }), ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const b = request.body
      const quote = unwrap(
        await service.submitQuote(actorOf(request, reply), {
          seriesId: b.series,
          side: b.side,
          value: b.value,
          qtyKg: b.qtyKg,
          at: b.at,
          validUntil: b.validUntil ?? null,
        }),
      )
      reply.status(201)
      return { synthetic: false, quote: quoteView(quote) }
    },
  )

  app.get(
    '/pricing/quotes',
    {
      onRequest: anyone,
      schema: {
        tags: ['pricing'],
        summary: "Quotes, newest first: analysts see every enterprise's, members their own",
        querystring: SubmissionQuery,
        response: {
          200: Type.Object({
            synthetic: Synthetic,
            quotes: Type.Array(QuoteJson),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          400: Problem,
          401: Problem,
        },
      },
    },
    async (request, reply) => {
      const q = request.query
      const limit = q.limit ? Number(q.limit) : DEFAULT_PAGE_SIZE
      const rows = await service.quotes(readerOf(request, reply), {
        ...(q.series ? { seriesId: q.series } : {}),
        ...rangeOf(q),
        ...(q.cursor ? { beforeId: decodeCursor(q.cursor, QUOTE_ID) } : {}),
        limit: limit + 1,
      })
      const page = pageOf(rows, limit, (x) => x.id)
      return {
        synthetic: page.items.some((x) => x.synthetic),
        quotes: page.items.map(quoteView),
        nextCursor: page.nextCursor,
      }
    },
  )
}
