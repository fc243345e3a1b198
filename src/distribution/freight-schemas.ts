/**
 * Request and response schemas of the freight, delivered-price, places and tariff routes. Query
 * strings are not coerced: numbers arrive as strings with a pattern and are converted after
 * validation.
 * @module
 */
import { Type } from 'typebox'
import { StringEnum } from '../platform/index.ts'
import { FREIGHT_MODES, VERSION_ID_PATTERN } from './freight/index.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

/** A place id, or WGS-84 "lat,lon" in decimal degrees. */
export const PointQuery = Type.String({
  pattern: '^(?:[a-z0-9][a-z0-9-]{0,39}|-?[0-9]{1,2}(?:\\.[0-9]{1,7})?,-?[0-9]{1,3}(?:\\.[0-9]{1,7})?)$',
  description: 'A place id (GET /distribution/places) or WGS-84 "lat,lon" in decimal degrees',
})

export const FreightQuery = Type.Object(
  {
    from: PointQuery,
    to: PointQuery,
    mode: Type.Optional(
      StringEnum(FREIGHT_MODES, 'One mode (default: every mode, those not offered listed with why)'),
    ),
    tonnes: Type.Optional(
      Type.String({
        pattern: '^[0-9]{1,6}(?:\\.[0-9]{1,3})?$',
        description: 'Quantity, t, up to three decimals (the kg), above 0 and at most 100000',
      }),
    ),
  },
  { additionalProperties: false },
)

export const DeliveredQuery = Type.Object(
  {
    product: Type.String({
      pattern: '^[A-Z0-9-]{1,40}$',
      description: 'A product code of the pricing basket',
    }),
    to: PointQuery,
  },
  { additionalProperties: false },
)

const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
const VersionId = Type.String({ pattern: VERSION_ID_PATTERN })
const DateText = Type.String({ pattern: DATE, description: 'Asia/Shanghai date, YYYY-MM-DD' })
const Rate = Type.Number({
  exclusiveMinimum: 0,
  maximum: 1000,
  description: 'Fen per tonne-km, at most two decimals',
})
const FenPerT = Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'Fen per tonne' })
const Km = Type.Number({ minimum: 0, maximum: 10_000, description: 'km, at most one decimal' })
const PayloadT = Type.Integer({ minimum: 1, maximum: 100, description: 'Planning payload of a vehicle, t' })
const Note = Type.String({ maxLength: 500 })

const TariffFields = {
  id: VersionId,
  effectiveFrom: DateText,
  truck: Type.Object(
    { rateFenPerTKm: Rate, minimumFenPerT: FenPerT, payloadT: PayloadT },
    { additionalProperties: false },
  ),
  molten: Type.Object(
    { rateFenPerTKm: Rate, minimumFenPerT: FenPerT, maxRoadKm: Km, payloadT: PayloadT },
    { additionalProperties: false },
  ),
  rail: Type.Object(
    { rateFenPerTKm: Rate, terminalFenPerT: FenPerT, minRailKm: Km },
    { additionalProperties: false },
  ),
}

export const TariffBody = Type.Object(
  { ...TariffFields, note: Type.Optional(Note) },
  { additionalProperties: false },
)

const VersionMetaJson = {
  note: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
}

export const TariffJson = Type.Object({ ...TariffFields, ...VersionMetaJson })

const CnyPerTByOrigin = Type.Record(Type.String({ pattern: '^[a-z0-9-]{1,40}$' }), Type.Integer(), {
  description: 'Whole CNY/t by competing origin id; origins left out are 0',
})

export const DifferentialsBody = Type.Object(
  { id: VersionId, effectiveFrom: DateText, cnyPerT: CnyPerTByOrigin, note: Type.Optional(Note) },
  { additionalProperties: false },
)

export const DifferentialsJson = Type.Object({
  id: Type.String(),
  effectiveFrom: Type.String(),
  cnyPerT: Type.Record(Type.String(), Type.Integer()),
  ...VersionMetaJson,
})

export const PlaceJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameZh: Type.String(),
  kind: Type.String(),
  province: Type.String(),
  provinceZh: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  source: Type.String(),
})

export const OriginJson = Type.Object({
  id: Type.String(),
  placeId: Type.String(),
  name: Type.Object({ en: Type.String(), zh: Type.String() }),
})

/** A resolved `from` / `to`: a known place (id set) or bare coordinates (id null). */
export const PointJson = Type.Object({
  id: Nullable(Type.String()),
  name: Type.String(),
  nameZh: Nullable(Type.String()),
  lat: Type.Number(),
  lon: Type.Number(),
})

export const DistancesJson = Type.Object({
  greatCircleKm: Type.Number(),
  roadKm: Type.Number(),
  roadSource: StringEnum(['osrm', 'formula'] as const),
  railKm: Type.Number(),
})

const VersionRef = Type.Object({ id: Type.String(), effectiveFrom: Type.String() })

const FigureFields = {
  mode: StringEnum(FREIGHT_MODES),
  tariffVersion: Type.String(),
  distanceKm: Type.Number({ description: 'The km the tariff was applied to (road, or rail), to the metre' }),
  distanceSource: StringEnum(['osrm', 'formula'] as const),
  fenPerT: Type.Integer(),
  yuanPerT: Type.String({ description: 'fenPerT as a decimal CNY string' }),
  minimumApplied: Type.Boolean(),
  payloadT: Nullable(Type.Integer()),
}

export const FreightJson = Type.Object({
  from: PointJson,
  to: PointJson,
  distances: DistancesJson,
  tariff: VersionRef,
  tonnes: Nullable(Type.String()),
  quotes: Type.Array(
    Type.Object({
      ...FigureFields,
      totalFen: Nullable(Type.Integer()),
      totalYuan: Nullable(Type.String()),
      vehicles: Nullable(Type.Integer()),
    }),
  ),
  notOffered: Type.Array(
    Type.Object({
      mode: StringEnum(FREIGHT_MODES),
      tariffVersion: Type.String(),
      reason: StringEnum(['molten_beyond_range', 'rail_too_short'] as const),
      detail: Type.String(),
    }),
  ),
})

export const DeliveredJson = Type.Object({
  synthetic: Type.Boolean(),
  product: Type.Object({ code: Type.String(), en: Type.String(), zh: Type.String() }),
  to: PointJson,
  price: Type.Object({
    seriesId: Type.String(),
    date: Type.String(),
    publishedAt: Nullable(Type.String()),
    baseCnyPerT: Type.Integer(),
    feeCnyPerT: Type.Integer(),
    allInCnyPerT: Type.Integer(),
  }),
  tariff: VersionRef,
  differentials: Type.Object({ id: Type.String(), effectiveFrom: Type.String(), note: Type.String() }),
  gongyiWins: Type.Boolean(),
  origins: Type.Array(
    Type.Object({
      id: Type.String(),
      placeId: Type.String(),
      name: Type.Object({ en: Type.String(), zh: Type.String() }),
      rank: Type.Integer(),
      wins: Type.Boolean(),
      allInCnyPerT: Type.Integer(),
      differentialCnyPerT: Type.Integer(),
      mode: StringEnum(FREIGHT_MODES),
      freightFenPerT: Type.Integer(),
      freightCnyPerT: Type.Integer(),
      deliveredCnyPerT: Type.Integer(),
      distances: DistancesJson,
      options: Type.Array(Type.Object(FigureFields)),
    }),
  ),
})
