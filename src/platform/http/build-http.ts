import { existsSync } from 'node:fs'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  LogController,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify'
import { Type } from 'typebox'
import { lazyChildLoggerFactory } from './lazy-child-logger.ts'
import { installProblemHandlers } from './problem.ts'
import { ProblemSchema } from './schemas.ts'

export interface HttpOptions {
  logger: FastifyBaseLogger | false
  /** The built web UI (web/dist); served at / when it exists. */
  webDistDir: string | null
  version: string
}

export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

/**
 * The HTTP shell every module mounts on: strict validation (every error listed, no coercion, no
 * silent stripping), problem+json errors, OpenAPI at /docs, /healthz, and the web UI at /.
 */
export async function buildHttp(options: HttpOptions): Promise<HttpApp> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Per-request lines would drown the log at trading volumes; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyChildLoggerFactory,
    bodyLimit: 5 * 1024 * 1024,
    ajv: {
      customOptions: {
        allErrors: true,
        coerceTypes: false,
        removeAdditional: false,
        useDefaults: false,
        strict: true,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>()

  installProblemHandlers(app)
  app.addSchema(ProblemSchema)

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Huiguo API',
        description:
          'The trading, distribution and pricing center of the Gongyi (Huiguo town) aluminium cluster. Errors are application/problem+json with a stable `code`.',
        version: options.version,
      },
      tags: [
        { name: 'registry', description: 'Enterprises, specifications, catalogues' },
        { name: 'cluster', description: 'The cluster as a whole' },
        { name: 'platform', description: 'Health and operations' },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['platform'],
        summary: 'Liveness',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  )

  if (options.webDistDir && existsSync(options.webDistDir)) {
    await app.register(fastifyStatic, { root: options.webDistDir, prefix: '/', wildcard: false })
  }
  return app
}
