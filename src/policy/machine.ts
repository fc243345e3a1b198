/**
 * The application state machine and its guards, pure.
 *
 * | state \ step  | submit    | start_review | approve                          | reject   | disburse  |
 * |---------------|-----------|--------------|----------------------------------|----------|-----------|
 * | draft         | submitted | –            | –                                | –        | –         |
 * | submitted     | –         | under_review | –                                | –        | –         |
 * | under_review  | –         | –            | under_review (1st) / approved (2nd) | rejected | –      |
 * | approved      | –         | –            | –                                | –        | disbursed |
 * | rejected      | –         | –            | –                                | –        | –         |
 * | disbursed     | –         | –            | –                                | –        | –         |
 *
 * An approval needs two different administrators, neither of them the user who applied; the second
 * one makes the application approved and commits its award against the budget, which the approval
 * that would exceed it is refused (BUDGET_EXHAUSTED). Every other step out of its row is
 * APPLICATION_TRANSITION_NOT_ALLOWED.
 * @module
 */
import { ok, type Result, refuse } from '../kernel/index.ts'
import type { ApplicationStatus } from './model.ts'

export type Step = 'submit' | 'start_review' | 'approve' | 'reject' | 'disburse'

/** Different administrators an application needs before it is approved. */
export const APPROVALS_NEEDED = 2

const FROM: Readonly<Record<Step, ApplicationStatus>> = {
  submit: 'draft',
  start_review: 'submitted',
  approve: 'under_review',
  reject: 'under_review',
  disburse: 'approved',
}

const TO: Readonly<Record<Exclude<Step, 'approve'>, ApplicationStatus>> = {
  submit: 'submitted',
  start_review: 'under_review',
  reject: 'rejected',
  disburse: 'disbursed',
}

/**
 * Where a step leads from a status, or the refusal. For `approve`, `approvalsBefore` decides: the
 * last approval needed leads to approved, an earlier one stays under review.
 *
 * @example nextStatus('draft', 'disburse') // refusal APPLICATION_TRANSITION_NOT_ALLOWED
 */
export function nextStatus(
  status: ApplicationStatus,
  step: Step,
  approvalsBefore = 0,
): Result<ApplicationStatus> {
  if (FROM[step] !== status)
    return refuse(
      'APPLICATION_TRANSITION_NOT_ALLOWED',
      `an application that is ${status.replace('_', ' ')} cannot be ${verb(step)}; it must be ${FROM[step].replace('_', ' ')}`,
    )
  if (step === 'approve') return ok(approvalsBefore + 1 >= APPROVALS_NEEDED ? 'approved' : 'under_review')
  return ok(TO[step])
}

const verb = (step: Step) =>
  ({
    submit: 'submitted',
    start_review: 'taken into review',
    approve: 'approved',
    reject: 'rejected',
    disburse: 'disbursed',
  })[step]

/**
 * Whether `adminId` may add an approval: not the applicant (APPROVER_IS_APPLICANT), not twice
 * (APPROVAL_DUPLICATE), and the application under review. Returns the status it leads to.
 */
export function checkApproval(
  application: { readonly status: ApplicationStatus; readonly applicantId: string },
  approvers: readonly string[],
  adminId: string,
): Result<ApplicationStatus> {
  const next = nextStatus(application.status, 'approve', approvers.length)
  if (!next.ok) return next
  if (adminId === application.applicantId)
    return refuse('APPROVER_IS_APPLICANT', 'the user who applied cannot approve the application')
  if (approvers.includes(adminId))
    return refuse(
      'APPROVAL_DUPLICATE',
      'you have approved this application already; a second administrator must',
    )
  return next
}

/**
 * Whether a programme's budget takes one more award: committed (approved and disbursed awards) plus
 * this award must not exceed the budget.
 */
export function checkBudget(budget: {
  readonly budgetFen: bigint
  readonly committedFen: bigint
  readonly awardFen: bigint
}): Result<bigint> {
  const after = budget.committedFen + budget.awardFen
  if (after > budget.budgetFen)
    return refuse(
      'BUDGET_EXHAUSTED',
      `the award of ${budget.awardFen} fen would take the programme to ${after} fen of its ${budget.budgetFen} fen budget`,
    )
  return ok(after)
}
