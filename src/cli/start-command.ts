import { Command } from 'commander'
import {
  DATA_OPTION,
  DEFAULT_PORT,
  databaseTarget,
  describeTarget,
  EXIT,
  ExitError,
  integerOption,
  journalOf,
} from '../platform/cli-support.ts'
import { DEFAULT_SEED } from '../seed/index.ts'
import { progressBar } from './progress.ts'

interface StartOptions {
  port?: number
  data?: string
  host: string
  seed?: number
  demo: boolean
  simulation: boolean
  journal?: string
  sessions?: string
}

const usage = (message: string): never => {
  process.stderr.write(`huiguo start: ${message}\n`)
  throw new ExitError(EXIT.USAGE)
}

export function startCommand(): Command {
  return new Command('start')
    .description('Serve Huiguo (API, docs and web UI); an empty database first gets the demo cluster')
    .option(
      '-p, --port <n>',
      `port to listen on (env PORT, default ${DEFAULT_PORT})`,
      integerOption(0, 65535),
    )
    .option(...DATA_OPTION)
    .option('--host <host>', 'address to bind', '0.0.0.0')
    .option(
      '--seed <n>',
      `demo-cluster seed for an empty database (default ${DEFAULT_SEED})`,
      integerOption(0, 2 ** 31 - 1),
    )
    .option('--no-demo', 'an empty center: no demo cluster, no demo users, no simulated participants')
    .option('--no-simulation', 'keep the demo cluster and users but run no simulated participants')
    .option(
      '--journal <dir|url>',
      'the order journal: a directory, or nats://host:4222 for JetStream (env HUIGUO_JOURNAL, stream HUIGUO_JOURNAL_STREAM; default <data>/journal)',
    )
    .option(
      '--sessions <policy>',
      'scheduled (instrument sessions, Shanghai time) or always_open (default with the demo: trading round the clock)',
    )
    .action(async (opts: StartOptions) => {
      const startedAt = performance.now()
      const [{ startServer }, { default: pino }] = await Promise.all([import('../app.ts'), import('pino')])
      const target = databaseTarget(opts.data, process.env)
      const port = opts.port ?? (process.env.PORT ? integerOption(0, 65535)(process.env.PORT) : DEFAULT_PORT)
      const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' })
      process.stderr.write(`Huiguo ${describeTarget(target)}\n`)
      const progress = progressBar('Creating the demo cluster (synthetic data)')
      const journal = journalOf(opts.journal, opts.data, process.env)
      if (opts.sessions !== undefined && opts.sessions !== 'scheduled' && opts.sessions !== 'always_open')
        return usage(`--sessions must be scheduled or always_open, not ${opts.sessions}`)
      const rate = process.env.HUIGUO_ORDER_RATE_PER_SEC
      const perSecond = rate ? integerOption(1, 1e9)(rate) : undefined
      const server = await startServer({
        target,
        port,
        host: opts.host,
        seed: opts.demo ? (opts.seed ?? DEFAULT_SEED) : null,
        logger,
        onSeedProgress: progress.listener,
        simulate: opts.simulation,
        trading: {
          journal,
          ...(process.env.HUIGUO_JOURNAL_STREAM ? { journalStream: process.env.HUIGUO_JOURNAL_STREAM } : {}),
          ...(opts.sessions ? { sessionPolicy: opts.sessions } : {}),
          ...(perSecond ? { rateLimit: { perSecond, burst: perSecond } } : {}),
        },
      })
      progress.stop()
      const seconds = ((performance.now() - startedAt) / 1000).toFixed(1)
      process.stderr.write(
        `Huiguo is serving at ${server.url.replace('localhost:', `localhost:`)} (ready in ${seconds} s${server.seeded ? ', demo cluster created' : ''})\n` +
          `  API docs ${server.url}/docs · health ${server.url}/healthz\n`,
      )
      if (server.demo) {
        const { DEMO_USERS, DEMO_PASSWORD } = await import('../trading/demo/index.ts')
        process.stderr.write(
          `Demo center (synthetic data; ${opts.simulation ? 'simulated participants are trading' : 'no simulated participants'}). Demo users, password ${DEMO_PASSWORD}:\n` +
            DEMO_USERS.map((u) => `  ${u.username.padEnd(13)} ${u.description}\n`).join(''),
        )
      }
      await new Promise<void>((resolve) => {
        const stop = () => resolve()
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
      process.stderr.write('Huiguo is stopping…\n')
      await server.close()
    })
}
