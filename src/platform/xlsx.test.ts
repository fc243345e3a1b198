import { describe, expect, it } from 'vitest'
import {
  openWithOpenpyxl,
  pythonWithOpenpyxl,
  readSheet,
  sheetNames,
  unzip,
} from '../../test/support/xlsx.ts'
import { columnName, type XlsxSheet, xlsxWorkbook } from './xlsx.ts'

const SHEETS: XlsxSheet[] = [
  {
    name: 'A_InstData',
    rows: [
      [{ text: 'Installation 装置' }, { text: 'Henan & Co <mill>' }],
      [{ text: 'Output t' }, 1234.5],
    ],
    widthsChars: [30, 40],
  },
  { name: 'C_Emissions&Energy', rows: [[{ text: 'ok' }, true, null, -0.25]], frozenRows: 1 },
]

describe('xlsxWorkbook', () => {
  it('names columns like a spreadsheet', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA'])
  })

  it('writes one part per sheet, related in order, with the names escaped', () => {
    const files = unzip(xlsxWorkbook(SHEETS))
    expect([...files.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ])
    expect(sheetNames(files)).toEqual(['A_InstData', 'C_Emissions&Energy'])
    expect(files.get('xl/workbook.xml')).toContain('name="C_Emissions&amp;Energy" sheetId="2" r:id="rId2"')
    expect(files.get('xl/_rels/workbook.xml.rels')).toContain('Id="rId2"')
    expect(files.get('xl/_rels/workbook.xml.rels')).toContain('Target="worksheets/sheet2.xml"')
    expect(files.get('[Content_Types].xml')).toContain('PartName="/xl/worksheets/sheet2.xml"')
  })

  it('keeps text as text, numbers and booleans as values, and leaves empty cells out', () => {
    const files = unzip(xlsxWorkbook(SHEETS))
    const first = readSheet(files.get('xl/worksheets/sheet1.xml')!)
    expect(Object.fromEntries(first.get(1)!)).toEqual({ A: 'Installation 装置', B: 'Henan & Co <mill>' })
    expect(Object.fromEntries(first.get(2)!)).toEqual({ A: 'Output t', B: 1234.5 })
    const second = files.get('xl/worksheets/sheet2.xml')!
    expect(Object.fromEntries(readSheet(second).get(1)!)).toEqual({ A: 'ok', B: true, D: -0.25 })
    expect(second).toContain('<dimension ref="A1:D1"/>')
    expect(second).toContain('state="frozen"')
    expect(files.get('xl/worksheets/sheet1.xml')).not.toContain('<sheetViews>')
    expect(files.get('xl/worksheets/sheet1.xml')).toContain(
      '<col min="2" max="2" width="40" customWidth="1"/>',
    )
  })

  it('refuses what Excel would refuse, and numbers that are not finite', () => {
    expect(() => xlsxWorkbook([])).toThrow(RangeError)
    expect(() => xlsxWorkbook([{ name: 'a/b', rows: [] }])).toThrow(/sheet name/)
    expect(() => xlsxWorkbook([{ name: 'x'.repeat(32), rows: [] }])).toThrow(/sheet name/)
    expect(() =>
      xlsxWorkbook([
        { name: 'Same', rows: [] },
        { name: 'same', rows: [] },
      ]),
    ).toThrow(/differ/)
    expect(() => xlsxWorkbook([{ name: 'N', rows: [[Number.NaN]] }])).toThrow(/finite/)
  })

  it('gives the same bytes for the same sheets', () => {
    expect(Buffer.from(xlsxWorkbook(SHEETS))).toEqual(Buffer.from(xlsxWorkbook(SHEETS)))
  })

  it.skipIf(!pythonWithOpenpyxl)('opens in openpyxl with its sheets and values', () => {
    const book = openWithOpenpyxl(xlsxWorkbook(SHEETS))
    expect(book).toEqual([
      {
        name: 'A_InstData',
        rows: [
          ['Installation 装置', 'Henan & Co <mill>'],
          ['Output t', 1234.5],
        ],
      },
      { name: 'C_Emissions&Energy', rows: [['ok', true, null, -0.25]] },
    ])
  })
})
