import type { FastifyReply, FastifyRequest } from 'fastify'
import { requirePrincipal } from '../accounts/index.ts'
import { AppError, type Result } from '../kernel/index.ts'
import type { PolicyActor } from './model.ts'

/** Administrators are the operator; traders (and administrators) write for their enterprise. */
export const actorOf = (request: FastifyRequest, reply: FastifyReply): PolicyActor => {
  const p = requirePrincipal(request, reply)
  return {
    userId: p.userId,
    enterpriseId: p.enterpriseId,
    isAdmin: p.roles.includes('admin'),
    writes: p.roles.includes('trader') || p.roles.includes('admin'),
  }
}

/** The caller when signed in, null for the public (who see no programme drafts). */
export const optionalActor = (request: FastifyRequest, reply: FastifyReply): PolicyActor | null =>
  request.principal ? actorOf(request, reply) : null

export const unwrap = <T>(result: Result<T>): T => {
  if (!result.ok) throw AppError.from(result)
  return result.value
}
