import { Command } from 'commander'
import {
  DATA_OPTION,
  DEFAULT_PORT,
  databaseTarget,
  describeTarget,
  integerOption,
} from '../platform/cli-support.ts'
import { DEFAULT_SEED } from '../seed/index.ts'
import { progressBar } from './progress.ts'

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
    .option('--no-demo', 'do not create the demo cluster on an empty database')
    .action(async (opts: { port?: number; data?: string; host: string; seed?: number; demo: boolean }) => {
      const startedAt = performance.now()
      const [{ startServer }, { default: pino }] = await Promise.all([import('../app.ts'), import('pino')])
      const target = databaseTarget(opts.data, process.env)
      const port = opts.port ?? (process.env.PORT ? integerOption(0, 65535)(process.env.PORT) : DEFAULT_PORT)
      const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' })
      process.stderr.write(`Huiguo ${describeTarget(target)}\n`)
      const progress = progressBar('Creating the demo cluster (synthetic data)')
      const server = await startServer({
        target,
        port,
        host: opts.host,
        seed: opts.demo ? (opts.seed ?? DEFAULT_SEED) : null,
        logger,
        onSeedProgress: progress.listener,
      })
      progress.stop()
      const seconds = ((performance.now() - startedAt) / 1000).toFixed(1)
      process.stderr.write(
        `Huiguo is serving at ${server.url.replace('localhost:', `localhost:`)} (ready in ${seconds} s${server.seeded ? ', demo cluster created' : ''})\n` +
          `  API docs ${server.url}/docs · health ${server.url}/healthz\n`,
      )
      await new Promise<void>((resolve) => {
        const stop = () => resolve()
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
      process.stderr.write('Huiguo is stopping…\n')
      await server.close()
    })
}
