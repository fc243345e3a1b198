/**
 * The public distances-and-freight API (no login: prices are public): places, freight between two
 * points, and a product's delivered price from Gongyi beside the competing origins; plus the tariff
 * and differential versions (public to read, admin to add; see tariff-routes.ts).
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { Type } from 'typebox'
import { AppError, fenToYuanString } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { feeSeriesId, PRODUCTS, priceBoard, shanghaiDateOf } from '../pricing/index.ts'
import { deliveredMapRoutes } from './delivered-map.ts'
import {
  consignment,
  DIFFERENTIALS_NOTE,
  deliveredPrices,
  FREIGHT_MODES,
  type FreightFigure,
  freightFor,
  versionInForce,
} from './freight/index.ts'
import {
  DeliveredJson,
  DeliveredQuery,
  FreightJson,
  FreightQuery,
  OriginJson,
  PlaceJson,
} from './freight-schemas.ts'
import { listDifferentials, listTariffs } from './freight-store.ts'
import {
  CLUSTER_PLACE_ID,
  COMPETING_ORIGINS,
  DISTRIBUTION_PLACES,
  GONGYI_ORIGIN,
  type LaneDistances,
  placeById,
  type RoadRouter,
  roadRouterFromEnv,
  shownKm,
} from './geo/index.ts'
import { tariffRoutes } from './tariff-routes.ts'

const Problem = Type.Ref('Problem')
const MAX_QTY_KG = 100_000_000 // 100 000 t

export interface FreightRoutesOptions {
  readonly db: Kysely<Database>
  /** Where road distances come from (default: OSRM at HUIGUO_ROUTING_URL when set, else the formula). */
  readonly router?: RoadRouter
  /** Epoch ms; picks the tariff in force (default: the system clock). */
  readonly clock?: () => number
}

interface Point {
  id: string | null
  name: string
  nameZh: string | null
  lat: number
  lon: number
}

/** A place id or "lat,lon" (already matched against PointQuery) as a point. */
function pointOf(text: string, field: string): Point {
  if (text.includes(',')) {
    const [lat, lon] = text.split(',').map(Number) as [number, number]
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180)
      throw new AppError('VALIDATION_FAILED', `/query/${field} is not a point on Earth`, [
        { field: `/query/${field}`, message: 'latitude must be within ±90 and longitude within ±180' },
      ])
    return { id: null, name: text, nameZh: null, lat, lon }
  }
  const place = placeById(text)
  if (!place)
    throw new AppError('PLACE_NOT_FOUND', `no place ${text}; GET /api/v1/distribution/places lists them`)
  return { id: place.id, name: place.name, nameZh: place.nameZh, lat: place.lat, lon: place.lon }
}

/** "12.5" t → 12 500 kg, exactly. */
function kgOf(tonnes: string): number {
  const [whole, fraction = ''] = tonnes.split('.')
  const kg = Number(whole) * 1000 + Number(fraction.padEnd(3, '0'))
  if (kg <= 0 || kg > MAX_QTY_KG)
    throw new AppError('VALIDATION_FAILED', '/query/tonnes must be above 0 and at most 100000', [
      { field: '/query/tonnes', message: 'must be above 0 and at most 100000' },
    ])
  return kg
}

const distancesJson = (lane: LaneDistances) => ({
  greatCircleKm: shownKm(lane.greatCircleKm),
  roadKm: shownKm(lane.roadKm),
  roadSource: lane.roadSource,
  railKm: shownKm(lane.railKm),
})

const figureJson = (f: FreightFigure) => ({
  mode: f.mode,
  tariffVersion: f.tariffVersion,
  distanceKm: shownKm(f.distanceKm),
  distanceSource: f.distanceSource,
  fenPerT: f.fenPerT,
  yuanPerT: fenToYuanString(BigInt(f.fenPerT)),
  minimumApplied: f.minimumApplied,
  payloadT: f.payloadT,
})

export const distributionFreightRoutes: FastifyPluginAsyncTypebox<FreightRoutesOptions> = async (
  app,
  options,
) => {
  const { db } = options
  const clock = options.clock ?? Date.now
  const router = options.router ?? roadRouterFromEnv(process.env, (reason) => app.log.warn(reason))
  const today = () => shanghaiDateOf(clock())
  const tariffInForce = async () => {
    const tariff = versionInForce(await listTariffs(db), today())
    if (!tariff) throw new Error('no freight tariff is in force (migration 0007 seeds one from 2000-01-01)')
    return tariff
  }

  await app.register(tariffRoutes, { db, clock })
  await app.register(deliveredMapRoutes, { db, router, clock })

  app.get(
    '/distribution/places',
    {
      schema: {
        tags: ['distribution'],
        summary:
          'The places freight is quoted between (ids, WGS-84 coordinates, sources) and the origins compared',
        response: {
          200: Type.Object({
            clusterPlaceId: Type.String(),
            places: Type.Array(PlaceJson),
            origins: Type.Array(OriginJson),
          }),
        },
      },
    },
    async () => ({
      clusterPlaceId: CLUSTER_PLACE_ID,
      places: [...DISTRIBUTION_PLACES],
      origins: [GONGYI_ORIGIN, ...COMPETING_ORIGINS],
    }),
  )

  app.get(
    '/distribution/freight',
    {
      schema: {
        tags: ['distribution'],
        summary:
          'Freight per tonne (and for a quantity) between two points, by mode, with the tariff version',
        querystring: FreightQuery,
        response: { 200: FreightJson, 400: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request) => {
      const { mode, tonnes } = request.query
      const from = pointOf(request.query.from, 'from')
      const to = pointOf(request.query.to, 'to')
      const qtyKg = tonnes === undefined ? null : kgOf(tonnes)
      const [tariff, lane] = await Promise.all([tariffInForce(), router.lane(from, to)])
      const results = (mode ? [mode] : FREIGHT_MODES).map((m) => freightFor(tariff, m, lane))
      if (mode && results[0] && !results[0].ok) throw new AppError('FREIGHT_NOT_OFFERED', results[0].detail)
      return {
        from,
        to,
        distances: distancesJson(lane),
        tariff: { id: tariff.id, effectiveFrom: tariff.effectiveFrom },
        tonnes: tonnes ?? null,
        quotes: results.flatMap((r) => {
          if (!r.ok) return []
          const load = qtyKg === null ? null : consignment(r, qtyKg)
          return [
            {
              ...figureJson(r),
              totalFen: load?.totalFen ?? null,
              totalYuan: load ? fenToYuanString(BigInt(load.totalFen)) : null,
              vehicles: load?.vehicles ?? null,
            },
          ]
        }),
        notOffered: results.flatMap((r) =>
          r.ok ? [] : [{ mode: r.mode, tariffVersion: r.tariffVersion, reason: r.reason, detail: r.detail }],
        ),
      }
    },
  )

  app.get(
    '/distribution/delivered',
    {
      schema: {
        tags: ['distribution'],
        summary:
          "A product's delivered price at a destination from Gongyi and the competing origins, cheapest first",
        querystring: DeliveredQuery,
        response: { 200: DeliveredJson, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const product = PRODUCTS.find((p) => p.code === request.query.product)
      if (!product)
        throw new AppError(
          'PRODUCT_NOT_FOUND',
          `no product ${request.query.product}; the products are ${PRODUCTS.map((p) => p.code).join(', ')}`,
        )
      const to = pointOf(request.query.to, 'to')
      const seriesId = feeSeriesId(product.code, 'spot')
      const board = await priceBoard(db)
      const row = board.series.find((s) => s.id === seriesId)
      if (!row || row.allIn === null || row.value === null || row.baseValue === null || row.date === null)
        throw new AppError(
          'PRICE_NOT_PUBLISHED',
          `no all-in price of ${product.code} is published yet (its spot fee ${seriesId} with the base of the same date)`,
        )
      const origins = [GONGYI_ORIGIN, ...COMPETING_ORIGINS]
      const [tariff, differentials, lanes] = await Promise.all([
        tariffInForce(),
        listDifferentials(db).then((all) => versionInForce(all, today())),
        Promise.all(
          origins.map(async (origin) => ({
            origin,
            lane: await router.lane(placeById(origin.placeId)!, to),
          })),
        ),
      ])
      if (!differentials) throw new Error('no differentials version is in force (migration 0007 seeds one)')
      const { rows, gongyiWins } = deliveredPrices({
        gongyiAllInCnyPerT: row.allIn,
        tariff,
        differentials,
        lanes,
      })
      const laneOf = new Map(lanes.map((l) => [l.origin.id, l.lane]))
      return {
        synthetic: board.synthetic,
        product: { code: product.code, en: product.en, zh: product.zh },
        to,
        price: {
          seriesId,
          date: row.date,
          publishedAt: row.publishedAt,
          baseCnyPerT: row.baseValue,
          feeCnyPerT: row.value,
          allInCnyPerT: row.allIn,
        },
        tariff: { id: tariff.id, effectiveFrom: tariff.effectiveFrom },
        differentials: {
          id: differentials.id,
          effectiveFrom: differentials.effectiveFrom,
          note: DIFFERENTIALS_NOTE,
        },
        gongyiWins,
        origins: rows.map((r) => ({
          id: r.origin.id,
          placeId: r.origin.placeId,
          name: r.origin.name,
          rank: r.rank,
          wins: r.wins,
          allInCnyPerT: r.allInCnyPerT,
          differentialCnyPerT: r.differentialCnyPerT,
          mode: r.freight.mode,
          freightFenPerT: r.freight.fenPerT,
          freightCnyPerT: r.freightCnyPerT,
          deliveredCnyPerT: r.deliveredCnyPerT,
          distances: distancesJson(laneOf.get(r.origin.id)!),
          options: r.options.map(figureJson),
        })),
      }
    },
  )
}
