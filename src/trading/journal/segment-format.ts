import zlib from 'node:zlib'
import { JournalCorruptionError, MAX_PAYLOAD_BYTES } from './journal.ts'

/**
 * On-disk format of the file journal. A segment file is named by the seq of its first record
 * (`00000000000000000001.hgj`) and holds a 16-byte header (magic, 4 reserved zero bytes, u64 LE first
 * seq) and then records: u32 LE payload length, u32 LE CRC32 of the payload, payload. Records carry
 * no seq: a record's seq is the segment's first seq plus its index.
 *
 * Version 2 (magic `HGJ\x02`, what the journal writes): the records come in batches, one per group
 * commit, each after a 16-byte batch header: u32 LE bytes of its records, u32 LE CRC32 of those bytes,
 * u32 LE record count, u32 LE CRC32 of the header's first 12 bytes. A segment is zero-filled before
 * it is written, so the records end where the zeros begin (or at the end of the file), and a batch
 * is written over zeros instead of growing the file: a durable write then has no file size to commit.
 * But without a growing size, a crash in the middle of a write may leave any of its sectors on
 * disk: a torn last batch can hold whole records after a damaged one. The batch is the unit that
 * is acknowledged, so its header and CRC tell a torn last write (nothing valid after it) from damage
 * to acknowledged records (a valid batch after it).
 * Version 1 (magic `HGJ\x01`, written before): records right after the header, the file ending with
 * the last one. Both are read; new segments are version 2.
 */
export const SEGMENT_HEADER_BYTES = 16
export const RECORD_HEADER_BYTES = 8
export const BATCH_HEADER_BYTES = 16
export const SEGMENT_SUFFIX = '.hgj'
const MAGIC_V1 = 0x014a4748 // 'H' 'G' 'J' 0x01 read as u32 LE
const MAGIC_V2 = 0x024a4748
const SEGMENT_NAME = /^(\d{20})\.hgj$/

/** Table-driven CRC32 (IEEE), for a Node without `zlib.crc32` (added in 20.15 and 22.2). */
function tableCrc32(data: Uint8Array): number {
  let crc = 0xffffffff
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c
})

/** CRC32 (IEEE, as zlib and gzip) of the bytes. */
export const crc32: (data: Uint8Array) => number =
  typeof zlib.crc32 === 'function' ? (data) => zlib.crc32(data) : tableCrc32

export const segmentName = (firstSeq: number): string =>
  `${String(firstSeq).padStart(20, '0')}${SEGMENT_SUFFIX}`

/** The first seq a segment file name stands for, or undefined when the name is not a segment's. */
export function parseSegmentName(name: string): number | undefined {
  const match = SEGMENT_NAME.exec(name)
  const seq = match ? Number(match[1]) : Number.NaN
  return Number.isSafeInteger(seq) && seq > 0 ? seq : undefined
}

/** The header of a new (version 2) segment. */
export function segmentHeader(firstSeq: number): Buffer {
  const header = Buffer.alloc(SEGMENT_HEADER_BYTES)
  header.writeUInt32LE(MAGIC_V2, 0)
  header.writeBigUInt64LE(BigInt(firstSeq), 8)
  return header
}

/**
 * Fills in the batch header at `at` for the `records` records in the `bytes` bytes after it.
 * @internal
 */
export function writeBatchHeader(buf: Buffer, at: number, bytes: number, records: number): void {
  const start = at + BATCH_HEADER_BYTES
  buf.writeUInt32LE(bytes, at)
  buf.writeUInt32LE(crc32(buf.subarray(start, start + bytes)), at + 4)
  buf.writeUInt32LE(records, at + 8)
  buf.writeUInt32LE(crc32(buf.subarray(at, at + 12)), at + 12)
}

/** What a scan found: the complete, valid records and, for a torn tail, where the valid part ends. */
export interface SegmentScan {
  readonly version: 1 | 2
  readonly records: number
  readonly validBytes: number
  /** Set when the last segment ends in a torn record or batch, which the caller removes. */
  readonly torn?: string
  /** Version 2: the end of the torn bytes (after them the file holds zeros), for the caller to zero. */
  readonly tornEnd?: number
}

/** Why the record at `offset` (ending by `end`) is not a valid record, or undefined when it is. */
function recordProblem(
  buf: Uint8Array,
  view: DataView,
  offset: number,
  end = buf.length,
): string | undefined {
  if (end - offset < RECORD_HEADER_BYTES) return 'short record header'
  const length = view.getUint32(offset, true)
  if (length === 0 || length > MAX_PAYLOAD_BYTES) return `bad record length ${length}`
  const start = offset + RECORD_HEADER_BYTES
  if (start + length > end) return 'short payload'
  if (crc32(buf.subarray(start, start + length)) !== view.getUint32(offset + 4, true)) return 'bad CRC'
  return undefined
}

/** The offset of the first valid record at or after `from`, if any (a torn write leaves none). */
function validRecordAfter(buf: Uint8Array, view: DataView, from: number): number | undefined {
  for (let at = from; at + RECORD_HEADER_BYTES < buf.length; at++) {
    const length = view.getUint32(at, true)
    if (length === 0 || at + RECORD_HEADER_BYTES + length > buf.length) continue
    if (recordProblem(buf, view, at) === undefined) return at
  }
  return undefined
}

/** The batch at `offset` (its records and bytes after the header), or why it is not a valid one. */
function batchAt(
  buf: Uint8Array,
  view: DataView,
  offset: number,
): { readonly records: number; readonly bytes: number } | string {
  if (buf.length - offset < BATCH_HEADER_BYTES) return 'short batch header'
  if (crc32(buf.subarray(offset, offset + 12)) !== view.getUint32(offset + 12, true))
    return 'bad batch header'
  const bytes = view.getUint32(offset, true)
  const records = view.getUint32(offset + 8, true)
  const start = offset + BATCH_HEADER_BYTES
  const end = start + bytes
  if (bytes === 0 || records === 0) return 'empty batch'
  if (end > buf.length) return 'short batch'
  if (crc32(buf.subarray(start, end)) !== view.getUint32(offset + 4, true)) return 'bad batch CRC'
  let at = start
  for (let i = 0; i < records; i++) {
    const problem = recordProblem(buf, view, at, end)
    if (problem !== undefined) return `record ${i + 1} of the batch: ${problem}`
    at += RECORD_HEADER_BYTES + view.getUint32(at, true)
  }
  return at === end ? { records, bytes } : 'batch longer than its records'
}

/** The offset of the first valid batch in [from, end), if any. */
function validBatchAfter(buf: Uint8Array, view: DataView, from: number, end: number): number | undefined {
  for (let at = from; at + BATCH_HEADER_BYTES <= end; at++) {
    if (view.getUint32(at, true) === 0) continue
    if (typeof batchAt(buf, view, at) !== 'string') return at
  }
  return undefined
}

const ZEROS = new Uint8Array(64 * 1024)
/** The index after the last non-zero byte (0 when all are zero). */
export function dataEnd(buf: Uint8Array): number {
  let end = buf.length
  while (end > 0) {
    const from = Math.max(0, end - ZEROS.length)
    if (Buffer.compare(buf.subarray(from, end), ZEROS.subarray(0, end - from)) !== 0) {
      while (buf[end - 1] === 0) end--
      return end
    }
    end = from
  }
  return 0
}

/**
 * Checks a whole segment. A bad record or batch at the end of the last segment, with no valid one
 * after it, is a torn write (the crash came before it was durable, so it was never acknowledged):
 * the scan reports it for removal. Anything else bad (in an earlier segment, or followed by a valid
 * record or batch) throws.
 */
export function scanSegment(buf: Uint8Array, file: string, firstSeq: number, isLast: boolean): SegmentScan {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  if (buf.length < SEGMENT_HEADER_BYTES) {
    const short = `short segment header (${buf.length} bytes)`
    if (isLast) return { version: 2, records: 0, validBytes: 0, torn: short }
    throw new JournalCorruptionError(file, 0, short)
  }
  const magic = view.getUint32(0, true)
  if (magic !== MAGIC_V1 && magic !== MAGIC_V2)
    throw new JournalCorruptionError(file, 0, 'not a journal segment')
  const headerSeq = view.getBigUint64(8, true)
  if (headerSeq !== BigInt(firstSeq)) {
    throw new JournalCorruptionError(file, 8, `header says first seq ${headerSeq}, the name ${firstSeq}`)
  }
  const end = magic === MAGIC_V1 ? buf.length : dataEnd(buf)
  const layout: Layout =
    magic === MAGIC_V1
      ? {
          version: 1,
          unit: 'record',
          end,
          at: (offset) => {
            const problem = recordProblem(buf, view, offset)
            return problem ?? { records: 1, length: RECORD_HEADER_BYTES + view.getUint32(offset, true) }
          },
          validAfter: (from) => validRecordAfter(buf, view, from),
        }
      : {
          version: 2,
          unit: 'batch',
          end,
          at: (offset) => {
            const batch = batchAt(buf, view, offset)
            return typeof batch === 'string'
              ? batch
              : { records: batch.records, length: BATCH_HEADER_BYTES + batch.bytes }
          },
          validAfter: (from) => validBatchAfter(buf, view, from, end),
        }
  return scanUnits(layout, file, firstSeq, isLast)
}

/** How a segment's version lays out its records: one by one (1) or in batches (2). */
interface Layout {
  readonly version: 1 | 2
  readonly unit: 'record' | 'batch'
  /** Where the units end: the end of the file (1), or of its bytes before the zeros (2). */
  readonly end: number
  /** The unit at `offset`: its records and its length in bytes, or why it is not a valid one. */
  at(offset: number): { readonly records: number; readonly length: number } | string
  /** The offset of the first valid unit at or after `from`, if any. */
  validAfter(from: number): number | undefined
}

function scanUnits(layout: Layout, file: string, firstSeq: number, isLast: boolean): SegmentScan {
  let offset = SEGMENT_HEADER_BYTES
  let records = 0
  while (offset < layout.end) {
    const unit = layout.at(offset)
    if (typeof unit === 'string') {
      const where = `${layout.unit} from seq ${firstSeq + records}: ${unit}`
      if (!isLast) {
        throw new JournalCorruptionError(file, offset, `${where} in a segment that is not the last`)
      }
      const valid = layout.validAfter(offset + 1)
      if (valid !== undefined) {
        throw new JournalCorruptionError(
          file,
          offset,
          `${where}, followed by a valid ${layout.unit} at byte ${valid}`,
        )
      }
      const torn = `${where} at byte ${offset} of ${layout.end}`
      return layout.version === 1
        ? { version: 1, records, validBytes: offset, torn }
        : { version: 2, records, validBytes: offset, torn, tornEnd: layout.end }
    }
    offset += unit.length
    records += unit.records
  }
  return { version: layout.version, records, validBytes: offset }
}

/**
 * The payloads of a segment's records from the first on, each checked, until its records end: the
 * end of the file, or (version 2) the zeros after the last batch.
 */
export function* segmentPayloads(buf: Uint8Array, file: string): Generator<Uint8Array> {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const v2 = buf.length >= 4 && view.getUint32(0, true) === MAGIC_V2
  let offset = SEGMENT_HEADER_BYTES
  while (offset < buf.length) {
    let end = buf.length
    if (v2) {
      // The scan at open checked that zeros follow the last batch (or the file ends inside its header).
      if (buf.length - offset < BATCH_HEADER_BYTES || view.getUint32(offset, true) === 0) {
        if (dataEnd(buf) <= offset) return
        throw new JournalCorruptionError(file, offset, 'bytes after the last batch')
      }
      const batch = batchAt(buf, view, offset)
      if (typeof batch === 'string') throw new JournalCorruptionError(file, offset, batch)
      offset += BATCH_HEADER_BYTES
      end = offset + batch.bytes
    }
    while (offset < end) {
      // A version 2 batch was checked whole, its records with it.
      const problem = v2 ? undefined : recordProblem(buf, view, offset, end)
      if (problem !== undefined) throw new JournalCorruptionError(file, offset, problem)
      const start = offset + RECORD_HEADER_BYTES
      offset = start + view.getUint32(offset, true)
      yield buf.subarray(start, offset)
    }
  }
}
