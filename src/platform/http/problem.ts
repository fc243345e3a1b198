import type { FastifyError, FastifyInstance } from 'fastify'
import { AppError, type ErrorCode, type FieldError, problemOf } from '../../kernel/index.ts'

const PROBLEM_TYPE = 'application/problem+json; charset=utf-8'

interface AjvError {
  instancePath: string
  keyword: string
  message?: string
  params: Record<string, unknown>
}

/** Turns Ajv's errors into our field list: a JSON-pointer-like path from the request part down. */
export function fieldErrorsOf(context: string, errors: readonly AjvError[]): FieldError[] {
  return errors.map((e) => {
    let path = e.instancePath
    if (e.keyword === 'required') path += `/${String(e.params.missingProperty)}`
    if (e.keyword === 'additionalProperties') path += `/${String(e.params.additionalProperty)}`
    let message = e.message ?? e.keyword
    if (e.keyword === 'additionalProperties') message = 'is not a known field'
    if (e.keyword === 'pattern' && typeof e.params.pattern === 'string')
      message = `does not match ${e.params.pattern}`
    if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues))
      message = `is not one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
    return { field: `${context}${path}`, message }
  })
}

/**
 * Every error leaves as application/problem+json with a stable code. Validation lists every failing
 * field; anything unexpected becomes a generic 500 that leaks nothing (the log keeps the details).
 */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.code === 'TRADING_BUSY') reply.header('retry-after', '1') // a transient overload
      return reply
        .status(error.status)
        .type(PROBLEM_TYPE)
        .send(problemOf(error.code, error.detail, error.errors))
    }
    const fastifyError = error as FastifyError & { validationContext?: string }
    if (fastifyError.validation) {
      const errors = fieldErrorsOf(
        fastifyError.validationContext ?? 'request',
        fastifyError.validation as AjvError[],
      )
      const detail = errors.map((e) => `${e.field} ${e.message}`).join('; ')
      return reply
        .status(400)
        .type(PROBLEM_TYPE)
        .send(problemOf('VALIDATION_FAILED', detail, errors))
    }
    const known = knownFastifyError(fastifyError)
    if (known)
      return reply.status(ERROR_STATUS[known]).type(PROBLEM_TYPE).send(problemOf(known, fastifyError.message))
    request.log.error({ err: error }, 'unhandled error')
    return reply
      .status(500)
      .type(PROBLEM_TYPE)
      .send(problemOf('INTERNAL', 'The server could not complete the request. It has been logged.'))
  })

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type(PROBLEM_TYPE)
      .send(
        problemOf(
          'ROUTE_NOT_FOUND',
          `${request.method} ${request.url.split('?')[0]} is not a route of this API`,
        ),
      ),
  )
}

const ERROR_STATUS = {
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 400,
} as const satisfies Partial<Record<ErrorCode, number>>

function knownFastifyError(error: FastifyError): keyof typeof ERROR_STATUS | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'MALFORMED_JSON'
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'PAYLOAD_TOO_LARGE'
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'UNSUPPORTED_MEDIA_TYPE'
    default:
      if (error.statusCode === 400 && error.code?.startsWith('FST_ERR_')) return 'VALIDATION_FAILED'
      return null
  }
}
