/**
 * The delivered-price map (public): a product delivered at every customer city of the reference
 * places from Gongyi and from the competing origins, by the pure {@link deliveredPrices}, so the map
 * can colour each city by where the cheapest metal comes from. Registered by freight-routes.ts.
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { Type } from 'typebox'
import { AppError } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { feeSeriesId, PRODUCTS, priceBoard, shanghaiDateOf } from '../pricing/index.ts'
import { type DeliveredRow, deliveredPrices, versionInForce } from './freight/index.ts'
import { listDifferentials, listTariffs } from './freight-store.ts'
import {
  COMPETING_ORIGINS,
  DISTRIBUTION_PLACES,
  GONGYI_ORIGIN,
  placeById,
  type RoadRouter,
} from './geo/index.ts'

const Problem = Type.Ref('Problem')

const DeliveredMapQuery = Type.Object(
  {
    product: Type.String({
      pattern: '^[A-Z0-9-]{1,40}$',
      description: 'A product code of the pricing basket',
    }),
  },
  { additionalProperties: false },
)

const DestinationJson = Type.Object({
  place: Type.String({ description: 'The place id (GET /distribution/places)' }),
  name: Type.Object({ en: Type.String(), zh: Type.String() }),
  lat: Type.Number(),
  lon: Type.Number(),
  winner: Type.String({ description: 'The origin id cheapest delivered (Gongyi on a tie)' }),
  gongyiRank: Type.Integer({ minimum: 1, description: '1 + the origins strictly cheaper delivered' }),
  gongyiDeliveredCnyPerT: Type.Integer(),
  bestOtherDeliveredCnyPerT: Type.Integer({ description: 'The cheapest competing origin, delivered' }),
  marginCnyPerT: Type.Integer({ description: 'bestOther − Gongyi; above 0 Gongyi wins outright' }),
})

export const DeliveredMapJson = Type.Object({
  synthetic: Type.Boolean(),
  product: Type.Object({ code: Type.String(), en: Type.String(), zh: Type.String() }),
  date: Type.String({ description: 'The date of the all-in price used' }),
  allInCnyPerT: Type.Integer(),
  tariffVersion: Type.String(),
  differentialsVersion: Type.String(),
  destinations: Type.Array(DestinationJson),
})

/** Where the map is drawn to: every customer city, in the reference table's order. */
const CUSTOMER_CITIES = DISTRIBUTION_PLACES.filter((p) => p.kind === 'customer_city')

/** The map's row of one city from its ranked delivered prices (Gongyi's row is always there). */
function destinationOf(rows: readonly DeliveredRow[]) {
  const gongyi = rows.find((r) => r.origin.id === GONGYI_ORIGIN.id)!
  const others = rows.filter((r) => r.origin.id !== GONGYI_ORIGIN.id)
  const bestOther = Math.min(...others.map((r) => r.deliveredCnyPerT))
  return {
    winner: rows[0]!.origin.id,
    gongyiRank: gongyi.rank,
    gongyiDeliveredCnyPerT: gongyi.deliveredCnyPerT,
    bestOtherDeliveredCnyPerT: bestOther,
    marginCnyPerT: bestOther - gongyi.deliveredCnyPerT,
  }
}

export const deliveredMapRoutes: FastifyPluginAsyncTypebox<{
  db: Kysely<Database>
  router: RoadRouter
  clock: () => number
}> = async (app, { db, router, clock }) => {
  app.get(
    '/distribution/delivered-map',
    {
      schema: {
        tags: ['distribution'],
        summary:
          "A product's delivered price at every customer city from Gongyi and the competing origins: who wins where",
        querystring: DeliveredMapQuery,
        response: { 200: DeliveredMapJson, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const product = PRODUCTS.find((p) => p.code === request.query.product)
      if (!product)
        throw new AppError(
          'PRODUCT_NOT_FOUND',
          `no product ${request.query.product}; the products are ${PRODUCTS.map((p) => p.code).join(', ')}`,
        )
      const seriesId = feeSeriesId(product.code, 'spot')
      const board = await priceBoard(db)
      const row = board.series.find((s) => s.id === seriesId)
      if (!row || row.allIn === null || row.date === null)
        throw new AppError(
          'PRICE_NOT_PUBLISHED',
          `no all-in price of ${product.code} is published yet (its spot fee ${seriesId} with the base of the same date)`,
        )
      const today = shanghaiDateOf(clock())
      const [tariff, differentials] = await Promise.all([
        listTariffs(db).then((all) => versionInForce(all, today)),
        listDifferentials(db).then((all) => versionInForce(all, today)),
      ])
      if (!tariff) throw new Error('no freight tariff is in force (migration 0007 seeds one from 2000-01-01)')
      if (!differentials) throw new Error('no differentials version is in force (migration 0007 seeds one)')
      const origins = [GONGYI_ORIGIN, ...COMPETING_ORIGINS]
      const allIn = row.allIn
      const destinations = await Promise.all(
        CUSTOMER_CITIES.map(async (city) => {
          const lanes = await Promise.all(
            origins.map(async (origin) => ({
              origin,
              lane: await router.lane(placeById(origin.placeId)!, city),
            })),
          )
          const { rows } = deliveredPrices({ gongyiAllInCnyPerT: allIn, tariff, differentials, lanes })
          return {
            place: city.id,
            name: { en: city.name, zh: city.nameZh },
            lat: city.lat,
            lon: city.lon,
            ...destinationOf(rows),
          }
        }),
      )
      return {
        synthetic: board.synthetic,
        product: { code: product.code, en: product.en, zh: product.zh },
        date: row.date,
        allInCnyPerT: allIn,
        tariffVersion: tariff.id,
        differentialsVersion: differentials.id,
        destinations,
      }
    },
  )
}
