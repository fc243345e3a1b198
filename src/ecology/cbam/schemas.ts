/**
 * The CBAM API's schemas: request bodies and queries (strict: no coercion, no unknown fields) and
 * the answers (fields not listed are never sent). The calculator's body is not here: the method's
 * own reader checks it, so the API and `huiguo footprint` refuse the same inputs the same way.
 * @module
 */
import { type TSchema, Type } from 'typebox'
import { StringEnum } from '../../platform/http/schemas.ts'
import { PRODUCTION_ROUTES } from './model.ts'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

const ID_PATTERN = '^[1-9][0-9]{0,17}$'
export const ID = new RegExp(ID_PATTERN)
const Id = Type.String({ pattern: ID_PATTERN })
const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) })
const Amount = (description: string, max = 1e12) => Type.Number({ minimum: 0, maximum: max, description })
const Year = Type.Integer({ minimum: 2000, maximum: 2100 })
const Country = Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' })
const CnCode = Type.String({
  pattern: '^[0-9]{4}(?:[ .]?[0-9]{2}){0,3}$',
  description: 'A CN code of 4 to 10 digits, spaces allowed ("7601", "7606 11 92")',
})
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' })
const Instant = Type.String({ format: 'date-time' })

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false })

// ---- declarations ----

export const DeclarationBody = Type.Object(
  {
    enterpriseId: Type.Optional(
      Text(40, 'The declaring smelter (default: your enterprise; others: admin only)'),
    ),
    cnCode: CnCode,
    year: Year,
    quarter: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'Absent: the whole year' })),
    seeTco2ePerT: Amount('Specific embedded emissions, tCO2e per t', 100),
    route: StringEnum(PRODUCTION_ROUTES),
    verifier: Type.Optional(Text(200, 'The accredited verifier')),
    evidence: Type.Optional(Text(1000, 'Where the figure comes from: report, certificate, note')),
  },
  { additionalProperties: false },
)

export const DeclarationsQuery = Type.Object(
  {
    enterpriseId: Type.Optional(Text(40)),
    year: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
    current: Type.Optional(StringEnum(['true', 'false'] as const, 'true: only those not superseded')),
    limit: Type.Optional(Type.String({ pattern: '^(?:[1-9][0-9]?|1[0-9][0-9]|200)$' })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
)

export const DeclarationJson = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  enterpriseNameEn: Type.String(),
  enterpriseNameZh: Type.String(),
  cnCode: Type.String(),
  year: Type.Integer(),
  quarter: Nullable(Type.Integer()),
  seeTco2ePerT: Type.Number(),
  route: Type.String(),
  verifier: Nullable(Type.String()),
  evidence: Nullable(Type.String()),
  declaredBy: Nullable(Type.Object({ userId: Type.String(), username: Type.String() })),
  declaredAt: Type.String(),
  supersededBy: Nullable(Type.String()),
  current: Type.Boolean(),
  synthetic: Type.Boolean(),
})

// ---- the calculator ----

export const FootprintRecordJson = Type.Object({
  seeTco2ePerT: Type.Number(),
  directTco2e: Type.Number(),
  precursorTco2e: Type.Number(),
  indirectTco2ePerT: Type.Number(),
  defaultSeeTco2ePerT: Type.Number(),
  payableTco2ePerT: Type.Number(),
  defaultPayableTco2ePerT: Type.Number(),
  costEurPerT: Type.Number(),
  defaultCostEurPerT: Type.Number(),
  savingEur: Type.Number(),
  precursorsOnDefaults: Type.Integer(),
})

export const ScheduleJson = Type.Object({
  method: Type.String(),
  gasKgco2PerNm3: Type.Number(),
  primaryBenchmarkTco2ePerT: Type.Number(),
  defaultEurPerTco2: Type.Number(),
  defaultGridKgco2PerKwh: Type.Number(),
  headings: Type.Array(
    Type.Object({
      heading: Type.String(),
      nameEn: Type.String(),
      nameZh: Type.String(),
      chinaTco2ePerT: Type.Number(),
      otherCountriesTco2ePerT: Type.Number(),
      benchmarkIncrementTco2ePerT: Type.Number(),
    }),
  ),
  years: Type.Array(Type.Object({ year: Type.Integer(), markUp: Type.Number(), cbamFactor: Type.Number() })),
})

// ---- communications ----

const PrecursorBody = Type.Object(
  {
    cnCode: Type.Optional(CnCode),
    tonnes: Amount('t consumed in the period'),
    origin: Type.Optional(Country),
    declarationId: Type.Optional(Id),
  },
  {
    additionalProperties: false,
    description: 'A declaration (its SEE, code and smelter), or a CN code counted at the EU default',
  },
)

const GoodBody = Type.Object(
  {
    cnCode: Type.String({ pattern: '^[0-9]{8}$', description: 'The 8-digit CN code' }),
    description: Type.Optional(Text(200)),
    outputT: Type.Number({ exclusiveMinimum: 0, maximum: 1e9, description: 't produced in the period' }),
    shippedT: Type.Number({ exclusiveMinimum: 0, maximum: 1e6, description: 't on this shipment' }),
    naturalGasNm3: Amount('Nm³ attributed to this good'),
    otherDirectTco2e: Amount('Other direct emissions, tCO2e'),
    electricityKwh: Amount('kWh attributed to this good'),
    gridKgco2PerKwh: Type.Optional(Amount('kgCO2/kWh (default Henan 2022: 0.6058)', 10)),
    scrapT: Type.Optional(Amount('Scrap charged, t (no embedded emissions)')),
    precursors: Type.Array(PrecursorBody, { maxItems: 50 }),
  },
  { additionalProperties: false },
)

export const CommunicationBody = Type.Object(
  {
    importer: Type.Object(
      {
        name: Text(200),
        country: Country,
        eori: Type.String({ pattern: '^[A-Z]{2}[A-Z0-9]{1,15}$', description: 'EORI number' }),
      },
      { additionalProperties: false },
    ),
    installation: Type.Object(
      {
        name: Text(200),
        address: Text(400),
        country: Type.Optional(Country),
        unlocode: Type.Optional(
          Type.String({ pattern: '^[A-Z]{2} ?[A-Z2-9]{3}$', description: 'UN/LOCODE' }),
        ),
        enterpriseId: Type.Optional(Text(40, 'The processing enterprise (default: the shipper)')),
      },
      { additionalProperties: false },
    ),
    year: Year,
    periodStart: Type.Optional(Day),
    periodEnd: Type.Optional(Day),
    eurCentsPerTco2: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 100_000, description: 'Euro cents per tCO2 (default 7536)' }),
    ),
    goods: Type.Array(GoodBody, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
)

const DeclarationRef = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  enterpriseNameEn: Type.String(),
  enterpriseNameZh: Type.String(),
  cnCode: Type.String(),
  year: Type.Integer(),
  quarter: Nullable(Type.Integer()),
  route: Type.String(),
  seeTco2ePerT: Type.Number(),
  verifier: Nullable(Type.String()),
  declaredBy: Nullable(Type.Object({ userId: Type.String(), username: Type.String() })),
  declaredAt: Type.String(),
  supersededBy: Nullable(Type.String()),
  synthetic: Type.Boolean(),
})

const MethodInputJson = Type.Object({
  good: Type.Object({ cnCode: Type.String(), outputT: Type.Number(), origin: Type.String() }),
  year: Type.Integer(),
  installation: Type.Object({
    naturalGasNm3: Type.Number(),
    otherDirectTco2e: Type.Number(),
    electricityKwh: Type.Number(),
    gridKgco2PerKwh: Type.Number(),
  }),
  precursors: Type.Array(
    Type.Object({
      cnCode: Type.String(),
      tonnes: Type.Number(),
      seeTco2ePerT: Nullable(Type.Number()),
      origin: Type.Optional(Type.String()),
    }),
  ),
  scrapT: Type.Number(),
  eurPerTco2: Type.Number(),
})

const GoodJson = Type.Object({
  cnCode: Type.String(),
  description: Nullable(Type.String()),
  outputT: Type.Number(),
  shippedT: Type.Number(),
  installation: Type.Object({
    naturalGasNm3: Type.Number(),
    otherDirectTco2e: Type.Number(),
    electricityKwh: Type.Number(),
    gridKgco2PerKwh: Type.Number(),
  }),
  scrapT: Type.Number(),
  precursors: Type.Array(
    Type.Object({
      cnCode: Type.String(),
      tonnes: Type.Number(),
      origin: Nullable(Type.String()),
      seeTco2ePerT: Type.Number(),
      source: StringEnum(['declared', 'default'] as const),
      embeddedTco2e: Type.Number(),
      declaration: Nullable(DeclarationRef),
    }),
  ),
  input: MethodInputJson,
  record: FootprintRecordJson,
  shipment: Type.Object({ costEur: Type.Number(), defaultCostEur: Type.Number(), savingEur: Type.Number() }),
})

export const CommunicationJson = Type.Object({
  id: Type.String(),
  shipmentId: Type.String(),
  method: Type.String(),
  shipment: Type.Object({
    id: Type.String(),
    trackingCode: Type.String(),
    status: Type.String(),
    goods: Type.String(),
    qtyKg: Type.Integer(),
    origin: Type.Object({ name: Type.String(), city: Type.String() }),
    destination: Type.Object({ name: Type.String(), city: Type.String() }),
    synthetic: Type.Boolean(),
  }),
  importer: Type.Object({ name: Type.String(), country: Type.String(), eori: Type.String() }),
  installation: Type.Object({
    name: Type.String(),
    address: Type.String(),
    country: Type.String(),
    unlocode: Nullable(Type.String()),
    enterpriseId: Type.String(),
    enterpriseNameEn: Nullable(Type.String()),
    enterpriseNameZh: Nullable(Type.String()),
  }),
  year: Type.Integer(),
  periodStart: Type.String(),
  periodEnd: Type.String(),
  eurCentsPerTco2: Type.Integer(),
  eurPerTco2: Type.Number(),
  goods: Type.Array(GoodJson),
  totals: Type.Object({
    shippedT: Type.Number(),
    costEur: Type.Number(),
    defaultCostEur: Type.Number(),
    savingEur: Type.Number(),
    savingShare: Nullable(Type.Number()),
  }),
  createdBy: Nullable(Type.Object({ userId: Type.String(), username: Nullable(Type.String()) })),
  createdAt: Instant,
  synthetic: Type.Boolean(),
})

export const ListQuery = Type.Object(
  {
    limit: Type.Optional(Type.String({ pattern: '^(?:[1-9][0-9]?|1[0-9][0-9]|200)$' })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
)
