// PGlite in a worker thread: it opens the database and answers the queries that
// pglite-worker-client.ts posts, one at a time in arrival order, so PGlite's WebAssembly never blocks
// the thread that serves requests and matches orders. Plain JavaScript, so that the same file runs
// from the sources and from the bundle without a TypeScript loader in the worker.
import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'

// What this thread does for the server (the SQL projection of the journal, reads) can wait; the
// main thread's answers to orders cannot. On Linux the nice value is per thread, so this lowers
// only the worker's share of contended cores (elsewhere it would slow the whole process: skip).
const NICE = 10
if (process.platform === 'linux' && workerData.nice !== false) {
  try {
    setPriority(0, NICE)
  } catch {}
}

const INT8_OID = 20
const ERROR_FIELDS = [
  'code',
  'detail',
  'hint',
  'severity',
  'constraint',
  'table',
  'column',
  'schema',
  'where',
]

/** The fields of a PostgreSQL error worth carrying back (message, SQLSTATE code, detail…). */
function errorFields(error) {
  if (!(error instanceof Error)) return { message: String(error) }
  const fields = { message: error.message, name: error.name }
  for (const key of ERROR_FIELDS) if (error[key] !== undefined) fields[key] = error[key]
  return fields
}

const port = parentPort
if (port === null) throw new Error('pglite-worker runs as a worker thread')
const opening = PGlite.create({
  ...(workerData.dataDir ? { dataDir: workerData.dataDir } : {}),
  parsers: { [INT8_OID]: (text) => BigInt(text) },
  // As connect.ts: PGlite runs with fsync off, so full-page images in the WAL guard nothing.
  startParams: [...PGlite.defaultStartParams, '-c', 'full_page_writes=off'],
})
let queue = Promise.resolve()

port.on('message', (message) => {
  queue = queue.then(async () => {
    try {
      const pglite = await opening
      if (message.sql === null) {
        await pglite.close()
        port.postMessage({ id: message.id, ok: true, rows: [], affectedRows: undefined })
        return
      }
      const result = await pglite.query(message.sql, message.parameters)
      port.postMessage({ id: message.id, ok: true, rows: result.rows, affectedRows: result.affectedRows })
    } catch (error) {
      port.postMessage({ id: message.id, ok: false, error: errorFields(error) })
    }
  })
})
