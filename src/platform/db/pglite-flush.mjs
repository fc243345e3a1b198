// PGlite runs with fsync off (see pglite-settings.mjs), so what it writes waits in the page cache
// until the kernel writes it back, 30 s later, in bursts of up to a hundred megabytes under the
// trading projection. A durable write waits for what the device is busy writing back: the trading
// journal's O_DSYNC writes took up to 200 ms behind those bursts, and one took 705 ms behind 400 MB
// (measured on this project's 2-core VM). So the PGlite worker flushes what PGlite wrote at each
// commit, one commit's worth at a time, and the journal's writes wait for at most that. It also
// means that a commit the worker has answered is on disk, WAL files first.
// Emscripten's NODEFS, which PGlite mounts on its data folder, calls fs.openSync, fs.writeSync and
// fs.closeSync on the `node:fs` module object at each use, which is where the files written are seen.
// Plain JavaScript: the PGlite worker runs it without a TypeScript loader.

/** A WAL segment: flushed before data files, which PostgreSQL writes only after their WAL. */
const isWal = (path) => /[\\/]pg_wal[\\/]/.test(String(path))

/**
 * Wraps `fs`'s openSync, writeSync and closeSync (in this thread only: each worker thread has its
 * own module objects) to note the files written since the last flush. A file closed with unflushed
 * writes is flushed before it is closed.
 */
export function watchWrites(fs) {
  const { openSync, writeSync, closeSync, fdatasyncSync } = fs
  const walFds = new Set()
  const dirtyWal = new Set()
  const dirtyData = new Set()
  const stats = { flushes: 0, filesFlushed: 0 }

  fs.openSync = function openSyncWatched(path, ...rest) {
    const fd = openSync.call(fs, path, ...rest)
    if (isWal(path)) walFds.add(fd)
    else walFds.delete(fd)
    return fd
  }
  fs.writeSync = function writeSyncWatched(fd, ...rest) {
    const written = writeSync.call(fs, fd, ...rest)
    ;(walFds.has(fd) ? dirtyWal : dirtyData).add(fd)
    return written
  }
  fs.closeSync = function closeSyncWatched(fd) {
    const dirtyOfWal = dirtyWal.delete(fd)
    const dirty = dirtyData.delete(fd) || dirtyOfWal
    walFds.delete(fd)
    try {
      if (dirty) {
        fdatasyncSync.call(fs, fd)
        stats.filesFlushed++
      }
    } finally {
      closeSync.call(fs, fd)
    }
  }

  return {
    stats,
    /** Whether anything was written since the last flush. */
    get dirty() {
      return dirtyWal.size > 0 || dirtyData.size > 0
    },
    /** fdatasync of every file written since the last flush, WAL segments first. */
    flush() {
      for (const dirty of [dirtyWal, dirtyData]) {
        for (const fd of dirty) {
          fdatasyncSync.call(fs, fd)
          dirty.delete(fd)
          stats.filesFlushed++
        }
      }
      stats.flushes++
    },
  }
}
