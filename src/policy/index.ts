/**
 * Support programmes (issue 7): programmes as data the operator edits (rules over enterprise
 * facts, an award, a budget, dates), eligibility explained in words, and applications from draft to
 * disbursement with two approvers, documents, an audit trail and a budget that is never exceeded.
 * @module
 */
export { ApplicationService } from './application-service.ts'
export { eligibilityCommand } from './cli.ts'
export { DEFAULT_PROGRAMMES } from './defaults.ts'
export { seedDemoPolicy } from './demo.ts'
export {
  type EligibilityRecord,
  eligibilityRecord,
  evaluateProgramme,
  type ProgrammeCheck,
} from './eligibility.ts'
export type * from './model.ts'
export { type PolicyRoutesOptions, policyRoutes } from './routes.ts'
export { COMPARISONS, type EnterpriseFacts, RULE_IDS, type Rule, type RuleId } from './rules.ts'
export { PolicyService, type PolicyServiceOptions } from './service.ts'
export { summaryView as programmesSummaryView } from './views.ts'
export { explainProgramme, type Words } from './words.ts'
