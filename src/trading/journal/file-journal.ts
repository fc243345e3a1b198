import { constants, writeSync } from 'node:fs'
import { type FileHandle, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises'
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
  LONG_WRITE_MS,
  RECENT_SLOW_WRITES,
  type SlowWrite,
} from './journal.ts'
import {
  BATCH_HEADER_BYTES,
  crc32,
  parseSegmentName,
  RECORD_HEADER_BYTES,
  SEGMENT_HEADER_BYTES,
  scanSegment,
  segmentHeader,
  segmentName,
  segmentPayloads,
  writeBatchHeader,
} from './segment-format.ts'

/**
 * The part of a `FileHandle` the writer uses, plus a synchronous write for batches of records (see
 * APPEND). Tests pass an `openFile` that returns a handle whose write fails.
 * @internal
 */
export interface SegmentHandle {
  /** Zero-filling and segment headers: off the order thread. */
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesWritten: number }>
  /** A batch of records, from the order thread; returns the bytes written. */
  writeSync(buffer: Uint8Array, offset: number, length: number, position: number): number
  datasync(): Promise<void>
  truncate(length: number): Promise<void>
  close(): Promise<void>
}

/** A file opened with `fs.promises.open` as a segment handle. @internal */
export const segmentHandleOf = (file: FileHandle): SegmentHandle => ({
  write: (buffer, offset, length, position) => file.write(buffer, offset, length, position),
  writeSync: (buffer, offset, length, position) => writeSync(file.fd, buffer, offset, length, position),
  datasync: () => file.datasync(),
  truncate: (length) => file.truncate(length),
  close: () => file.close(),
})

const openSegment = async (path: string, flags: number): Promise<SegmentHandle> =>
  segmentHandleOf(await open(path, flags))

export interface FileJournalOptions {
  /**
   * A segment is closed and a new one started once it holds this many bytes (default 64 MiB); the
   * first segments after open are smaller (FIRST_SEGMENT_BYTES, doubling).
   */
  readonly segmentBytes?: number
  /** Where a torn last write dropped at open, or a failed zero-fill, is reported (default `console.warn`). */
  readonly log?: (msg: string) => void
  /**
   * @internal Whether segments are zero-filled ahead (default true); bench:journal turns it off to
   * measure segments that grow as they are written beside them.
   */
  readonly zeroFill?: boolean
  /** @internal Opens segment files (default `fs.promises.open` as a `segmentHandleOf`); tests inject failures here. */
  readonly openFile?: (path: string, flags: number) => Promise<SegmentHandle>
}

interface Segment {
  readonly firstSeq: number
  readonly path: string
}

const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024
/**
 * The size of the first segment zero-filled after open; each next one is twice the last, up to
 * `segmentBytes`. A journal that is opened and written little (a test's, a short run's) fills
 * little, and a busy one soon has whole segments ready.
 */
const FIRST_SEGMENT_BYTES = 1024 * 1024
/**
 * Zero-filling writes this much at a time, each durable, so that a journal write never waits long
 * behind it. 4 KB durable writes on this VM while another thread zero-filled 64 MiB over and over
 * (15 s each): p99 1.19 ms with 64 KiB writes, 2.96 ms with 256 KiB, 6.04 ms with 1 MiB; 0.80-1.35
 * ms with nothing filling.
 */
const ZERO_FILL_CHUNK = Buffer.alloc(64 * 1024)
/**
 * The next segment, zero-filled in the background while the current one is written, under a name
 * that is not a segment's until it is renamed into one (a crash leaves it behind, and open removes it).
 */
const SPARE_NAME = 'next-segment.spare'
/**
 * Segments are written with O_DSYNC: a write returns once its bytes are durable, as a write and an
 * fdatasync would, in one system call. Batches of records are written by the thread that appends
 * them (the order thread), once per turn of its event loop, not by the thread pool: a pool thread
 * is woken for each write, and the kernel may queue it on a core that something else holds. On
 * this workplace's VM the platform's DAMON monitor (kdamond) takes a core for 10-25 ms twice a
 * second; `perf` showed the woken pool thread waiting behind it for the whole spell while the order
 * thread, already running, went on on the other core, so every order of that spell waited too.
 */
const APPEND = constants.O_RDWR | constants.O_DSYNC
const CREATE = APPEND | constants.O_CREAT | constants.O_EXCL
const REPLACE = APPEND | constants.O_CREAT | constants.O_TRUNC
const JOURNAL_FOLDER: FolderUse = { name: 'the journal folder', remedy: 'use another --journal folder' }
const defaultLog = (msg: string): void => console.warn(`huiguo journal: ${msg}`)

/**
 * The embedded journal: append-only segment files in one directory, with group commit. `append`
 * copies the record into a buffer; at the end of the event loop's turn (`setImmediate`), one writer
 * loop writes the whole buffer as one batch with one durable write (O_DSYNC, see APPEND), advances
 * the durable watermark, and starts again if more records arrived meanwhile (while it started a
 * new segment). Segments are zero-filled ahead (segment-format.ts): on this workplace's VM a durable
 * 4 KB write over zeros took half as long as one that grew the file (p50 0.16 against 0.33 ms,
 * p99 0.72 against 1.61 ms, p99.9 3.6 against 6.1 ms, 150 s of each).
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
  /** The active segment is full once it holds this many bytes. */
  #fileLimit: number
  #lastSeq: number
  /** The next batch: its header's room, then the records appended since the last write. */
  #pending: Buffer = Buffer.allocUnsafe(64 * 1024)
  #pendingBytes = BATCH_HEADER_BYTES
  #pendingRecords = 0
  #spareBuffer: Buffer = Buffer.allocUnsafe(64 * 1024)
  /** The zero-filling of the next segment's file, while it runs (it never rejects). */
  #spareFilling: Promise<void> | undefined
  /** The next segment's file, once zero-filled. */
  #spare: SegmentHandle | undefined
  /** The size of the next segment. */
  #nextSegmentBytes: number
  readonly #log: (msg: string) => void
  readonly #zeroFill: boolean
  #writing = false
  #drained: Promise<void> = Promise.resolve()
  #closed = false
  #fsyncs = 0
  #bytesWritten = 0
  readonly #slowWrites: SlowWrite[] = []
  /** Releases the folder's lock (taken by `open`). */
  readonly #unlock: () => void

  private constructor(
    dir: string,
    options: FileJournalOptions,
    segments: Segment[],
    file: SegmentHandle | undefined,
    fileBytes: number,
    fileSize: number,
    lastSeq: number,
    unlock: () => void,
  ) {
    this.#unlock = unlock
    this.#dir = dir
    this.#segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES
    this.#openFile = options.openFile ?? openSegment
    this.#log = options.log ?? defaultLog
    this.#zeroFill = options.zeroFill ?? true
    this.#segments = segments
    this.#file = file
    this.#fileBytes = fileBytes
    this.#fileLimit = Math.min(this.#segmentBytes, Math.max(fileSize, FIRST_SEGMENT_BYTES))
    this.#lastSeq = lastSeq
    this.#waiters = new DurableWaiters(lastSeq)
    this.#nextSegmentBytes = Math.min(this.#segmentBytes, FIRST_SEGMENT_BYTES)
    this.#prepareSpare()
  }

  /**
   * Opens (or creates) the journal in `dir`: scans every segment, truncates a torn last record
   * (logged), and throws `JournalCorruptionError` naming the file and offset for any other damage.
   */
  static async open(dir: string, options: FileJournalOptions = {}): Promise<FileJournal> {
    const log = options.log ?? defaultLog
    const openFile = options.openFile ?? openSegment
    await mkdir(dir, { recursive: true })
    // Two processes appending to one journal would interleave their records: one owner at a time.
    const unlock = lockFolder(dir, JOURNAL_FOLDER)
    try {
      await unlink(join(dir, SPARE_NAME)).catch(ignoreMissing)
      const segments: Segment[] = []
      for (const name of await readdir(dir)) {
        const firstSeq = parseSegmentName(name)
        if (firstSeq !== undefined) segments.push({ firstSeq, path: join(dir, name) })
      }
      segments.sort((a, b) => a.firstSeq - b.firstSeq)
      let nextSeq = segments[0]?.firstSeq ?? 1
      let fileBytes = 0
      let fileSize = 0
      let lastVersion = 2
      for (const [i, segment] of segments.entries()) {
        const isLast = i === segments.length - 1
        if (segment.firstSeq !== nextSeq) {
          throw new JournalCorruptionError(segment.path, 0, `expected a segment starting at seq ${nextSeq}`)
        }
        const buf = await readFile(segment.path)
        const scan = scanSegment(buf, segment.path, segment.firstSeq, isLast)
        nextSeq += scan.records
        fileBytes = scan.validBytes
        fileSize = buf.length
        lastVersion = scan.version
        if (scan.torn !== undefined) {
          log(`${segment.path}: dropping a torn last write (${scan.torn}); it was never acknowledged`)
        }
        // A last segment without records whose header is torn, or in the first format (a crash
        // right after its roll-over, or its torn first record cut off), becomes an empty current
        // one, written to from here: a new segment would have its name.
        const emptied =
          isLast && scan.records === 0 && (scan.validBytes < SEGMENT_HEADER_BYTES || scan.version === 1)
        if (emptied || scan.torn !== undefined) {
          const handle = await openFile(segment.path, APPEND)
          if (emptied) {
            await handle.truncate(0)
            const header = segmentHeader(segment.firstSeq)
            await writeAll(handle, header, header.length, 0)
            lastVersion = 2
            fileBytes = header.length
            fileSize = header.length
          } else if (scan.tornEnd !== undefined) {
            // Zeroed, not cut: the segment keeps its zero-filled size.
            await zeroFill(handle, scan.validBytes, scan.tornEnd, () => false)
          } else {
            await handle.truncate(scan.validBytes)
          }
          await handle.datasync()
          await handle.close()
        }
      }
      const last = segments.at(-1)
      // A version 1 segment is not written again: the first append starts a version 2 one.
      const file = last && lastVersion === 2 ? await openFile(last.path, APPEND) : undefined
      return new FileJournal(dir, options, segments, file, fileBytes, fileSize, nextSeq - 1, unlock)
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

  slowWrites(): readonly SlowWrite[] {
    return [...this.#slowWrites]
  }

  /** Keeps a write that took LONG_WRITE_MS or more, begun at `startedAt` (performance.now()). */
  #noteWrite(startedAt: number, kind: SlowWrite['kind'], bytes: number): void {
    const ms = performance.now() - startedAt
    if (ms < LONG_WRITE_MS) return
    this.#slowWrites.push({ atMs: performance.timeOrigin + startedAt, ms, kind, bytes })
    if (this.#slowWrites.length > RECENT_SLOW_WRITES) this.#slowWrites.shift()
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
    this.#pendingRecords++
    if (!this.#writing) {
      this.#writing = true
      // After every request this turn of the event loop has read: they share one write.
      this.#drained = new Promise((resolve) => setImmediate(() => this.#drain().then(resolve)))
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
      // The zero-filling stops at its next chunk once closed; the file goes, open would remove it.
      await this.#spareFilling
      await this.#spare?.close()
      this.#spare = undefined
      await unlink(join(this.#dir, SPARE_NAME)).catch(ignoreMissing)
    } finally {
      this.#unlock()
    }
    if (this.#waiters.failure) throw this.#waiters.failure
  }

  /** The writer loop: one durable write of one batch per round, until nothing is pending. */
  async #drain(): Promise<void> {
    try {
      while (this.#pendingRecords > 0 && !this.#waiters.failure) {
        const batch = this.#pending
        const bytes = this.#pendingBytes
        const upTo = this.#lastSeq
        writeBatchHeader(batch, 0, bytes - BATCH_HEADER_BYTES, this.#pendingRecords)
        this.#pending = this.#spareBuffer
        this.#pendingBytes = BATCH_HEADER_BYTES
        this.#pendingRecords = 0
        this.#spareBuffer = batch
        const full = this.#fileBytes >= this.#fileLimit && this.#fileBytes > SEGMENT_HEADER_BYTES
        if (!this.#file || full) {
          const segmentStartedAt = performance.now()
          await this.#startSegment(this.durableSeq + 1)
          this.#noteWrite(segmentStartedAt, 'segment', SEGMENT_HEADER_BYTES)
        }
        const startedAt = performance.now()
        writeAllSync(this.#file!, batch, bytes, this.#fileBytes)
        this.#noteWrite(startedAt, 'batch', bytes)
        this.#fileBytes += bytes
        this.#bytesWritten += bytes - BATCH_HEADER_BYTES
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

  /**
   * Starts a new segment whose first record is `firstSeq`, from the zero-filled spare if it is ready
   * (it is renamed into place), or else as an empty file that grows as it is written: the writer
   * never waits for zero-filling, which at a burst of tens of MB/s would not keep up. Its header and
   * name are durable first. Then the spare for the next one is filled, if none is being filled.
   * Segment sizes do not depend on which it was.
   */
  async #startSegment(firstSeq: number): Promise<void> {
    const path = join(this.#dir, segmentName(firstSeq))
    const newest = this.#segments.at(-1)
    if (newest && newest.firstSeq >= firstSeq) {
      throw new JournalFailedError(`a new segment from seq ${firstSeq} would replace ${newest.path}`)
    }
    const header = segmentHeader(firstSeq)
    const spare = this.#spare
    this.#spare = undefined
    let file: SegmentHandle
    if (spare) {
      await writeAll(spare, header, header.length, 0)
      await rename(join(this.#dir, SPARE_NAME), path)
      file = spare
    } else {
      file = await this.#openFile(path, CREATE)
      await writeAll(file, header, header.length, 0)
    }
    this.#fileLimit = this.#nextSegmentBytes
    this.#nextSegmentBytes = Math.min(this.#segmentBytes, this.#nextSegmentBytes * 2)
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
    this.#prepareSpare()
  }

  /** @internal Resolves once the next segment's file is zero-filled (or that failed); tests wait on it. */
  whenZeroFilled(): Promise<void> {
    return this.#spareFilling ?? Promise.resolve()
  }

  /** Zero-fills the next segment's file in the background (see SPARE_NAME), unless under way. */
  #prepareSpare(): void {
    // One spare at a time: a second fill would truncate the file a finished spare holds open.
    if (!this.#zeroFill || this.#spareFilling || this.#spare || this.#closed) return
    const path = join(this.#dir, SPARE_NAME)
    const bytes = this.#nextSegmentBytes
    const fill = async (): Promise<void> => {
      const file = await this.#openFile(path, REPLACE)
      try {
        await zeroFill(file, 0, bytes, () => this.#closed)
      } catch (error) {
        await file.close()
        throw error
      }
      this.#spare = file
    }
    this.#spareFilling = fill()
      .catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error)
        if (!this.#closed)
          this.#log(`could not zero-fill the next segment (${why}); it will grow as it is written`)
      })
      .finally(() => {
        this.#spareFilling = undefined
      })
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
      // Stops at `end` without asking for the next payload: past it, a batch may be half written.
      for (const payload of segmentPayloads(await readFile(path), path)) {
        if (seq >= from) yield { seq, payload: new Uint8Array(payload) }
        if (++seq > end) break
      }
    }
    if (seq <= end) {
      throw new JournalFailedError(`journal ${this.#dir} ends at seq ${seq - 1}, expected ${end}`)
    }
  }
}

const ignoreMissing = (error: NodeJS.ErrnoException): void => {
  if (error.code !== 'ENOENT') throw error
}

async function writeAll(
  file: SegmentHandle,
  buf: Uint8Array,
  length: number,
  position: number,
): Promise<void> {
  let done = 0
  while (done < length) {
    const { bytesWritten } = await file.write(buf, done, length - done, position + done)
    if (bytesWritten <= 0) throw new Error(`write returned ${bytesWritten}`)
    done += bytesWritten
  }
}

function writeAllSync(file: SegmentHandle, buf: Uint8Array, length: number, position: number): void {
  let done = 0
  while (done < length) {
    const bytesWritten = file.writeSync(buf, done, length - done, position + done)
    if (bytesWritten <= 0) throw new Error(`write returned ${bytesWritten}`)
    done += bytesWritten
  }
}

/** Writes zeros over [from, to) of the file, a chunk at a time, until done or `stop()`. */
async function zeroFill(file: SegmentHandle, from: number, to: number, stop: () => boolean): Promise<void> {
  for (let at = from; at < to; at += ZERO_FILL_CHUNK.length) {
    if (stop()) throw new JournalFailedError('journal is closed')
    await writeAll(file, ZERO_FILL_CHUNK, Math.min(ZERO_FILL_CHUNK.length, to - at), at)
  }
}
