import { Command } from 'commander'
import { sql } from 'kysely'
import {
  DATA_OPTION,
  describeTarget,
  EXIT,
  ExitError,
  integerOption,
  withDatabase,
} from '../platform/cli-support.ts'
import { DEFAULT_SEED, seedDemoCluster } from '../seed/index.ts'
import { progressBar } from './progress.ts'

export function seedCommand(): Command {
  return new Command('seed')
    .description('Replace the registry with the demo cluster (synthetic data) generated from a seed')
    .option('--seed <n>', `generator seed (default ${DEFAULT_SEED})`, integerOption(0, 2 ** 31 - 1))
    .option(...DATA_OPTION)
    .option('--force', 'also delete enterprises that are not synthetic')
    .action(async (opts: { seed?: number; data?: string; force?: boolean }) => {
      await withDatabase(opts.data, async ({ db, target }) => {
        const real = await db
          .selectFrom('enterprise')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('synthetic', '=', false)
          .executeTakeFirstOrThrow()
        if (real.n > 0 && !opts.force) {
          process.stderr.write(
            `huiguo seed: ${describeTarget(target)} holds ${real.n} enterprises that are not synthetic; nothing was changed (use --force to replace them)\n`,
          )
          throw new ExitError(EXIT.USAGE)
        }
        const seed = opts.seed ?? DEFAULT_SEED
        const progress = progressBar(`Demo cluster, seed ${seed} (synthetic data)`)
        const report = await seedDemoCluster(db, seed, progress.listener, { replace: true })
        progress.stop()
        process.stdout.write(
          `Seeded ${describeTarget(target)}: ${report.enterprises} enterprises, ${report.catalogueItems} catalogue items (seed ${seed}, synthetic)\n`,
        )
      })
    })
}
