/**
 * The SQL projection's writer, as the trading service sees it: durable commands go in, in journal
 * order, and `projected(seq)` comes back once SQL holds everything up to `seq`.
 *
 * - {@link InThreadProjector} encodes and writes the service's own `Applied` results on the
 *   service's thread: for a database only that thread can reach (PGlite in-thread: tests, the CLI).
 * - {@link WorkerProjector} hands the journal records to a thread of its own
 *   (projector-thread.ts), which applies them to a replica of the trading state and writes what
 *   that replica's results say. The thread that answers orders then spends nothing on the
 *   projection but one message per batch or per PROJECTION_HANDOFF_MS, and holds none of its
 *   backlog: encoding a command for SQL cost it a fifth of its time per order, and the encoded
 *   rows, kept until written, outlived the young generation and made every scavenge copy them
 *   (4–9 ms pauses on the order path at half the benchmark's rate, against ~1 ms without). The
 *   replica checks each command's result against the service's (trades and postings counted) and
 *   stops the projection at the first difference.
 * @module
 */
import { Worker } from 'node:worker_threads'
import type { Kysely } from 'kysely'
import type { Instrument } from '../../instruments/index.ts'
import type { Database, SharedDatabase } from '../../platform/db/index.ts'
import type { Applied } from './model.ts'
import { ProjectionBatch } from './projection.ts'

/** Applied commands per SQL transaction, at most: small enough that building one never stalls a thread for long. */
export const PROJECTION_BATCH = 256
/**
 * How long durable commands may wait to be projected while nobody waits for them: a transaction
 * costs the database a commit (milliseconds on PGlite) besides its rows, so a trickle of orders
 * projected one transaction each would cost several times what the same orders cost in one. A
 * reader that needs the projection (`hurry`) and a full batch start it at once.
 */
export const PROJECTION_DELAY_MS = 100

/**
 * How long {@link WorkerProjector} gathers durable commands before it posts them to its thread,
 * unless a batch is full first or a reader hurries. At half the API benchmark's rate a message per
 * group commit was a message per order (a post, a wake-up of the projector thread and a clone per
 * record), which the order thread paid for while orders waited; a batch gathers for at most
 * PROJECTION_DELAY_MS on the other side anyway.
 */
export const PROJECTION_HANDOFF_MS = 20

export interface ProjectorEvents {
  /** SQL holds every command up to `seq`; the last batch's transaction took `ms`. */
  projected(seq: number, ms: number): void
  /** Nothing more will be projected (the journal still has it: a restart projects it again). */
  failed(error: Error): void
}

export interface Projector {
  /** The next durable command, in journal order, with its journal record. */
  add(applied: Applied, record: Uint8Array): void
  /** A reader waits: write what was added now instead of after the delay. */
  hurry(): void
  /** Writes everything added (unless failed), then stops. */
  close(): Promise<void>
}

/** Writes on the calling thread, batch after batch (see the module's note). */
export class InThreadProjector implements Projector {
  readonly #db: Kysely<Database>
  readonly #events: ProjectorEvents
  /** Encoded as added, in batches of at most PROJECTION_BATCH (the last one filling). */
  readonly #batches: ProjectionBatch[] = []
  #writing: Promise<void> | null = null
  #timer: NodeJS.Timeout | null = null
  #hurried = false
  #closing = false
  #failed = false

  constructor(db: Kysely<Database>, events: ProjectorEvents) {
    this.#db = db
    this.#events = events
  }

  add(applied: Applied): void {
    let batch = this.#batches[this.#batches.length - 1]
    if (batch === undefined || batch.size >= PROJECTION_BATCH) {
      batch = new ProjectionBatch()
      this.#batches.push(batch)
    }
    batch.add(applied)
    this.#schedule()
  }

  hurry(): void {
    this.#hurried = true
    this.#schedule()
  }

  async close(): Promise<void> {
    this.#closing = true
    this.#schedule()
    while (this.#writing) await this.#writing
    if (this.#timer) clearTimeout(this.#timer)
  }

  #schedule(): void {
    if (this.#writing || this.#batches.length === 0 || this.#failed) return
    const now =
      this.#hurried || this.#closing || this.#batches.length > 1 || this.#batches[0]!.size >= PROJECTION_BATCH
    if (now) this.#start()
    else
      this.#timer ??= setTimeout(() => {
        this.#timer = null
        this.#start()
      }, PROJECTION_DELAY_MS).unref()
  }

  #start(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    if (this.#writing || this.#batches.length === 0 || this.#failed) return
    this.#writing = (async () => {
      while (this.#batches.length > 0) {
        const batch = this.#batches.shift()!
        const startedAt = performance.now()
        try {
          await this.#db.transaction().execute((trx) => batch.write(trx))
        } catch (error) {
          // After a failed batch nothing later may be projected: the cursor would skip the failed one.
          this.#failed = true
          this.#events.failed(projectionFailed(error))
          return
        }
        this.#events.projected(batch.lastSeq, performance.now() - startedAt)
      }
      this.#hurried = false
    })().finally(() => {
      this.#writing = null
      this.#schedule()
    })
  }
}

export const projectionFailed = (error: unknown): Error =>
  new Error(`trading projection failed: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  })

/** What the service's thread tells the projector's. */
export type ToProjector =
  /**
   * Consecutive commands from `firstSeq`: their journal records one after another in `bytes`
   * (record i ends at `ends[i]`), and each one's trade and posting counts in `shapes`.
   */
  | { readonly commands: ProjectorCommands }
  | { readonly instrument: Instrument }
  | { readonly hurry: true }
  | { readonly close: true }

export interface ProjectorCommands {
  readonly firstSeq: number
  readonly bytes: Uint8Array
  readonly ends: readonly number[]
  readonly shapes: readonly number[]
}

/** What the projector's thread answers. */
export type FromProjector =
  | { readonly ready: true }
  | { readonly projected: number; readonly ms: number }
  | { readonly failed: string }
  | { readonly closed: true }

export interface ProjectorThreadData {
  readonly database: SharedDatabase
  readonly instruments: readonly Instrument[]
  /** The last command SQL holds: the service's snapshot. The thread's replica must start there. */
  readonly fromSeq: number
  /** Run from the TypeScript sources (the thread then compiles its own with tsx). */
  readonly fromSources: boolean
}

/** The thread's script: plain JavaScript beside this module, and beside the bundle's chunks in dist/. */
const THREAD_SCRIPT = new URL('./projector-worker.mjs', import.meta.url)
const FROM_SOURCES = import.meta.url.endsWith('.ts')

/** Hands the journal records to the projector thread (see the module's note). */
export class WorkerProjector implements Projector {
  readonly #worker: Worker
  readonly #events: ProjectorEvents
  #pending: { firstSeq: number; records: Uint8Array[]; bytes: number; shapes: number[] } | null = null
  #timer: NodeJS.Timeout | null = null
  #closed: Promise<void> | null = null
  #onClosed: () => void = () => {}
  #failed = false

  private constructor(worker: Worker, events: ProjectorEvents) {
    this.#worker = worker
    this.#events = events
  }

  /** Starts the thread; resolves once its replica holds the snapshot at `fromSeq`. */
  static start(
    database: SharedDatabase,
    instruments: readonly Instrument[],
    fromSeq: number,
    events: ProjectorEvents,
  ): Promise<WorkerProjector> {
    const workerData: ProjectorThreadData = { database, instruments, fromSeq, fromSources: FROM_SOURCES }
    const worker = new Worker(THREAD_SCRIPT, {
      workerData,
      transferList: database.kind === 'pglite-port' ? [database.port] : [],
    })
    return new Promise((resolve, reject) => {
      let projector: WorkerProjector | null = null
      /** The thread said it closed: its exit is then the end of a clean close. */
      let closed = false
      const fail = (error: Error) => {
        if (projector === null) {
          worker.terminate().catch(() => {})
          reject(error)
        } else projector.#fail(error)
      }
      worker.on('message', (message: FromProjector) => {
        if ('ready' in message) {
          projector = new WorkerProjector(worker, events)
          resolve(projector)
        } else if ('projected' in message) events.projected(message.projected, message.ms)
        else if ('failed' in message) fail(projectionFailed(new Error(message.failed)))
        else if (projector !== null) {
          closed = true
          projector.#onClosed()
        }
      })
      worker.on('error', (error) => fail(projectionFailed(error)))
      worker.on('exit', (code) => {
        if (closed) return
        fail(projectionFailed(new Error(`the projector thread exited (${code})`)))
      })
    })
  }

  add(applied: Applied, record: Uint8Array): void {
    let pending = this.#pending
    if (pending === null) {
      pending = this.#pending = { firstSeq: applied.seq, records: [], bytes: 0, shapes: [] }
      this.#timer = setTimeout(() => this.#send(), PROJECTION_HANDOFF_MS).unref()
    }
    pending.records.push(record)
    pending.bytes += record.byteLength
    pending.shapes.push(applied.trades.length, applied.ledger.length)
    if (pending.records.length >= PROJECTION_BATCH) this.#send()
  }

  /** The thread's replica follows the service's instruments (a status change). */
  replaceInstrument(instrument: Instrument): void {
    this.#send()
    this.#post({ instrument })
  }

  hurry(): void {
    this.#send()
    this.#post({ hurry: true })
  }

  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      this.#onClosed = resolve
      this.#send()
      if (this.#failed) resolve()
      else this.#post({ close: true })
    }).then(() => this.#worker.terminate().then(() => {}))
    return this.#closed
  }

  /** Posts the gathered commands: their records copied into one buffer, which is moved, not cloned. */
  #send(): void {
    const pending = this.#pending
    if (pending === null) return
    this.#pending = null
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    const bytes = new Uint8Array(pending.bytes)
    const ends: number[] = []
    let end = 0
    for (const record of pending.records) {
      bytes.set(record, end)
      end += record.byteLength
      ends.push(end)
    }
    const commands: ProjectorCommands = { firstSeq: pending.firstSeq, bytes, ends, shapes: pending.shapes }
    this.#post({ commands }, [bytes.buffer])
  }

  #post(message: ToProjector, transfer: ArrayBuffer[] = []): void {
    if (!this.#failed) this.#worker.postMessage(message, transfer)
  }

  #fail(error: Error): void {
    if (this.#failed) return
    this.#failed = true
    this.#onClosed()
    this.#events.failed(error)
  }
}
