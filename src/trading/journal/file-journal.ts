import { constants } from 'node:fs'
import { mkdir, open, readdir, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { type FolderUse, lockFolder } from '../../platform/folder-lock.ts'
import { DurableWaiters } from './durable-waiters.ts'
import {
  checkPayload,
  type Journal,
  JournalCorruptionError,
  type JournalEntry,
  JournalFailedError,
  JournalReleasedError,
} from './journal.ts'
import {
  crc32,
  parseSegmentName,
  RECORD_HEADER_BYTES,
  SEGMENT_HEADER_BYTES,
  scanSegment,
  segmentHeader,
  segmentName,
} from './segment-format.ts'

/**
 * The part of a `FileHandle` the writer uses. Tests pass an `openFile` that returns a handle whose
 * write fails.
 * @internal
 */
export interface SegmentHandle {
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesWritten: number }>
  datasync(): Promise<void>
  truncate(length: number): Promise<void>
  close(): Promise<void>
}

export interface FileJournalOptions {
  /** A segment is closed and a new one started once it holds this many bytes (default 64 MiB). */
  readonly segmentBytes?: number
  /** Where a truncated torn record is reported (default `console.warn`). */
  readonly log?: (msg: string) => void
  /** @internal Opens segment files (default `fs.promises.open`); tests inject failures here. */
  readonly openFile?: (path: string, flags: number) => Promise<SegmentHandle>
}

interface Segment {
  readonly firstSeq: number
  readonly path: string
}

const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024
/**
 * Segments are written with O_DSYNC: a write returns once its bytes are durable, as a write and an
 * fdatasync would, but in one trip through the thread pool instead of two. Between the two trips
 * the order thread had to take the write's completion and start the fdatasync, and under load that
 * waited behind the requests it was parsing.
 */
const APPEND = constants.O_RDWR | constants.O_DSYNC
const CREATE = APPEND | constants.O_CREAT | constants.O_EXCL
const JOURNAL_FOLDER: FolderUse = { name: 'the journal folder', remedy: 'use another --journal folder' }
const defaultLog = (msg: string): void => console.warn(`huiguo journal: ${msg}`)

/**
 * The embedded journal: append-only segment files in one directory, with group commit. `append`
 * copies the record into a buffer; one writer loop writes the whole buffer with one durable write
 * (O_DSYNC), advances the durable watermark, and starts again if more records arrived meanwhile.
 *
 * @example
 * const journal = await FileJournal.open('/var/lib/huiguo/journal')
 * const seq = journal.append(new TextEncoder().encode('{"op":"new"}'))
 * await journal.whenDurable(seq)
 */
export class FileJournal implements Journal {
  readonly #dir: string
  readonly #segmentBytes: number
  readonly #openFile: (path: string, flags: number) => Promise<SegmentHandle>
  readonly #segments: Segment[]
  readonly #waiters: DurableWaiters
  #file: SegmentHandle | undefined
  /** Bytes in the active segment file (durable ones: the writer owns this). */
  #fileBytes: number
  #lastSeq: number
  #pending: Buffer = Buffer.allocUnsafe(64 * 1024)
  #pendingBytes = 0
  #spare: Buffer = Buffer.allocUnsafe(64 * 1024)
  #writing = false
  #drained: Promise<void> = Promise.resolve()
  #closed = false
  #fsyncs = 0
  #bytesWritten = 0
  /** Releases the folder's lock (taken by `open`). */
  readonly #unlock: () => void

  private constructor(
    dir: string,
    options: FileJournalOptions,
    segments: Segment[],
    file: SegmentHandle | undefined,
    fileBytes: number,
    lastSeq: number,
    unlock: () => void,
  ) {
    this.#unlock = unlock
    this.#dir = dir
    this.#segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES
    this.#openFile = options.openFile ?? ((path, flags) => open(path, flags))
    this.#segments = segments
    this.#file = file
    this.#fileBytes = fileBytes
    this.#lastSeq = lastSeq
    this.#waiters = new DurableWaiters(lastSeq)
  }

  /**
   * Opens (or creates) the journal in `dir`: scans every segment, truncates a torn last record
   * (logged), and throws `JournalCorruptionError` naming the file and offset for any other damage.
   */
  static async open(dir: string, options: FileJournalOptions = {}): Promise<FileJournal> {
    const log = options.log ?? defaultLog
    const openFile = options.openFile ?? ((path: string, flags: number) => open(path, flags))
    await mkdir(dir, { recursive: true })
    // Two processes appending to one journal would interleave their records: one owner at a time.
    const unlock = lockFolder(dir, JOURNAL_FOLDER)
    try {
      const segments: Segment[] = []
      for (const name of await readdir(dir)) {
        const firstSeq = parseSegmentName(name)
        if (firstSeq !== undefined) segments.push({ firstSeq, path: join(dir, name) })
      }
      segments.sort((a, b) => a.firstSeq - b.firstSeq)
      let nextSeq = segments[0]?.firstSeq ?? 1
      let fileBytes = 0
      for (const [i, segment] of segments.entries()) {
        const isLast = i === segments.length - 1
        if (segment.firstSeq !== nextSeq) {
          throw new JournalCorruptionError(segment.path, 0, `expected a segment starting at seq ${nextSeq}`)
        }
        const scan = scanSegment(await readFile(segment.path), segment.path, segment.firstSeq, isLast)
        nextSeq += scan.records
        fileBytes = scan.validBytes
        if (scan.torn !== undefined) {
          log(`${segment.path}: dropping a torn last record (${scan.torn}); it was never acknowledged`)
          const handle = await openFile(segment.path, APPEND)
          await handle.truncate(scan.validBytes)
          if (scan.validBytes < SEGMENT_HEADER_BYTES) {
            const header = segmentHeader(segment.firstSeq)
            await handle.write(header, 0, header.length, 0)
            fileBytes = header.length
          }
          await handle.datasync()
          await handle.close()
        }
      }
      const last = segments.at(-1)
      const file = last ? await openFile(last.path, APPEND) : undefined
      return new FileJournal(dir, options, segments, file, fileBytes, nextSeq - 1, unlock)
    } catch (error) {
      unlock()
      throw error
    }
  }

  get lastSeq(): number {
    return this.#lastSeq
  }

  /** Every record up to this seq is durable. */
  get durableSeq(): number {
    return this.#waiters.durableSeq
  }

  /** Durable writes so far (one per group commit, plus one per new segment). */
  get fsyncs(): number {
    return this.#fsyncs
  }

  /** Bytes of records (with their 8-byte headers) written to segment files so far. */
  get bytesWritten(): number {
    return this.#bytesWritten
  }

  append(payload: Uint8Array): number {
    if (this.#waiters.failure) throw this.#waiters.failure
    if (this.#closed) throw new JournalFailedError('journal is closed')
    checkPayload(payload)
    const size = RECORD_HEADER_BYTES + payload.length
    let buf = this.#pending
    const at = this.#pendingBytes
    if (at + size > buf.length) {
      buf = Buffer.allocUnsafe(Math.max(buf.length * 2, at + size))
      this.#pending.copy(buf, 0, 0, at)
      this.#pending = buf
    }
    buf.writeUInt32LE(payload.length, at)
    buf.writeUInt32LE(crc32(payload), at + 4)
    buf.set(payload, at + RECORD_HEADER_BYTES)
    this.#pendingBytes = at + size
    if (!this.#writing) {
      this.#writing = true
      this.#drained = new Promise((resolve) => queueMicrotask(() => this.#drain().then(resolve)))
    }
    return ++this.#lastSeq
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
    const segments = this.#segments
    // The last segment is the one being appended to: it stays even when every record in it is covered.
    while (segments.length > 1 && segments[1]!.firstSeq - 1 <= upTo) {
      await unlink(segments.shift()!.path)
    }
  }

  async close(): Promise<void> {
    this.#closed = true
    await this.#drained
    const file = this.#file
    this.#file = undefined
    try {
      await file?.close()
    } finally {
      this.#unlock()
    }
    if (this.#waiters.failure) throw this.#waiters.failure
  }

  /** The writer loop: one durable write per round, until nothing is pending. */
  async #drain(): Promise<void> {
    try {
      while (this.#pendingBytes > 0 && !this.#waiters.failure) {
        const batch = this.#pending
        const bytes = this.#pendingBytes
        const upTo = this.#lastSeq
        this.#pending = this.#spare
        this.#pendingBytes = 0
        this.#spare = batch
        const full = this.#fileBytes >= this.#segmentBytes && this.#fileBytes > SEGMENT_HEADER_BYTES
        if (!this.#file || full) await this.#startSegment(this.durableSeq + 1)
        const file = this.#file!
        let done = 0
        while (done < bytes) {
          const { bytesWritten } = await file.write(batch, done, bytes - done, this.#fileBytes + done)
          if (bytesWritten <= 0) throw new Error(`write returned ${bytesWritten}`)
          done += bytesWritten
        }
        this.#fileBytes += bytes
        this.#bytesWritten += bytes
        this.#fsyncs++
        this.#waiters.advance(upTo)
      }
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      this.#waiters.fail(
        new JournalFailedError(`journal write failed in ${this.#dir}: ${why}`, { cause: error }),
      )
    } finally {
      this.#writing = false
    }
  }

  /** Starts a new segment whose first record is `firstSeq`; its header and name are durable first. */
  async #startSegment(firstSeq: number): Promise<void> {
    const path = join(this.#dir, segmentName(firstSeq))
    const file = await this.#openFile(path, CREATE)
    const header = segmentHeader(firstSeq)
    await file.write(header, 0, header.length, 0)
    this.#fsyncs++
    const dir = await open(this.#dir, 'r')
    try {
      await dir.sync()
    } finally {
      await dir.close()
    }
    await this.#file?.close()
    this.#file = file
    this.#fileBytes = header.length
    this.#segments.push({ firstSeq, path })
  }

  async *#read(afterSeq: number, end: number): AsyncGenerator<JournalEntry> {
    if (afterSeq >= end) return
    await this.whenDurable(end)
    const from = afterSeq + 1
    const segments = [...this.#segments]
    const first = segments[0]
    if (!first || first.firstSeq > from) {
      throw new JournalReleasedError(
        `records from seq ${from} on were released; the first kept is ${first?.firstSeq}`,
      )
    }
    let index = segments.length - 1
    while (segments[index]!.firstSeq > from) index--
    let seq = segments[index]!.firstSeq
    for (; index < segments.length && seq <= end; index++) {
      const { path, firstSeq } = segments[index]!
      if (firstSeq !== seq) {
        throw new JournalCorruptionError(path, 0, `expected a segment starting at seq ${seq}`)
      }
      const buf = await readFile(path)
      let offset = SEGMENT_HEADER_BYTES
      while (seq <= end) {
        if (offset === buf.length) break
        const length = offset + RECORD_HEADER_BYTES <= buf.length ? buf.readUInt32LE(offset) : 0
        const start = offset + RECORD_HEADER_BYTES
        const payload = buf.subarray(start, start + length)
        if (length === 0 || payload.length !== length || crc32(payload) !== buf.readUInt32LE(offset + 4)) {
          throw new JournalCorruptionError(path, offset, `record seq ${seq} is damaged`)
        }
        if (seq >= from) yield { seq, payload: new Uint8Array(payload) }
        offset = start + length
        seq++
      }
    }
    if (seq <= end) {
      throw new JournalFailedError(`journal ${this.#dir} ends at seq ${seq - 1}, expected ${end}`)
    }
  }
}
