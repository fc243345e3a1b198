import { Command } from 'commander'
import { EXIT, ExitError } from '../../platform/cli-support.ts'

/** `huiguo source < problem.json`: the month's least-cost intake plan (HiGHS), on stdout. */
export function sourceCommand(): Command {
  return new Command('source')
    .description(
      'Plan the intake of molten aluminium and ingot from the smelters at least cost (metal premium + freight): ' +
        'problem JSON on stdin, the plan on stdout',
    )
    .action(async () => {
      const { runSource } = await import('./run-source.ts')
      const code = await runSource(process.stdin, process.stdout, process.stderr)
      if (code !== EXIT.OK) throw new ExitError(code)
    })
}
