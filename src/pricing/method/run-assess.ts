import { runJsonCommand } from '../../platform/json-command.ts'
import { assess } from './assess.ts'
import { readAssessmentInput } from './input.ts'

/** Reads one JSON input, writes its record as one JSON line; 2 with the problems on a bad input. */
export function runAssess(
  stdin: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
): Promise<number> {
  return runJsonCommand('assess', stdin, stdout, stderr, (json) => {
    const input = readAssessmentInput(json)
    return input.ok ? { ok: true, output: assess(input.value) } : input
  })
}
