/**
 * The projector's thread (started by `WorkerProjector`, through projector-worker.mjs): a replica of
 * the trading state restored from the same snapshot as the service's, to which it applies the
 * journal records the service hands it, in order, and writes what each command did to SQL, in
 * batches of one transaction each. The state is deterministic in its commands (recovery replays
 * them the same way), so the replica's results are the service's; the service's trade and posting
 * counts ride along with each record, and the first command whose result differs stops the
 * projection instead of writing something the service never answered. When it writes is
 * projection-pace.ts's rule: during a burst of orders, and while nobody reads, it holds its work.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { Instrument } from '../../instruments/index.ts'
import { runInBackground } from '../../platform/background-thread.mjs'
import { openSharedDatabase } from '../../platform/db/index.ts'
import type { JournalCommand } from './model.ts'
import { ProjectionBatch } from './projection.ts'
import { PROJECTION_BURST_ONSET_MS, projectionPace } from './projection-pace.ts'
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
/** When each round arrived (`rounds`' twin). */
const roundsArrivedAtMs: number[] = []
let at = 0
let queued = 0
/** The last second's rounds of commands: when each arrived and its size (see projection-pace.ts). */
const arrivals: { readonly atMs: number; readonly count: number }[] = []
let arrivedLastSecondCount = 0
let ready = false
let writing = false
let hurried = false
/** A burst's hold reached its bound: write until nothing waits. */
let draining = false
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
    const atMs = performance.now()
    const count = message.commands.ends.length
    enqueue(message.commands, atMs)
    queued += count
    arrivals.push({ atMs, count })
    arrivedLastSecondCount += count
  } else if ('instrument' in message) enqueue({ instrument: message.instrument }, performance.now())
  else if ('hurry' in message) hurried = true
  else closing = true
  pump()
})

function enqueue(round: Round, atMs: number): void {
  rounds.push(round)
  roundsArrivedAtMs.push(atMs)
}

function dequeue(): void {
  rounds.shift()
  roundsArrivedAtMs.shift()
}

function pump(): void {
  if (!ready || writing || failed) return
  if (rounds.length === 0) {
    hurried = false
    draining = false
    if (closing) finish()
    return
  }
  const nowMs = performance.now()
  while (arrivals.length > 0 && arrivals[0]!.atMs <= nowMs - 1000)
    arrivedLastSecondCount -= arrivals.shift()!.count
  let arrivedOnsetCount = 0
  for (let i = arrivals.length - 1; i >= 0 && arrivals[i]!.atMs > nowMs - PROJECTION_BURST_ONSET_MS; i--)
    arrivedOnsetCount += arrivals[i]!.count
  const pace = projectionPace({
    nowMs,
    queued,
    oldestArrivedAtMs: roundsArrivedAtMs[0]!,
    arrivedLastSecondCount,
    arrivedOnsetCount,
    // An instrument change waiting alone is written at once, as commands are when urgent.
    urgent: hurried || closing || draining || queued === 0,
    batchCommands: PROJECTION_BATCH,
    delayMs: PROJECTION_DELAY_MS,
  })
  if (timer) clearTimeout(timer)
  timer = null
  if (!pace.write) {
    timer = setTimeout(pump, pace.recheckInMs)
    return
  }
  if (pace.endsHold) draining = true
  writing = true
  writeBatch()
    .catch(fail)
    .finally(() => {
      writing = false
      pump()
    })
}

/** Applies up to PROJECTION_BATCH queued commands to the replica and writes them in one transaction. */
async function writeBatch(): Promise<void> {
  const batch = new ProjectionBatch()
  while (rounds.length > 0 && batch.size < PROJECTION_BATCH) {
    const round = rounds[0]!
    if ('instrument' in round) {
      state.replaceInstrument(round.instrument)
      dequeue()
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
      dequeue()
      at = 0
    }
  }
  if (batch.size === 0) return
  const startedAt = performance.now()
  await db.transaction().execute((trx) => batch.write(trx))
  post({ projected: batch.lastSeq, ms: performance.now() - startedAt })
  // Closed orders are never touched again: the replica keeps what later commands reach.
  state.forgetNotes(NO_CLOSED_ORDERS_MS)
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
