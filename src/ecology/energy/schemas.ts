/**
 * The energy ledger API's schemas. Line and month of a submission are plain text here: the ledger
 * refuses an unknown line or a malformed month with its own codes (422), not as a malformed request.
 * @module
 */
import { type TSchema, Type } from 'typebox'
import { ENTERPRISE_ID_PATTERN } from '../../registry/model.ts'
import { PROCESS_LINES } from './levels.ts'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const MONTH_PATTERN_TEXT = '^[0-9]{4}-(0[1-9]|1[0-2])$'
export const MonthQuery = Type.String({ pattern: MONTH_PATTERN_TEXT, description: 'YYYY-MM (Asia/Shanghai)' })
export const EnterpriseId = Type.String({ pattern: ENTERPRISE_ID_PATTERN })
export const Synthetic = Type.Boolean({ description: 'True when the answer holds demo data' })
export const Level = Type.Integer({
  minimum: 1,
  maximum: 4,
  description: 'GB 21351-2023 level; 4 = above level 3',
})
export const Line = Type.String({ description: `A GB 21351-2023 class I row: ${PROCESS_LINES.join(', ')}` })

const Figure = (description: string) => Type.Number({ description })
const OptionalFigure = (description: string) => Type.Optional(Figure(`${description} (default 0)`))

const FigureFields = {
  gridKwh: Figure('Grid electricity, kWh (not the green-certificate kWh)'),
  ownPvKwh: OptionalFigure('Own photovoltaic electricity used, kWh'),
  greenCertKwh: OptionalFigure('Electricity bought with green certificates, kWh'),
  naturalGasNm3: Figure('Natural gas, Nm³'),
  otherFuelsKgce: OptionalFigure('Other fuels, kgce'),
  otherDirectKgco2: OptionalFigure('Direct CO2 not from natural gas, kg'),
  outputT: Figure('Output of the line, t (decimals allowed)'),
}

export const SubmitBody = Type.Object(
  {
    enterpriseId: Type.Optional(EnterpriseId),
    month: Type.String({ maxLength: 20, description: 'YYYY-MM, not after the current month' }),
    line: Type.String({ maxLength: 60, description: `One of ${PROCESS_LINES.join(', ')}` }),
    ...FigureFields,
  },
  {
    additionalProperties: false,
    description: 'A month of one line; enterpriseId: admin only (default yours)',
  },
)

export const CorrectionBody = Type.Object(
  {
    ...FigureFields,
    reason: Type.String({ maxLength: 1000, description: 'Why the record is corrected' }),
    baseRevision: Type.Optional(Type.Integer({ minimum: 1, description: 'The revision you corrected' })),
  },
  { additionalProperties: false },
)

export const RecordParams = Type.Object({
  enterpriseId: EnterpriseId,
  month: Type.String({ maxLength: 20 }),
  line: Type.String({ maxLength: 60 }),
})

export const RecordsQuery = Type.Object(
  {
    enterpriseId: Type.Optional(EnterpriseId),
    from: Type.Optional(MonthQuery),
    to: Type.Optional(MonthQuery),
  },
  { additionalProperties: false },
)

export const RecordJson = Type.Object({
  enterpriseId: Type.String(),
  month: Type.String(),
  line: Line,
  revision: Type.Integer(),
  current: Type.Boolean(),
  gridKwh: Type.Number(),
  ownPvKwh: Type.Number(),
  greenCertKwh: Type.Number(),
  naturalGasNm3: Type.Number(),
  otherFuelsKgce: Type.Number(),
  otherDirectKgco2: Type.Number(),
  outputT: Type.Number(),
  electricityKwh: Type.Number(),
  energyKgce: Type.Number(),
  intensityKgcePerT: Nullable(Type.Number()),
  level: Nullable(Level),
  limitsKgcePerT: Type.Array(Type.Number(), { description: 'Levels 1, 2, 3' }),
  cleanEnergyShare: Nullable(Type.Number()),
  gridKgco2PerKwh: Type.Number(),
  directKgco2: Type.Number(),
  indirectKgco2: Type.Number(),
  tco2PerT: Nullable(Type.Number()),
  reason: Nullable(Type.String()),
  submittedBy: Nullable(Type.String({ description: 'Username; null for the demo' })),
  submittedAt: Type.String({ format: 'date-time' }),
  synthetic: Synthetic,
})

export const RecordsJson = Type.Object({
  synthetic: Synthetic,
  enterpriseId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  currentMonth: Type.String({
    description: 'The month it is now (Asia/Shanghai): the latest that may be submitted',
  }),
  items: Type.Array(RecordJson),
})

export const LineJson = Type.Object({
  line: Line,
  nameZh: Type.String(),
  nameEn: Type.String(),
  limitsKgcePerT: Type.Array(Type.Number(), { description: 'Levels 1, 2, 3 (class I)' }),
  implausibleAboveKgcePerT: Type.Number({ description: 'Submissions above this intensity are refused' }),
})
