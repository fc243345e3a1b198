import { describe, expect, it } from 'vitest'
import { checkApproval, checkBudget, nextStatus, type Step } from './machine.ts'
import { APPLICATION_STATUSES, type ApplicationStatus } from './model.ts'

const ALLOWED: Record<Step, [ApplicationStatus, ApplicationStatus]> = {
  submit: ['draft', 'submitted'],
  start_review: ['submitted', 'under_review'],
  approve: ['under_review', 'under_review'],
  reject: ['under_review', 'rejected'],
  disburse: ['approved', 'disbursed'],
}

describe('the application state machine', () => {
  it('allows each step from exactly one state and refuses it from every other', () => {
    for (const [step, [from, to]] of Object.entries(ALLOWED) as [
      Step,
      [ApplicationStatus, ApplicationStatus],
    ][])
      for (const status of APPLICATION_STATUSES) {
        const next = nextStatus(status, step)
        if (status === from) expect(next, `${step} from ${status}`).toEqual({ ok: true, value: to })
        else
          expect(next.ok ? null : next.code, `${step} from ${status}`).toBe(
            'APPLICATION_TRANSITION_NOT_ALLOWED',
          )
      }
  })

  it('approves on the second approval only', () => {
    expect(nextStatus('under_review', 'approve', 0)).toEqual({ ok: true, value: 'under_review' })
    expect(nextStatus('under_review', 'approve', 1)).toEqual({ ok: true, value: 'approved' })
  })

  it('refuses the applicant as approver and the same administrator twice', () => {
    const app = { status: 'under_review' as const, applicantId: 'u-applicant' }
    expect(checkApproval(app, [], 'u-applicant')).toMatchObject({ ok: false, code: 'APPROVER_IS_APPLICANT' })
    expect(checkApproval(app, ['u-a'], 'u-a')).toMatchObject({ ok: false, code: 'APPROVAL_DUPLICATE' })
    expect(checkApproval(app, ['u-a'], 'u-b')).toEqual({ ok: true, value: 'approved' })
    expect(checkApproval({ ...app, status: 'approved' }, ['u-a', 'u-b'], 'u-c')).toMatchObject({
      ok: false,
      code: 'APPLICATION_TRANSITION_NOT_ALLOWED',
    })
  })

  it('lets the budget be filled exactly, never exceeded', () => {
    // 6 M budget, 5.7 M committed: one more 300 k award fits exactly, then nothing
    expect(
      checkBudget({ budgetFen: 600_000_000n, committedFen: 570_000_000n, awardFen: 30_000_000n }),
    ).toEqual({
      ok: true,
      value: 600_000_000n,
    })
    expect(
      checkBudget({ budgetFen: 600_000_000n, committedFen: 570_000_001n, awardFen: 30_000_000n }),
    ).toMatchObject({ ok: false, code: 'BUDGET_EXHAUSTED' })
    expect(checkBudget({ budgetFen: 0n, committedFen: 0n, awardFen: 1n })).toMatchObject({ ok: false })
  })
})
