import { runJsonCommand } from '../../platform/json-command.ts'
import { footprint } from './footprint.ts'
import { readFootprintInput } from './footprint-input.ts'

/** Reads one JSON input, writes its record as one JSON line; 2 with the problems on a bad input. */
export function runFootprint(
  stdin: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
): Promise<number> {
  return runJsonCommand('footprint', stdin, stdout, stderr, (json) => {
    const input = readFootprintInput(json)
    if (!input.ok) return { ok: false, problems: input.errors ?? [{ field: '', message: input.detail }] }
    const record = footprint(input.value)
    if (!record.ok) return { ok: false, problems: record.errors ?? [{ field: '', message: record.detail }] }
    return { ok: true, output: record.value }
  })
}
