import { runJsonCommand } from '../../platform/json-command.ts'
import { readIntakeProblem } from './input.ts'
import { solveIntake } from './solve.ts'

/** Reads one intake problem (JSON), writes its plan as one JSON line; 2 with the problems on a bad input. */
export function runSource(
  stdin: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
): Promise<number> {
  return runJsonCommand('source', stdin, stdout, stderr, async (json) => {
    const input = readIntakeProblem(json)
    return input.ok ? { ok: true, output: await solveIntake(input.value) } : input
  })
}
