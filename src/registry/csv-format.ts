/**
 * RFC 4180 CSV, read and written. The reader takes quoted fields (doubled quotes, commas and line
 * breaks inside quotes), CRLF, LF or a lone CR between records, an optional UTF-8 byte order mark and
 * a trailing line break, skips blank lines, and keeps the physical line (1-based, as an editor numbers
 * it) where each record starts. It refuses what RFC 4180 does not allow: a quote inside an unquoted
 * field, text after a closing quote, a quoted field that is never closed. The writer quotes a field
 * only when it must and ends every record with CRLF.
 */

/** One record of the file, with the physical line it starts on; `error` set when it is malformed. */
export interface CsvRecord {
  readonly line: number
  readonly fields: readonly string[]
  readonly error: string | null
}

const BOM = 0xfeff

const isBreak = (ch: string | undefined) => ch === '\n' || ch === '\r'
const isFieldEnd = (ch: string | undefined) => ch === ',' || ch === '\n' || ch === '\r'

/** Splits CSV text into records. Never throws: a malformed record comes back with its `error`. */
export function readCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = []
  const n = text.length
  let i = text.charCodeAt(0) === BOM ? 1 : 0
  let line = 1
  /** Steps over the line break at i (CRLF counts as one) and counts it. */
  const skipBreak = () => {
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1
    line++
  }

  while (i < n) {
    if (isBreak(text[i])) {
      skipBreak() // a blank line is no record
      continue
    }
    const startLine = line
    const fields: string[] = []
    let error: string | null = null
    for (;;) {
      if (text[i] === '"') {
        i++
        let value = ''
        let chunk = i
        let closed = false
        while (i < n) {
          const ch = text[i]
          if (ch === '"') {
            if (text[i + 1] === '"') {
              value += text.slice(chunk, i + 1)
              i += 2
              chunk = i
              continue
            }
            value += text.slice(chunk, i)
            i++
            closed = true
            break
          }
          if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++
          i++
        }
        if (!closed) {
          fields.push(value + text.slice(chunk))
          records.push({ line: startLine, fields, error: 'has a quoted field that is never closed' })
          return records
        }
        fields.push(value)
        if (i < n && !isFieldEnd(text[i])) {
          error ??= 'has text after the closing quote of a field'
          while (i < n && !isFieldEnd(text[i])) i++
        }
      } else {
        const start = i
        while (i < n && !isFieldEnd(text[i])) {
          if (text[i] === '"')
            error ??= 'has a quote inside an unquoted field (quote the field and double the quote)'
          i++
        }
        fields.push(text.slice(start, i))
      }
      if (text[i] === ',') {
        i++
        continue
      }
      break
    }
    if (i < n) skipBreak()
    records.push({ line: startLine, fields, error })
  }
  return records
}

const NEEDS_QUOTES = /[",\r\n]/

function quoteIfNeeded(field: string, mustQuote: boolean): string {
  return mustQuote || NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field
}

/**
 * Writes records as CSV, CRLF after each. A field is quoted only when it holds a quote, a comma or a
 * line break, or when it would otherwise read back differently: the lone empty field of a record
 * (an empty line is skipped) and a leading byte order mark at the very start of the file.
 */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  let out = ''
  rows.forEach((row, r) => {
    out += row
      .map((field, f) =>
        quoteIfNeeded(
          field,
          (row.length === 1 && field === '') || (r === 0 && f === 0 && field.charCodeAt(0) === BOM),
        ),
      )
      .join(',')
    out += '\r\n'
  })
  return out
}
