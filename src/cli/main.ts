import { Command, CommanderError } from 'commander'
import { tokenCommand, userCommand } from '../accounts/cli.ts'
import { sourceCommand } from '../distribution/intake/cli.ts'
import { routeCommand } from '../distribution/routing/cli.ts'
import { footprintCommand } from '../ecology/cbam/cli.ts'
import { ledgerCommand } from '../ledger/cli.ts'
import { EXIT, ExitError } from '../platform/cli-support.ts'
import { VERSION } from '../platform/package-root.ts'
import { eligibilityCommand } from '../policy/cli.ts'
import { assessCommand } from '../pricing/cli.ts'
import { replayCommand } from '../trading/cli.ts'
import { enterprisesCommand } from './enterprises-command.ts'
import { seedCommand } from './seed-command.ts'
import { startCommand } from './start-command.ts'

export function buildCli(): Command {
  const program = new Command('huiguo')
    .description(
      'Huiguo: the trading, distribution and pricing center of the Gongyi (Huiguo town) aluminium cluster',
    )
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
  program.addCommand(startCommand())
  program.addCommand(seedCommand())
  program.addCommand(replayCommand())
  program.addCommand(enterprisesCommand())
  program.addCommand(userCommand())
  program.addCommand(tokenCommand())
  program.addCommand(ledgerCommand())
  program.addCommand(assessCommand())
  program.addCommand(routeCommand())
  program.addCommand(sourceCommand())
  program.addCommand(eligibilityCommand())
  program.addCommand(footprintCommand())
  // Sub-commands do not inherit exitOverride: without it commander would exit(1) on a usage error.
  const override = (command: Command) => {
    command.exitOverride().showHelpAfterError()
    command.commands.forEach(override)
  }
  override(program)
  return program
}

/** Runs the CLI and returns the process exit code (the caller sets it, so tests can call this). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildCli()
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return (program.getOptionValue('exitCode') as number | undefined) ?? EXIT.OK
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.OK
      if (error.code === 'commander.help') return EXIT.OK
      return EXIT.USAGE
    }
    if (error instanceof ExitError) return error.exitCode
    process.stderr.write(`huiguo: ${error instanceof Error ? error.message : String(error)}\n`)
    if (error instanceof Error && error.cause) process.stderr.write(`  cause: ${String(error.cause)}\n`)
    return EXIT.FAILED
  }
}
