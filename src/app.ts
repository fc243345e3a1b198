import { join } from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import { accountsRoutes } from './accounts/index.ts'
import { clusterRoutes } from './cluster/index.ts'
import {
  buildHttp,
  type DatabaseTarget,
  type HttpApp,
  type OpenDatabase,
  openDatabase,
  PACKAGE_ROOT,
  VERSION,
} from './platform/index.ts'
import { countEnterprises, registryRoutes } from './registry/index.ts'
import { DEFAULT_SEED, type ProgressListener, seedDemoCluster } from './seed/index.ts'

export const WEB_DIST_DIR = join(PACKAGE_ROOT, 'web', 'dist')

export interface AppOptions {
  database: OpenDatabase
  logger?: FastifyBaseLogger | false
  webDistDir?: string | null
}

/** The whole Huiguo HTTP application over an open database (the composition root). */
export async function buildApp(options: AppOptions): Promise<HttpApp> {
  return mountModules(await buildShell(options), options.database)
}

function buildShell(options: Omit<AppOptions, 'database'>): Promise<HttpApp> {
  return buildHttp({
    logger: options.logger ?? false,
    webDistDir: options.webDistDir === undefined ? WEB_DIST_DIR : options.webDistDir,
    version: VERSION,
  })
}

async function mountModules(app: HttpApp, { db }: OpenDatabase): Promise<HttpApp> {
  await app.register(
    async (api) => {
      await api.register(accountsRoutes, { db }) // first: its hook authenticates every route of the API
      await api.register(registryRoutes, { db })
      await api.register(clusterRoutes, { db })
    },
    { prefix: '/api/v1' },
  )
  return app
}

export interface ServerOptions {
  target: DatabaseTarget
  port: number
  host?: string
  /** Seed for the demo cluster written when the database is empty; null skips it. */
  seed?: number | null
  logger?: FastifyBaseLogger | false
  webDistDir?: string | null
  onSeedProgress?: ProgressListener
}

export interface RunningServer {
  url: string
  app: HttpApp
  database: OpenDatabase
  /** True when this start created the demo cluster. */
  seeded: boolean
  close(): Promise<void>
}

/** Opens (and migrates) the database, creates the demo cluster on an empty one, and listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const shellOptions = {
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
    ...(options.webDistDir !== undefined ? { webDistDir: options.webDistDir } : {}),
  }
  // PGlite compiles its WebAssembly off the main thread: build the HTTP shell meanwhile.
  const [opened, shell] = await Promise.allSettled([openDatabase(options.target), buildShell(shellOptions)])
  if (opened.status === 'rejected' || shell.status === 'rejected') {
    if (opened.status === 'fulfilled') await opened.value.close()
    if (shell.status === 'fulfilled') await shell.value.close()
    throw opened.status === 'rejected' ? opened.reason : (shell as PromiseRejectedResult).reason
  }
  const database = opened.value
  const app = shell.value
  try {
    let seeded = false
    const seed = options.seed === undefined ? DEFAULT_SEED : options.seed
    if (seed !== null && (await countEnterprises(database.db)) === 0) {
      await seedDemoCluster(database.db, seed, options.onSeedProgress)
      seeded = true
    }
    await mountModules(app, database)
    const address = await app.listen({ port: options.port, host: options.host ?? '0.0.0.0' })
    const port = new URL(address).port
    return {
      url: `http://localhost:${port}`,
      app,
      database,
      seeded,
      close: async () => {
        await app.close()
        await database.close()
      },
    }
  } catch (error) {
    await app.close()
    await database.close()
    throw error
  }
}
