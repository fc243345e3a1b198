/**
 * Request and response schemas of the intake-plan routes. The body's shape is checked here (400);
 * what the shape cannot say (a plant id used twice) is checked by readIntakeProblem (422).
 * @module
 */
import { Type } from 'typebox'
import { StringEnum } from '../platform/index.ts'
import { FORMS } from './intake/index.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

/** Above these the figures are typing errors (readIntakeProblem's own limits). */
const MAX_TONNES = 1e9
const MAX_CNY_PER_T = 1e9

export const MONTH_PATTERN = '^[0-9]{4}-(?:0[1-9]|1[0-2])$'
export const MonthText = Type.String({ pattern: MONTH_PATTERN, description: 'A month, YYYY-MM' })

const Id = Type.String({ minLength: 1, maxLength: 80 })
const Name = Type.String({ minLength: 1, maxLength: 200 })
const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'WGS-84 degrees' })
const Lon = Type.Number({ minimum: -180, maximum: 180, description: 'WGS-84 degrees' })
const Tonnes = Type.Number({ minimum: 0, maximum: MAX_TONNES, description: 't' })
const Form = StringEnum(FORMS)

const SupplierFields = {
  id: Id,
  lat: Lat,
  lon: Lon,
  form: Form,
  capacityT: Tonnes,
  premiumCnyPerT: Type.Number({
    minimum: -MAX_CNY_PER_T,
    maximum: MAX_CNY_PER_T,
    description: 'Premium over the base price, CNY/t',
  }),
}

const PlantFields = {
  id: Id,
  lat: Lat,
  lon: Lon,
  demandT: Type.Object(
    { molten: Type.Optional(Tonnes), ingot: Type.Optional(Tonnes) },
    { additionalProperties: false, description: "The month's demand of each form; a missing form is none" },
  ),
}

export const IntakePlanBody = Type.Object(
  {
    month: MonthText,
    suppliers: Type.Array(
      Type.Object({ ...SupplierFields, name: Type.Optional(Name) }, { additionalProperties: false }),
      { maxItems: 500 },
    ),
    plants: Type.Array(
      Type.Object({ ...PlantFields, name: Type.Optional(Name) }, { additionalProperties: false }),
      { maxItems: 1000 },
    ),
    unmetPenaltyCnyPerT: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
  },
  { additionalProperties: false },
)

const SupplierJson = Type.Object({ ...SupplierFields, name: Nullable(Type.String()) })
const PlantJson = Type.Object({
  ...PlantFields,
  demandT: Type.Object({ molten: Type.Number(), ingot: Type.Number() }),
  name: Nullable(Type.String()),
})

const ResultJson = Type.Object({
  totalCostCny: Type.Number({ description: 'The cost of the flows (metal premium + freight), CNY' }),
  flows: Type.Array(
    Type.Object({
      from: Type.String(),
      to: Type.String(),
      form: Form,
      tonnes: Type.Number(),
      costCnyPerT: Type.Number(),
    }),
  ),
  unmet: Type.Array(Type.Object({ plant: Type.String(), form: Form, tonnes: Type.Number() })),
  marginalCostCnyPerT: Type.Record(Type.String(), Type.Number()),
})

const FigureFields = {
  month: Type.String(),
  revision: Type.Integer({ description: "1, then one more each time the month's plan is saved again" }),
  totalCostCny: Type.Number(),
  deliveredT: Type.Number(),
  unmetT: Type.Number(),
  moltenT: Type.Number(),
  moltenShare: Nullable(Type.Number({ description: 'moltenT / deliveredT; null when nothing is delivered' })),
  gasSavedM3: Type.Number({ description: '20 m³ of natural gas per molten tonne (60 against 80 m³/t)' }),
  synthetic: Type.Boolean(),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String({ description: 'The username; null for the demo' })),
}

export const IntakePlanSummaryJson = Type.Object(FigureFields)

export const IntakePlanListJson = Type.Object({
  synthetic: Type.Boolean({ description: 'True when any plan listed is the demo’s' }),
  plans: Type.Array(IntakePlanSummaryJson),
})

export const IntakePlanJson = Type.Object({
  synthetic: Type.Boolean(),
  plan: Type.Object({
    ...FigureFields,
    unmetPenaltyCnyPerT: Type.Number(),
    suppliers: Type.Array(SupplierJson),
    plants: Type.Array(PlantJson),
    result: ResultJson,
  }),
  previous: Nullable(
    Type.Object({
      month: Type.String(),
      totalCostCny: Type.Number(),
      moltenShare: Nullable(Type.Number()),
      gasSavedM3: Type.Number(),
      deliveredT: Type.Number(),
    }),
  ),
})
