/**
 * What the members' and analysts' pricing routes share: the caller as an actor or reader, refusals
 * as problems, and the error responses every write documents.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { requirePrincipal } from '../accounts/index.ts'
import { AppError, type Result } from '../kernel/index.ts'
import { addDays, shanghaiInstant } from './schedule.ts'
import type { Reader } from './service.ts'
import type { Actor } from './submissions.ts'

export const Problem = Type.Ref('Problem')
/** Pricing bodies are small; anything bigger is refused before it is parsed. */
export const BODY_LIMIT = 16 * 1024
export const DEFAULT_PAGE_SIZE = 50
export const actorOf = (request: FastifyRequest, reply: FastifyReply): Actor => {
  const p = requirePrincipal(request, reply)
  return { userId: p.userId, enterpriseId: p.enterpriseId }
}

/** Analysts (and admins) see every enterprise's submissions. */
const isAnalyst = (request: FastifyRequest): boolean => {
  const roles = request.principal?.roles ?? []
  return roles.includes('analyst') || roles.includes('admin')
}

export const readerOf = (request: FastifyRequest, reply: FastifyReply): Reader => ({
  enterpriseId: requirePrincipal(request, reply).enterpriseId,
  seesAll: isAnalyst(request),
})

/** The value of a result, or its refusal thrown as the problem the client gets. */
export const unwrap = <T>(result: Result<T>): T => {
  if (!result.ok) throw AppError.from(result)
  return result.value
}

/** Dates (Shanghai, both included) as the instants [from 00:00, the day after `to` 00:00). */
export const rangeOf = (q: { from?: string; to?: string }) => ({
  ...(q.from ? { fromMs: shanghaiInstant(q.from, 0) } : {}),
  ...(q.to ? { toMs: shanghaiInstant(addDays(q.to, 1), 0) } : {}),
})
