import { Type } from 'typebox'
import { HIGH_END_GROUPS } from './high-end.ts'

const NullableNumber = Type.Union([Type.Number(), Type.Null()])
const NullableString = Type.Union([Type.String(), Type.Null()])

const PriceJson = Type.Object({
  seriesId: Type.String(),
  date: NullableString,
  value: NullableNumber,
  change: NullableNumber,
  allIn: NullableNumber,
})

export const DashboardJson = Type.Object({
  synthetic: Type.Boolean({ description: 'True when any figure comes from the generated demo data' }),
  figures: Type.Object({
    annualRevenueCny: Type.String({ description: 'Processors’ annual revenue, decimal yuan' }),
    outputTonnesPerYear: Type.Integer(),
    processingEnterprises: Type.Integer(),
    supportingEnterprises: Type.Integer(),
    headquarteredInCluster: Type.Integer(),
    processorsInCluster: Type.Integer(),
    topTenSheetStrip: Type.Integer(),
  }),
  highEnd: Type.Object({
    totalMonthlyCapacityT: Type.Number(),
    highEndMonthlyCapacityT: Type.Number(),
    share: NullableNumber,
    groups: Type.Array(
      Type.Object({
        group: Type.String({ description: HIGH_END_GROUPS.join(', ') }),
        monthlyCapacityT: Type.Number(),
        share: NullableNumber,
      }),
    ),
  }),
  chain: Type.Object({
    stages: Type.Array(
      Type.Object({ stage: Type.String(), enterprises: Type.Integer(), thin: Type.Boolean() }),
    ),
    thin: Type.Array(Type.String()),
  }),
  prices: Type.Object({
    synthetic: Type.Boolean(),
    asOf: NullableString,
    base: PriceJson,
    fee: PriceJson,
    published: Type.Integer(),
    series: Type.Integer(),
  }),
  ecology: Type.Unknown({ description: 'As GET /ecology/summary answers; null when not available' }),
  programmes: Type.Unknown({ description: 'As GET /policy/summary answers; null when not available' }),
})
