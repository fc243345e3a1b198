import zlib from 'node:zlib'
import { JournalCorruptionError, MAX_PAYLOAD_BYTES } from './journal.ts'

/**
 * On-disk format of the file journal. A segment file is named by the seq of its first record
 * (`00000000000000000001.hgj`) and holds a 16-byte header (magic `HGJ\x01`, 4 reserved zero bytes,
 * u64 LE first seq) and then records: u32 LE payload length, u32 LE CRC32 of the payload, payload.
 * Records carry no seq: a record's seq is the segment's first seq plus its index.
 */
export const SEGMENT_HEADER_BYTES = 16
export const RECORD_HEADER_BYTES = 8
export const SEGMENT_SUFFIX = '.hgj'
const MAGIC = 0x014a4748 // 'H' 'G' 'J' 0x01 read as u32 LE
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

export function segmentHeader(firstSeq: number): Buffer {
  const header = Buffer.alloc(SEGMENT_HEADER_BYTES)
  header.writeUInt32LE(MAGIC, 0)
  header.writeBigUInt64LE(BigInt(firstSeq), 8)
  return header
}

/** What a scan found: the complete, valid records and, for a torn tail, where the valid part ends. */
export interface SegmentScan {
  readonly records: number
  readonly validBytes: number
  /** Set when the last segment ends in a torn record, which the caller truncates away. */
  readonly torn?: string
}

/** Why the record at `offset` is not a valid record, or undefined when it is. */
function recordProblem(buf: Uint8Array, view: DataView, offset: number): string | undefined {
  if (buf.length - offset < RECORD_HEADER_BYTES) return 'short record header'
  const length = view.getUint32(offset, true)
  if (length === 0 || length > MAX_PAYLOAD_BYTES) return `bad record length ${length}`
  const start = offset + RECORD_HEADER_BYTES
  if (start + length > buf.length) return 'short payload'
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

/**
 * Checks a whole segment. A bad record at the end of the last segment, with no valid record after it,
 * is a torn write (the crash came before its fsync, so it was never acknowledged): the scan reports
 * it for truncation. Anything else bad (in an earlier segment, or followed by a valid record) throws.
 */
export function scanSegment(buf: Uint8Array, file: string, firstSeq: number, isLast: boolean): SegmentScan {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  if (buf.length < SEGMENT_HEADER_BYTES) {
    if (isLast) return { records: 0, validBytes: 0, torn: `short segment header (${buf.length} bytes)` }
    throw new JournalCorruptionError(file, 0, `short segment header (${buf.length} bytes)`)
  }
  if (view.getUint32(0, true) !== MAGIC) throw new JournalCorruptionError(file, 0, 'not a journal segment')
  const headerSeq = view.getBigUint64(8, true)
  if (headerSeq !== BigInt(firstSeq)) {
    throw new JournalCorruptionError(file, 8, `header says first seq ${headerSeq}, the name ${firstSeq}`)
  }
  let offset = SEGMENT_HEADER_BYTES
  let records = 0
  while (offset < buf.length) {
    const problem = recordProblem(buf, view, offset)
    if (problem !== undefined) {
      const where = `record seq ${firstSeq + records}: ${problem}`
      if (!isLast) {
        throw new JournalCorruptionError(file, offset, `${where} in a segment that is not the last`)
      }
      const valid = validRecordAfter(buf, view, offset + 1)
      if (valid !== undefined) {
        throw new JournalCorruptionError(
          file,
          offset,
          `${where}, followed by a valid record at byte ${valid}`,
        )
      }
      return { records, validBytes: offset, torn: `${where} at byte ${offset} of ${buf.length}` }
    }
    offset += RECORD_HEADER_BYTES + view.getUint32(offset, true)
    records++
  }
  return { records, validBytes: offset }
}
