import { EXIT } from '../../platform/cli-support.ts'
import { readIntakeProblem } from './input.ts'
import { solveIntake } from './solve.ts'

/** Reads one intake problem (JSON), writes its plan as one JSON line; 2 with the problems on a bad input. */
export async function runSource(
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
    stderr.write(`huiguo source: the input is not JSON: ${(error as Error).message}\n`)
    return EXIT.USAGE
  }
  const input = readIntakeProblem(json)
  if (!input.ok) {
    for (const p of input.problems) stderr.write(`huiguo source: ${p.field || '/'} ${p.message}\n`)
    return EXIT.USAGE
  }
  stdout.write(`${JSON.stringify(await solveIntake(input.value))}\n`)
  return EXIT.OK
}
