import { Command } from 'commander'
import { EXIT, ExitError } from '../../platform/cli-support.ts'

/** `huiguo footprint < input.json`: embedded emissions of a good (method v1), its record on stdout. */
export function footprintCommand(): Command {
  return new Command('footprint')
    .description(
      'Embedded emissions and CBAM cost of an aluminium good (method v1): input JSON on stdin, the record on stdout',
    )
    .action(async () => {
      const { runFootprint } = await import('./run-footprint.ts')
      const code = await runFootprint(process.stdin, process.stdout, process.stderr)
      if (code !== EXIT.OK) throw new ExitError(code)
    })
}
