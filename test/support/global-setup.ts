import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../src/platform/index.ts'
import { DEFAULT_SEED, seedDemoCluster } from '../../src/seed/index.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    seededPgliteTemplate: string
  }
}

/**
 * Builds one migrated, seeded PGlite folder per test run; suites copy it (much faster than running
 * initdb and the seed in every file).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'huiguo-template-'))
  const database = await openDatabase({ kind: 'pglite', dataDir: dir })
  await seedDemoCluster(database.db, DEFAULT_SEED)
  await database.close()
  project.provide('seededPgliteTemplate', dir)
  return () => rmSync(dir, { recursive: true, force: true })
}
