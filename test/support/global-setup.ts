import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../src/platform/index.ts'
import { DEFAULT_SEED, seedDemoCluster } from '../../src/seed/index.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, empty PGlite folder. */
    emptyPgliteTemplate: string
    /** A migrated PGlite folder holding the demo cluster of DEFAULT_SEED. */
    seededPgliteTemplate: string
  }
}

/**
 * Builds the PGlite templates once per run; suites copy a folder (a fraction of a second) instead
 * of running initdb and the seed in every file.
 */
export default async function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), 'huiguo-templates-'))
  const empty = join(root, 'empty')
  const seeded = join(root, 'seeded')
  await (await openDatabase({ kind: 'pglite', dataDir: empty })).close()
  cpSync(empty, seeded, { recursive: true })
  const database = await openDatabase({ kind: 'pglite', dataDir: seeded })
  await seedDemoCluster(database.db, DEFAULT_SEED)
  await database.close()
  project.provide('emptyPgliteTemplate', empty)
  project.provide('seededPgliteTemplate', seeded)
  return () => rmSync(root, { recursive: true, force: true })
}
