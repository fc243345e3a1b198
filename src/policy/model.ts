/**
 * What the policy module keeps: programmes (rules as data, an award and a budget in fen, dates),
 * each enterprise's facts by year, and applications with their approvals, documents and audit
 * trail. Money is fen (bigint) inside, a decimal string of fen on the wire; days are `YYYY-MM-DD`
 * (Asia/Shanghai); instants are epoch ms.
 * @module
 */
import type { ProgrammeCheck } from './eligibility.ts'
import type { EnergyLevel, EnterpriseFacts, Rule } from './rules.ts'
import type { ProgrammeWords } from './words.ts'

export const PROGRAMME_STATUSES = ['draft', 'open', 'closed'] as const
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number]

/** What an administrator edits. */
export interface ProgrammeInput {
  readonly nameZh: string
  readonly nameEn: string
  readonly descriptionZh: string
  readonly descriptionEn: string
  readonly rules: readonly Rule[]
  readonly amountFen: bigint
  readonly budgetFen: bigint
  readonly opensOn: string
  readonly closesOn: string
  readonly status: ProgrammeStatus
  readonly noteZh: string | null
  readonly noteEn: string | null
}

export interface Programme extends ProgrammeInput {
  readonly id: string
  /** True for the seeded defaults until an administrator saves them (their amounts are illustrative). */
  readonly synthetic: boolean
  readonly updatedBy: string | null
  readonly updatedAtMs: number
}

/** What a programme's budget holds: awards of approved and disbursed applications. */
export interface ProgrammeUse {
  readonly committedFen: bigint
  readonly disbursedFen: bigint
  readonly counts: Readonly<Record<ApplicationStatus, number>>
}

/** An enterprise's facts of one year, as entered (the energy facts are not among them). */
export interface YearFacts {
  readonly enterpriseId: string
  readonly year: number
  readonly revenueFen: bigint
  readonly rdExpenseFen: bigint
  readonly highTechRevenueShare: number
  readonly techStaffShare: number
  readonly yearsInNiche: number
  readonly mainBusinessShare: number
  readonly enteredBy: string | null
  readonly enteredAtMs: number
  readonly synthetic: boolean
}

export type YearFactsInput = Omit<
  YearFacts,
  'enterpriseId' | 'year' | 'enteredBy' | 'enteredAtMs' | 'synthetic'
>

/** The energy ledger's facts of an enterprise (see the ecology module). */
export interface EnergyFacts {
  readonly worstEnergyLevel: EnergyLevel | null
  readonly cleanEnergyShare: number | null
  /** Months of the last twelve with records. */
  readonly months: number
}

/** One programme judged for one enterprise, with the words. */
export interface ProgrammeEligibility {
  readonly check: ProgrammeCheck
  readonly words: ProgrammeWords
}

/** An enterprise's eligibility: the facts it was judged on and every programme's result. */
export interface Eligibility {
  readonly enterpriseId: string
  readonly year: number
  readonly facts: EnterpriseFacts
  readonly energy: EnergyFacts
  readonly programmes: readonly (ProgrammeEligibility & { readonly programmeId: string })[]
}

/** What an application keeps of the eligibility at submission: its programme's result and words. */
export interface EligibilitySnapshot {
  readonly year: number
  readonly facts: EnterpriseFacts
  readonly energyMonths: number
  readonly check: ProgrammeCheck
  readonly words: ProgrammeWords
}

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'under_review',
  'approved',
  'rejected',
  'disbursed',
] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

export interface Application {
  readonly id: string
  readonly programmeId: string
  readonly enterpriseId: string
  readonly applicantId: string
  readonly status: ApplicationStatus
  readonly note: string | null
  readonly eligibility: EligibilitySnapshot | null
  readonly awardFen: bigint | null
  readonly disbursedFen: bigint | null
  readonly rejectionReason: string | null
  readonly createdAtMs: number
  readonly submittedAtMs: number | null
  readonly decidedAtMs: number | null
  readonly disbursedAtMs: number | null
  readonly updatedAtMs: number
  readonly synthetic: boolean
}

/** The audit trail's actions: the transitions, plus the first approval and the uploads. */
export type ApplicationAction =
  | 'created'
  | 'document_added'
  | 'submitted'
  | 'review_started'
  | 'approval_recorded'
  | 'approved'
  | 'rejected'
  | 'disbursed'

export interface ApplicationEvent {
  readonly id: string
  readonly action: ApplicationAction
  readonly actorId: string
  readonly actorName: string | null
  readonly atMs: number
  readonly fromStatus: ApplicationStatus | null
  readonly toStatus: ApplicationStatus
  readonly note: string | null
}

export interface Approval {
  readonly adminId: string
  readonly adminName: string | null
  readonly atMs: number
  readonly note: string | null
}

export interface DocumentMeta {
  readonly id: string
  readonly name: string
  readonly mediaType: string
  readonly sizeBytes: number
  readonly uploadedBy: string
  readonly uploadedAtMs: number
}

/** Who is acting: their user, enterprise, and whether they are an administrator (the operator). */
export interface PolicyActor {
  readonly userId: string
  readonly enterpriseId: string
  readonly isAdmin: boolean
  /** May write for their enterprise: create, upload, submit, enter facts (trader or admin). */
  readonly writes: boolean
}
