import { EXIT } from './cli-support.ts'

/** What a JSON command makes of its parsed input: the answer, or the problems that refuse it. */
export type JsonCommandResult =
  | { readonly ok: true; readonly output: unknown }
  | { readonly ok: false; readonly problems: readonly { readonly field: string; readonly message: string }[] }

/**
 * The shape of `huiguo assess` and `huiguo source`: one JSON document on stdin, one JSON line on
 * stdout; text that is not JSON, or input the command refuses, exits 2 with each problem on stderr
 * and nothing on stdout.
 */
export async function runJsonCommand(
  name: string,
  stdin: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
  handle: (json: unknown) => JsonCommandResult | Promise<JsonCommandResult>,
): Promise<number> {
  let text = ''
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    stderr.write(`huiguo ${name}: the input is not JSON: ${(error as Error).message}\n`)
    return EXIT.USAGE
  }
  const result = await handle(json)
  if (!result.ok) {
    for (const p of result.problems) stderr.write(`huiguo ${name}: ${p.field || '/'} ${p.message}\n`)
    return EXIT.USAGE
  }
  stdout.write(`${JSON.stringify(result.output)}\n`)
  return EXIT.OK
}
