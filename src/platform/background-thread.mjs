// Lowers the calling thread to background priority: its work (the SQL projection, the embedded
// database) can wait, the order thread's answers cannot. On Linux the thread goes to SCHED_IDLE,
// which the kernel preempts at once whenever a normal thread wakes (a nice value only shrinks its
// share, and under EEVDF a woken order thread could still wait out the background thread's slice);
// `chrt` (util-linux) sets it, as Node has no call for it. Where that fails the thread gets the
// lowest nice value instead; elsewhere nothing changes (a nice value there is per process).
// Plain JavaScript: the PGlite worker runs it without a TypeScript loader.
import { execFile } from 'node:child_process'
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'

const LOWEST_NICE = 19

/** Resolves to the policy the thread got: 'idle', 'nice' or 'unchanged'. */
export function runInBackground() {
  if (process.platform !== 'linux') return Promise.resolve('unchanged')
  let threadId
  try {
    // The thread's own id: readlink runs on the calling thread, so thread-self is this one.
    threadId = readlinkSync('/proc/thread-self').split('/').pop()
  } catch {
    return Promise.resolve(nice())
  }
  return new Promise((resolve) => {
    execFile('chrt', ['--idle', '--pid', '0', threadId], (error) => resolve(error ? nice() : 'idle'))
  })
}

function nice() {
  try {
    setPriority(0, LOWEST_NICE)
    return 'nice'
  } catch {
    return 'unchanged'
  }
}
