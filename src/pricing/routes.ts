/**
 * The pricing center's HTTP routes, mounted under /api/v1 after accountsRoutes (whose hook sets
 * `request.principal`): the public prices and indices, and the members' and analysts' API.
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import { alertRoutes } from './alert-routes.ts'
import { analystRoutes } from './analyst-routes.ts'
import { indexRoutes } from './index-routes.ts'
import { publicPricingRoutes } from './public-routes.ts'
import type { PricingService } from './service.ts'
import { submissionRoutes } from './submission-routes.ts'

export interface PricingRoutesOptions {
  readonly db: Kysely<Database>
  readonly service: PricingService
}

export const pricingRoutes: FastifyPluginAsyncTypebox<PricingRoutesOptions> = async (
  app,
  { db, service },
) => {
  await app.register(publicPricingRoutes, { db })
  await app.register(indexRoutes, { db })
  await app.register(submissionRoutes, { service })
  await app.register(analystRoutes, { service })
  await app.register(alertRoutes, { service })
}
