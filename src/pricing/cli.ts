import { Command } from 'commander'
import { EXIT, ExitError } from '../platform/cli-support.ts'

/** `huiguo assess < input.json`: the method v1 on one window, its record on stdout. */
export function assessCommand(): Command {
  return new Command('assess')
    .description('Run the assessment method (v1) on one window: input JSON on stdin, the record on stdout')
    .action(async () => {
      const { runAssess } = await import('./method/run-assess.ts')
      const code = await runAssess(process.stdin, process.stdout, process.stderr)
      if (code !== EXIT.OK) throw new ExitError(code)
    })
}
