import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import { accountsRoutes } from './accounts/index.ts'
import { clusterRoutes } from './cluster/index.ts'
import {
  dispatchRoutes,
  distributionFreightRoutes,
  IntakePlanService,
  intakeRoutes,
  ShipmentService,
  seedDemoIntakePlans,
  seedDemoShipments,
  shipmentsRoutes,
} from './distribution/index.ts'
import {
  CbamService,
  cbamRoutes,
  ecologyRoutes,
  ParkService,
  seedDemoCbam,
  seedDemoEcology,
} from './ecology/index.ts'
import { listInstruments } from './instruments/index.ts'
import {
  buildHttp,
  type DatabaseTarget,
  type HttpApp,
  type OpenDatabase,
  openDatabase,
  PACKAGE_ROOT,
  VERSION,
} from './platform/index.ts'
import { PolicyService, policyRoutes, programmesSummaryView, seedDemoPolicy } from './policy/index.ts'
import { PricingService, pricingRoutes, setUpDemoPricing } from './pricing/index.ts'
import { countEnterprises, registryRoutes } from './registry/index.ts'
import { DEFAULT_SEED, type ProgressListener, seedDemoCluster } from './seed/index.ts'
import { type DemoParties, Simulator, setUpDemoTrading } from './trading/demo/index.ts'
import { type Journal, openJournal } from './trading/journal/index.ts'
import { MarketData, marketDataRoutes } from './trading/market-data/index.ts'
import {
  PROJECTION_BATCH,
  type RatePolicy,
  type SessionPolicy,
  TradingService,
  tradingRoutes,
} from './trading/service/index.ts'

export const WEB_DIST_DIR = join(PACKAGE_ROOT, 'web', 'dist')

export interface TradingOptions {
  /** The journal, or where to open one (a directory or a nats:// URL); default: a temporary directory. */
  journal?: Journal | string
  /** The journal's stream (JetStream) or subdirectory (file journal) when `journal` is a target. */
  journalStream?: string
  sessionPolicy?: SessionPolicy
  clock?: () => number
  rateLimit?: RatePolicy
  /** Commands that may wait for the SQL projection before new orders get TRADING_BUSY (default 200,000). */
  maxProjectionBacklog?: number
  /**
   * Write the SQL projection from a thread of its own when the database can be reached from one
   * (PGlite in its worker, or a PostgreSQL server): the server does; default false.
   */
  projectionThread?: boolean
}

export interface PricingOptions {
  /** The pricing center's clock, ms (deals dated after it are refused; default: the system clock). */
  clock?: () => number
  /** How alert webhooks are sent (default: the global fetch). */
  fetch?: typeof fetch
  webhookTimeoutMs?: number
}

export interface AppOptions {
  database: OpenDatabase
  logger?: FastifyBaseLogger | false
  webDistDir?: string | null
  trading?: TradingOptions
  pricing?: PricingOptions
  /** The ecology module's clock, ms (the current month bounds energy submissions; default: the system clock). */
  ecology?: { clock?: () => number }
}

export interface HuiguoApp {
  app: HttpApp
  trading: TradingService
  marketData: MarketData
  pricing: PricingService
  /** Closes the HTTP app, waits for pricing webhooks in flight, closes the trading service and the journal (not the database). */
  close(): Promise<void>
}

/** The whole Huiguo HTTP application over an open database (the composition root). */
export async function buildApp(options: AppOptions): Promise<HuiguoApp> {
  const shell = await buildShell(options)
  try {
    return await mountModules(
      shell,
      options.database,
      options.trading ?? {},
      options.logger,
      options.pricing,
      options.ecology,
    )
  } catch (error) {
    await shell.close()
    throw error
  }
}

function buildShell(options: Omit<AppOptions, 'database'>): Promise<HttpApp> {
  return buildHttp({
    logger: options.logger ?? false,
    webDistDir: options.webDistDir === undefined ? WEB_DIST_DIR : options.webDistDir,
    version: VERSION,
  })
}

async function mountModules(
  app: HttpApp,
  database: OpenDatabase,
  trading: TradingOptions,
  logger: FastifyBaseLogger | false | undefined,
  pricingOptions: PricingOptions = {},
  ecologyOptions: { clock?: () => number } = {},
): Promise<HuiguoApp> {
  const { db } = database
  let scratch: string | null = null
  let journal: Journal
  if (typeof trading.journal === 'object') journal = trading.journal
  else {
    if (trading.journal === undefined) scratch = mkdtempSync(join(tmpdir(), 'huiguo-journal-'))
    journal = await openJournal(
      trading.journal ?? scratch!,
      trading.journalStream ? { stream: trading.journalStream } : {},
    )
  }
  const log = (message: string) => (logger ? logger.warn(message) : undefined)
  let service: TradingService
  try {
    service = await TradingService.open({
      db,
      journal,
      instruments: await listInstruments(db),
      ...(trading.clock ? { clock: trading.clock } : {}),
      ...(trading.sessionPolicy ? { sessionPolicy: trading.sessionPolicy } : {}),
      ...(trading.maxProjectionBacklog ? { maxProjectionBacklog: trading.maxProjectionBacklog } : {}),
      ...(trading.projectionThread ? { projectionThread: () => database.shareWithThread() } : {}),
      log,
    })
  } catch (error) {
    await journal.close()
    throw error
  }
  let marketData: MarketData
  try {
    marketData = await MarketData.load(db, service, { log })
  } catch (error) {
    await service.close()
    await journal.close()
    throw error
  }
  const pricing = new PricingService({ db, ...pricingOptions })
  // Fee-basis orders price over the center's published base once there is one.
  await pricing.refreshBase()
  service.setBaseSource(() => pricing.latestBase())
  const park = new ParkService({ db, ...(ecologyOptions.clock ? { clock: ecologyOptions.clock } : {}) })
  const policy = new PolicyService({ db })
  await app.register(
    async (api) => {
      await api.register(accountsRoutes, { db }) // first: its hook authenticates every route of the API
      await api.register(registryRoutes, { db })
      await api.register(clusterRoutes, {
        db,
        dashboard: {
          ecology: () => park.summary(),
          programmes: async () => programmesSummaryView(await policy.summary()),
        },
      })
      await api.register(marketDataRoutes, {
        service,
        marketData,
        ...(trading.clock ? { clock: trading.clock } : {}),
      })
      await api.register(tradingRoutes, {
        db,
        service,
        ...(trading.rateLimit ? { rateLimit: trading.rateLimit } : {}),
        ...(trading.clock ? { clock: trading.clock } : {}),
      })
      await api.register(pricingRoutes, { db, service: pricing })
      await api.register(distributionFreightRoutes, { db })
      await api.register(dispatchRoutes)
      await api.register(intakeRoutes, { service: new IntakePlanService({ db }) })
      await api.register(shipmentsRoutes, { service: new ShipmentService({ db }) })
      await api.register(ecologyRoutes, { db, ...ecologyOptions })
      await api.register(cbamRoutes, { service: new CbamService({ db }) })
      await api.register(policyRoutes, { service: policy })
    },
    { prefix: '/api/v1' },
  )
  return {
    app,
    trading: service,
    marketData,
    pricing,
    close: async () => {
      await app.close()
      await pricing.idle()
      await service.close()
      await journal.close()
      if (scratch) rmSync(scratch, { recursive: true, force: true })
    },
  }
}

/** How often the server looks for closed pricing windows to propose. */
const PRICING_SCHEDULE_MS = 60_000

export interface ServerOptions {
  target: DatabaseTarget
  port: number
  host?: string
  /** Seed for the demo cluster written when the database is empty; null skips it. */
  seed?: number | null
  logger?: FastifyBaseLogger | false
  webDistDir?: string | null
  onSeedProgress?: ProgressListener
  trading?: TradingOptions
  /** With a demo cluster: run the simulated participants (default true). */
  simulate?: boolean
}

export interface RunningServer {
  url: string
  app: HttpApp
  trading: TradingService
  database: OpenDatabase
  /** True when this start created the demo cluster. */
  seeded: boolean
  /** The demo's parties when the center runs the demo (demo users exist), else null. */
  demo: DemoParties | null
  close(): Promise<void>
}

/** Opens (and migrates) the database, creates the demo cluster on an empty one, and listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const shellOptions = {
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
    ...(options.webDistDir !== undefined ? { webDistDir: options.webDistDir } : {}),
  }
  // PGlite starts in its worker thread (the server keeps it there): build the HTTP shell meanwhile.
  const [opened, shell] = await Promise.allSettled([
    openDatabase(options.target, { worker: true }),
    buildShell(shellOptions),
  ])
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
    const demo = seed !== null ? await setUpDemoTrading(database.db) : null
    if (demo) {
      await setUpDemoPricing(database.db, Date.now())
      await seedDemoShipments(database.db, Date.now())
      await seedDemoIntakePlans(database.db, Date.now())
      await seedDemoEcology(database.db, Date.now())
      await seedDemoCbam(database.db, Date.now())
      // Keep after the energy ledger's demo seed: submissions judge the mill on its ledger.
      await seedDemoPolicy(database.db, Date.now())
    }
    const trading: TradingOptions = {
      ...(demo ? { sessionPolicy: 'always_open' as const } : {}),
      projectionThread: true,
      ...options.trading,
    }
    const target = options.target
    if (trading.journal === undefined && target.kind === 'pglite' && target.dataDir)
      trading.journal = join(target.dataDir, 'journal')
    const huiguo = await mountModules(app, database, trading, options.logger)
    const simulator =
      demo && options.simulate !== false && demo.participants.length >= 2
        ? new Simulator({
            service: huiguo.trading,
            participants: demo.participants,
            log: (message) => (options.logger ? options.logger.warn(message) : undefined),
          })
        : null
    try {
      const address = await app.listen({ port: options.port, host: options.host ?? '0.0.0.0' })
      const port = new URL(address).port
      simulator?.start()
      huiguo.pricing.startSchedule(
        PRICING_SCHEDULE_MS,
        (message) => (options.logger ? options.logger.warn(message) : undefined),
        // Orders streaming in, or a projection behind, have the database thread first.
        () => huiguo.trading.ordersStreaming || huiguo.trading.projectionBacklog > PROJECTION_BATCH,
      )
      return {
        url: `http://localhost:${port}`,
        app,
        trading: huiguo.trading,
        database,
        seeded,
        demo,
        close: async () => {
          await simulator?.stop()
          await huiguo.close()
          await database.close()
        },
      }
    } catch (error) {
      await simulator?.stop()
      await huiguo.close()
      throw error
    }
  } catch (error) {
    await app.close()
    await database.close()
    throw error
  }
}
