/**
 * The pricing API's response schemas: what every answer serialises to (fields not listed here are
 * never sent).
 * @module
 */
import { type TSchema, Type } from 'typebox'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

const NullableInt = Nullable(Type.Integer())
const NullableString = Nullable(Type.String())
export const Synthetic = Type.Boolean({ description: 'True when the answer holds demo data' })

const SeriesFields = {
  id: Type.String(),
  kind: Type.Union([Type.Literal('base'), Type.Literal('fee')]),
  family: Type.String(),
  track: Type.Union([Type.Literal('spot'), Type.Literal('contract')]),
  frequency: Type.Union([Type.Literal('daily'), Type.Literal('weekly')]),
  name: Type.Object({ en: Type.String(), zh: Type.String() }),
  spec: Type.String(),
  group: NullableString,
}

export const SeriesJson = Type.Object(SeriesFields)

const RecordFields = {
  seriesId: Type.String(),
  value: NullableInt,
  tier: Nullable(Type.Integer({ minimum: 1, maximum: 4 })),
  rolled: Type.Boolean(),
  rolls: Type.Integer(),
  suspended: Type.Boolean(),
  low: NullableInt,
  high: NullableInt,
  median: Nullable(Type.Number()),
  nDeals: Type.Integer(),
  nQuotes: Type.Integer(),
  nSubmitters: Type.Integer(),
  volumeKg: Type.Integer(),
  topSubmitterShare: Nullable(Type.Number()),
  methodologyVersion: Type.String(),
}

export const RecordJson = Type.Object({
  ...RecordFields,
  excluded: Type.Array(Type.Object({ id: Type.String(), reason: Type.String() })),
})

export const AssessmentJson = Type.Object({
  id: Type.String(),
  seriesId: Type.String(),
  date: Type.String(),
  windowStart: Type.String(),
  windowEnd: Type.String(),
  revision: Type.Integer(),
  status: Type.Union([Type.Literal('proposed'), Type.Literal('published'), Type.Literal('rejected')]),
  record: RecordJson,
  inputs: Type.Object({
    dealIds: Type.Array(Type.String()),
    quoteIds: Type.Array(Type.String()),
    previous: Nullable(Type.Object({ value: NullableInt, rolls: Type.Integer() })),
    judgement: Nullable(Type.Object({ value: Type.Integer(), rationale: Type.String() })),
  }),
  proposedBy: Type.String(),
  /** The proposer's username (`scheduler` for the schedule's runs). */
  proposedByName: Type.String(),
  proposedAt: Type.String(),
  approvedBy: NullableString,
  approvedByName: NullableString,
  publishedAt: NullableString,
  reason: NullableString,
  correctionOf: NullableInt,
  rejectedBy: NullableString,
  rejectedAt: NullableString,
  rejectionReason: NullableString,
  synthetic: Type.Boolean(),
})

export const PublicAssessmentJson = Type.Object({
  ...RecordFields,
  date: Type.String(),
  revision: Type.Integer(),
  windowStart: Type.String(),
  windowEnd: Type.String(),
  publishedAt: NullableString,
  reason: NullableString,
  exclusions: Type.Record(Type.String(), Type.Integer()),
})

export const PriceRowJson = Type.Object({
  ...SeriesFields,
  date: NullableString,
  windowStart: NullableString,
  windowEnd: NullableString,
  publishedAt: NullableString,
  value: NullableInt,
  change: NullableInt,
  tier: NullableInt,
  rolled: Type.Boolean(),
  suspended: Type.Boolean(),
  nDeals: Type.Integer(),
  revision: Type.Integer(),
  baseValue: NullableInt,
  allIn: NullableInt,
})

export const HistoryPointJson = Type.Object({
  date: Type.String(),
  windowStart: Type.String(),
  windowEnd: Type.String(),
  value: NullableInt,
  tier: NullableInt,
  rolled: Type.Boolean(),
  suspended: Type.Boolean(),
  revision: Type.Integer(),
  allIn: NullableInt,
  low: NullableInt,
  high: NullableInt,
  median: Nullable(Type.Number()),
  nDeals: Type.Integer(),
})

export const DealJson = Type.Object({
  id: Type.String(),
  series: Type.String(),
  value: Type.Integer(),
  qtyKg: Type.Integer(),
  dealAt: Type.String(),
  deliveryDays: Type.Integer(),
  paymentDays: Type.Integer(),
  affiliated: Type.Boolean(),
  pricedOnIndex: Type.Boolean(),
  spec: Type.String(),
  baseUsed: NullableInt,
  baseConvention: NullableString,
  paymentTerms: Type.String(),
  deliveryTerms: Type.String(),
  counterpartyType: NullableString,
  submitter: Type.String(),
  submittedBy: NullableString,
  submittedAt: Type.String(),
  source: Type.Union([Type.Literal('member'), Type.Literal('trading')]),
  tradeId: NullableString,
  synthetic: Type.Boolean(),
})

export const QuoteJson = Type.Object({
  id: Type.String(),
  series: Type.String(),
  side: Type.Union([Type.Literal('bid'), Type.Literal('offer')]),
  value: Type.Integer(),
  qtyKg: Type.Integer(),
  at: Type.String(),
  validUntil: NullableString,
  submitter: Type.String(),
  submittedBy: NullableString,
  submittedAt: Type.String(),
  synthetic: Type.Boolean(),
})

export const ReferenceJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  date: Type.String(),
  value: Type.Integer(),
  source: Type.String(),
  recordedAt: Type.String(),
})

export const AlertJson = Type.Object({
  id: Type.String(),
  series: Type.String(),
  direction: Type.Union([Type.Literal('above'), Type.Literal('below')]),
  threshold: Type.Integer(),
  webhookUrl: NullableString,
  createdAt: Type.String(),
})

export const AlertEventJson = Type.Object({
  id: Type.String(),
  alertId: Type.String(),
  seriesId: Type.String(),
  date: Type.String(),
  revision: Type.Integer(),
  value: Type.Integer(),
  previousValue: NullableInt,
  threshold: Type.Integer(),
  direction: Type.Union([Type.Literal('above'), Type.Literal('below')]),
  at: Type.String(),
  webhookStatus: Nullable(
    Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  ),
  webhookHttpStatus: NullableInt,
})
