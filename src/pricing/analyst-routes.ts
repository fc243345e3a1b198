/**
 * The analysts' console API: proposals from the method, approval by a second person, rejections,
 * corrections as new revisions, and external references.
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { requireRole } from '../accounts/index.ts'
import { WRITE_PROBLEMS } from '../platform/http/schemas.ts'
import type { Assessment } from './records.ts'
import { AssessmentJson, ReferenceJson, Synthetic } from './response-schemas.ts'
import { actorOf, BODY_LIMIT, DEFAULT_PAGE_SIZE, Problem, unwrap } from './route-support.ts'
import {
  AssessmentBody,
  AssessmentListQuery,
  CorrectionBody,
  IdParams,
  ReferenceBody,
  RejectBody,
} from './schemas.ts'
import type { PricingService } from './service.ts'
import { assessmentView, referenceView } from './views.ts'

/** Assessments as analysts see them, with the people named by username. */
async function namedViews(service: PricingService, assessments: readonly Assessment[]) {
  const names = await service.usernames(assessments.flatMap((a) => [a.proposedBy, a.approvedBy]))
  return assessments.map((a) => ({
    ...assessmentView(a),
    proposedByName: names.get(a.proposedBy)!,
    approvedByName: a.approvedBy === null ? null : names.get(a.approvedBy)!,
  }))
}

export const analystRoutes: FastifyPluginAsyncTypebox<{ service: PricingService }> = async (
  app,
  { service },
) => {
  const analyst = requireRole('analyst', 'admin')

  const AssessmentAnswer = Type.Object({ synthetic: Synthetic, assessment: AssessmentJson })

  app.post(
    '/pricing/assessments',
    {
      onRequest: analyst,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['pricing'],
        summary: "Propose the method's record for a period (default: the latest closed window)",
        body: AssessmentBody,
        response: { 201: AssessmentAnswer, ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { series, date, judgement } = request.body
      const assessment = unwrap(
        await service.propose(actorOf(request, reply), {
          seriesId: series,
          ...(date ? { date } : {}),
          judgement: judgement ?? null,
        }),
      )
      reply.status(201)
      return { synthetic: assessment.synthetic, assessment: (await namedViews(service, [assessment]))[0]! }
    },
  )

  app.get(
    '/pricing/assessments',
    {
      onRequest: analyst,
      schema: {
        tags: ['pricing'],
        summary: 'Assessments of every status with their full records, newest first',
        querystring: AssessmentListQuery,
        response: {
          200: Type.Object({ synthetic: Synthetic, assessments: Type.Array(AssessmentJson) }),
          400: Problem,
          401: Problem,
          403: Problem,
        },
      },
    },
    async (request) => {
      const { status, series, limit } = request.query
      const assessments = await service.assessments({
        ...(status ? { status } : {}),
        ...(series ? { seriesId: series } : {}),
        limit: limit ? Number(limit) : DEFAULT_PAGE_SIZE,
      })
      return {
        synthetic: assessments.some((a) => a.synthetic),
        assessments: await namedViews(service, assessments),
      }
    },
  )

  app.post(
    '/pricing/assessments/:id/approve',
    {
      onRequest: analyst,
      schema: {
        tags: ['pricing'],
        summary: 'Publish a proposal (by an analyst other than its proposer); alerts are checked',
        params: IdParams,
        response: { 200: AssessmentAnswer, ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const assessment = unwrap(await service.approve(actorOf(request, reply), request.params.id))
      return { synthetic: assessment.synthetic, assessment: (await namedViews(service, [assessment]))[0]! }
    },
  )

  app.post(
    '/pricing/assessments/:id/reject',
    {
      onRequest: analyst,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['pricing'],
        summary: 'Reject a proposal, with the reason',
        params: IdParams,
        body: RejectBody,
        response: { 200: AssessmentAnswer, ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const assessment = unwrap(
        await service.reject(actorOf(request, reply), request.params.id, request.body.reason),
      )
      return { synthetic: assessment.synthetic, assessment: (await namedViews(service, [assessment]))[0]! }
    },
  )

  app.post(
    '/pricing/corrections',
    {
      onRequest: analyst,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['pricing'],
        summary: 'Propose a corrected value for a published period; approved, it is revision n + 1',
        body: CorrectionBody,
        response: { 201: AssessmentAnswer, ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { series, date, value, reason } = request.body
      const assessment = unwrap(
        await service.proposeCorrection(actorOf(request, reply), { seriesId: series, date, value, reason }),
      )
      reply.status(201)
      return { synthetic: assessment.synthetic, assessment: (await namedViews(service, [assessment]))[0]! }
    },
  )

  app.post(
    '/pricing/references',
    {
      onRequest: analyst,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['pricing'],
        summary: 'Record an external reference price (SHFE settlement, SMM A00, …) with its source',
        body: ReferenceBody,
        response: { 201: Type.Object({ synthetic: Synthetic, reference: ReferenceJson }), ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const reference = await service.recordReference(actorOf(request, reply), request.body)
      reply.status(201)
      return { synthetic: false, reference: referenceView(reference) }
    },
  )
}
