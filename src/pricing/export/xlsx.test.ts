import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSheet, unzip } from '../../../test/support/xlsx.ts'
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
