/** How often `watchWrites` has flushed, and how many files in all. */
export interface FlushStats {
  flushes: number
  filesFlushed: number
}

/** Notes the files written through `fs` in this thread and flushes them on demand (see pglite-flush.mjs). */
export function watchWrites(fs: typeof import('node:fs')): {
  readonly stats: FlushStats
  readonly dirty: boolean
  flush(): void
}
