import { constants } from 'node:fs'
import {
  type FileHandle,
  mkdtemp,
  open,
  readdir,
  readFile,
  rm,
  stat,
  truncate,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileJournal, type FileJournalOptions, type SegmentHandle, segmentHandleOf } from './file-journal.ts'
import {
  JournalCorruptionError,
  JournalFailedError,
  JournalReleasedError,
  LONG_WRITE_MS,
  openJournal,
  RECENT_SLOW_WRITES,
} from './index.ts'
import { bytes, journalContract, readAll, text } from './journal-contract.test-util.ts'
import { BATCH_HEADER_BYTES, crc32, RECORD_HEADER_BYTES, segmentName } from './segment-format.ts'

const quiet = { log: () => {} }
const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'huiguo-journal-'))

journalContract('FileJournal', async () => {
  const dir = await tempDir()
  return {
    open: () => FileJournal.open(dir, quiet),
    dispose: () => rm(dir, { recursive: true, force: true }),
  }
})

/** Appends each payload and waits for it, so each record is its own group commit. */
async function appendEach(journal: FileJournal, payloads: readonly Uint8Array[]): Promise<void> {
  for (const payload of payloads) await journal.whenDurable(journal.append(payload))
}

/** Where the last write's batch begins and ends in a version 2 segment (walking the batch headers). */
function batches(buf: Buffer): { lastStart: number; lastEnd: number } {
  let offset = 16
  let lastStart = -1
  while (offset + 16 <= buf.length && buf.readUInt32LE(offset) !== 0) {
    lastStart = offset
    offset += 16 + buf.readUInt32LE(offset)
  }
  if (lastStart < 0) throw new Error('no batch in the segment')
  return { lastStart, lastEnd: offset }
}

/** A segment in the first format: magic HGJ\x01, records right after the header, the file ending with the last. */
function firstFormatSegment(firstSeq: number, records: readonly string[]): Buffer {
  const header = Buffer.alloc(16)
  header.write('HGJ\x01', 0, 'latin1')
  header.writeBigUInt64LE(BigInt(firstSeq), 8)
  const body = records.map(bytes).map((payload) => {
    const record = Buffer.alloc(8 + payload.length)
    record.writeUInt32LE(payload.length, 0)
    record.writeUInt32LE(crc32(payload), 4)
    record.set(payload, 8)
    return record
  })
  return Buffer.concat([header, ...body])
}

/** A segment handle whose batch writes throw what `failure(position)` gives, if anything. */
function failingBatches(handle: FileHandle, failure: (position: number) => Error | undefined): SegmentHandle {
  const segment = segmentHandleOf(handle)
  return {
    ...segment,
    writeSync: (buffer, offset, length, position) => {
      const error = failure(position)
      if (error) throw error
      return segment.writeSync(buffer, offset, length, position)
    },
  }
}

/**
 * A segment handle whose every asynchronous write (zero-filling, segment headers) first waits for
 * `before(position)`; batches of records pass.
 */
function beforeEachWrite(handle: FileHandle, before: (position: number) => Promise<void>): SegmentHandle {
  return {
    ...segmentHandleOf(handle),
    write: async (buffer, offset, length, position) => {
      await before(position)
      return handle.write(buffer, offset, length, position)
    },
  }
}

const segmentFiles = async (dir: string): Promise<string[]> =>
  (await readdir(dir)).filter((name) => name.endsWith('.hgj')).sort()

describe('FileJournal', () => {
  let dir: string
  beforeEach(async () => {
    dir = await tempDir()
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('keeps its last slow writes, each with when it began, how long it took and what it wrote', async () => {
    const slowMs = LONG_WRITE_MS + 1
    const sleeper = new Int32Array(new SharedArrayBuffer(4))
    const openFile = async (path: string, flags: number): Promise<SegmentHandle> => {
      const segment = segmentHandleOf(await open(path, flags))
      return {
        ...segment,
        writeSync: (buffer, offset, length, position) => {
          Atomics.wait(sleeper, 0, 0, slowMs) // a disk that takes this long for every batch
          return segment.writeSync(buffer, offset, length, position)
        },
      }
    }
    const journal = await FileJournal.open(dir, { ...quiet, openFile })
    const count = RECENT_SLOW_WRITES + 3
    const startedAt = Date.now()
    // Payloads of 1, 2, … bytes: each batch's size says which it was.
    await appendEach(
      journal,
      Array.from({ length: count }, (_, i) => new Uint8Array(i + 1).fill(1)),
    )
    const endedAt = Date.now()
    const slow = journal.slowWrites()
    expect(slow).toHaveLength(RECENT_SLOW_WRITES)
    expect(slow.map((w) => w.bytes)).toEqual(
      Array.from(
        { length: RECENT_SLOW_WRITES },
        (_, i) => BATCH_HEADER_BYTES + RECORD_HEADER_BYTES + count - RECENT_SLOW_WRITES + i + 1,
      ),
    )
    for (const write of slow) {
      expect(write.kind).toBe('batch')
      expect(write.ms).toBeGreaterThanOrEqual(slowMs - 0.5)
      expect(write.atMs).toBeGreaterThanOrEqual(startedAt - 1)
      expect(write.atMs + write.ms).toBeLessThanOrEqual(endedAt + 1)
    }
    expect(slow.map((w) => w.atMs)).toEqual([...slow.map((w) => w.atMs)].sort((a, b) => a - b))
    await journal.close()
  })

  it('keeps no write that took under LONG_WRITE_MS', async () => {
    const journal = await FileJournal.open(dir, quiet)
    await appendEach(journal, [bytes('a'), bytes('b')])
    // A disk can be slow on its own; what is kept is never under the bound.
    expect(journal.slowWrites().every((w) => w.ms >= LONG_WRITE_MS)).toBe(true)
    await journal.close()
  })

  it('groups commits: many appends without waiting share few fsyncs', async () => {
    const journal = await FileJournal.open(dir, quiet)
    const records = 10_000
    const payload = new Uint8Array(200).fill(7)
    for (let i = 0; i < records; i++) {
      journal.append(payload)
      if (i % 250 === 0) await Promise.resolve()
    }
    await journal.whenDurable(records)
    expect(journal.fsyncs).toBeGreaterThan(0)
    expect(journal.fsyncs).toBeLessThan(records / 10)
    expect(journal.bytesWritten).toBe(records * 208)
    await journal.close()
  })

  it('writes once per turn of the event loop: appends between awaits of that turn share one write', async () => {
    const journal = await FileJournal.open(dir, quiet)
    await journal.whenDurable(journal.append(bytes('first'))) // starts the segment
    const before = journal.fsyncs
    let seq = 0
    for (let i = 0; i < 20; i++) {
      seq = journal.append(bytes(`record ${i}`))
      await Promise.resolve() // as each request's handler awaits before the next one's runs
    }
    expect(journal.durableSeq).toBe(1)
    await journal.whenDurable(seq)
    expect(journal.fsyncs - before).toBe(1)
    expect((await readAll(journal)).map((e) => text(e.payload))).toEqual([
      'first',
      ...Array.from({ length: 20 }, (_, i) => `record ${i}`),
    ])
    await journal.close()
  })

  it('reports a torn last write at open through the log and zeroes it, keeping the file zero-filled', async () => {
    const journal = await FileJournal.open(dir, quiet)
    await appendEach(journal, [bytes('one'), bytes('two')])
    await journal.close()
    const file = join(dir, segmentName(1))
    const size = (await stat(file)).size
    const buf = await readFile(file)
    const { lastStart, lastEnd } = batches(buf)
    buf[lastEnd - 1] = 0 // the last sector of the last write never reached the disk
    await writeFile(file, buf)
    const messages: string[] = []
    const reopened = await FileJournal.open(dir, { log: (msg) => messages.push(msg) })
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain(file)
    expect(reopened.lastSeq).toBe(1)
    const after = await readFile(file)
    expect(after.length).toBe(size)
    expect(after.subarray(lastStart).every((b) => b === 0)).toBe(true)
    await reopened.whenDurable(reopened.append(bytes('three')))
    expect((await readAll(reopened)).map((e) => text(e.payload))).toEqual(['one', 'three'])
    await reopened.close()
  })

  it('drops exactly the last write when a crash keeps any part of it and loses the rest', async () => {
    const payloads = fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 8 })
    // How the last write was torn: the file cut inside it (it grew the file), or its bytes from some
    // point on lost, or its bytes up to some point lost (later sectors reached the disk first).
    const tear = fc.constantFrom('cut', 'lost tail', 'lost head')
    await fc.assert(
      fc.asyncProperty(payloads, fc.nat(), tear, fc.boolean(), async (records, at, how, smallSegments) => {
        const where = await mkdtemp(join(dir, 'p-'))
        const options: FileJournalOptions = smallSegments ? { ...quiet, segmentBytes: 256 } : quiet
        const journal = await FileJournal.open(where, options)
        await appendEach(journal, records)
        await journal.close()
        const last = join(where, (await segmentFiles(where)).at(-1)!)
        const buf = await readFile(last)
        const { lastStart, lastEnd } = batches(buf)
        const point = lastStart + (at % (lastEnd - lastStart))
        if (how === 'cut') await truncate(last, point)
        else {
          if (how === 'lost tail') buf.fill(0, point, lastEnd)
          else buf.fill(0, lastStart, point + 1)
          await writeFile(last, buf)
        }
        const reopened = await FileJournal.open(where, options)
        expect(reopened.lastSeq).toBe(records.length - 1)
        const entries = await readAll(reopened)
        expect(entries.map((e) => e.payload)).toEqual(records.slice(0, -1))
        expect(reopened.append(bytes('next'))).toBe(records.length)
        await reopened.close()
      }),
      { numRuns: 90 },
    )
  })

  it('drops the last write when any byte of it is damaged', async () => {
    const payloads = fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 8 })
    const flip = fc.record({ at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) })
    await fc.assert(
      fc.asyncProperty(payloads, flip, async (records, { at: where, mask }) => {
        const at = await mkdtemp(join(dir, 'p-'))
        const journal = await FileJournal.open(at, quiet)
        await appendEach(journal, records)
        await journal.close()
        const file = join(at, segmentName(1))
        const buf = await readFile(file)
        const { lastStart, lastEnd } = batches(buf)
        const index = lastStart + (where % (lastEnd - lastStart))
        buf[index] = buf[index]! ^ mask
        await writeFile(file, buf)
        const reopened = await FileJournal.open(at, quiet)
        expect(reopened.lastSeq).toBe(records.length - 1)
        expect((await readAll(reopened)).map((e) => e.payload)).toEqual(records.slice(0, -1))
        await reopened.close()
      }),
      { numRuns: 60 },
    )
  })

  it('drops a torn last write whose later records reached the disk and whose start did not', async () => {
    const journal = await FileJournal.open(dir, quiet)
    await appendEach(journal, [bytes('a'), bytes('b'), bytes('c')])
    // One group commit of 50 records, 5.4 KB: one write of eleven 512-byte sectors.
    const many = Array.from({ length: 50 }, (_, i) => new Uint8Array(100).fill(i + 1))
    let seq = 0
    for (const payload of many) seq = journal.append(payload)
    await journal.whenDurable(seq)
    await journal.close()
    const file = join(dir, segmentName(1))
    const buf = await readFile(file)
    const { lastStart, lastEnd } = batches(buf)
    expect(lastEnd - lastStart).toBe(16 + 50 * 108)
    buf.fill(0, lastStart, lastStart + 512)
    await writeFile(file, buf)
    const messages: string[] = []
    const reopened = await FileJournal.open(dir, { log: (msg) => messages.push(msg) })
    expect(messages).toHaveLength(1)
    expect(reopened.lastSeq).toBe(3)
    expect((await readAll(reopened)).map((e) => text(e.payload))).toEqual(['a', 'b', 'c'])
    await reopened.close()
  })

  it('refuses to open when a damaged write is followed by valid ones, naming file and offset', async () => {
    const journal = await FileJournal.open(dir, quiet)
    await appendEach(journal, [bytes('first'), bytes('second'), bytes('third'), bytes('fourth')])
    await journal.close()
    const file = join(dir, segmentName(1))
    const buf = await readFile(file)
    const second = 16 + 16 + 8 + 5 // segment header, then the first write: batch header and record
    buf[second + 16 + 8 + 2] = buf[second + 16 + 8 + 2]! ^ 0x20
    await writeFile(file, buf)
    const opening = FileJournal.open(dir, quiet)
    await expect(opening).rejects.toThrow(JournalCorruptionError)
    await expect(opening).rejects.toMatchObject({ file, offset: second })
    await expect(opening).rejects.toThrow(file)
  })

  it('zero-fills each segment before it is written, the first ones small, each next twice as big', async () => {
    const segmentBytes = 2 * 1024 * 1024
    const journal = await FileJournal.open(dir, { ...quiet, segmentBytes })
    await journal.whenZeroFilled()
    // 1 MiB, then 2 MiB (the most): 2,500 records of 1,000 bytes fill the first and part of the next.
    const payload = new Uint8Array(1000).fill(9)
    for (let i = 0; i < 25; i++) {
      let seq = 0
      for (let j = 0; j < 100; j++) seq = journal.append(payload)
      await journal.whenDurable(seq)
      await journal.whenZeroFilled()
    }
    const files = await segmentFiles(dir)
    expect(files).toHaveLength(2)
    const sizes = await Promise.all(files.map(async (name) => (await stat(join(dir, name))).size))
    expect(sizes[0]).toBeGreaterThanOrEqual(1024 * 1024)
    expect(sizes[0]).toBeLessThan(1024 * 1024 + 101 * 1008 + 16) // at most the write that filled it past
    expect(sizes[1]).toBe(segmentBytes)
    // The one after is filled meanwhile, under a name that is not a segment's.
    expect(await readdir(dir)).toContain('next-segment.spare')
    await journal.close()
    expect(await readdir(dir)).not.toContain('next-segment.spare')
    const reopened = await FileJournal.open(dir, { ...quiet, segmentBytes })
    expect(reopened.lastSeq).toBe(2500)
    expect((await readAll(reopened, 2498)).map((e) => e.seq)).toEqual([2499, 2500])
    await reopened.close()
  })

  it('never waits for zero-filling: a segment started before its file is filled grows as it is written', async () => {
    let openGate: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      openGate = resolve
    })
    const openFile = async (path: string, flags: number): Promise<SegmentHandle> => {
      const handle = await open(path, flags)
      return path.endsWith('next-segment.spare')
        ? beforeEachWrite(handle, () => gate)
        : segmentHandleOf(handle)
    }
    const segmentBytes = 64 * 1024
    const journal = await FileJournal.open(dir, { ...quiet, openFile, segmentBytes })
    const payload = new Uint8Array(1000).fill(3)
    const appendBatches = async (batches: number) => {
      for (let i = 0; i < batches; i++) {
        let seq = 0
        for (let j = 0; j < 10; j++) seq = journal.append(payload)
        await journal.whenDurable(seq)
      }
    }
    await appendBatches(15) // 150 records of 1,008 bytes: three segments, none zero-filled
    const grown = await segmentFiles(dir)
    expect(grown).toHaveLength(3)
    const sizes = await Promise.all(grown.map(async (name) => (await stat(join(dir, name))).size))
    for (const size of sizes.slice(0, 2)) expect(size).toBe(16 + 7 * (16 + 10 * 1008)) // 7 writes, each 10 records
    openGate()
    await journal.whenZeroFilled()
    await appendBatches(7)
    const files = await segmentFiles(dir)
    expect(files).toHaveLength(4)
    expect((await stat(join(dir, files[3]!))).size).toBe(segmentBytes)
    await journal.close()
    const reopened = await FileJournal.open(dir, { ...quiet, segmentBytes })
    expect(reopened.lastSeq).toBe(220)
    await reopened.close()
  })

  it('keeps one spare at a time: a fill that ends while a segment is being started is used, not filled again', async () => {
    // The first fill is held until the second segment, created empty, is writing its header; the
    // fill then ends, and a second fill must not begin on the file that spare holds open.
    let releaseFirst: () => void = () => {}
    const firstFill = new Promise<void>((resolve) => {
      releaseFirst = resolve
    })
    let spareOpens = 0
    let creates = 0
    const openFile = async (path: string, flags: number): Promise<SegmentHandle> => {
      const handle = await open(path, flags)
      const spare = path.endsWith('next-segment.spare')
      const held = spare && ++spareOpens === 1
      const slowHeader = !spare && (flags & constants.O_EXCL) !== 0 && ++creates === 2
      return beforeEachWrite(handle, async (position) => {
        if (held) await firstFill
        if (slowHeader && position === 0) {
          releaseFirst()
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
      })
    }
    const segmentBytes = 64 * 1024
    const journal = await FileJournal.open(dir, { ...quiet, openFile, segmentBytes })
    const payload = new Uint8Array(1000).fill(5)
    let acknowledged = 0
    // 7 writes of 10 records fill a segment: segments from 1 (empty file), 71 (empty file: the fill
    // ends meanwhile), 141 (the spare), 211.
    for (let i = 0; i < 25; i++) {
      for (let j = 0; j < 10; j++) acknowledged = journal.append(payload)
      await journal.whenDurable(acknowledged)
      if (i >= 7) await journal.whenZeroFilled() // not before: the first fill waits for the roll-over
    }
    expect(await segmentFiles(dir)).toEqual([1, 71, 141, 211].map(segmentName))
    expect(spareOpens).toBe(3) // at open, after 141's roll-over, after 211's: none after 71's
    await journal.close()
    const reopened = await FileJournal.open(dir, { ...quiet, segmentBytes })
    expect(reopened.lastSeq).toBe(250)
    const entries = await readAll(reopened)
    expect(entries).toHaveLength(250)
    expect(entries.every((e) => e.payload.length === 1000 && e.payload.every((b) => b === 5))).toBe(true)
    await reopened.close()
  })

  it('reads records that are durable while later ones are being written', async () => {
    const journal = await FileJournal.open(dir, { ...quiet, segmentBytes: 1 << 30 })
    await journal.whenDurable(journal.append(bytes('first')))
    const big = new Uint8Array(1024 * 1024).fill(7)
    let writing = true
    const writer = (async () => {
      for (let i = 0; i < 30; i++) {
        let seq = 0
        for (let k = 0; k < 4; k++) seq = journal.append(big)
        await journal.whenDurable(seq)
      }
      writing = false
    })()
    let reads = 0
    while (writing) {
      const end = journal.durableSeq
      const entries = await readAll(journal, end - 1)
      expect(entries[0]?.seq).toBe(end)
      expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => end + i))
      reads++
    }
    await writer
    expect(reads).toBeGreaterThan(0)
    await journal.close()
  })

  it('reads a journal written in the first format and goes on in a new segment of the current one', async () => {
    await writeFile(join(dir, segmentName(1)), firstFormatSegment(1, ['alpha', 'beta', 'gamma']))
    const journal = await FileJournal.open(dir, quiet)
    expect(journal.lastSeq).toBe(3)
    await journal.whenDurable(journal.append(bytes('delta')))
    expect(await segmentFiles(dir)).toEqual([segmentName(1), segmentName(4)])
    await journal.close()
    const reopened = await FileJournal.open(dir, quiet)
    expect((await readAll(reopened)).map((e) => text(e.payload))).toEqual(['alpha', 'beta', 'gamma', 'delta'])
    await reopened.close()
  })

  it('turns a first-format last segment without records into a current one, and never replaces it', async () => {
    // A crash right after a roll-over (or a torn first record cut off) left segment 3 header-only.
    await writeFile(join(dir, segmentName(1)), firstFormatSegment(1, ['a', 'b']))
    await writeFile(join(dir, segmentName(3)), firstFormatSegment(3, []))
    const journal = await FileJournal.open(dir, quiet)
    await journal.whenZeroFilled()
    await journal.whenDurable(journal.append(bytes('c')))
    await journal.whenDurable(journal.append(bytes('d')))
    expect(await segmentFiles(dir)).toEqual([segmentName(1), segmentName(3)])
    await journal.releaseUpTo(2)
    expect(await segmentFiles(dir)).toEqual([segmentName(3)])
    await journal.close()
    const reopened = await FileJournal.open(dir, quiet)
    expect(reopened.lastSeq).toBe(4)
    expect((await readAll(reopened, 2)).map((e) => text(e.payload))).toEqual(['c', 'd'])
    await reopened.close()
  })

  it('refuses to open when a segment other than the last is damaged, even at its end', async () => {
    const journal = await FileJournal.open(dir, { ...quiet, segmentBytes: 64 })
    await appendEach(
      journal,
      Array.from({ length: 6 }, (_, i) => bytes(`record number ${i} `.repeat(2))),
    )
    await journal.close()
    const [first, second] = await segmentFiles(dir)
    expect(second).toBeDefined()
    const file = join(dir, first!)
    await truncate(file, (await stat(file)).size - 3)
    await expect(FileJournal.open(dir, quiet)).rejects.toThrow(/not the last/)
  })

  it('refuses to open when a segment is missing between others', async () => {
    const journal = await FileJournal.open(dir, { ...quiet, segmentBytes: 64 })
    await appendEach(
      journal,
      Array.from({ length: 6 }, (_, i) => bytes(`record number ${i} `.repeat(2))),
    )
    await journal.close()
    const files = await segmentFiles(dir)
    expect(files.length).toBeGreaterThan(2)
    await rm(join(dir, files[1]!))
    await expect(FileJournal.open(dir, quiet)).rejects.toThrow(JournalCorruptionError)
    // A journal that could not be opened does not keep its folder locked.
    expect(await readdir(dir)).not.toContain('huiguo.lock')
  })

  it('repairs a new last segment whose header was torn, keeping the sequence', async () => {
    const journal = await FileJournal.open(dir, quiet)
    await appendEach(journal, [bytes('a'), bytes('b')])
    await journal.close()
    await writeFile(join(dir, segmentName(3)), new Uint8Array([0x48, 0x47]))
    const messages: string[] = []
    const reopened = await FileJournal.open(dir, { log: (msg) => messages.push(msg) })
    expect(messages).toHaveLength(1)
    expect(reopened.lastSeq).toBe(2)
    await reopened.whenDurable(reopened.append(bytes('c')))
    expect((await readAll(reopened)).map((e) => text(e.payload))).toEqual(['a', 'b', 'c'])
    await reopened.close()
  })

  it('releases only whole segments covered by the seq, never the one being written', async () => {
    const journal = await FileJournal.open(dir, { ...quiet, segmentBytes: 100 })
    // 16-byte header + 48-byte records: two records per segment, so segments start at 1, 3, 5, 7, 9.
    await appendEach(
      journal,
      Array.from({ length: 10 }, (_, i) => new Uint8Array(40).fill(i + 1)),
    )
    expect(await segmentFiles(dir)).toEqual([1, 3, 5, 7, 9].map(segmentName))
    await journal.releaseUpTo(5)
    expect(await segmentFiles(dir)).toEqual([5, 7, 9].map(segmentName))
    expect((await readAll(journal, 4)).map((e) => e.seq)).toEqual([5, 6, 7, 8, 9, 10])
    await expect(readAll(journal, 0)).rejects.toThrow(JournalReleasedError)
    await journal.releaseUpTo(1000)
    expect(await segmentFiles(dir)).toEqual([segmentName(9)])
    await journal.close()
    const reopened = await FileJournal.open(dir, { ...quiet, segmentBytes: 100 })
    expect(reopened.lastSeq).toBe(10)
    expect((await readAll(reopened, 8)).map((e) => e.payload[0])).toEqual([9, 10])
    await reopened.close()
  })

  it('belongs to one process at a time: another live owner is refused, and close lets go', async () => {
    // The parent process is alive and is not this one: as if a second server held the folder.
    await writeFile(join(dir, 'huiguo.lock'), String(process.ppid))
    await expect(FileJournal.open(dir, quiet)).rejects.toThrow(
      new RegExp(`journal folder .* is in use by process ${process.ppid}`),
    )
    expect(await segmentFiles(dir)).toEqual([])
    await rm(join(dir, 'huiguo.lock'))
    const journal = await FileJournal.open(dir, quiet)
    expect(await readFile(join(dir, 'huiguo.lock'), 'utf8')).toBe(String(process.pid))
    await journal.whenDurable(journal.append(bytes('mine')))
    await journal.close()
    expect(await readdir(dir)).not.toContain('huiguo.lock')
  })

  it('opens every segment it appends to with O_DSYNC: a write returns once it is durable', async () => {
    const flagsSeen: number[] = []
    const openFile = async (path: string, flags: number) => {
      flagsSeen.push(flags)
      return segmentHandleOf(await open(path, flags))
    }
    const first = await FileJournal.open(dir, { ...quiet, openFile, segmentBytes: 64 })
    for (let i = 0; i < 4; i++) await first.whenDurable(first.append(bytes(`record ${i}`)))
    await first.close()
    const again = await FileJournal.open(dir, { ...quiet, openFile, segmentBytes: 64 })
    await again.whenDurable(again.append(bytes('after a restart')))
    await again.close()
    expect(flagsSeen.length).toBeGreaterThan(2)
    for (const flags of flagsSeen) expect(flags & constants.O_DSYNC).toBe(constants.O_DSYNC)
  })

  it('fails when a durable write fails: waiters reject, appends throw, nothing later is acknowledged', async () => {
    let failWrites = false
    const openFile = async (path: string, flags: number): Promise<SegmentHandle> =>
      failingBatches(await open(path, flags), () =>
        failWrites ? new Error('EIO: i/o error, write') : undefined,
      )
    const journal = await FileJournal.open(dir, { ...quiet, openFile })
    await journal.whenDurable(journal.append(bytes('ok')))
    failWrites = true
    const seq = journal.append(bytes('lost'))
    const later = journal.whenDurable(seq)
    await expect(later).rejects.toThrow(JournalFailedError)
    await expect(later).rejects.toThrow(/EIO/)
    await expect(journal.whenDurable(seq)).rejects.toThrow(JournalFailedError)
    await expect(journal.whenDurable(1)).resolves.toBeUndefined()
    expect(() => journal.append(bytes('after'))).toThrow(JournalFailedError)
    await expect(journal.close()).rejects.toThrow(JournalFailedError)
  })

  it('fails when a write fails', async () => {
    const openFile = async (path: string, flags: number): Promise<SegmentHandle> =>
      failingBatches(await open(path, flags), (position) =>
        position > 0 ? new Error('ENOSPC: no space left on device, write') : undefined,
      )
    const journal = await FileJournal.open(dir, { ...quiet, openFile })
    await expect(journal.whenDurable(journal.append(bytes('x')))).rejects.toThrow(/ENOSPC/)
    await expect(journal.close()).rejects.toThrow(JournalFailedError)
  })
})

describe('openJournal', () => {
  let dir: string
  beforeEach(async () => {
    dir = await tempDir()
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('opens a file journal for a path, one directory per stream', async () => {
    const plain = await openJournal(dir, quiet)
    const grouped = await openJournal(dir, { ...quiet, stream: 'AL-ingot' })
    expect(plain).toBeInstanceOf(FileJournal)
    await grouped.whenDurable(grouped.append(bytes('x')))
    expect(plain.lastSeq).toBe(0)
    await Promise.all([plain.close(), grouped.close()])
    expect(await segmentFiles(join(dir, 'AL-ingot'))).toEqual([segmentName(1)])
  })

  it('refuses a stream name that is not safe as a directory or stream', async () => {
    await expect(openJournal(dir, { stream: '../x' })).rejects.toThrow(RangeError)
  })
})
