import {
  connect,
  DiscardPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
  NatsError,
  RetentionPolicy,
  StorageType,
} from 'nats'
import { DurableWaiters } from './durable-waiters.ts'
import {
  checkPayload,
  type Journal,
  type JournalEntry,
  JournalFailedError,
  JournalReleasedError,
  STREAM_NAME,
} from './journal.ts'
import { PipelinedPublisher } from './pipelined-publisher.ts'

export interface NatsJournalOptions {
  /** The JetStream stream (one per instrument group); created when missing. */
  readonly stream: string
  /** The subject the stream captures (default `huiguo.journal.<stream>`). */
  readonly subject?: string
  /** Replicas of a stream this creates (default 1; 3 on a NATS cluster). */
  readonly replicas?: number
  /** How long a publish waits for its PubAck before the journal fails (default 5000 ms). */
  readonly ackTimeoutMs?: number
  /** Where notices go (default `console.warn`). */
  readonly log?: (msg: string) => void
}

const STREAM_NOT_FOUND = 10059
const defaultLog = (msg: string): void => console.warn(`huiguo journal: ${msg}`)

/**
 * The journal as one JetStream stream, owned by one writer. A record's seq is its stream sequence.
 * Publishes are pipelined, each expecting the stream's last sequence to be `seq - 1` (the header that
 * `expect.lastSequence` sets), so the server refuses a record that would not land at exactly its seq
 * (another writer, or a publish lost with the connection): any refusal, timeout or unexpected PubAck
 * fails the journal.
 *
 * Durable means what the stream makes it: on a cluster with `replicas: 3` a PubAck means a quorum
 * stored the record; a single server acknowledges from memory and fsyncs only every `sync_interval`
 * (2 minutes by default; set `sync_interval: always` in its config to fsync each write).
 *
 * @example
 * const journal = await NatsJournal.open('nats://127.0.0.1:4222', { stream: 'AL' })
 * await journal.whenDurable(journal.append(payload))
 */
export class NatsJournal implements Journal {
  readonly #nc: NatsConnection
  readonly #js: JetStreamClient
  readonly #jsm: JetStreamManager
  readonly #stream: string
  readonly #waiters: DurableWaiters
  readonly #publisher: PipelinedPublisher
  #lastSeq: number
  #closed = false
  #closing: Promise<void> | undefined

  private constructor(
    nc: NatsConnection,
    jsm: JetStreamManager,
    options: NatsJournalOptions,
    subject: string,
    lastSeq: number,
  ) {
    this.#nc = nc
    this.#jsm = jsm
    this.#js = nc.jetstream()
    this.#stream = options.stream
    this.#lastSeq = lastSeq
    this.#waiters = new DurableWaiters(lastSeq)
    this.#publisher = new PipelinedPublisher(
      nc,
      options.stream,
      subject,
      lastSeq,
      options.ackTimeoutMs ?? 5000,
      {
        stored: (seq) => this.#waiters.advance(seq),
        failed: (error) => this.#fail(error),
      },
    )
    nc.closed().then((error) => {
      if (!this.#closed) this.#fail(error ?? new Error('connection closed'))
    })
  }

  /** Connects, creates the stream when missing, and continues after its last sequence. */
  static async open(url: string, options: NatsJournalOptions): Promise<NatsJournal> {
    const { stream } = options
    if (!STREAM_NAME.test(stream)) {
      throw new RangeError(`journal stream name ${JSON.stringify(stream)} is not valid`)
    }
    const subject = options.subject ?? `huiguo.journal.${stream}`
    const log = options.log ?? defaultLog
    const nc = await connect({ servers: url, name: `huiguo-journal-${stream}`, noAsyncTraces: true })
    try {
      const jsm = await nc.jetstreamManager()
      let info = await jsm.streams.info(stream).catch((error: unknown) => {
        if (error instanceof NatsError && error.api_error?.err_code === STREAM_NOT_FOUND) return undefined
        throw error
      })
      if (!info) {
        // Limits retention with no limits: JetStream never drops a record on its own; releaseUpTo purges.
        info = await jsm.streams.add({
          name: stream,
          subjects: [subject],
          storage: StorageType.File,
          retention: RetentionPolicy.Limits,
          discard: DiscardPolicy.Old,
          max_msgs: -1,
          max_bytes: -1,
          max_age: 0,
          num_replicas: options.replicas ?? 1,
          deny_delete: true,
        })
        log(`created JetStream stream ${stream} (${subject})`)
      }
      const { config, state } = info
      if (!config.subjects?.includes(subject)) {
        throw new Error(`JetStream stream ${stream} does not capture ${subject} (it has ${config.subjects})`)
      }
      if (config.retention !== RetentionPolicy.Limits || config.max_msgs > 0 || config.max_bytes > 0) {
        log(`JetStream stream ${stream} has retention ${config.retention} or limits: records may vanish`)
      }
      return new NatsJournal(nc, jsm, options, subject, state.last_seq)
    } catch (error) {
      await nc.close()
      throw error
    }
  }

  get lastSeq(): number {
    return this.#lastSeq
  }

  /** Every record up to this seq is acknowledged by JetStream. */
  get durableSeq(): number {
    return this.#waiters.durableSeq
  }

  append(payload: Uint8Array): number {
    if (this.#waiters.failure) throw this.#waiters.failure
    if (this.#closed) throw new JournalFailedError('journal is closed')
    checkPayload(payload)
    const seq = ++this.#lastSeq
    try {
      this.#publisher.publish(seq, payload)
    } catch (error) {
      this.#fail(error)
      throw this.#waiters.failure
    }
    return seq
  }

  whenDurable(seq: number): Promise<void> {
    return this.#waiters.wait(seq, this.#lastSeq)
  }

  read(afterSeq: number): AsyncIterable<JournalEntry> {
    // The end is fixed now, not when iteration starts.
    return this.#read(afterSeq, this.#lastSeq)
  }

  async releaseUpTo(seq: number): Promise<void> {
    const upTo = Math.min(seq, this.#waiters.durableSeq)
    // Purging beyond the last sequence would move it; `seq` is the first one kept.
    if (upTo >= 1) await this.#jsm.streams.purge(this.#stream, { seq: upTo + 1 })
  }

  close(): Promise<void> {
    this.#closed = true
    this.#closing ??= this.#close()
    return this.#closing
  }

  async #close(): Promise<void> {
    await this.#waiters.wait(this.#lastSeq, this.#lastSeq).catch(() => {})
    this.#publisher.stop()
    await this.#nc.close()
    if (this.#waiters.failure) throw this.#waiters.failure
  }

  #fail(error: unknown): void {
    if (this.#waiters.failure) return
    const why = error instanceof Error ? error.message : String(error)
    this.#waiters.fail(
      new JournalFailedError(`journal stream ${this.#stream} failed: ${why}`, { cause: error }),
    )
  }

  async *#read(afterSeq: number, end: number): AsyncGenerator<JournalEntry> {
    if (afterSeq >= end) return
    await this.whenDurable(end)
    const from = afterSeq + 1
    const { state } = await this.#jsm.streams.info(this.#stream)
    if (state.first_seq > from) {
      throw new JournalReleasedError(
        `records from seq ${from} on were released; the first kept is ${state.first_seq}`,
      )
    }
    const consumer = await this.#js.consumers.get(this.#stream, { opt_start_seq: from })
    const messages = await consumer.consume({ max_messages: Math.min(end - afterSeq, 1000) })
    try {
      let seq = from
      for await (const message of messages) {
        if (message.seq !== seq)
          throw new JournalReleasedError(`expected seq ${seq} from the stream, got ${message.seq}`)
        yield { seq, payload: message.data }
        if (seq++ === end) break
      }
    } finally {
      await messages.close()
      await consumer.delete().catch(() => {})
    }
  }
}
