/**
 * The ecology API (issue 7) under /api/v1: the energy ledger, the carbon inventory and grid
 * factors, the park indicators and the cluster summary.
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import { energyRoutes } from './energy/routes.ts'
import { EnergyLedgerService } from './energy/service.ts'
import { inventoryRoutes } from './inventory/routes.ts'
import { InventoryService } from './inventory/service.ts'
import { parkRoutes } from './park/routes.ts'
import { ParkService } from './park/service.ts'

export interface EcologyRoutesOptions {
  readonly db: Kysely<Database>
  /** Epoch ms (default: the system clock): the current month bounds submissions and default windows. */
  readonly clock?: () => number
}

export const ecologyRoutes: FastifyPluginAsyncTypebox<EcologyRoutesOptions> = async (app, { db, clock }) => {
  const now = clock ?? Date.now
  await app.register(energyRoutes, { ledger: new EnergyLedgerService({ db, clock: now }) })
  await app.register(inventoryRoutes, { inventory: new InventoryService({ db, clock: now }), clock: now })
  await app.register(parkRoutes, { park: new ParkService({ db, clock: now }) })
}
