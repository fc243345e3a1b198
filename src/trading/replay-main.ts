/**
 * Stand-alone entry for `huiguo replay` until the CLI wires it:
 * `npx tsx src/trading/replay-main.ts [--tick N] < commands.jsonl > events.jsonl`.
 * @module
 */
import { parseTickArg, runReplay } from './replay.ts'

process.exitCode = await runReplay(process.stdin, process.stdout, { tick: parseTickArg(process.argv.slice(2)) })
