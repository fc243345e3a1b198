import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type PriceRow, pricesCsv } from './index.ts'

const row = (parts: Partial<PriceRow> = {}): PriceRow => ({
  seriesId: 'FEE-1060-H24-SHEET-SPOT',
  seriesName: '1060 H24 sheet processing fee, spot',
  date: '2026-11-26',
  windowStart: '2026-11-20T15:00:00+08:00',
  windowEnd: '2026-11-26T15:00:00+08:00',
  value: 1830,
  tier: 1,
  rolled: false,
  revision: 1,
  allIn: 21_010,
  ...parts,
})

/** An RFC 4180 reader written apart from the writer: records of fields, quotes doubled inside quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let i = 0
  while (i < text.length) {
    if (text[i] === '"') {
      i++
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote')
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"'
          i += 2
        } else if (text[i] === '"') {
          i++
          break
        } else field += text[i++]
      }
    } else if (text[i] === ',') {
      record.push(field)
      field = ''
      i++
    } else if (text.startsWith('\r\n', i)) {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i += 2
    } else {
      if (text[i] === '\r' || text[i] === '\n') throw new Error(`bare line break at ${i}`)
      field += text[i++]
    }
  }
  if (field !== '' || record.length > 0) throw new Error('last record not ended by CRLF')
  return records
}

const withoutBom = (csv: string): string => {
  expect(csv.startsWith('\uFEFF')).toBe(true)
  return csv.slice(1)
}

describe('pricesCsv', () => {
  it('starts with a BOM, heads the columns in English and Chinese, and ends every line with CRLF', () => {
    const csv = pricesCsv([row()])
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(withoutBom(csv)).toBe(
      'series ID 系列代码,series name 系列名称,date 日期,window start 窗口开始,window end 窗口结束,' +
        'value CNY/t 价格,tier 层级,rolled 沿用,revision 修订版本,all-in CNY/t 全价\r\n' +
        'FEE-1060-H24-SHEET-SPOT,"1060 H24 sheet processing fee, spot",2026-11-26,' +
        '2026-11-20T15:00:00+08:00,2026-11-26T15:00:00+08:00,1830,1,false,1,21010\r\n',
    )
  })

  it('gives just the header for no rows', () => {
    expect(parseCsv(withoutBom(pricesCsv([])))).toHaveLength(1)
  })

  it('round-trips commas, quotes, line breaks and Chinese through a reader', () => {
    const names = ['1060 H24 铝板 加工费（现货）', 'a, "quoted" name', 'two\r\nlines', 'bare\nLF', '"', '']
    const records = parseCsv(withoutBom(pricesCsv(names.map((seriesName) => row({ seriesName })))))
    expect(records.slice(1).map((r) => r[1])).toEqual(names)
    for (const r of records) expect(r).toHaveLength(10)
  })

  it('leaves missing values empty and writes a rolled value as true', () => {
    const [, carried, nothing] = parseCsv(
      withoutBom(
        pricesCsv([
          row({ rolled: true, tier: 4 }),
          row({ value: null, tier: null, allIn: null, rolled: false, revision: 2 }),
        ]),
      ),
    )
    expect(carried!.slice(5)).toEqual(['1830', '4', 'true', '1', '21010'])
    expect(nothing!.slice(5)).toEqual(['', '', 'false', '2', ''])
  })

  it('guards text that a spreadsheet would run as a formula, and leaves negative numbers as numbers', () => {
    const hostile = ['=HYPERLINK("http://x.example","go")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']
    const records = parseCsv(
      withoutBom(pricesCsv(hostile.map((seriesName) => row({ seriesName, value: -120, allIn: -5 })))),
    )
    expect(records.slice(1).map((r) => r[1])).toEqual(hostile.map((h) => `'${h}`))
    for (const r of records.slice(1)) {
      expect(r[5]).toBe('-120')
      expect(r[9]).toBe('-5')
    }
    // Text that only contains such a character later is left alone.
    expect(parseCsv(withoutBom(pricesCsv([row({ seriesName: 'A=B-C' })])))[1]![1]).toBe('A=B-C')
  })

  it('refuses a value that is not an integer', () => {
    expect(() => pricesCsv([row({ value: 1830.5 })])).toThrow(RangeError)
    expect(() => pricesCsv([row({ allIn: Number.NaN })])).toThrow(/allIn of FEE-1060-H24-SHEET-SPOT/)
  })

  it('round-trips any text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 5 }), (names) => {
        const records = parseCsv(withoutBom(pricesCsv(names.map((seriesName) => row({ seriesName })))))
        const guarded = names.map((n) => (/^[=+\-@\t\r]/.test(n) ? `'${n}` : n))
        expect(records.slice(1).map((r) => r[1])).toEqual(guarded)
      }),
    )
  })
})
