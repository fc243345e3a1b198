/**
 * The policy API's schemas: strict request bodies (no coercion, no unknown fields) and the answers
 * (fields not listed are never sent). Money is a decimal string of fen; shares are fractions 0..1.
 * @module
 */
import { type TSchema, Type } from 'typebox'
import { StringEnum } from '../platform/http/schemas.ts'
import { APPLICATION_STATUSES, PROGRAMME_STATUSES } from './model.ts'
import { COMPARISONS, RULE_IDS } from './rules.ts'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const ID_PATTERN = '^[1-9][0-9]{0,17}$'
export const ID = new RegExp(ID_PATTERN)
export const PROGRAMME_ID_PATTERN = '^[a-z][a-z0-9_]{1,39}$'

export const FenString = Type.String({ pattern: '^(0|[1-9][0-9]{0,17})$', description: 'fen (CNY × 100)' })
const Fraction = Type.Number({ minimum: 0, maximum: 1 })
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' })
const RuleId = StringEnum(RULE_IDS)
const Comparison = StringEnum(COMPARISONS)
const ProgrammeStatus = StringEnum(PROGRAMME_STATUSES)
export const ApplicationStatus = StringEnum(APPLICATION_STATUSES)
const Words = Type.Object({ en: Type.String(), zh: Type.String() })
const Note = Type.String({ minLength: 1, maxLength: 2000 })

const TierJson = Type.Object(
  {
    revenueUpToCny: Nullable(Type.Number({ minimum: 0, description: 'null: the open-ended last band' })),
    threshold: Type.Number(),
  },
  { additionalProperties: false },
)

const RuleBody = Type.Object(
  {
    rule: RuleId,
    comparison: Comparison,
    threshold: Type.Optional(Type.Number()),
    tiers: Type.Optional(Type.Array(TierJson, { maxItems: 10 })),
  },
  { additionalProperties: false, description: 'A threshold, or tiers over revenue (not both)' },
)

const programmeFields = {
  nameZh: Type.String({ minLength: 1, maxLength: 200 }),
  nameEn: Type.String({ minLength: 1, maxLength: 200 }),
  descriptionZh: Type.String({ minLength: 1, maxLength: 4000 }),
  descriptionEn: Type.String({ minLength: 1, maxLength: 4000 }),
  rules: Type.Array(RuleBody, { maxItems: 20 }),
  amountFen: FenString,
  budgetFen: FenString,
  opensOn: Day,
  closesOn: Day,
  status: ProgrammeStatus,
  noteZh: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  noteEn: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
}

export const ProgrammeBody = Type.Object(programmeFields, { additionalProperties: false })
export const NewProgrammeBody = Type.Object(
  { id: Type.String({ pattern: PROGRAMME_ID_PATTERN }), ...programmeFields },
  { additionalProperties: false },
)

const RuleJson = Type.Object({
  rule: RuleId,
  comparison: Comparison,
  threshold: Type.Optional(Type.Number()),
  tiers: Type.Optional(Type.Array(TierJson)),
})

const Counts = Type.Object({
  submitted: Type.Integer(),
  underReview: Type.Integer(),
  approved: Type.Integer(),
  rejected: Type.Integer(),
  disbursed: Type.Integer(),
})

export const ProgrammeJson = Type.Object({
  id: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  descriptionZh: Type.String(),
  descriptionEn: Type.String(),
  rules: Type.Array(RuleJson),
  amountFen: Type.String(),
  budgetFen: Type.String(),
  committedFen: Type.String({ description: 'Awards of approved and disbursed applications' }),
  disbursedFen: Type.String(),
  remainingFen: Type.String(),
  opensOn: Type.String(),
  closesOn: Type.String(),
  status: ProgrammeStatus,
  noteZh: Nullable(Type.String()),
  noteEn: Nullable(Type.String()),
  applications: Counts,
  synthetic: Type.Boolean({ description: 'A seeded default whose amounts are illustrative' }),
  updatedAt: Type.String(),
})

export const SummaryJson = Type.Object({
  synthetic: Type.Boolean(),
  programmes: Type.Array(
    Type.Object({
      id: Type.String(),
      nameZh: Type.String(),
      nameEn: Type.String(),
      budgetFen: Type.String(),
      committedFen: Type.String(),
      disbursedFen: Type.String(),
      applications: Counts,
      eligibleEnterprises: Type.Integer(),
    }),
  ),
})

export const ProgrammeParams = Type.Object(
  { id: Type.String({ pattern: PROGRAMME_ID_PATTERN }) },
  { additionalProperties: false },
)

export const EnterpriseParams = Type.Object(
  { enterpriseId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
)

const YEAR_PATTERN = '^(20[0-9]{2}|2100)$'
export const FactsParams = Type.Object(
  {
    enterpriseId: Type.String({ minLength: 1, maxLength: 64 }),
    year: Type.String({ pattern: YEAR_PATTERN }),
  },
  { additionalProperties: false },
)
export const YearQuery = Type.Object(
  { year: Type.Optional(Type.String({ pattern: YEAR_PATTERN })) },
  { additionalProperties: false },
)

export const FactsBody = Type.Object(
  {
    revenueFen: FenString,
    rdExpenseFen: FenString,
    highTechRevenueShare: Fraction,
    techStaffShare: Fraction,
    yearsInNiche: Type.Number({ minimum: 0, maximum: 200 }),
    mainBusinessShare: Fraction,
  },
  { additionalProperties: false },
)

export const YearFactsJson = Type.Object({
  enterpriseId: Type.String(),
  year: Type.Integer(),
  revenueFen: Type.String(),
  rdExpenseFen: Type.String(),
  highTechRevenueShare: Type.Number(),
  techStaffShare: Type.Number(),
  yearsInNiche: Type.Number(),
  mainBusinessShare: Type.Number(),
  enteredBy: Nullable(Type.String()),
  enteredAt: Type.String(),
  synthetic: Type.Boolean(),
})

const FactsJson = Type.Object({
  revenueCny: Type.Number(),
  rdExpenseCny: Type.Number(),
  highTechRevenueShare: Type.Number(),
  techStaffShare: Type.Number(),
  yearsInNiche: Type.Number(),
  mainBusinessShare: Type.Number(),
  worstEnergyLevel: Nullable(Type.Integer()),
  cleanEnergyShare: Nullable(Type.Number()),
})

const CheckJson = Type.Object({
  rule: RuleId,
  comparison: Comparison,
  required: Type.Number(),
  actual: Nullable(Type.Number()),
  passed: Type.Boolean(),
  tier: Nullable(
    Type.Object({ revenueOverCny: Nullable(Type.Number()), revenueUpToCny: Nullable(Type.Number()) }),
  ),
  words: Words,
})

/** One programme judged: the CLI record's fields, every rule with its words, and the verdict's words. */
const resultFields = {
  id: Type.String(),
  eligible: Type.Boolean(),
  failed: Type.Array(Type.Object({ rule: RuleId, required: Type.Number(), actual: Nullable(Type.Number()) })),
  checks: Type.Array(CheckJson),
  summary: Words,
}
export const ProgrammeResultJson = Type.Object(resultFields)

export const EligibilityJson = Type.Object({
  enterpriseId: Type.String(),
  year: Type.Integer(),
  facts: FactsJson,
  energy: Type.Object({
    worstEnergyLevel: Nullable(Type.Integer()),
    cleanEnergyShare: Nullable(Type.Number()),
    months: Type.Integer({ description: 'Months of the last twelve with energy records' }),
  }),
  programmes: Type.Array(Type.Object({ ...resultFields, nameZh: Type.String(), nameEn: Type.String() })),
})

export const NewApplicationBody = Type.Object(
  { programmeId: Type.String({ pattern: PROGRAMME_ID_PATTERN }), note: Type.Optional(Note) },
  { additionalProperties: false },
)

export const ApplicationParams = Type.Object(
  { id: Type.String({ pattern: ID_PATTERN }) },
  { additionalProperties: false },
)
export const DocumentParams = Type.Object(
  { id: Type.String({ pattern: ID_PATTERN }), documentId: Type.String({ pattern: ID_PATTERN }) },
  { additionalProperties: false },
)

export const ApplicationListQuery = Type.Object(
  {
    status: Type.Optional(ApplicationStatus),
    programmeId: Type.Optional(Type.String({ pattern: PROGRAMME_ID_PATTERN })),
  },
  { additionalProperties: false },
)

export const DocumentBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\\\\\x00-\\x1f]+$' }),
    mediaType: Type.String({
      maxLength: 255,
      pattern: '^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$',
      description: 'e.g. application/pdf',
    }),
    contentBase64: Type.String({ minLength: 4, pattern: '^[A-Za-z0-9+/]*={0,2}$' }),
  },
  { additionalProperties: false },
)

export const NoteBody = Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false })
export const RejectBody = Type.Object({ reason: Note }, { additionalProperties: false })
export const DisburseBody = Type.Object(
  { amountFen: Type.Optional(FenString), note: Type.Optional(Note) },
  { additionalProperties: false, description: 'amountFen: default the whole award' },
)

const DocumentJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedBy: Type.String(),
  uploadedAt: Type.String(),
})

export const ApplicationJson = Type.Object({
  id: Type.String(),
  programmeId: Type.String(),
  programmeNameZh: Type.String(),
  programmeNameEn: Type.String(),
  enterpriseId: Type.String(),
  enterpriseNameZh: Type.String(),
  enterpriseNameEn: Type.String(),
  applicantId: Type.String(),
  status: ApplicationStatus,
  note: Nullable(Type.String()),
  awardFen: Nullable(Type.String()),
  disbursedFen: Nullable(Type.String()),
  rejectionReason: Nullable(Type.String()),
  approvals: Type.Integer({ description: 'Approvals so far (two different administrators approve)' }),
  createdAt: Type.String(),
  submittedAt: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  disbursedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  synthetic: Type.Boolean(),
})

export const ApplicationDetailJson = Type.Object({
  application: ApplicationJson,
  eligibility: Nullable(
    Type.Object({
      year: Type.Integer(),
      facts: FactsJson,
      energyMonths: Type.Integer(),
      result: ProgrammeResultJson,
    }),
  ),
  approvals: Type.Array(
    Type.Object({
      adminId: Type.String(),
      adminName: Nullable(Type.String()),
      at: Type.String(),
      note: Nullable(Type.String()),
    }),
  ),
  documents: Type.Array(DocumentJson),
  trail: Type.Array(
    Type.Object({
      action: Type.String(),
      actorId: Type.String(),
      actorName: Nullable(Type.String()),
      at: Type.String(),
      from: Nullable(ApplicationStatus),
      to: ApplicationStatus,
      note: Nullable(Type.String()),
    }),
  ),
})

export { DocumentJson }
