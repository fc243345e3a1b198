import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { type PriceRow, pricesXlsx, SYNTHETIC_NOTE } from './index.ts'

const row = (parts: Partial<PriceRow> = {}): PriceRow => ({
  seriesId: 'FEE-8011-O-FOIL-SPOT',
  seriesName: '8011 O 家用箔 加工费（现货）',
  date: '2026-11-26',
  windowStart: '2026-11-20T15:00:00+08:00',
  windowEnd: '2026-11-26T15:00:00+08:00',
  value: 5630,
  tier: 2,
  rolled: false,
  revision: 1,
  allIn: 24_810,
  ...parts,
})

/**
 * A ZIP reader written apart from the writer: from the end record through the central directory to
 * each local header, inflating and checking the CRC with node:zlib's own.
 */
function unzip(bytes: Uint8Array): Map<string, string> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  expect(end).toBe(buf.length - 22)
  const count = buf.readUInt16LE(end + 10)
  const directoryEnd = buf.readUInt32LE(end + 16) + buf.readUInt32LE(end + 12)
  expect(directoryEnd).toBe(end)
  const files = new Map<string, string>()
  let at = buf.readUInt32LE(end + 16)
  for (let n = 0; n < count; n++) {
    expect(buf.readUInt32LE(at)).toBe(0x02014b50)
    const method = buf.readUInt16LE(at + 10)
    const crc = buf.readUInt32LE(at + 16)
    const compressedSize = buf.readUInt32LE(at + 20)
    const size = buf.readUInt32LE(at + 24)
    const nameLength = buf.readUInt16LE(at + 28)
    const skip = buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32)
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength)
    const local = buf.readUInt32LE(at + 42)
    expect(buf.readUInt32LE(local)).toBe(0x04034b50)
    expect(buf.readUInt16LE(local + 8)).toBe(method)
    expect(buf.readUInt32LE(local + 14)).toBe(crc)
    expect(buf.toString('utf8', local + 30, local + 30 + buf.readUInt16LE(local + 26))).toBe(name)
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const body = buf.subarray(start, start + compressedSize)
    expect([0, 8]).toContain(method)
    const data = method === 8 ? zlib.inflateRawSync(body) : body
    expect(data.length).toBe(size)
    expect(zlib.crc32(data)).toBe(crc)
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

type Read = string | number | boolean

/** The sheet's cells, row by row, keyed by column letter. */
function readSheet(xml: string): Map<number, Map<string, Read>> {
  const rows = new Map<number, Map<string, Read>>()
  for (const [, r, cells] of xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/gs)) {
    const read = new Map<string, Read>()
    for (const [, column, type, inner] of cells!.matchAll(/<c r="([A-Z]+)\d+"(?: t="(\w+)")?>(.*?)<\/c>/gs)) {
      if (type === 'inlineStr') read.set(column!, decodeXml(/<t(?: [^>]*)?>(.*)<\/t>/s.exec(inner!)![1]!))
      else if (type === 'b') read.set(column!, /<v>1<\/v>/.test(inner!))
      else read.set(column!, Number(/<v>(.*)<\/v>/.exec(inner!)![1]))
    }
    rows.set(Number(r), read)
  }
  return rows
}

const SHEET = 'xl/worksheets/sheet1.xml'

describe('pricesXlsx', () => {
  it('is a ZIP of the five parts of a workbook, content types first', () => {
    const files = unzip(pricesXlsx([row()]))
    expect([...files.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      SHEET,
    ])
    expect(files.get('[Content_Types].xml')).toContain('PartName="/xl/worksheets/sheet1.xml"')
    expect(files.get('_rels/.rels')).toContain('Target="xl/workbook.xml"')
    expect(files.get('xl/workbook.xml')).toContain('<sheet name="Prices" sheetId="1" r:id="rId1"/>')
    expect(files.get('xl/_rels/workbook.xml.rels')).toContain('Id="rId1"')
    expect(files.get('xl/_rels/workbook.xml.rels')).toContain('Target="worksheets/sheet1.xml"')
  })

  it('writes the header as text and the values as numbers, leaving missing values out', () => {
    const sheet = readSheet(
      unzip(pricesXlsx([row(), row({ value: -40, tier: null, allIn: null, rolled: true, revision: 3 })])).get(
        SHEET,
      )!,
    )
    expect([...sheet.get(1)!.values()]).toEqual([
      'series ID 系列代码',
      'series name 系列名称',
      'date 日期',
      'window start 窗口开始',
      'window end 窗口结束',
      'value CNY/t 价格',
      'tier 层级',
      'rolled 沿用',
      'revision 修订版本',
      'all-in CNY/t 全价',
    ])
    expect(Object.fromEntries(sheet.get(2)!)).toEqual({
      A: 'FEE-8011-O-FOIL-SPOT',
      B: '8011 O 家用箔 加工费（现货）',
      C: '2026-11-26',
      D: '2026-11-20T15:00:00+08:00',
      E: '2026-11-26T15:00:00+08:00',
      F: 5630,
      G: 2,
      H: false,
      I: 1,
      J: 24_810,
    })
    expect(Object.fromEntries(sheet.get(3)!)).toMatchObject({ F: -40, H: true, I: 3 })
    expect(sheet.get(3)!.has('G')).toBe(false)
    expect(sheet.get(3)!.has('J')).toBe(false)
  })

  it('escapes & < > in names, and text is never a formula', () => {
    const xml = unzip(
      pricesXlsx([row({ seriesName: 'A & B <sheet> "x"' }), row({ seriesName: '=1+1' })]),
    ).get(SHEET)!
    expect(xml).toContain('<t>A &amp; B &lt;sheet&gt; &quot;x&quot;</t>')
    expect(xml).not.toContain('<sheet>')
    expect(xml).not.toContain('<f>')
    expect(readSheet(xml).get(3)!.get('B')).toBe('=1+1')
  })

  it('freezes the header row, and with synthetic puts a note above it', () => {
    const plain = unzip(pricesXlsx([row()])).get(SHEET)!
    expect(plain).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>')
    expect(plain).toContain('<dimension ref="A1:J2"/>')
    expect(plain).not.toContain('Synthetic')

    const synthetic = unzip(pricesXlsx([row()], { synthetic: true })).get(SHEET)!
    expect(synthetic).toContain('<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>')
    expect(synthetic).toContain('<dimension ref="A1:J3"/>')
    const sheet = readSheet(synthetic)
    expect(Object.fromEntries(sheet.get(1)!)).toEqual({ A: SYNTHETIC_NOTE })
    expect(sheet.get(2)!.get('F')).toBe('value CNY/t 价格')
    expect(sheet.get(3)!.get('F')).toBe(5630)
  })

  it('keeps characters XML cannot carry out of the sheet, and line breaks and edge spaces in it', () => {
    const xml = unzip(
      pricesXlsx([row({ seriesName: 'bell\u0007 and \uD800 lone' }), row({ seriesName: ' two\r\nlines ' })]),
    ).get(SHEET)!
    expect(readSheet(xml).get(2)!.get('B')).toBe('bell\uFFFD and \uFFFD lone')
    expect(xml).toContain('<t xml:space="preserve"> two&#13;\nlines </t>')
    expect(readSheet(xml).get(3)!.get('B')).toBe(' two\r\nlines ')
  })

  it('gives the same bytes for the same rows', () => {
    expect(Buffer.from(pricesXlsx([row()]))).toEqual(Buffer.from(pricesXlsx([row()])))
  })

  it('holds two years of weekly rows of every series', () => {
    const rows = Array.from({ length: 27 * 104 }, (_, i) => row({ value: 5000 + (i % 700), revision: 1 }))
    const sheet = readSheet(unzip(pricesXlsx(rows)).get(SHEET)!)
    expect(sheet.size).toBe(rows.length + 1)
    expect(sheet.get(rows.length + 1)!.get('F')).toBe(5000 + ((rows.length - 1) % 700))
  })

  const hasUnzip = (() => {
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()

  it.skipIf(!hasUnzip)('passes Info-ZIP’s own integrity test', () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiguo-xlsx-'))
    try {
      const file = join(dir, 'prices.xlsx')
      writeFileSync(file, pricesXlsx([row()], { synthetic: true }))
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
