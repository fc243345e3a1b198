/**
 * `huiguo replay [--tick N]`: reads JSON-lines commands, writes JSON-lines events, nothing else.
 *
 * Format decisions (the contract names the events and their fields but not the key of the name):
 * - each event line starts with `"type"` (the event name), then the fields in the contract's order:
 *   `accepted {id}`, `rejected {id, reason}`, `trade {buy, sell, price, qty, aggressor}`,
 *   `cancelled {id, remaining, reason}`, `amended {id, price, qty}`, `mode {instrument, model}`,
 *   `uncross {instrument, price, qty}`; a price that does not exist is `null`;
 * - the `uncross` line comes before the trades and cancellations it causes (as `accepted` does);
 * - whitespace-only input lines are skipped; `\r\n` line ends are accepted.
 * Output is buffered and written in large chunks, respecting back-pressure.
 * @module
 */
import { StringDecoder } from 'node:string_decoder'
import { JsonLinesEngine } from './engine/index.ts'

export interface ReplayOptions {
  /** Tick of every instrument, CNY/t (a positive integer). */
  readonly tick: number
  /** Where a usage error is reported. Default: `process.stderr`. */
  readonly errors?: NodeJS.WritableStream
}

const FLUSH_CHARS = 1 << 16

/** The `--tick` value (`--tick N` or `--tick=N`), 10 when absent, NaN when malformed. */
export function parseTickArg(argv: readonly string[]): number {
  let tick = 10
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--tick') tick = /^\d+$/.test(argv[i + 1] ?? '') ? Number(argv[++i]) : Number.NaN
    else if (arg.startsWith('--tick=')) tick = /^\d+$/.test(arg.slice(7)) ? Number(arg.slice(7)) : Number.NaN
  }
  return tick
}

/** Replays `input` into `output`. Returns the exit code: 0, or 2 for a bad tick (reported to `errors`). */
export async function runReplay(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  options: ReplayOptions,
): Promise<number> {
  if (!Number.isSafeInteger(options.tick) || options.tick <= 0) {
    const errors = options.errors ?? process.stderr
    errors.write(`huiguo replay: --tick must be a positive integer, got ${options.tick}\n`)
    return 2
  }
  const edge = new JsonLinesEngine({ tickSize: options.tick })
  const decoder = new StringDecoder('utf8')
  const flush = async (): Promise<void> => {
    const text = edge.takeOutput()
    if (text !== '' && !output.write(text)) {
      await new Promise<void>((resolve) => output.once('drain', () => resolve()))
    }
  }
  let rest = ''
  for await (const chunk of input) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer))
    let start = 0
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      edge.applyLine(text.slice(start, end))
      start = end + 1
      if (edge.pendingLength >= FLUSH_CHARS) await flush()
    }
    rest = text.slice(start)
  }
  rest += decoder.end()
  edge.applyLine(rest)
  await flush()
  return 0
}
