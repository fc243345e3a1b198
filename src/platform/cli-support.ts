import { join, resolve } from 'node:path'
import { InvalidArgumentError } from 'commander'
import type { DatabaseTarget, OpenDatabase } from './db/index.ts'

/**
 * What every module's CLI commands share. Kept light (commander only): `huiguo --help` loads it for
 * every command, while the database and the server load inside the actions.
 */

/** Exit codes: 0 done, 1 failed, 2 bad usage or refused input. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const

/** Thrown by a command to end with a given exit code after it has said why. */
export class ExitError extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`)
  }
}

export function integerOption(min: number, max: number) {
  return (value: string): number => {
    if (!/^-?[0-9]+$/.test(value)) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`)
    const n = Number(value)
    if (n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`)
    return n
  }
}

export const DEFAULT_PORT = 8080
export const DEFAULT_DATA_DIR = './data'

/** The `--data` option of every command that opens the database. */
export const DATA_OPTION = [
  '-d, --data <dir>',
  'PGlite data folder (env HUIGUO_DATA, default ./data; DATABASE_URL uses PostgreSQL)',
] as const

/**
 * Where the database is: DATABASE_URL (a PostgreSQL server) wins; otherwise PGlite in --data, then
 * HUIGUO_DATA, then ./data.
 */
export function databaseTarget(dataOption: string | undefined, env: NodeJS.ProcessEnv): DatabaseTarget {
  const url = env.DATABASE_URL?.trim()
  if (url) return { kind: 'postgres', url }
  return { kind: 'pglite', dataDir: dataDirOf(dataOption, env) }
}

/** The data folder: `--data`, else HUIGUO_DATA, else ./data. */
export const dataDirOf = (dataOption: string | undefined, env: NodeJS.ProcessEnv): string =>
  resolve(dataOption ?? env.HUIGUO_DATA ?? DEFAULT_DATA_DIR)

/**
 * Where the server journals orders: `--journal`, else HUIGUO_JOURNAL, else `<data>/journal`. With a
 * PostgreSQL server too: the journal must outlive the process, since a restart replays its tail.
 */
export const journalOf = (
  journalOption: string | undefined,
  dataOption: string | undefined,
  env: NodeJS.ProcessEnv,
): string => journalOption ?? env.HUIGUO_JOURNAL ?? join(dataDirOf(dataOption, env), 'journal')

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'postgres') return `PostgreSQL at ${new URL(target.url).host}`
  return target.dataDir ? `embedded PGlite in ${target.dataDir}` : 'embedded PGlite in memory'
}

/**
 * Opens the database of `--data` (or DATABASE_URL), runs the work and closes it again. The database
 * module loads here, on use: its drivers are the heavy part of the CLI.
 */
export async function withDatabase<T>(
  dataOption: string | undefined,
  work: (database: OpenDatabase) => Promise<T>,
): Promise<T> {
  const { openDatabase } = await import('./db/index.ts')
  const database = await openDatabase(databaseTarget(dataOption, process.env))
  try {
    return await work(database)
  } finally {
    await database.close()
  }
}
