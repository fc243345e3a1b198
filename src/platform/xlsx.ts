/**
 * A minimal Office Open XML workbook writer (several sheets of text, numbers and booleans), zipped
 * with node:zlib's deflate and a small ZIP writer: no dependency. Pure: the same sheets always give
 * the same bytes (the ZIP entries carry a fixed 1980-01-01 time, not the clock's).
 * @module
 */
import { deflateRawSync } from 'node:zlib'

/** Text (an inline string, never evaluated as a formula), a number, a boolean, or an empty cell. */
export type XlsxCell = { readonly text: string } | number | boolean | null

export interface XlsxSheet {
  /** At most 31 characters, none of `[ ] : * ? / \` (Excel's rule). */
  readonly name: string
  readonly rows: readonly (readonly XlsxCell[])[]
  /** Column widths in characters, from column A. */
  readonly widthsChars?: readonly number[]
  /** How many top rows stay in view while scrolling (a frozen pane); none when 0 or absent. */
  readonly frozenRows?: number
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const SHEET_NAME_INVALID = /[[\]:*?/\\]/

/** Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; U+FFFE/U+FFFF; lone surrogates). */
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export const escapeXml = (text: string): string =>
  text
    .replace(XML_INVALID, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    // A parser turns a literal CR into LF; as a reference it survives.
    .replaceAll('\r', '&#13;')

/** A (1) … Z (26), AA (27) … */
export function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

/**
 * One cell. Text goes in as an inline string, which a spreadsheet never evaluates, so it needs no
 * formula guard; empty cells are left out. A number that is not finite is a bug upstream.
 */
function cellXml(cell: XlsxCell, ref: string): string {
  if (cell === null) return ''
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`cell ${ref} is not a finite number: ${cell}`)
    return `<c r="${ref}"><v>${cell}</v></c>`
  }
  if (typeof cell === 'boolean') return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`
  const space = cell.text.trim() === cell.text ? '' : ' xml:space="preserve"'
  return `<c r="${ref}" t="inlineStr"><is><t${space}>${escapeXml(cell.text)}</t></is></c>`
}

const rowXml = (cells: readonly XlsxCell[], r: number): string =>
  `<row r="${r}">${cells.map((cell, i) => cellXml(cell, `${columnName(i)}${r}`)).join('')}</row>`

function sheetXml(sheet: XlsxSheet): string {
  const widths = sheet.widthsChars ?? []
  const columns = Math.max(1, widths.length, ...sheet.rows.map((r) => r.length))
  const frozen = sheet.frozenRows ?? 0
  const views =
    frozen > 0
      ? // The rows down to `frozen` stay in view while scrolling (a frozen pane, not a split).
        '<sheetViews><sheetView workbookViewId="0">' +
        `<pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/>` +
        '<selection pane="bottomLeft"/></sheetView></sheetViews>'
      : ''
  const cols =
    widths.length > 0
      ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
      : ''
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}">` +
    `<dimension ref="A1:${columnName(columns - 1)}${Math.max(1, sheet.rows.length)}"/>` +
    views +
    cols +
    `<sheetData>${sheet.rows.map((cells, i) => rowXml(cells, i + 1)).join('')}</sheetData>` +
    '</worksheet>'
  )
}

const contentTypes = (count: number) =>
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ' +
  'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  Array.from(
    { length: count },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ` +
      'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
  ).join('') +
  '</Types>'

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
  `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>'

const workbook = (names: readonly string[]) =>
  `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
  `<sheets>${names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
  '</workbook>'

const workbookRels = (count: number) =>
  `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
  Array.from(
    { length: count },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('') +
  '</Relationships>'

/**
 * The sheets as an Excel workbook, in the order given.
 * @example
 * reply.type(XLSX_CONTENT_TYPE).send(Buffer.from(xlsxWorkbook([{ name: 'Prices', rows, frozenRows: 1 }])))
 */
export function xlsxWorkbook(sheets: readonly XlsxSheet[]): Uint8Array {
  if (sheets.length === 0) throw new RangeError('a workbook needs at least one sheet')
  const names = sheets.map((s) => s.name)
  for (const name of names)
    if (name.length === 0 || name.length > 31 || SHEET_NAME_INVALID.test(name))
      throw new RangeError(`"${name}" is not a valid sheet name`)
  if (new Set(names.map((n) => n.toLowerCase())).size !== names.length)
    throw new RangeError('sheet names must differ (Excel ignores case)')
  const utf8 = (text: string) => new TextEncoder().encode(text)
  return zip([
    { name: '[Content_Types].xml', data: utf8(contentTypes(sheets.length)) },
    { name: '_rels/.rels', data: utf8(ROOT_RELS) },
    { name: 'xl/workbook.xml', data: utf8(workbook(names)) },
    { name: 'xl/_rels/workbook.xml.rels', data: utf8(workbookRels(sheets.length)) },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: utf8(sheetXml(s)) })),
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

/** The entries as a ZIP archive, in order; each deflated unless deflate would make it bigger. */
export function zip(entries: readonly ZipEntry[]): Uint8Array {
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
