import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ENTERPRISE_CSV_COLUMNS, enterprisesToCsv, parseEnterprisesCsv, plainDecimal } from './csv.ts'
import { readCsv, writeCsv } from './csv-format.ts'
import {
  CHAIN_STAGES,
  ENTERPRISE_KINDS,
  type Enterprise,
  PRODUCT_FORMS,
  type ProductForm,
  SUPPORTING_CATEGORIES,
} from './model.ts'

/** One grapheme of any script (fast-check has no arbitrary for a single one). */
const anyGrapheme = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })

const fieldsOf = (text: string) =>
  readCsv(text).map((r) => ({ line: r.line, fields: r.fields, error: r.error }))

describe('CSV reader', () => {
  it('reads LF and CRLF records, with or without a trailing line break', () => {
    const expected = [
      { line: 1, fields: ['a', 'b'], error: null },
      { line: 2, fields: ['1', '2'], error: null },
    ]
    expect(fieldsOf('a,b\n1,2\n')).toEqual(expected)
    expect(fieldsOf('a,b\r\n1,2\r\n')).toEqual(expected)
    expect(fieldsOf('a,b\r\n1,2')).toEqual(expected)
    expect(fieldsOf('a,b\r1,2\r')).toEqual(expected)
  })

  it('reads quoted fields: commas, doubled quotes, line breaks, empty quotes', () => {
    const good = 'name,note\r\n"Gongyi, Henan","say ""hi"""\r\n"two\r\nlines\nhere",""\n'
    expect(fieldsOf(good)).toEqual([
      { line: 1, fields: ['name', 'note'], error: null },
      { line: 2, fields: ['Gongyi, Henan', 'say "hi"'], error: null },
      { line: 3, fields: ['two\r\nlines\nhere', ''], error: null },
    ])
  })

  it('keeps the physical line where each record starts, across quoted line breaks and blank lines', () => {
    const text = 'h\n"a\nb\r\nc"\n\n\r\nd\n"e\rf"\ng\n'
    expect(readCsv(text).map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'h'],
      [2, 'a\nb\r\nc'],
      [7, 'd'],
      [8, 'e\rf'],
      [10, 'g'],
    ])
  })

  it('drops one leading byte order mark only', () => {
    expect(fieldsOf('\uFEFFid,x\n1,2')[0]?.fields).toEqual(['id', 'x'])
    expect(fieldsOf('\uFEFF\uFEFFid')[0]?.fields).toEqual(['\uFEFFid'])
  })

  it('reads empty fields, including a trailing one', () => {
    expect(fieldsOf('a,,b,\n,\n')).toEqual([
      { line: 1, fields: ['a', '', 'b', ''], error: null },
      { line: 2, fields: ['', ''], error: null },
    ])
    expect(fieldsOf('')).toEqual([])
    expect(fieldsOf('\uFEFF\r\n\n')).toEqual([])
  })

  it('flags malformed records with their line and reads on after them', () => {
    expect(fieldsOf('a,b"c\n"x"y,z\nok,1\n"open,\nnever closed\n')).toEqual([
      {
        line: 1,
        fields: ['a', 'b"c'],
        error: 'has a quote inside an unquoted field (quote the field and double the quote)',
      },
      { line: 2, fields: ['x', 'z'], error: 'has text after the closing quote of a field' },
      { line: 3, fields: ['ok', '1'], error: null },
      { line: 4, fields: ['open,\nnever closed\n'], error: 'has a quoted field that is never closed' },
    ])
  })
})

describe('CSV writer', () => {
  it('quotes only the fields that need it, CRLF after each record', () => {
    expect(
      writeCsv([
        ['a', 'b c', '巩义'],
        ['x,y', 'say "hi"', 'two\nlines'],
        ['cr\r', '', ''],
      ]),
    ).toBe('a,b c,巩义\r\n"x,y","say ""hi""","two\nlines"\r\n"cr\r",,\r\n')
    expect(writeCsv([['only'], ['']])).toBe('only\r\n""\r\n')
    expect(writeCsv([['\uFEFFbom', '\uFEFF']])).toBe('"\uFEFFbom",\uFEFF\r\n')
  })

  it('reads back whatever it writes', () => {
    const field = fc.string({
      unit: fc.oneof(fc.constantFrom(',', '"', '\n', '\r', '\r\n', ' ', '\uFEFF'), anyGrapheme),
    })
    const rows = fc
      .integer({ min: 1, max: 5 })
      .chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { maxLength: 6 }))
    fc.assert(
      fc.property(rows, (rows) => {
        const back = readCsv(writeCsv(rows))
        expect(back.map((r) => r.fields)).toEqual(rows)
        expect(back.every((r) => r.error === null)).toBe(true)
      }),
    )
  })
})

describe('plainDecimal', () => {
  it('writes numbers without an exponent, reading back to the same number', () => {
    expect(plainDecimal(34.7478)).toBe('34.7478')
    expect(plainDecimal(-0)).toBe('0')
    expect(plainDecimal(1e-7)).toBe('0.0000001')
    expect(plainDecimal(-1.25e-9)).toBe('-0.00000000125')
    expect(plainDecimal(1.5e21)).toBe('1500000000000000000000')
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = plainDecimal(x)
        expect(text).toMatch(/^-?\d+(\.\d+)?$/)
        expect(Number(text)).toBe(x === 0 ? 0 : x)
      }),
    )
  })
})

// ---------------------------------------------------------------------------------------------------

const HEADER = ENTERPRISE_CSV_COLUMNS.join(',')

type Row = Record<(typeof ENTERPRISE_CSV_COLUMNS)[number], string>

const goodRow = (id: string, changes: Partial<Row> = {}): Row => ({
  id,
  name_zh: '巩义市明泰铝业有限公司',
  name_en: 'Mingtai Aluminium, Gongyi',
  kind: 'processor',
  category: '',
  stages: 'cast_rolling;cold_rolling',
  place: 'Huiguo',
  province: 'Henan',
  lat: '34.72',
  lon: '112.96',
  capacity_t_per_year: 'sheet:120000;foil:30000',
  annual_revenue_cny: '1234567.89',
  employees: '850',
  certifications: 'ISO 9001;绿色工厂',
  in_cluster: 'true',
  top_ten_sheet_strip: 'false',
  synthetic: 'false',
  ...changes,
})

const csvOf = (rows: readonly Row[]) =>
  writeCsv([[...ENTERPRISE_CSV_COLUMNS], ...rows.map((r) => ENTERPRISE_CSV_COLUMNS.map((c) => r[c]))])

function errorsOf(text: string) {
  const result = parseEnterprisesCsv(text)
  if (result.ok) throw new Error('expected a refusal')
  expect(result.code).toBe('CSV_INVALID')
  return result.errors ?? []
}

describe('parseEnterprisesCsv', () => {
  it('reads a good row exactly', () => {
    const result = parseEnterprisesCsv(csvOf([goodRow('mingtai', { annual_revenue_cny: '0.1' })]))
    expect(result).toEqual({
      ok: true,
      value: [
        {
          id: 'mingtai',
          nameZh: '巩义市明泰铝业有限公司',
          nameEn: 'Mingtai Aluminium, Gongyi',
          kind: 'processor',
          category: null,
          stages: ['cast_rolling', 'cold_rolling'],
          place: 'Huiguo',
          province: 'Henan',
          lat: 34.72,
          lon: 112.96,
          capacityTPerYear: { sheet: 120000, foil: 30000 },
          annualRevenueFen: 10n,
          employees: 850,
          certifications: ['ISO 9001', '绿色工厂'],
          inCluster: true,
          topTenSheetStrip: false,
          synthetic: false,
        },
      ],
    })
  })

  it('takes columns in any order, without synthetic, with a BOM, blanks around values and empty lists', () => {
    const columns = [...ENTERPRISE_CSV_COLUMNS].filter((c) => c !== 'synthetic').reverse()
    const row: Row = goodRow('zhongfu-2', {
      kind: ' supporting ',
      category: 'packaging',
      stages: '',
      capacity_t_per_year: ' sheet : 5 ; ',
      certifications: ' CNAS ; ;CMA ',
      annual_revenue_cny: ' 99999999999999.99 ',
      in_cluster: ' false',
      lat: '-0.0',
    })
    const text = `\uFEFF${writeCsv([columns, columns.map((c) => row[c])])}`
    const result = parseEnterprisesCsv(text)
    expect(result.ok && result.value[0]).toMatchObject({
      kind: 'supporting',
      category: 'packaging',
      stages: [],
      capacityTPerYear: { sheet: 5 },
      certifications: ['CNAS', 'CMA'],
      annualRevenueFen: 9_999_999_999_999_999n,
      inCluster: false,
      synthetic: false,
      lat: 0,
    })
    expect(parseEnterprisesCsv(`${HEADER}\n`)).toEqual({ ok: true, value: [] })
  })

  it('refuses every bad field with the physical line of its row', () => {
    const rows = [
      goodRow('ok-1', { name_en: 'Two\nlines, "quoted"' }), // lines 2–3
      goodRow('bad-revenue', { annual_revenue_cny: '12.345' }), // line 4
      goodRow('Bad_Id', { lat: '91', lon: '1e2' }), // line 5
      goodRow('bad-lists', {
        stages: 'casting;smelting;casting',
        capacity_t_per_year: 'sheet:0;coil:5;foil;plate:1.5;sheet:3;strip:2147483648',
        certifications: 'ISO 9001;ISO 9001',
      }), // line 6
      goodRow('bad-kind', { kind: 'factory', category: 'nonsense', employees: '-3' }), // line 7
      goodRow('bad-category', { kind: 'supporting', category: '' }), // line 8
      goodRow('bad-category-2', { category: 'packaging', employees: '12.0' }), // line 9
      goodRow('bad-bools', { in_cluster: 'yes', top_ten_sheet_strip: '', synthetic: 'TRUE' }), // line 10
      goodRow('bad-text', { name_zh: ' ', place: '', province: '', id: '' }), // line 11
      goodRow('bad-money', { annual_revenue_cny: '-5', employees: '2147483648' }), // line 12
      goodRow('ok-1'), // line 13
    ]
    expect(errorsOf(csvOf(rows))).toEqual([
      {
        field: 'line 4, annual_revenue_cny',
        message: 'is not a decimal yuan amount with at most two places: "12.345"',
      },
      {
        field: 'line 5, id',
        message:
          'is not an enterprise id (1 to 40 lowercase letters, digits and hyphens, not starting with a hyphen): "Bad_Id"',
      },
      { field: 'line 5, lat', message: 'is not between -90 and 90: "91"' },
      { field: 'line 5, lon', message: 'is not a decimal number: "1e2"' },
      { field: 'line 6, stages', message: 'is not a known chain stage: "smelting"' },
      { field: 'line 6, stages', message: 'lists "casting" twice' },
      {
        field: 'line 6, capacity_t_per_year',
        message: 'has a capacity that is not a whole number of tonnes ≥ 1: "sheet:0"',
      },
      { field: 'line 6, capacity_t_per_year', message: 'is not a known product form: "coil"' },
      { field: 'line 6, capacity_t_per_year', message: 'has an item that is not form:tonnes: "foil"' },
      {
        field: 'line 6, capacity_t_per_year',
        message: 'has a capacity that is not a whole number of tonnes ≥ 1: "plate:1.5"',
      },
      {
        field: 'line 6, capacity_t_per_year',
        message: 'has a capacity larger than 2147483647 t: "strip:2147483648"',
      },
      { field: 'line 6, certifications', message: 'lists "ISO 9001" twice' },
      { field: 'line 7, kind', message: 'is not a known kind: "factory"' },
      { field: 'line 7, category', message: 'is not a known supporting category: "nonsense"' },
      { field: 'line 7, employees', message: 'is not a whole number ≥ 0: "-3"' },
      { field: 'line 8, category', message: 'is required when kind is supporting' },
      { field: 'line 9, category', message: 'must be empty unless kind is supporting: "packaging"' },
      { field: 'line 9, employees', message: 'is not a whole number ≥ 0: "12.0"' },
      { field: 'line 10, in_cluster', message: 'is not true or false: "yes"' },
      { field: 'line 10, top_ten_sheet_strip', message: 'is required (true or false)' },
      { field: 'line 10, synthetic', message: 'is not true or false: "TRUE"' },
      { field: 'line 11, id', message: 'is required' },
      { field: 'line 11, name_zh', message: 'is required' },
      { field: 'line 11, place', message: 'is required' },
      { field: 'line 11, province', message: 'is required' },
      { field: 'line 12, annual_revenue_cny', message: 'must not be negative: "-5"' },
      { field: 'line 12, employees', message: 'is larger than 2147483647: "2147483648"' },
      { field: 'line 13, id', message: 'repeats the id "ok-1" of line 2' },
    ])
  })

  it('counts the line breaks inside a quoted name', () => {
    const text = csvOf([
      goodRow('a', { name_zh: '第一行\r\n第二行\r\n第三行' }),
      goodRow('b', { lat: 'north' }),
    ])
    expect(errorsOf(text)).toEqual([{ field: 'line 5, lat', message: 'is not a decimal number: "north"' }])
  })

  it('refuses malformed records and rows of the wrong width, and reads on', () => {
    const text = [
      HEADER,
      csvOf([goodRow('a')]).split('\r\n')[1],
      'b,"name"x',
      '',
      'c,too,few',
      csvOf([goodRow('d', { employees: 'many' })]).split('\r\n')[1],
      '',
    ].join('\n')
    const result = parseEnterprisesCsv(text)
    expect(result).toMatchObject({
      ok: false,
      code: 'CSV_INVALID',
      detail: 'The CSV file has 3 problems on 3 lines; nothing of it was imported.',
    })
    expect(errorsOf(text)).toEqual([
      { field: 'line 3', message: 'has text after the closing quote of a field' },
      { field: 'line 5', message: 'has 3 fields where the header has 17' },
      { field: 'line 6, employees', message: 'is not a whole number ≥ 0: "many"' },
    ])
    expect(errorsOf(`${csvOf([goodRow('a')])}"b,\n`)).toEqual([
      { field: 'line 3', message: 'has a quoted field that is never closed' },
    ])
  })

  it('refuses a bad header: empty file, unknown, repeated and missing columns', () => {
    expect(errorsOf('')).toEqual([{ field: 'line 1', message: 'is empty: the header row is missing' }])
    expect(errorsOf('\uFEFF\r\n')).toEqual([
      { field: 'line 1', message: 'is empty: the header row is missing' },
    ])
    expect(errorsOf('\n\nid,"na\nme')).toEqual([
      { field: 'line 3', message: 'has a quoted field that is never closed' },
    ])
    expect(errorsOf('id,name_zh,id,Name_En,\n')).toEqual([
      { field: 'line 1', message: 'names the column "id" twice' },
      {
        field: 'line 1',
        message: expect.stringMatching(/^has an unknown column "Name_En" \(known: id, name_zh, /),
      },
      { field: 'line 1', message: expect.stringMatching(/^has an unknown column "" /) },
      ...ENTERPRISE_CSV_COLUMNS.filter((c) => c !== 'id' && c !== 'name_zh' && c !== 'synthetic').map(
        (c) => ({
          field: 'line 1',
          message: `lacks the column "${c}"`,
        }),
      ),
    ])
  })

  it('with only an unknown column in the header, still checks every row', () => {
    const text = csvOf([goodRow('a')])
      .replace('synthetic', 'note')
      .replace(/\r\n$/, '\r\nb,x\r\n')
    expect(errorsOf(text)).toEqual([
      { field: 'line 1', message: expect.stringMatching(/^has an unknown column "note"/) },
      { field: 'line 3', message: 'has 2 fields where the header has 17' },
    ])
  })

  it('reads yuan exactly into fen', () => {
    const cases: Array<[string, bigint]> = [
      ['0', 0n],
      ['0.07', 7n],
      ['12.3', 1230n],
      ['100', 10000n],
      ['123456789012345.67', 12345678901234567n],
    ]
    for (const [yuan, fen] of cases) {
      const result = parseEnterprisesCsv(csvOf([goodRow('a', { annual_revenue_cny: yuan })]))
      expect(result.ok && result.value[0]?.annualRevenueFen).toBe(fen)
    }
    for (const bad of ['1,000', '1.', '.5', '1e3', '12.345', '¥5', '1234567890123456']) {
      expect(errorsOf(csvOf([goodRow('a', { annual_revenue_cny: bad })]))[0]?.field).toBe(
        'line 2, annual_revenue_cny',
      )
    }
  })
})

// ---------------------------------------------------------------------------------------------------

/** Text with the characters CSV must survive: separators, quotes, line breaks, Chinese, any grapheme. */
const tricky = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom(',', '"', '\n', '\r', '\r\n', ' ', ';', ':', '\uFEFF'),
      fc.constantFrom('巩', '义', '铝', '业', '有', '限', '公', '司', '（', '）'),
      anyGrapheme,
    ),
    minLength: 1,
    maxLength: 30,
  })
  .filter((s) => s.trim() !== '')

const certification = fc
  .string({
    unit: fc.oneof(fc.constantFrom('ISO', ' ', '9001', ',', '"', '\n', '绿色工厂'), anyGrapheme),
    maxLength: 12,
  })
  .map((s) => s.replaceAll(';', '').trim())
  .filter((s) => s !== '')

const coordinate = (bound: number) =>
  fc.double({ min: -bound, max: bound, noNaN: true }).map((x) => (x === 0 ? 0 : x))

const capacity = fc.record(
  Object.fromEntries(
    PRODUCT_FORMS.map((form) => [form, fc.integer({ min: 1, max: 2_147_483_647 })]),
  ) as Record<ProductForm, fc.Arbitrary<number>>,
  { requiredKeys: [] },
)

const enterprise: fc.Arbitrary<Enterprise> = fc
  .record({
    id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,39}$/),
    nameZh: tricky,
    nameEn: tricky,
    kind: fc.constantFrom(...ENTERPRISE_KINDS),
    category: fc.constantFrom(...SUPPORTING_CATEGORIES),
    stages: fc.uniqueArray(fc.constantFrom(...CHAIN_STAGES)),
    place: tricky,
    province: tricky,
    lat: coordinate(90),
    lon: coordinate(180),
    capacityTPerYear: capacity,
    annualRevenueFen: fc.bigInt({ min: 0n, max: 99_999_999_999_999_999n }),
    employees: fc.integer({ min: 0, max: 2_147_483_647 }),
    certifications: fc.uniqueArray(certification, { maxLength: 4 }),
    inCluster: fc.boolean(),
    topTenSheetStrip: fc.boolean(),
    synthetic: fc.boolean(),
  })
  .map((e) => ({ ...e, category: e.kind === 'supporting' ? e.category : null }))

describe('enterprises to CSV and back', () => {
  it('round-trips any valid enterprises exactly', () => {
    fc.assert(
      fc.property(fc.uniqueArray(enterprise, { selector: (e) => e.id, maxLength: 8 }), (enterprises) => {
        const text = enterprisesToCsv(enterprises)
        expect(parseEnterprisesCsv(text)).toEqual({ ok: true, value: enterprises })
        // and a file read back writes the same text
        const back = parseEnterprisesCsv(text)
        if (back.ok) expect(enterprisesToCsv(back.value)).toBe(text)
      }),
      { numRuns: 300 },
    )
  })

  it('writes the header and plain values', () => {
    const text = enterprisesToCsv([
      {
        id: 'a1',
        nameZh: '铝,"厂"',
        nameEn: 'A',
        kind: 'supporting',
        category: 'finance',
        stages: ['casting', 'recycling'],
        place: 'P',
        province: 'Henan',
        lat: 1e-7,
        lon: -112.5,
        capacityTPerYear: { foil: 2, ingot: 1 },
        annualRevenueFen: 5n,
        employees: 0,
        certifications: [],
        inCluster: true,
        topTenSheetStrip: false,
        synthetic: true,
      },
    ])
    expect(text).toBe(
      `${HEADER}\r\na1,"铝,""厂""",A,supporting,finance,casting;recycling,P,Henan,0.0000001,-112.5,ingot:1;foil:2,0.05,0,,true,false,true\r\n`,
    )
  })

  it('refuses to write a certification that would not read back', () => {
    const base = parseEnterprisesCsv(csvOf([goodRow('a')]))
    if (!base.ok) throw new Error('expected a good row')
    const [e] = base.value
    expect(() => enterprisesToCsv([{ ...e!, certifications: ['ISO;9001'] }])).toThrow(
      /certifications item "ISO;9001"/,
    )
    expect(() => enterprisesToCsv([{ ...e!, certifications: [' UL'] }])).toThrow(/cannot be written/)
  })
})
