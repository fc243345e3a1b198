/**
 * The trading module's public door. For now: the matching engine and the `huiguo replay` runner.
 * @module
 */
export * from './engine/index.ts'
export { parseTickArg, type ReplayOptions, runReplay } from './replay.ts'
