/**
 * The pricing API's request schemas: bodies, queries and parameters, validated strictly (no
 * coercion, no unknown fields, integers only for values and quantities). Responses:
 * response-schemas.ts.
 * @module
 */
import { type TSchema, Type } from 'typebox'
import { CursorQuery, LimitQuery } from '../platform/http/schemas.ts'
import { MAX_QTY_KG, MAX_TERM_DAYS, MAX_VALUE_CNY_PER_T } from './submissions.ts'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const SeriesId = Type.String({
  minLength: 1,
  maxLength: 60,
  description: 'A series id, e.g. BASE-A00-GY',
})
export const DateText = Type.String({
  format: 'date',
  description: 'YYYY-MM-DD, an Asia/Shanghai calendar date',
})
const Instant = Type.String({ format: 'date-time', maxLength: 40, description: 'ISO 8601 with a time zone' })
const Value = Type.Integer({
  minimum: -MAX_VALUE_CNY_PER_T,
  maximum: MAX_VALUE_CNY_PER_T,
  description: 'CNY/t, VAT included',
})
const QtyKg = Type.Integer({ minimum: 1, maximum: MAX_QTY_KG, description: 'kg' })
const Days = Type.Integer({ minimum: 0, maximum: MAX_TERM_DAYS })
const Text = Type.String({ minLength: 1, maxLength: 200 })
const Reason = Type.String({ minLength: 1, maxLength: 1000 })

export const DealBody = Type.Object(
  {
    series: SeriesId,
    value: Value,
    qtyKg: QtyKg,
    dealAt: Instant,
    deliveryDays: Days,
    paymentDays: Days,
    affiliated: Type.Boolean({ description: 'The parties belong to one group' }),
    pricedOnIndex: Type.Boolean({ description: 'The price was set by a published index, not negotiated' }),
    spec: Text,
    baseUsed: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: MAX_VALUE_CNY_PER_T }))),
    baseConvention: Type.Optional(
      Nullable(
        Type.Union([
          Type.Literal('day'),
          Type.Literal('monthly_average'),
          Type.Literal('previous_month_average'),
          Type.Literal('shfe_point'),
        ]),
      ),
    ),
    paymentTerms: Text,
    deliveryTerms: Text,
    counterpartyType: Type.Optional(
      Nullable(Type.Union([Type.Literal('producer'), Type.Literal('trader'), Type.Literal('consumer')])),
    ),
  },
  { additionalProperties: false },
)

export const QuoteBody = Type.Object(
  {
    series: SeriesId,
    side: Type.Union([Type.Literal('bid'), Type.Literal('offer')]),
    value: Value,
    qtyKg: QtyKg,
    at: Instant,
    validUntil: Type.Optional(Nullable(Instant)),
  },
  { additionalProperties: false },
)

export const AssessmentBody = Type.Object(
  {
    series: SeriesId,
    date: Type.Optional(DateText),
    judgement: Type.Optional(
      Nullable(
        Type.Object(
          { value: Value, rationale: Type.String({ minLength: 1, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
)

export const CorrectionBody = Type.Object(
  {
    series: SeriesId,
    date: DateText,
    value: Type.Integer({ multipleOf: 10, minimum: -MAX_VALUE_CNY_PER_T, maximum: MAX_VALUE_CNY_PER_T }),
    reason: Reason,
  },
  { additionalProperties: false },
)

export const RejectBody = Type.Object({ reason: Reason }, { additionalProperties: false })

export const REFERENCE_NAME_PATTERN = '^[A-Z][A-Z0-9_]{1,39}$'

export const ReferenceBody = Type.Object(
  {
    name: Type.String({ pattern: REFERENCE_NAME_PATTERN, description: 'e.g. SHFE_SETTLEMENT, SMM_A00' }),
    date: DateText,
    value: Type.Integer({ minimum: 1, maximum: MAX_VALUE_CNY_PER_T }),
    source: Type.String({ minLength: 1, maxLength: 200, description: 'Where the analyst read it' }),
  },
  { additionalProperties: false },
)

export const AlertBody = Type.Object(
  {
    series: SeriesId,
    direction: Type.Union([Type.Literal('above'), Type.Literal('below')]),
    threshold: Value,
    webhookUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 500 })),
  },
  { additionalProperties: false },
)

export const SubmissionQuery = Type.Object(
  {
    series: Type.Optional(SeriesId),
    from: Type.Optional(DateText),
    to: Type.Optional(DateText),
    limit: Type.Optional(LimitQuery),
    cursor: Type.Optional(CursorQuery),
  },
  { additionalProperties: false },
)

export const DateRangeQuery = Type.Object(
  { from: Type.Optional(DateText), to: Type.Optional(DateText) },
  { additionalProperties: false },
)

export const AssessmentListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('proposed'), Type.Literal('published'), Type.Literal('rejected')]),
    ),
    series: Type.Optional(SeriesId),
    limit: Type.Optional(LimitQuery),
  },
  { additionalProperties: false },
)

export const ReferenceQuery = Type.Object(
  {
    name: Type.Optional(Type.String({ pattern: REFERENCE_NAME_PATTERN })),
    from: Type.Optional(DateText),
    to: Type.Optional(DateText),
  },
  { additionalProperties: false },
)

export const IdParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,17}$' }) },
  { additionalProperties: false },
)
