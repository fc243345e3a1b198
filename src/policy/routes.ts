/**
 * The policy API, mounted under /api/v1 after accountsRoutes: programmes (public to read,
 * administrators edit), an enterprise's facts and eligibility (its own users, administrators any),
 * the public summary for the dashboard, and the applications (application-routes.ts).
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { requireRole } from '../accounts/index.ts'
import { AppError } from '../kernel/index.ts'
import { applicationRoutes } from './application-routes.ts'
import { ApplicationService } from './application-service.ts'
import { listProgrammes } from './programme-store.ts'
import { actorOf, optionalActor, unwrap } from './route-support.ts'
import {
  EligibilityJson,
  EnterpriseParams,
  FactsBody,
  FactsParams,
  NewProgrammeBody,
  ProgrammeBody,
  ProgrammeJson,
  ProgrammeParams,
  SummaryJson,
  YearFactsJson,
  YearQuery,
} from './schemas.ts'
import type { PolicyService } from './service.ts'
import { eligibilityView, programmeView, summaryView, yearFactsView } from './views.ts'

export interface PolicyRoutesOptions {
  readonly service: PolicyService
}

const Problem = Type.Ref('Problem')
const WRITE_ERRORS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem }
const BODY_LIMIT = 64 * 1024

export const policyRoutes: FastifyPluginAsyncTypebox<PolicyRoutesOptions> = async (app, { service }) => {
  await service.ensureDefaults()
  const admin = requireRole('admin')
  const member = requireRole()

  app.get(
    '/policy/programmes',
    {
      schema: {
        tags: ['policy'],
        summary: 'Support programmes with their award, budget, what is committed and remaining, dates',
        response: { 200: Type.Object({ items: Type.Array(ProgrammeJson) }), 401: Problem },
      },
    },
    async (request, reply) => ({
      items: (await service.programmes(optionalActor(request, reply))).map(programmeView),
    }),
  )

  app.get(
    '/policy/programmes/:id',
    {
      schema: {
        tags: ['policy'],
        summary: 'One programme',
        params: ProgrammeParams,
        response: { 200: ProgrammeJson, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const found = await service.programme(optionalActor(request, reply), request.params.id)
      if (!found) throw new AppError('PROGRAMME_NOT_FOUND', `no programme ${request.params.id}`)
      return programmeView(found)
    },
  )

  app.post(
    '/policy/programmes',
    {
      onRequest: admin,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['policy'],
        summary: 'Create a programme (administrators)',
        body: NewProgrammeBody,
        response: { 201: ProgrammeJson, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      const { id, ...body } = request.body
      const created = unwrap(await service.createProgramme(actorOf(request, reply), id, body))
      reply.status(201)
      return programmeView(created)
    },
  )

  app.put(
    '/policy/programmes/:id',
    {
      onRequest: admin,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['policy'],
        summary: 'Edit a programme (administrators); the budget cannot drop below what is committed',
        params: ProgrammeParams,
        body: ProgrammeBody,
        response: { 200: ProgrammeJson, ...WRITE_ERRORS },
      },
    },
    async (request, reply) =>
      programmeView(
        unwrap(await service.updateProgramme(actorOf(request, reply), request.params.id, request.body)),
      ),
  )

  app.get(
    '/policy/summary',
    {
      schema: {
        tags: ['policy'],
        summary:
          'The programmes for the dashboard: budget, committed, disbursed, applications by status, eligible enterprises (no enterprise named)',
        response: { 200: SummaryJson },
      },
    },
    async () => summaryView(await service.summary()),
  )

  app.get(
    '/policy/enterprises/:enterpriseId/facts',
    {
      onRequest: member,
      schema: {
        tags: ['policy'],
        summary: 'An enterprise’s facts by year, latest first (its own users; administrators any)',
        params: EnterpriseParams,
        response: {
          200: Type.Object({ items: Type.Array(YearFactsJson) }),
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
        },
      },
    },
    async (request, reply) => ({
      items: unwrap(await service.facts(actorOf(request, reply), request.params.enterpriseId)).map(
        yearFactsView,
      ),
    }),
  )

  app.put(
    '/policy/enterprises/:enterpriseId/facts/:year',
    {
      onRequest: requireRole('trader', 'admin'),
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['policy'],
        summary: 'Enter or replace a year’s facts (the enterprise’s traders; administrators any)',
        params: FactsParams,
        body: FactsBody,
        response: { 200: YearFactsJson, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      const b = request.body
      const saved = await service.putFacts(
        actorOf(request, reply),
        request.params.enterpriseId,
        Number(request.params.year),
        {
          revenueFen: BigInt(b.revenueFen),
          rdExpenseFen: BigInt(b.rdExpenseFen),
          highTechRevenueShare: b.highTechRevenueShare,
          techStaffShare: b.techStaffShare,
          yearsInNiche: b.yearsInNiche,
          mainBusinessShare: b.mainBusinessShare,
        },
      )
      return yearFactsView(unwrap(saved))
    },
  )

  app.get(
    '/policy/enterprises/:enterpriseId/eligibility',
    {
      onRequest: member,
      schema: {
        tags: ['policy'],
        summary:
          'Every programme judged on the enterprise’s facts (latest year, or ?year=) and energy ledger, each rule in words',
        params: EnterpriseParams,
        querystring: YearQuery,
        response: {
          200: EligibilityJson,
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          409: Problem,
        },
      },
    },
    async (request, reply) => {
      const { year } = request.query
      const judged = unwrap(
        await service.eligibility(
          actorOf(request, reply),
          request.params.enterpriseId,
          year === undefined ? undefined : Number(year),
        ),
      )
      reply.header('cache-control', 'no-store')
      const programmes = new Map((await listProgrammes(service.db)).map((p) => [p.id, p]))
      return eligibilityView(judged, programmes)
    },
  )

  await app.register(applicationRoutes, { service: new ApplicationService(service) })
}
