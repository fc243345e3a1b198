/**
 * Published prices as files people open in a spreadsheet: `pricesCsv` (RFC 4180, UTF-8 with a BOM
 * so Excel reads the Chinese, CRLF) and `pricesXlsx` (a minimal Office Open XML workbook, zipped
 * here with node:zlib's deflate and a small ZIP writer: no dependency). Pure: the same rows always
 * give the same bytes (the ZIP entries carry a fixed 1980-01-01 time, not the clock's).
 * @module
 */
import { deflateRawSync } from 'node:zlib'
import type { Tier } from '../model.ts'

/** One published value of one series, as exported. Values are integer CNY/t, null when there is none. */
export interface PriceRow {
  readonly seriesId: string
  readonly seriesName: string
  /** The assessment date, YYYY-MM-DD. */
  readonly date: string
  /** ISO 8601; start included, end excluded. */
  readonly windowStart: string
  readonly windowEnd: string
  readonly value: number | null
  readonly tier: Tier | null
  readonly rolled: boolean
  readonly revision: number
  /** Base + fee of the same date (for the base series, the base itself); null when either is missing. */
  readonly allIn: number | null
}

export interface PricesXlsxOptions {
  /** Adds a note row above the header saying the prices are synthetic (the demo center's are). */
  readonly synthetic?: boolean
}

type Cell = { readonly text: string } | number | boolean | null

interface Column {
  readonly header: string
  readonly widthChars: number
  readonly cell: (row: PriceRow) => Cell
}

/** Both files have these columns, headed in English and Chinese. */
const COLUMNS: readonly Column[] = [
  { header: 'series ID 系列代码', widthChars: 30, cell: (r) => ({ text: r.seriesId }) },
  { header: 'series name 系列名称', widthChars: 44, cell: (r) => ({ text: r.seriesName }) },
  { header: 'date 日期', widthChars: 12, cell: (r) => ({ text: r.date }) },
  { header: 'window start 窗口开始', widthChars: 26, cell: (r) => ({ text: r.windowStart }) },
  { header: 'window end 窗口结束', widthChars: 26, cell: (r) => ({ text: r.windowEnd }) },
  { header: 'value CNY/t 价格', widthChars: 16, cell: (r) => integer(r.value, 'value', r) },
  { header: 'tier 层级', widthChars: 9, cell: (r) => integer(r.tier, 'tier', r) },
  { header: 'rolled 沿用', widthChars: 11, cell: (r) => r.rolled },
  { header: 'revision 修订版本', widthChars: 12, cell: (r) => integer(r.revision, 'revision', r) },
  { header: 'all-in CNY/t 全价', widthChars: 16, cell: (r) => integer(r.allIn, 'allIn', r) },
]

/** Published numbers are integers; anything else is a bug upstream, not something to print. */
function integer(value: number | null, field: string, row: PriceRow): number | null {
  if (value !== null && !Number.isSafeInteger(value))
    throw new RangeError(`${field} of ${row.seriesId} on ${row.date} is not an integer: ${value}`)
  return value
}

export const SYNTHETIC_NOTE =
  'Synthetic data: these prices were made by running simulated deals through the published method; ' +
  'they are not market prices. 合成数据：这些价格由模拟成交按公开的评估方法计算得出，并非市场价格。'

// ---- CSV ----

/**
 * Text a spreadsheet would run as a formula (OWASP's list: = + - @, tab, carriage return). Only text
 * cells are guarded: a negative number is a number cell and stays as it is.
 */
const FORMULA_START = /^[=+\-@\t\r]/

const csvField = (cell: Cell): string => {
  if (cell === null) return ''
  if (typeof cell === 'number') return String(cell)
  if (typeof cell === 'boolean') return cell ? 'true' : 'false'
  const text = FORMULA_START.test(cell.text) ? `'${cell.text}` : cell.text
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * The rows as CSV (RFC 4180): a BOM, the bilingual header, one line per row, every line ended by
 * CRLF; empty fields for missing values.
 * @example
 * reply.type('text/csv; charset=utf-8').send(pricesCsv(rows))
 */
export function pricesCsv(rows: readonly PriceRow[]): string {
  const lines = [COLUMNS.map((c) => csvField({ text: c.header })).join(',')]
  for (const row of rows) lines.push(COLUMNS.map((c) => csvField(c.cell(row))).join(','))
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`
}

// ---- XLSX ----

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'

/** Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; U+FFFE/U+FFFF; lone surrogates). */
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const escapeXml = (text: string): string =>
  text
    .replace(XML_INVALID, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    // A parser turns a literal CR into LF; as a reference it survives.
    .replaceAll('\r', '&#13;')

/** A (1) … Z (26), AA (27) … */
function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

/**
 * One cell. Text goes in as an inline string, which a spreadsheet never evaluates, so it needs no
 * formula guard; missing values are left out.
 */
function xlsxCell(cell: Cell, ref: string): string {
  if (cell === null) return ''
  if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`
  if (typeof cell === 'boolean') return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`
  const space = cell.text.trim() === cell.text ? '' : ' xml:space="preserve"'
  return `<c r="${ref}" t="inlineStr"><is><t${space}>${escapeXml(cell.text)}</t></is></c>`
}

const xlsxRow = (cells: readonly Cell[], r: number): string =>
  `<row r="${r}">${cells.map((cell, i) => xlsxCell(cell, `${columnName(i)}${r}`)).join('')}</row>`

function sheetXml(rows: readonly PriceRow[], synthetic: boolean): string {
  const headerRow = synthetic ? 2 : 1
  const lastRow = headerRow + rows.length
  const lastColumn = columnName(COLUMNS.length - 1)
  const xmlRows: string[] = []
  if (synthetic) xmlRows.push(xlsxRow([{ text: SYNTHETIC_NOTE }], 1))
  xmlRows.push(
    xlsxRow(
      COLUMNS.map((c) => ({ text: c.header })),
      headerRow,
    ),
  )
  let r = headerRow
  for (const row of rows)
    xmlRows.push(
      xlsxRow(
        COLUMNS.map((c) => c.cell(row)),
        ++r,
      ),
    )
  const cols = COLUMNS.map(
    (c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.widthChars}" customWidth="1"/>`,
  ).join('')
  // The rows down to the header stay in view while scrolling (a frozen pane, not a split).
  const pane = `<pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/>`
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}">` +
    `<dimension ref="A1:${lastColumn}${lastRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${pane}<selection pane="bottomLeft"/></sheetView></sheetViews>` +
    `<cols>${cols}</cols>` +
    `<sheetData>${xmlRows.join('')}</sheetData>` +
    '</worksheet>'
  )
}

const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ' +
  'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ' +
  'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '</Types>'

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
  `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>'

const WORKBOOK =
  `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
  '<sheets><sheet name="Prices" sheetId="1" r:id="rId1"/></sheets>' +
  '</workbook>'

const WORKBOOK_RELS =
  `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
  `<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
  '</Relationships>'

/**
 * The rows as an Excel workbook of one sheet, "Prices": the bilingual header row frozen, text as
 * inline strings, values as numbers, `rolled` as a boolean; with `synthetic`, a note row above the
 * header.
 * @example
 * reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
 *   .send(Buffer.from(pricesXlsx(rows, { synthetic: true })))
 */
export function pricesXlsx(rows: readonly PriceRow[], options: PricesXlsxOptions = {}): Uint8Array {
  const utf8 = (text: string) => new TextEncoder().encode(text)
  return zip([
    { name: '[Content_Types].xml', data: utf8(CONTENT_TYPES) },
    { name: '_rels/.rels', data: utf8(ROOT_RELS) },
    { name: 'xl/workbook.xml', data: utf8(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: utf8(WORKBOOK_RELS) },
    { name: 'xl/worksheets/sheet1.xml', data: utf8(sheetXml(rows, options.synthetic === true)) },
  ])
}

// ---- ZIP (PKWARE APPNOTE 4.3: local headers, data, central directory, end record; no ZIP64) ----

interface ZipEntry {
  readonly name: string
  readonly data: Uint8Array
}

/** 1980-01-01 00:00, the earliest MS-DOS time: a fixed stamp keeps the output reproducible. */
const DOS_TIME = 0
const DOS_DATE = (1 << 5) | 1
const VERSION = 20 // 2.0: deflate
const STORED = 0
const DEFLATED = 8
const UINT32_LIMIT = 0xffffffff

/** Table-driven CRC-32 (IEEE 802.3, as ZIP and gzip use). */
function crc32(data: Uint8Array): number {
  let crc = 0xffffffff
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c
})

function zip(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const deflated = deflateRawSync(entry.data)
    // Deflate can grow tiny or incompressible data; such an entry is stored as it is.
    const method = deflated.length < entry.data.length ? DEFLATED : STORED
    const body = method === DEFLATED ? deflated : entry.data
    if (offset + body.length > UINT32_LIMIT)
      throw new RangeError('the workbook is too large for a ZIP without ZIP64')
    const crc = crc32(entry.data)

    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(VERSION, 4)
    local.writeUInt16LE(0, 6) // flags: sizes are in this header, the name is ASCII
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(entry.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28) // extra field length

    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(VERSION, 4) // made by: MS-DOS attributes, 2.0
    central.writeUInt16LE(VERSION, 6)
    central.writeUInt16LE(0, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt16LE(DOS_TIME, 12)
    central.writeUInt16LE(DOS_DATE, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(entry.data.length, 24)
    central.writeUInt16LE(name.length, 28)
    // extra, comment, disk number start, internal and external attributes: all zero
    central.writeUInt32LE(offset, 42)

    locals.push(local, name, Buffer.from(body.buffer, body.byteOffset, body.length))
    centrals.push(central, name)
    offset += local.length + name.length + body.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8) // entries on this disk
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}
