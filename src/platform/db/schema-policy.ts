import type { ColumnType } from 'kysely'

type Int8 = ColumnType<bigint, bigint | string | number, bigint | string | number>
type NullableInt8 = ColumnType<
  bigint | null,
  bigint | string | number | null | undefined,
  bigint | string | number | null
>
type Id = ColumnType<bigint, never, never>
type Instant = ColumnType<Date, Date | string, Date | string>
type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
/** A `date` column: written as `YYYY-MM-DD`; read it with to_char (drivers parse it in local time). */
type Day = ColumnType<Date | string, string, string>
/** JSON written as text, read back parsed. */
type Json = ColumnType<unknown, string, string>
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>
type ApplicationStatusText = 'draft' | 'submitted' | 'under_review' | 'approved' | 'rejected' | 'disbursed'

/** Tables of migration 0012_policy, written by src/policy (issue 7). */
export interface PolicyTables {
  policy_programme: PolicyProgrammeTable
  policy_enterprise_facts: PolicyEnterpriseFactsTable
  policy_application: PolicyApplicationTable
  policy_application_approval: PolicyApplicationApprovalTable
  policy_application_document: PolicyApplicationDocumentTable
  policy_application_event: PolicyApplicationEventTable
}

export interface PolicyProgrammeTable {
  id: string
  name_zh: string
  name_en: string
  description_zh: string
  description_en: string
  rules: Json
  amount_fen: Int8
  budget_fen: Int8
  opens_on: Day
  closes_on: Day
  status: 'draft' | 'open' | 'closed'
  note_zh: string | null
  note_en: string | null
  position: number
  synthetic: ColumnType<boolean, boolean | undefined, boolean>
  created_at: Instant
  updated_by: string | null
  updated_at: Instant
}

export interface PolicyEnterpriseFactsTable {
  enterprise_id: string
  year: number
  revenue_fen: Int8
  rd_expense_fen: Int8
  high_tech_revenue_share: number
  tech_staff_share: number
  years_in_niche: number
  main_business_share: number
  entered_by: string | null
  entered_at: Instant
  synthetic: ColumnType<boolean, boolean | undefined, boolean>
}

export interface PolicyApplicationTable {
  id: Id
  programme_id: string
  enterprise_id: string
  applicant_id: string
  status: ApplicationStatusText
  note: string | null
  eligibility: NullableJson
  award_fen: NullableInt8
  disbursed_fen: NullableInt8
  rejection_reason: string | null
  created_at: Instant
  submitted_at: NullableInstant
  decided_at: NullableInstant
  disbursed_at: NullableInstant
  updated_at: Instant
  synthetic: ColumnType<boolean, boolean | undefined, boolean>
}

export interface PolicyApplicationApprovalTable {
  application_id: Int8
  admin_id: string
  approved_at: Instant
  note: string | null
}

export interface PolicyApplicationDocumentTable {
  id: Id
  application_id: Int8
  name: string
  media_type: string
  size_bytes: number
  content: ColumnType<Uint8Array, Uint8Array, never>
  uploaded_by: string
  uploaded_at: Instant
}

export interface PolicyApplicationEventTable {
  id: Id
  application_id: Int8
  action: string
  actor_id: string
  at: Instant
  from_status: ApplicationStatusText | null
  to_status: ApplicationStatusText
  note: string | null
}
