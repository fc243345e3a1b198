import { EXIT } from '../../platform/cli-support.ts'
import { assess } from './assess.ts'
import { readAssessmentInput } from './input.ts'

/** Reads one JSON input, writes its record as one JSON line; 2 with the problems on a bad input. */
export async function runAssess(
  stdin: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
): Promise<number> {
  let text = ''
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    stderr.write(`huiguo assess: the input is not JSON: ${(error as Error).message}\n`)
    return EXIT.USAGE
  }
  const input = readAssessmentInput(json)
  if (!input.ok) {
    for (const p of input.problems) stderr.write(`huiguo assess: ${p.field || '/'} ${p.message}\n`)
    return EXIT.USAGE
  }
  stdout.write(`${JSON.stringify(assess(input.value))}\n`)
  return EXIT.OK
}
