import { Command } from 'commander'
import { EXIT, ExitError, integerOption } from '../platform/cli-support.ts'

/** `huiguo replay`: the matching engine over JSON lines, stdin to stdout, nothing else on stdout. */
export function replayCommand(): Command {
  return new Command('replay')
    .description(
      'Run matching-engine commands (JSON lines on stdin) and print the events (JSON lines on stdout)',
    )
    .option(
      '--tick <n>',
      'price tick of every instrument, CNY/t',
      integerOption(1, Number.MAX_SAFE_INTEGER),
      10,
    )
    .action(async (opts: { tick: number }) => {
      const { runReplay } = await import('./replay.ts')
      const code = await runReplay(process.stdin, process.stdout, { tick: opts.tick })
      if (code !== EXIT.OK) throw new ExitError(code)
    })
}
