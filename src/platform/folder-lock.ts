import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'

const LOCK_FILE = 'huiguo.lock'

/** What a locked folder is, for the refusal: its name and how to get past it. */
export interface FolderUse {
  readonly name: string
  readonly remedy: string
}

const DATA_FOLDER: FolderUse = { name: 'the data folder', remedy: 'use another --data folder' }

/**
 * Takes a folder for this process: PGlite's data folder or the file journal's, which a second process
 * writing at the same time would corrupt. The lock file holds the owner's pid; a lock left by a
 * process that is gone is taken over, and this process may take its own again. Returns the release.
 */
export function lockFolder(dir: string, use: FolderUse = DATA_FOLDER): () => void {
  const path = join(dir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(readFileSync(path, 'utf8').trim())
      if (Number.isSafeInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `${use.name} ${dir} is in use by process ${owner} (a running Huiguo?); stop it or ${use.remedy}`,
        )
      }
      rmSync(path, { force: true })
    }
  }
  throw new Error(`could not lock ${use.name} ${dir}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
