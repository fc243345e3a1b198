/**
 * The applications API: an enterprise's users list and read theirs, its traders draft, attach
 * documents and submit; administrators see every application and review, approve, reject and
 * disburse. Another enterprise's application answers 404, as if it did not exist.
 * @module
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { requireRole } from '../accounts/index.ts'
import { AppError } from '../kernel/index.ts'
import { WRITE_PROBLEMS } from '../platform/http/schemas.ts'
import type { ApplicationDetail, ApplicationService } from './application-service.ts'
import type { Application } from './model.ts'
import { listProgrammes } from './programme-store.ts'
import { actorOf, unwrap } from './route-support.ts'
import {
  ApplicationDetailJson,
  ApplicationJson,
  ApplicationListQuery,
  ApplicationParams,
  DisburseBody,
  DocumentBody,
  DocumentJson,
  DocumentParams,
  NewApplicationBody,
  NoteBody,
  RejectBody,
} from './schemas.ts'
import { applicationView, detailView, type Names } from './views.ts'

export interface ApplicationRoutesOptions {
  readonly service: ApplicationService
}

const Problem = Type.Ref('Problem')
const BODY_LIMIT = 16 * 1024
/** A 5 MB document in base64 (4/3) with its JSON around it. */
const DOCUMENT_BODY_LIMIT = 7 * 1024 * 1024 + 64 * 1024
const LIST_LIMIT = 200

/** Quotes a file name for Content-Disposition: an ASCII fallback and the UTF-8 original. */
const disposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`

export const applicationRoutes: FastifyPluginAsyncTypebox<ApplicationRoutesOptions> = async (
  app,
  { service },
) => {
  const member = requireRole()
  const writer = requireRole('trader', 'admin')
  const admin = requireRole('admin')

  const namesOf = async (apps: readonly Application[]): Promise<Names> => {
    const programmes = new Map((await listProgrammes(service.db)).map((p) => [p.id, p]))
    const ids = [...new Set(apps.map((a) => a.enterpriseId))]
    const rows =
      ids.length === 0
        ? []
        : await service.db
            .selectFrom('enterprise')
            .select(['id', 'name_zh', 'name_en'])
            .where('id', 'in', ids)
            .execute()
    return {
      programmes,
      enterprises: new Map(rows.map((r) => [r.id, { nameZh: r.name_zh, nameEn: r.name_en }])),
    }
  }
  const detail = async (d: ApplicationDetail) => detailView(d, await namesOf([d.application]))

  app.post(
    '/policy/applications',
    {
      onRequest: writer,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['policy'],
        summary: 'Draft an application of your enterprise for a programme',
        body: NewApplicationBody,
        response: { 201: ApplicationDetailJson, ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { programmeId, note } = request.body
      const created = unwrap(await service.create(actorOf(request, reply), programmeId, note ?? null))
      reply.status(201)
      return detail(created)
    },
  )

  app.get(
    '/policy/applications',
    {
      onRequest: member,
      schema: {
        tags: ['policy'],
        summary: 'Your enterprise’s applications (administrators: every one), newest first',
        querystring: ApplicationListQuery,
        response: { 200: Type.Object({ items: Type.Array(ApplicationJson) }), 400: Problem, 401: Problem },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request, reply)
      const apps = await service.list(actor, { ...request.query, limit: LIST_LIMIT })
      const names = await namesOf(apps)
      const approvals = await service.approvalCounts(apps.map((a) => a.id))
      reply.header('cache-control', 'no-store')
      return { items: apps.map((a) => applicationView(a, names, approvals.get(a.id) ?? 0)) }
    },
  )

  app.get(
    '/policy/applications/:id',
    {
      onRequest: member,
      schema: {
        tags: ['policy'],
        summary:
          'An application with its eligibility at submission (in words), approvals, documents and audit trail',
        params: ApplicationParams,
        response: { 200: ApplicationDetailJson, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const found = await service.get(actorOf(request, reply), request.params.id)
      if (!found) throw new AppError('APPLICATION_NOT_FOUND', `no application ${request.params.id}`)
      reply.header('cache-control', 'no-store')
      return detail(found)
    },
  )

  app.post(
    '/policy/applications/:id/documents',
    {
      onRequest: writer,
      bodyLimit: DOCUMENT_BODY_LIMIT,
      schema: {
        tags: ['policy'],
        summary: 'Attach a document (≤ 5 MB, base64) to your enterprise’s application until it is decided',
        params: ApplicationParams,
        body: DocumentBody,
        response: { 201: DocumentJson, ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { name, mediaType, contentBase64 } = request.body
      if (contentBase64.length % 4 !== 0)
        throw new AppError('DOCUMENT_INVALID', 'the content is not base64', [
          { field: '/contentBase64', message: 'must be base64 (a multiple of 4 characters)' },
        ])
      const content = new Uint8Array(Buffer.from(contentBase64, 'base64'))
      const doc = unwrap(
        await service.addDocument(actorOf(request, reply), request.params.id, {
          name: name.trim(),
          mediaType,
          content,
        }),
      )
      reply.status(201)
      return {
        id: doc.id,
        name: doc.name,
        mediaType: doc.mediaType,
        sizeBytes: doc.sizeBytes,
        uploadedBy: doc.uploadedBy,
        uploadedAt: new Date(doc.uploadedAtMs).toISOString(),
      }
    },
  )

  app.get(
    '/policy/applications/:id/documents/:documentId',
    {
      onRequest: member,
      schema: {
        tags: ['policy'],
        summary: 'Download a document of an application (its enterprise’s users and administrators)',
        params: DocumentParams,
      },
    },
    async (request, reply) => {
      const doc = await service.document(
        actorOf(request, reply),
        request.params.id,
        request.params.documentId,
      )
      if (!doc) throw new AppError('DOCUMENT_NOT_FOUND', `no document ${request.params.documentId}`)
      reply
        .header('content-type', doc.mediaType)
        .header('content-disposition', disposition(doc.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
      return reply.send(Buffer.from(doc.content))
    },
  )

  const step = (
    path: string,
    summary: string,
    hook: ReturnType<typeof requireRole>,
    run: (
      actor: ReturnType<typeof actorOf>,
      id: string,
      body: Record<string, string | undefined>,
    ) => ReturnType<ApplicationService['submit']>,
    body: typeof NoteBody | typeof RejectBody | typeof DisburseBody = NoteBody,
  ) =>
    app.post(
      `/policy/applications/:id/${path}`,
      {
        onRequest: hook,
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['policy'],
          summary,
          params: ApplicationParams,
          body,
          response: { 200: ApplicationDetailJson, ...WRITE_PROBLEMS },
        },
      },
      async (request, reply) =>
        detail(
          unwrap(
            await run(
              actorOf(request, reply),
              (request.params as { id: string }).id,
              (request.body ?? {}) as Record<string, string | undefined>,
            ),
          ),
        ),
    )

  step(
    'submit',
    'Submit your enterprise’s draft; refused unless it meets the programme’s rules',
    writer,
    (actor, id) => service.submit(actor, id),
  )
  step('review', 'Take a submitted application into review (administrators)', admin, (actor, id) =>
    service.startReview(actor, id),
  )
  step(
    'approve',
    'Approve (administrators): two different ones, not the applicant; the second commits the award, within the budget',
    admin,
    (actor, id, b) => service.approve(actor, id, b.note ?? null),
  )
  step(
    'reject',
    'Reject an application under review, with a reason (administrators)',
    admin,
    (actor, id, b) => service.reject(actor, id, b.reason!),
    RejectBody,
  )
  step(
    'disburse',
    'Record the payment of an approved award (administrators); default the whole award',
    admin,
    async (actor, id, b) => {
      const found = await service.get(actor, id)
      const amount = b.amountFen !== undefined ? BigInt(b.amountFen) : (found?.application.awardFen ?? 0n)
      return service.disburse(actor, id, amount, b.note ?? null)
    },
    DisburseBody,
  )
}
