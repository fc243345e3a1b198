import { runJsonCommand } from '../platform/json-command.ts'
import { DEFAULT_PROGRAMMES } from './defaults.ts'
import { eligibilityRecord } from './eligibility.ts'
import { readFacts } from './facts-input.ts'

/** Reads one enterprise's facts, writes the four default programmes' record; 2 on a bad input. */
export function runEligibility(
  stdin: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
): Promise<number> {
  return runJsonCommand('eligibility', stdin, stdout, stderr, (json) => {
    const facts = readFacts(json)
    return facts.ok ? { ok: true, output: eligibilityRecord(DEFAULT_PROGRAMMES, facts.value) } : facts
  })
}
