/**
 * The projector's thread (started by `WorkerProjector`, through projector-worker.mjs): a replica of
 * the trading state restored from the same snapshot as the service's, to which it applies the
 * journal records the service hands it, in order, and writes what each command did to SQL, in
 * batches of one transaction each. The state is deterministic in its commands (recovery replays
 * them the same way), so the replica's results are the service's; the service's trade and posting
 * counts ride along with each record, and the first command whose result differs stops the
 * projection instead of writing something the service never answered.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { Instrument } from '../../instruments/index.ts'
import { runInBackground } from '../../platform/background-thread.mjs'
import { openSharedDatabase } from '../../platform/db/index.ts'
import type { JournalCommand } from './model.ts'
import { ProjectionBatch } from './projection.ts'
import {
  type FromProjector,
  PROJECTION_BATCH,
  PROJECTION_DELAY_MS,
  type ProjectorThreadData,
  type ToProjector,
} from './projector.ts'
import { TradingState } from './state.ts'
import { loadSnapshot } from './store.ts'

/** Far enough ahead that the snapshot carries no closed orders: the replica never needs them. */
const NO_CLOSED_ORDERS_MS = Date.UTC(9999, 0)

type Round = Extract<ToProjector, { commands: unknown }>['commands'] | { readonly instrument: Instrument }

const port = parentPort
if (port === null) throw new Error('projector-thread runs as a worker thread')
const data = workerData as ProjectorThreadData
// What this thread does can wait; the order thread's answers cannot.
runInBackground()

const decoder = new TextDecoder()
const post = (message: FromProjector) => port.postMessage(message)
const { db, close } = openSharedDatabase(data.database)
const state = new TradingState(data.instruments, { idempotencyKeys: false })

/** Rounds of commands (and instrument changes) not yet written, oldest first; `at` indexes into the first. */
const rounds: Round[] = []
let at = 0
let queued = 0
let ready = false
let writing = false
let hurried = false
let due = false
let closing = false
let failed = false
let timer: NodeJS.Timeout | null = null

function fail(error: unknown): void {
  if (failed) return
  failed = true
  post({ failed: error instanceof Error ? error.message : String(error) })
}

port.on('message', (message: ToProjector) => {
  if ('commands' in message) {
    rounds.push(message.commands)
    queued += message.commands.ends.length
  } else if ('instrument' in message) rounds.push({ instrument: message.instrument })
  else if ('hurry' in message) hurried = true
  else closing = true
  pump()
})

function pump(): void {
  if (!ready || writing || failed) return
  if (rounds.length === 0) {
    hurried = false
    if (closing) finish()
    return
  }
  if (hurried || due || closing || queued >= PROJECTION_BATCH) {
    if (timer) clearTimeout(timer)
    timer = null
    due = false
    writing = true
    writeBatch()
      .catch(fail)
      .finally(() => {
        writing = false
        pump()
      })
  } else
    timer ??= setTimeout(() => {
      timer = null
      due = true
      pump()
    }, PROJECTION_DELAY_MS)
}

/** Applies up to PROJECTION_BATCH queued commands to the replica and writes them in one transaction. */
async function writeBatch(): Promise<void> {
  const batch = new ProjectionBatch()
  while (rounds.length > 0 && batch.size < PROJECTION_BATCH) {
    const round = rounds[0]!
    if ('instrument' in round) {
      state.replaceInstrument(round.instrument)
      rounds.shift()
      continue
    }
    const seq = round.firstSeq + at
    const record = round.bytes.subarray(at === 0 ? 0 : round.ends[at - 1], round.ends[at])
    const command = JSON.parse(decoder.decode(record)) as JournalCommand
    const applied = state.apply(seq, command)
    const trades = round.shapes[2 * at]
    const postings = round.shapes[2 * at + 1]
    if (applied.trades.length !== trades || applied.ledger.length !== postings)
      throw new Error(
        `the replica's command ${seq} made ${applied.trades.length} trades and ${applied.ledger.length} postings, the service's ${trades} and ${postings}`,
      )
    batch.add(applied)
    queued--
    if (++at === round.ends.length) {
      rounds.shift()
      at = 0
    }
  }
  if (batch.size === 0) return
  const startedAt = performance.now()
  await db.transaction().execute((trx) => batch.write(trx))
  post({ projected: batch.lastSeq, ms: performance.now() - startedAt })
  // Closed orders are never touched again: the replica keeps what later commands reach.
  state.forget(NO_CLOSED_ORDERS_MS)
}

function finish(): void {
  close()
    .catch(() => {})
    .finally(() => post({ closed: true }))
}

try {
  const snapshot = await loadSnapshot(db, NO_CLOSED_ORDERS_MS)
  if (snapshot.seq !== data.fromSeq)
    throw new Error(
      `SQL holds the projection up to command ${snapshot.seq}, the service started from ${data.fromSeq}: is another server projecting into this database?`,
    )
  state.restore(snapshot)
  ready = true
  post({ ready: true })
  pump()
} catch (error) {
  fail(error)
}
