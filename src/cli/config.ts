import { resolve } from 'node:path'
import type { DatabaseTarget } from '../platform/index.ts'

export const DEFAULT_PORT = 8080
export const DEFAULT_DATA_DIR = './data'

/**
 * Where the database is: DATABASE_URL (a PostgreSQL server) wins; otherwise PGlite in --data, then
 * HUIGUO_DATA, then ./data.
 */
export function databaseTarget(dataOption: string | undefined, env: NodeJS.ProcessEnv): DatabaseTarget {
  const url = env.DATABASE_URL?.trim()
  if (url) return { kind: 'postgres', url }
  return { kind: 'pglite', dataDir: resolve(dataOption ?? env.HUIGUO_DATA ?? DEFAULT_DATA_DIR) }
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'postgres') return `PostgreSQL at ${new URL(target.url).host}`
  return target.dataDir ? `embedded PGlite in ${target.dataDir}` : 'embedded PGlite in memory'
}
