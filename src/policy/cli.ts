import { Command } from 'commander'
import { EXIT, ExitError } from '../platform/cli-support.ts'

/** `huiguo eligibility < facts.json`: the default programmes' eligibility of one enterprise. */
export function eligibilityCommand(): Command {
  return new Command('eligibility')
    .description(
      'Check one enterprise against the four default support programmes (v1): facts JSON on stdin, ' +
        'each programme with every failed rule on stdout',
    )
    .action(async () => {
      const { runEligibility } = await import('./run-eligibility.ts')
      const code = await runEligibility(process.stdin, process.stdout, process.stderr)
      if (code !== EXIT.OK) throw new ExitError(code)
    })
}
