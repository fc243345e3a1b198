/**
 * The month's intake plans: any logged-in user reads them, an admin poses a month's problem, which
 * is solved with HiGHS and saved (saving a month again adds a revision). Bad input is refused (400
 * by the schema, 422 by readIntakeProblem's checks) and nothing is stored.
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { requirePrincipal, requireRole } from '../accounts/index.ts'
import { AppError, type Result } from '../kernel/index.ts'
import { IntakePlanBody, IntakePlanJson, IntakePlanListJson, MonthText } from './intake-schemas.ts'
import type { IntakePlanService, IntakePlanView } from './intake-service.ts'
import type { IntakePlanSummary } from './intake-store.ts'

const Problem = Type.Ref('Problem')
const READ_ERRORS = { 400: Problem, 401: Problem, 403: Problem }
const BODY_LIMIT = 512 * 1024

export interface IntakeRoutesOptions {
  readonly service: IntakePlanService
}

const unwrap = <T>(result: Result<T>): T => {
  if (!result.ok) throw AppError.from(result)
  return result.value
}

const summaryJson = (s: IntakePlanSummary) => ({
  month: s.month,
  revision: s.revision,
  totalCostCny: s.totalCostCny,
  deliveredT: s.deliveredT,
  unmetT: s.unmetT,
  moltenT: s.moltenT,
  moltenShare: s.moltenShare,
  gasSavedM3: s.gasSavedM3,
  synthetic: s.synthetic,
  createdAt: new Date(s.createdAtMs).toISOString(),
  createdBy: s.createdBy,
})

const viewJson = ({ plan, previous }: IntakePlanView) => ({
  synthetic: plan.synthetic,
  plan: {
    ...summaryJson(plan),
    unmetPenaltyCnyPerT: plan.problem.unmetPenaltyCnyPerT,
    suppliers: plan.problem.suppliers,
    plants: plan.problem.plants,
    result: plan.result,
  },
  previous: previous && {
    month: previous.month,
    totalCostCny: previous.totalCostCny,
    moltenShare: previous.moltenShare,
    gasSavedM3: previous.gasSavedM3,
    deliveredT: previous.deliveredT,
  },
})

export const intakeRoutes: FastifyPluginAsyncTypebox<IntakeRoutesOptions> = async (app, { service }) => {
  const reader = requireRole()
  const admin = requireRole('admin')

  app.get(
    '/distribution/intake-plans',
    {
      onRequest: reader,
      schema: {
        tags: ['distribution'],
        summary:
          "Every month's current intake plan, newest first, with its cost, molten share and gas saving",
        response: { 200: IntakePlanListJson, ...READ_ERRORS },
      },
    },
    async () => {
      const plans = await service.list()
      return { synthetic: plans.some((p) => p.synthetic), plans: plans.map(summaryJson) }
    },
  )

  app.get(
    '/distribution/intake-plans/:month',
    {
      onRequest: reader,
      schema: {
        tags: ['distribution'],
        summary: "A month's intake plan (problem, flows, figures) beside the previous saved month's",
        params: Type.Object({ month: MonthText }, { additionalProperties: false }),
        response: { 200: IntakePlanJson, ...READ_ERRORS, 404: Problem },
      },
    },
    async (request) => viewJson(unwrap(await service.view(request.params.month))),
  )

  app.post(
    '/distribution/intake-plans',
    {
      onRequest: admin,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['distribution'],
        summary: "Solve a month's intake problem with HiGHS and save it as the month's plan (admin)",
        body: IntakePlanBody,
        response: { 201: IntakePlanJson, ...READ_ERRORS, 413: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const { username } = requirePrincipal(request, reply)
      const view = unwrap(await service.save(request.body, username))
      reply.status(201)
      return viewJson(view)
    },
  )
}
