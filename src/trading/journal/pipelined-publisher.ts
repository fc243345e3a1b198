import { createInbox, headers, type Msg, type NatsConnection, type NatsError, type Subscription } from 'nats'

/** The JetStream publish header that makes the server refuse a message not landing after this seq. */
const EXPECTED_LAST_SEQUENCE = 'Nats-Expected-Last-Sequence'

interface PubAckJson {
  readonly stream?: string
  readonly seq?: number
  readonly duplicate?: boolean
  readonly error?: { readonly code?: number; readonly err_code?: number; readonly description?: string }
}

/** Where the publisher reports: every seq up to `seq` is stored, or the stream cannot be trusted. */
export interface PublisherEvents {
  stored(seq: number): void
  failed(error: Error): void
}

const decoder = new TextDecoder()

/**
 * Publishes journal records to JetStream without waiting for each PubAck. It does what
 * `js.publish(subject, data, { expect: { lastSequence } })` does, with one reply subscription for all
 * records (`<inbox>.<seq>`) instead of a request, a promise and a timer per record: about a third of
 * the client CPU, which the API process needs. A PubAck that is an error, names another seq or stream,
 * or does not come within `ackTimeoutMs` (one interval timer checks for progress) is a failure.
 * @internal
 */
export class PipelinedPublisher {
  readonly #nc: NatsConnection
  readonly #subject: string
  readonly #stream: string
  readonly #ackTimeoutMs: number
  readonly #events: PublisherEvents
  readonly #inbox = createInbox()
  readonly #subscription: Subscription
  /** PubAcks that arrived before an earlier one (JetStream answers in order, so normally empty). */
  readonly #early = new Set<number>()
  #stored: number
  #published: number
  #watchdog: NodeJS.Timeout | undefined
  #storedAtLastCheck = 0
  #failed = false

  constructor(
    nc: NatsConnection,
    stream: string,
    subject: string,
    lastSeq: number,
    ackTimeoutMs: number,
    events: PublisherEvents,
  ) {
    this.#nc = nc
    this.#stream = stream
    this.#subject = subject
    this.#ackTimeoutMs = ackTimeoutMs
    this.#events = events
    this.#stored = lastSeq
    this.#published = lastSeq
    this.#subscription = nc.subscribe(`${this.#inbox}.*`, {
      callback: (error, msg) => this.#onReply(error, msg),
    })
  }

  /** Sends record `seq`, which must follow the last one sent. Throws if the connection refuses it. */
  publish(seq: number, payload: Uint8Array): void {
    const header = headers()
    header.set(EXPECTED_LAST_SEQUENCE, String(seq - 1))
    this.#nc.publish(this.#subject, payload, { reply: `${this.#inbox}.${seq}`, headers: header })
    this.#published = seq
    if (this.#watchdog === undefined) {
      this.#storedAtLastCheck = this.#stored
      this.#watchdog = setInterval(() => this.#checkProgress(), this.#ackTimeoutMs)
      this.#watchdog.unref()
    }
  }

  /** Stops listening for PubAcks (after the last one came, or the journal failed). */
  stop(): void {
    clearInterval(this.#watchdog)
    this.#watchdog = undefined
    this.#subscription.unsubscribe()
  }

  #onReply(error: NatsError | null, msg: Msg): void {
    if (this.#failed) return
    const seq = Number(msg.subject.slice(this.#inbox.length + 1))
    const problem = error ?? this.#ackProblem(seq, msg)
    if (problem) {
      this.#fail(problem)
      return
    }
    if (seq !== this.#stored + 1) {
      this.#early.add(seq)
      return
    }
    let stored = seq
    while (this.#early.delete(stored + 1)) stored++
    this.#stored = stored
    if (stored === this.#published) {
      clearInterval(this.#watchdog)
      this.#watchdog = undefined
    }
    this.#events.stored(stored)
  }

  /** Why this reply is not the PubAck of record `seq` at stream seq `seq`, if it is not. */
  #ackProblem(seq: number, msg: Msg): Error | undefined {
    let ack: PubAckJson
    try {
      ack = JSON.parse(decoder.decode(msg.data))
    } catch {
      const status = msg.headers ? ` (status ${msg.headers.code} ${msg.headers.description})` : ''
      return new Error(`no PubAck for record ${seq}${status}: is stream ${this.#stream} there?`)
    }
    if (ack.error) {
      const { code, err_code: errCode, description } = ack.error
      return new Error(`JetStream refused record ${seq}: ${description} (${code}/${errCode})`)
    }
    if (ack.seq !== seq || ack.stream !== this.#stream || ack.duplicate) {
      const dup = ack.duplicate ? ', as a duplicate' : ''
      return new Error(`record ${seq} was stored as ${ack.stream} seq ${ack.seq}${dup}`)
    }
    return undefined
  }

  /** Runs every ackTimeoutMs while records are unacknowledged: no progress since the last run fails. */
  #checkProgress(): void {
    if (this.#stored === this.#storedAtLastCheck && this.#stored < this.#published) {
      this.#fail(new Error(`no PubAck for record ${this.#stored + 1} within ${this.#ackTimeoutMs} ms`))
    }
    this.#storedAtLastCheck = this.#stored
  }

  #fail(error: Error): void {
    if (this.#failed) return
    this.#failed = true
    this.stop()
    this.#events.failed(error)
  }
}
