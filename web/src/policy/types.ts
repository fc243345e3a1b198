/**
 * The policy API's answers as the UI reads them (see src/policy/schemas.ts). Money is a decimal
 * string of fen.
 * @module
 */

export const RULE_IDS = [
  'rd_intensity',
  'rd_expense',
  'revenue',
  'high_tech_revenue_share',
  'tech_staff_share',
  'years_in_niche',
  'main_business_share',
  'energy_level',
  'clean_energy_share',
] as const
export type RuleId = (typeof RULE_IDS)[number]
export type Comparison = '>=' | '<='

export const PROGRAMME_STATUSES = ['draft', 'open', 'closed'] as const
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number]

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'under_review',
  'approved',
  'rejected',
  'disbursed',
] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

export interface Tier {
  revenueUpToCny: number | null
  threshold: number
}

export interface Rule {
  rule: RuleId
  comparison: Comparison
  threshold?: number
  tiers?: Tier[]
}

export interface Counts {
  submitted: number
  underReview: number
  approved: number
  rejected: number
  disbursed: number
}

export interface Programme {
  id: string
  nameZh: string
  nameEn: string
  descriptionZh: string
  descriptionEn: string
  rules: Rule[]
  amountFen: string
  budgetFen: string
  committedFen: string
  disbursedFen: string
  remainingFen: string
  opensOn: string
  closesOn: string
  status: ProgrammeStatus
  noteZh: string | null
  noteEn: string | null
  applications: Counts
  synthetic: boolean
  updatedAt: string
}

/** What the editor sends. */
export type ProgrammeBody = Omit<
  Programme,
  'id' | 'committedFen' | 'disbursedFen' | 'remainingFen' | 'applications' | 'synthetic' | 'updatedAt'
>

export interface Words {
  en: string
  zh: string
}

export interface Check {
  rule: RuleId
  comparison: Comparison
  required: number
  actual: number | null
  passed: boolean
  tier: { revenueOverCny: number | null; revenueUpToCny: number | null } | null
  words: Words
}

export interface ProgrammeResult {
  id: string
  eligible: boolean
  failed: { rule: RuleId; required: number; actual: number | null }[]
  checks: Check[]
  summary: Words
}

export interface Facts {
  revenueCny: number
  rdExpenseCny: number
  highTechRevenueShare: number
  techStaffShare: number
  yearsInNiche: number
  mainBusinessShare: number
  worstEnergyLevel: number | null
  cleanEnergyShare: number | null
}

export interface EligibilityAnswer {
  enterpriseId: string
  year: number
  facts: Facts
  energy: { worstEnergyLevel: number | null; cleanEnergyShare: number | null; months: number }
  programmes: (ProgrammeResult & { nameZh: string; nameEn: string })[]
}

export interface YearFacts {
  enterpriseId: string
  year: number
  revenueFen: string
  rdExpenseFen: string
  highTechRevenueShare: number
  techStaffShare: number
  yearsInNiche: number
  mainBusinessShare: number
  enteredBy: string | null
  enteredAt: string
  synthetic: boolean
}

export type FactsBody = Omit<YearFacts, 'enterpriseId' | 'year' | 'enteredBy' | 'enteredAt' | 'synthetic'>

export interface Application {
  id: string
  programmeId: string
  programmeNameZh: string
  programmeNameEn: string
  enterpriseId: string
  enterpriseNameZh: string
  enterpriseNameEn: string
  applicantId: string
  status: ApplicationStatus
  note: string | null
  awardFen: string | null
  disbursedFen: string | null
  rejectionReason: string | null
  approvals: number
  createdAt: string
  submittedAt: string | null
  decidedAt: string | null
  disbursedAt: string | null
  updatedAt: string
  synthetic: boolean
}

export interface DocumentMeta {
  id: string
  name: string
  mediaType: string
  sizeBytes: number
  uploadedBy: string
  uploadedAt: string
}

export type Action =
  | 'created'
  | 'document_added'
  | 'submitted'
  | 'review_started'
  | 'approval_recorded'
  | 'approved'
  | 'rejected'
  | 'disbursed'

export interface ApplicationDetail {
  application: Application
  eligibility: { year: number; facts: Facts; energyMonths: number; result: ProgrammeResult } | null
  approvals: { adminId: string; adminName: string | null; at: string; note: string | null }[]
  documents: DocumentMeta[]
  trail: {
    action: Action
    actorId: string
    actorName: string | null
    at: string
    from: ApplicationStatus | null
    to: ApplicationStatus
    note: string | null
  }[]
}
