import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import zlib from 'node:zlib'

/**
 * A ZIP reader written apart from the writer: from the end record through the central directory to
 * each local header, inflating and checking the CRC with node:zlib's own. Throws on anything off.
 */
export function unzip(bytes: Uint8Array): Map<string, string> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`not a valid ZIP: ${what}`)
  }
  check(end === buf.length - 22, 'end record')
  const count = buf.readUInt16LE(end + 10)
  check(buf.readUInt32LE(end + 16) + buf.readUInt32LE(end + 12) === end, 'directory size')
  const files = new Map<string, string>()
  let at = buf.readUInt32LE(end + 16)
  for (let n = 0; n < count; n++) {
    check(buf.readUInt32LE(at) === 0x02014b50, 'central header')
    const method = buf.readUInt16LE(at + 10)
    const crc = buf.readUInt32LE(at + 16)
    const compressedSize = buf.readUInt32LE(at + 20)
    const size = buf.readUInt32LE(at + 24)
    const nameLength = buf.readUInt16LE(at + 28)
    const skip = buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32)
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength)
    const local = buf.readUInt32LE(at + 42)
    check(buf.readUInt32LE(local) === 0x04034b50, 'local header')
    check(
      buf.readUInt16LE(local + 8) === method && buf.readUInt32LE(local + 14) === crc,
      `local header of ${name}`,
    )
    check(
      buf.toString('utf8', local + 30, local + 30 + buf.readUInt16LE(local + 26)) === name,
      `local name of ${name}`,
    )
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const body = buf.subarray(start, start + compressedSize)
    check(method === 0 || method === 8, 'method')
    const data = method === 8 ? zlib.inflateRawSync(body) : body
    check(data.length === size && zlib.crc32(data) === crc, `size or CRC of ${name}`)
    files.set(name, data.toString('utf8'))
    at += 46 + nameLength + skip
  }
  return files
}

const decodeXml = (text: string): string =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#13;', '\r')
    .replaceAll('&amp;', '&')

export type XlsxRead = string | number | boolean

/** The workbook's sheet names, in order (from xl/workbook.xml). */
export const sheetNames = (files: Map<string, string>): string[] =>
  [...(files.get('xl/workbook.xml') ?? '').matchAll(/<sheet name="([^"]*)"/g)].map((m) => decodeXml(m[1]!))

/** A sheet's cells, row by row, keyed by column letter. */
export function readSheet(xml: string): Map<number, Map<string, XlsxRead>> {
  const rows = new Map<number, Map<string, XlsxRead>>()
  for (const [, r, cells] of xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/gs)) {
    const read = new Map<string, XlsxRead>()
    for (const [, column, type, inner] of cells!.matchAll(/<c r="([A-Z]+)\d+"(?: t="(\w+)")?>(.*?)<\/c>/gs)) {
      if (type === 'inlineStr') read.set(column!, decodeXml(/<t(?: [^>]*)?>(.*)<\/t>/s.exec(inner!)![1]!))
      else if (type === 'b') read.set(column!, /<v>1<\/v>/.test(inner!))
      else read.set(column!, Number(/<v>(.*)<\/v>/.exec(inner!)![1]))
    }
    rows.set(Number(r), read)
  }
  return rows
}

/** A Python that can import openpyxl (the one on PATH, else Debian's), or null. */
export const pythonWithOpenpyxl: string | null = (() => {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import openpyxl'], { stdio: 'ignore' })
      return python
    } catch {
      // try the next one
    }
  }
  return null
})()

/**
 * Opens the workbook with openpyxl and answers each sheet's name and values (row by row, None as
 * null): proof that a real spreadsheet library reads it.
 */
export function openWithOpenpyxl(bytes: Uint8Array): { name: string; rows: unknown[][] }[] {
  if (!pythonWithOpenpyxl) throw new Error('no python3 with openpyxl')
  const dir = mkdtempSync(join(tmpdir(), 'huiguo-openpyxl-'))
  try {
    const file = join(dir, 'book.xlsx')
    writeFileSync(file, bytes)
    const script =
      'import json, sys, openpyxl\n' +
      'wb = openpyxl.load_workbook(sys.argv[1])\n' +
      'print(json.dumps([{"name": ws.title, "rows": [list(r) for r in ws.iter_rows(values_only=True)]} for ws in wb.worksheets]))\n'
    return JSON.parse(execFileSync(pythonWithOpenpyxl, ['-c', script, file], { encoding: 'utf8' }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
