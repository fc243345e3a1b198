// PGlite in a worker thread: it opens the database and answers the queries that
// pglite-worker-client.ts posts, one at a time in arrival order, so PGlite's WebAssembly never blocks
// the thread that serves requests and matches orders. Plain JavaScript, so that the same file runs
// from the sources and from the bundle without a TypeScript loader in the worker.
import fs from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { runInBackground } from '../background-thread.mjs'
import { watchWrites } from './pglite-flush.mjs'
import { PGLITE_SETTINGS } from './pglite-settings.mjs'

// What this thread does for the server (the SQL projection of the journal, reads) can wait; the
// main thread's answers to orders cannot.
if (workerData.background !== false) runInBackground()

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

const parent = parentPort
if (parent === null) throw new Error('pglite-worker runs as a worker thread')
// Before PGlite opens a file: each commit's writes are flushed before the worker answers it.
const writes = workerData.dataDir ? watchWrites(fs) : null
const opening = PGlite.create({
  ...(workerData.dataDir ? { dataDir: workerData.dataDir } : {}),
  parsers: { [INT8_OID]: (text) => BigInt(text) },
  startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
})

// Clients: the thread that started this worker, and any thread it handed a port to ({ attach }).
// PGlite has one session, and a client's transaction spans several messages ('begin', statements,
// 'commit'): while one client's transaction is open, the other clients' messages wait their turn.
const waiting = []
let owner = null
let running = false

async function pump() {
  if (running) return
  running = true
  try {
    for (;;) {
      const next = waiting.findIndex((w) => owner === null || w.client === owner)
      if (next < 0) return
      const [{ client, message }] = waiting.splice(next, 1)
      await answer(client, message)
    }
  } finally {
    running = false
  }
}

async function answer(client, message) {
  try {
    const pglite = await opening
    if (message.flushStats) {
      client.postMessage({
        id: message.id,
        ok: true,
        rows: [{ flushes: 0, filesFlushed: 0, ...writes?.stats }],
        affectedRows: undefined,
      })
      return
    }
    if (message.sql === null) {
      await pglite.close()
      client.postMessage({ id: message.id, ok: true, rows: [], affectedRows: undefined })
      return
    }
    const verb = message.sql.length <= 8 ? message.sql.trim().toLowerCase() : ''
    if (verb === 'commit' || verb === 'rollback') owner = null // ended, even if the statement fails
    // Owned from before 'begin' runs, so that a client closing meanwhile is still rolled back.
    if (verb === 'begin') owner = client
    let result
    try {
      result = await pglite.query(message.sql, message.parameters)
    } catch (error) {
      if (verb === 'begin' && owner === client) owner = null
      throw error
    }
    // Outside a transaction every statement has committed (or rolled back) by now.
    if (owner === null && writes?.dirty) {
      try {
        writes.flush()
      } catch (error) {
        throw new Error(`committed, but the database's files could not be flushed to disk: ${error.message}`)
      }
    }
    client.postMessage({ id: message.id, ok: true, rows: result.rows, affectedRows: result.affectedRows })
  } catch (error) {
    client.postMessage({ id: message.id, ok: false, error: errorFields(error) })
  }
}

function serve(client) {
  client.on('message', (message) => {
    if (message.attach) {
      serve(message.attach)
      return
    }
    waiting.push({ client, message })
    pump()
  })
  // A client gone in the middle of its transaction must not hold the others forever.
  client.on('close', () => {
    for (let i = waiting.length - 1; i >= 0; i--) if (waiting[i].client === client) waiting.splice(i, 1)
    if (owner !== client) return
    const gone = { postMessage() {} }
    owner = gone
    waiting.unshift({ client: gone, message: { id: 0, sql: 'rollback', parameters: [] } })
    pump()
  })
}
serve(parent)
