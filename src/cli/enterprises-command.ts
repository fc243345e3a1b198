import { readFile, writeFile } from 'node:fs/promises'
import { Command } from 'commander'
import { DATA_OPTION, describeTarget, EXIT, ExitError, withDatabase } from '../platform/cli-support.ts'
import { allEnterprises, enterprisesToCsv, importEnterprisesCsv } from '../registry/index.ts'

export function enterprisesCommand(): Command {
  const command = new Command('enterprises').description('Import and export the enterprise registry as CSV')
  command
    .command('export')
    .description('Write every enterprise as CSV (to a file, or to stdout)')
    .argument('[file]', 'output file (default: stdout)')
    .option(...DATA_OPTION)
    .action(async (file: string | undefined, opts: { data?: string }) => {
      const csv = await withDatabase(opts.data, async ({ db }) => enterprisesToCsv(await allEnterprises(db)))
      if (file) await writeFile(file, csv)
      else process.stdout.write(csv)
    })
  command
    .command('import')
    .description('Insert or update enterprises from a CSV file; one bad row and nothing is written')
    .argument('<file>', 'CSV file with a header row (see `huiguo enterprises export` for the columns)')
    .option(...DATA_OPTION)
    .action(async (file: string, opts: { data?: string }) => {
      const text = await readFile(file, 'utf8')
      await withDatabase(opts.data, async ({ db, target }) => {
        const result = await importEnterprisesCsv(db, text)
        if (!result.ok) {
          process.stderr.write(`huiguo enterprises import: ${result.detail}; nothing was written\n`)
          for (const e of result.errors ?? []) process.stderr.write(`  ${e.field}: ${e.message}\n`)
          throw new ExitError(EXIT.USAGE)
        }
        process.stdout.write(
          `Imported into ${describeTarget(target)}: ${result.value.inserted} inserted, ${result.value.updated} updated\n`,
        )
      })
    })
  return command
}
