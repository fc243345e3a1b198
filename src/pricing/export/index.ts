/**
 * Published prices as files people open in a spreadsheet: `pricesCsv` (RFC 4180, UTF-8 with a BOM
 * so Excel reads the Chinese, CRLF) and `pricesXlsx` (a workbook of one sheet, written by the
 * platform's xlsx writer). Pure: the same rows always give the same bytes.
 * @module
 */
import { type XlsxCell, xlsxWorkbook } from '../../platform/xlsx.ts'
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

type Cell = XlsxCell

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

/**
 * The rows as an Excel workbook of one sheet, "Prices": the bilingual header row frozen, text as
 * inline strings, values as numbers, `rolled` as a boolean; with `synthetic`, a note row above the
 * header.
 * @example
 * reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
 *   .send(Buffer.from(pricesXlsx(rows, { synthetic: true })))
 */
export function pricesXlsx(rows: readonly PriceRow[], options: PricesXlsxOptions = {}): Uint8Array {
  const synthetic = options.synthetic === true
  const sheetRows: XlsxCell[][] = []
  if (synthetic) sheetRows.push([{ text: SYNTHETIC_NOTE }])
  sheetRows.push(COLUMNS.map((c) => ({ text: c.header })))
  for (const row of rows) sheetRows.push(COLUMNS.map((c) => c.cell(row)))
  return xlsxWorkbook([
    {
      name: 'Prices',
      rows: sheetRows,
      widthsChars: COLUMNS.map((c) => c.widthChars),
      frozenRows: synthetic ? 2 : 1,
    },
  ])
}
