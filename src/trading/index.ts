/**
 * The trading module's public door. For now: the matching engine and the `huiguo replay` runner
 * (the command itself is in cli.ts, loaded by the CLI without the engine).
 * @module
 */
export * from './engine/index.ts'
export { parseTickArg, type ReplayOptions, runReplay } from './replay.ts'
