/** One journaled record: its sequence number and the bytes the caller appended. */
export interface JournalEntry {
  readonly seq: number
  readonly payload: Uint8Array
}

/**
 * A durable, sequenced log of commands. Records get consecutive sequence numbers from 1; a record is
 * acknowledged (`whenDurable`) only once it survives a crash. Two adapters: `FileJournal` (append-only
 * segment files with group commit) and `NatsJournal` (one JetStream stream).
 *
 * Payloads must hold 1 byte to `MAX_PAYLOAD_BYTES`: an empty record could not be told apart from a
 * zero-filled file tail.
 */
export interface Journal {
  /** Sequence number of the last appended record (0 when empty). */
  readonly lastSeq: number
  /** Appends one record and returns its sequence number (lastSeq + 1), synchronously, in call order. Not yet durable. Throws if the journal failed or is closed. */
  append(payload: Uint8Array): number
  /** Resolves once every record up to `seq` is durable (fsync'd, or acknowledged by JetStream). Rejects if the journal failed (then the process must stop: nothing after the failure may be acknowledged). */
  whenDurable(seq: number): Promise<void>
  /** Records with seq > afterSeq, in order, up to lastSeq at the time of the call. */
  read(afterSeq: number): AsyncIterable<JournalEntry>
  /**
   * The last writes to the disk that took LONG_WRITE_MS or more, oldest first (the file journal;
   * JetStream's writes are the server's, and it has none to report). A command's wait from append
   * to durable also holds whatever else its thread did meanwhile; these say what the disk took.
   */
  slowWrites?(): readonly SlowWrite[]
  /** Lets the journal drop records <= seq (a snapshot covers them); may be a no-op. */
  releaseUpTo(seq: number): Promise<void>
  close(): Promise<void>
}

/** A write to the disk this long is a slow one (`Journal.slowWrites`). */
export const LONG_WRITE_MS = 5
/** How many slow writes a journal keeps. */
export const RECENT_SLOW_WRITES = 64

/** One slow write of the journal. */
export interface SlowWrite {
  /** When it began, Unix ms (fractional). */
  readonly atMs: number
  readonly ms: number
  /** `batch`: one group commit's durable write; `segment`: starting a new segment file (its header, name and folder made durable). */
  readonly kind: 'batch' | 'segment'
  /** Bytes written (a segment's start counts its header). */
  readonly bytes: number
}

/** The largest payload either adapter accepts (JetStream's default max_payload is 1 MiB). */
export const MAX_PAYLOAD_BYTES = 1024 * 1024

/** Stream names become a directory or a JetStream stream name: keep them to a safe alphabet. */
export const STREAM_NAME = /^[A-Za-z0-9_-]{1,64}$/

/**
 * The journal stopped working (a write, fsync or publish failed, or another writer took the stream).
 * Nothing appended after it may be acknowledged; the process must stop and recover from the journal.
 */
export class JournalFailedError extends Error {
  override readonly name = 'JournalFailedError'
}

/** The journal on disk is damaged somewhere other than a torn last record; it needs an operator. */
export class JournalCorruptionError extends Error {
  override readonly name = 'JournalCorruptionError'
  readonly file: string
  readonly offset: number

  constructor(file: string, offset: number, problem: string) {
    super(`journal corrupt: ${file} at byte ${offset}: ${problem}`)
    this.file = file
    this.offset = offset
  }
}

/** `read` asked for records that `releaseUpTo` already dropped. */
export class JournalReleasedError extends Error {
  override readonly name = 'JournalReleasedError'
}

/** Checks a payload before it is appended; the same rule for every adapter. */
export function checkPayload(payload: Uint8Array): void {
  if (!(payload instanceof Uint8Array)) throw new TypeError('journal payload must be a Uint8Array')
  if (payload.length === 0 || payload.length > MAX_PAYLOAD_BYTES) {
    throw new RangeError(`journal payload must hold 1 to ${MAX_PAYLOAD_BYTES} bytes, not ${payload.length}`)
  }
}
