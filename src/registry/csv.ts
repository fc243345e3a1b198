import {
  type FieldError,
  fenToYuanString,
  ok,
  type Result,
  refuse,
  yuanStringToFen,
} from '../kernel/index.ts'
import { readCsv, writeCsv } from './csv-format.ts'
import {
  CHAIN_STAGES,
  type ChainStage,
  ENTERPRISE_ID_PATTERN,
  ENTERPRISE_KINDS,
  type Enterprise,
  type EnterpriseKind,
  PRODUCT_FORMS,
  type ProductForm,
  SUPPORTING_CATEGORIES,
  type SupportingCategory,
} from './model.ts'

/**
 * Enterprises as CSV, one row each, under a header row naming the columns (any order on import).
 * Lists are `;`-separated (blanks around items ignored); capacity is `form:tonnes;form:tonnes`;
 * revenue is decimal yuan with at most two places; booleans are `true` / `false`. Only `synthetic`
 * may be left out (it then reads false).
 */
export const ENTERPRISE_CSV_COLUMNS = [
  'id',
  'name_zh',
  'name_en',
  'kind',
  'category',
  'stages',
  'place',
  'province',
  'lat',
  'lon',
  'capacity_t_per_year',
  'annual_revenue_cny',
  'employees',
  'certifications',
  'in_cluster',
  'top_ten_sheet_strip',
  'synthetic',
] as const
export type EnterpriseCsvColumn = (typeof ENTERPRISE_CSV_COLUMNS)[number]

const OPTIONAL_COLUMNS: ReadonlySet<EnterpriseCsvColumn> = new Set(['synthetic'])
const KNOWN_COLUMNS: ReadonlySet<string> = new Set(ENTERPRISE_CSV_COLUMNS)
const ENTERPRISE_ID = new RegExp(ENTERPRISE_ID_PATTERN)
const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/
const WHOLE = /^\d+$/
/** PostgreSQL `integer`, the type of employees and capacity. */
const MAX_INT4 = 2_147_483_647
const LIST_SEPARATOR = ';'
/** Values quoted in messages are cut to this many characters. */
const QUOTED_VALUE_MAX = 60

// ---------------------------------------------------------------------------------------------------
// Export

/**
 * Plain decimal text of a finite number (no exponent), which `Number()` reads back to the same
 * number: 1e-7 → "0.0000001". Negative zero is written "0".
 */
export function plainDecimal(x: number): string {
  const s = String(x === 0 ? 0 : x)
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s)
  if (!m) return s
  const digits = m[2]! + (m[3] ?? '')
  const point = 1 + Number(m[4])
  if (point <= 0) return `${m[1]}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return `${m[1]}${digits}${'0'.repeat(point - digits.length)}`
  return `${m[1]}${digits.slice(0, point)}.${digits.slice(point)}`
}

function listCell(enterprise: Enterprise, column: string, items: readonly string[]): string {
  for (const item of items) {
    if (item.includes(LIST_SEPARATOR) || item.trim() !== item || item === '')
      throw new Error(
        `enterprise ${enterprise.id}: ${column} item ${JSON.stringify(item)} cannot be written to CSV ` +
          `(it is blank, has blanks around it or holds "${LIST_SEPARATOR}")`,
      )
  }
  return items.join(LIST_SEPARATOR)
}

function enterpriseCells(e: Enterprise): Record<EnterpriseCsvColumn, string> {
  const capacity = PRODUCT_FORMS.flatMap((form) => {
    const tonnes = e.capacityTPerYear[form]
    return tonnes === undefined ? [] : [`${form}:${tonnes}`]
  })
  return {
    id: e.id,
    name_zh: e.nameZh,
    name_en: e.nameEn,
    kind: e.kind,
    category: e.category ?? '',
    stages: e.stages.join(LIST_SEPARATOR),
    place: e.place,
    province: e.province,
    lat: plainDecimal(e.lat),
    lon: plainDecimal(e.lon),
    capacity_t_per_year: capacity.join(LIST_SEPARATOR),
    annual_revenue_cny: fenToYuanString(e.annualRevenueFen),
    employees: String(e.employees),
    certifications: listCell(e, 'certifications', e.certifications),
    in_cluster: String(e.inCluster),
    top_ten_sheet_strip: String(e.topTenSheetStrip),
    synthetic: String(e.synthetic),
  }
}

/**
 * The enterprises as CSV text (CRLF line ends, no byte order mark), every column, in the given order.
 * Throws when a certification cannot be written as a list item (blank, padded, or holding `;`):
 * that would not read back as it is.
 */
export function enterprisesToCsv(enterprises: readonly Enterprise[]): string {
  const rows: string[][] = [[...ENTERPRISE_CSV_COLUMNS]]
  for (const e of enterprises) {
    const cells = enterpriseCells(e)
    rows.push(ENTERPRISE_CSV_COLUMNS.map((c) => cells[c]))
  }
  return writeCsv(rows)
}

// ---------------------------------------------------------------------------------------------------
// Import

const quoted = (value: string) =>
  JSON.stringify(value.length > QUOTED_VALUE_MAX ? `${value.slice(0, QUOTED_VALUE_MAX)}…` : value)

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value)

/** Reads the cells of one row, collecting every problem as `line N, column`. */
class RowReader {
  readonly errors: FieldError[] = []

  constructor(
    readonly line: number,
    private readonly cells: ReadonlyMap<EnterpriseCsvColumn, string>,
  ) {}

  fail(column: EnterpriseCsvColumn, message: string): null {
    this.errors.push({ field: `line ${this.line}, ${column}`, message })
    return null
  }

  raw(column: EnterpriseCsvColumn): string {
    return this.cells.get(column) ?? ''
  }

  /** A text cell, kept exactly as written; it must not be blank. */
  text(column: EnterpriseCsvColumn): string | null {
    const value = this.raw(column)
    return value.trim() === '' ? this.fail(column, 'is required') : value
  }

  /** A value cell, blanks around it ignored; null (and a problem) when blank. */
  value(column: EnterpriseCsvColumn, whenBlank = 'is required'): string | null {
    const value = this.raw(column).trim()
    return value === '' ? this.fail(column, whenBlank) : value
  }

  /** The non-blank items of a `;` list, blanks around each ignored. */
  items(column: EnterpriseCsvColumn): string[] {
    return this.raw(column)
      .split(LIST_SEPARATOR)
      .map((item) => item.trim())
      .filter((item) => item !== '')
  }

  oneOf<T extends string>(column: EnterpriseCsvColumn, values: readonly T[], what: string): T | null {
    const value = this.value(column)
    if (value === null) return null
    return isOneOf(values, value) ? value : this.fail(column, `is not a known ${what}: ${quoted(value)}`)
  }

  decimal(column: EnterpriseCsvColumn, bound: number): number | null {
    const value = this.value(column)
    if (value === null) return null
    if (!DECIMAL.test(value)) return this.fail(column, `is not a decimal number: ${quoted(value)}`)
    const x = Number(value)
    if (!(Math.abs(x) <= bound))
      return this.fail(column, `is not between -${bound} and ${bound}: ${quoted(value)}`)
    return x === 0 ? 0 : x
  }

  boolean(column: EnterpriseCsvColumn, whenBlank?: boolean): boolean | null {
    const value = this.raw(column).trim()
    if (value === '' && whenBlank !== undefined) return whenBlank
    if (value === 'true') return true
    if (value === 'false') return false
    return this.fail(
      column,
      value === '' ? 'is required (true or false)' : `is not true or false: ${quoted(value)}`,
    )
  }

  revenueFen(): bigint | null {
    const value = this.value('annual_revenue_cny')
    if (value === null) return null
    const fen = yuanStringToFen(value)
    if (fen === null)
      return this.fail(
        'annual_revenue_cny',
        `is not a decimal yuan amount with at most two places: ${quoted(value)}`,
      )
    if (fen < 0n) return this.fail('annual_revenue_cny', `must not be negative: ${quoted(value)}`)
    return fen
  }

  employees(): number | null {
    const value = this.value('employees')
    if (value === null) return null
    if (!WHOLE.test(value)) return this.fail('employees', `is not a whole number ≥ 0: ${quoted(value)}`)
    const n = Number(value)
    return n > MAX_INT4 ? this.fail('employees', `is larger than ${MAX_INT4}: ${quoted(value)}`) : n
  }

  /** The category, null for none; undefined when refused. */
  category(kind: EnterpriseKind | null): SupportingCategory | null | undefined {
    const value = this.raw('category').trim()
    let problem: string | null = null
    if (kind === 'supporting' && value === '') problem = 'is required when kind is supporting'
    else if (kind !== null && kind !== 'supporting' && value !== '')
      problem = `must be empty unless kind is supporting: ${quoted(value)}`
    else if (value !== '' && !isOneOf(SUPPORTING_CATEGORIES, value))
      problem = `is not a known supporting category: ${quoted(value)}`
    if (problem !== null) {
      this.fail('category', problem)
      return undefined
    }
    return value === '' ? null : (value as SupportingCategory)
  }

  stages(): ChainStage[] | null {
    const before = this.errors.length
    const stages: ChainStage[] = []
    for (const item of this.items('stages')) {
      if (!isOneOf(CHAIN_STAGES, item)) this.fail('stages', `is not a known chain stage: ${quoted(item)}`)
      else if (stages.includes(item)) this.fail('stages', `lists ${quoted(item)} twice`)
      else stages.push(item)
    }
    return this.errors.length === before ? stages : null
  }

  certifications(): string[] | null {
    const before = this.errors.length
    const certifications: string[] = []
    for (const item of this.items('certifications')) {
      if (certifications.includes(item)) this.fail('certifications', `lists ${quoted(item)} twice`)
      else certifications.push(item)
    }
    return this.errors.length === before ? certifications : null
  }

  capacity(): Partial<Record<ProductForm, number>> | null {
    const before = this.errors.length
    const capacity: Partial<Record<ProductForm, number>> = {}
    for (const item of this.items('capacity_t_per_year')) {
      const colon = item.indexOf(':')
      if (colon < 0) {
        this.fail('capacity_t_per_year', `has an item that is not form:tonnes: ${quoted(item)}`)
        continue
      }
      const form = item.slice(0, colon).trim()
      const tonnes = item.slice(colon + 1).trim()
      if (!isOneOf(PRODUCT_FORMS, form))
        this.fail('capacity_t_per_year', `is not a known product form: ${quoted(form)}`)
      else if (capacity[form] !== undefined)
        this.fail('capacity_t_per_year', `lists the form ${quoted(form)} twice`)
      else if (!WHOLE.test(tonnes) || Number(tonnes) < 1)
        this.fail(
          'capacity_t_per_year',
          `has a capacity that is not a whole number of tonnes ≥ 1: ${quoted(item)}`,
        )
      else if (Number(tonnes) > MAX_INT4)
        this.fail('capacity_t_per_year', `has a capacity larger than ${MAX_INT4} t: ${quoted(item)}`)
      else capacity[form] = Number(tonnes)
    }
    return this.errors.length === before ? capacity : null
  }
}

/** Reads one well-formed row; null when any cell is refused (the problems are in `reader.errors`). */
function readEnterprise(reader: RowReader): Enterprise | null {
  const idValue = reader.value('id')
  const id =
    idValue === null || ENTERPRISE_ID.test(idValue)
      ? idValue
      : reader.fail(
          'id',
          `is not an enterprise id (1 to 40 lowercase letters, digits and hyphens, not starting with a hyphen): ${quoted(idValue)}`,
        )
  const nameZh = reader.text('name_zh')
  const nameEn = reader.text('name_en')
  const kind = reader.oneOf('kind', ENTERPRISE_KINDS, 'kind')
  const category = reader.category(kind)
  const stages = reader.stages()
  const place = reader.text('place')
  const province = reader.text('province')
  const lat = reader.decimal('lat', 90)
  const lon = reader.decimal('lon', 180)
  const capacityTPerYear = reader.capacity()
  const annualRevenueFen = reader.revenueFen()
  const employees = reader.employees()
  const certifications = reader.certifications()
  const inCluster = reader.boolean('in_cluster')
  const topTenSheetStrip = reader.boolean('top_ten_sheet_strip')
  const synthetic = reader.boolean('synthetic', false)
  if (
    reader.errors.length > 0 ||
    id === null ||
    nameZh === null ||
    nameEn === null ||
    kind === null ||
    category === undefined ||
    stages === null ||
    place === null ||
    province === null ||
    lat === null ||
    lon === null ||
    capacityTPerYear === null ||
    annualRevenueFen === null ||
    employees === null ||
    certifications === null ||
    inCluster === null ||
    topTenSheetStrip === null ||
    synthetic === null
  )
    return null
  return {
    id,
    nameZh,
    nameEn,
    kind,
    category,
    stages,
    place,
    province,
    lat,
    lon,
    capacityTPerYear,
    annualRevenueFen,
    employees,
    certifications,
    inCluster,
    topTenSheetStrip,
    synthetic,
  }
}

/** Maps each known column to its index; problems of the header row go to `errors` as `line 1`. */
function readHeader(
  line: number,
  names: readonly string[],
  errors: FieldError[],
): { columns: Map<EnterpriseCsvColumn, number>; complete: boolean } {
  const columns = new Map<EnterpriseCsvColumn, number>()
  let complete = true
  const field = `line ${line}`
  names.forEach((name, index) => {
    if (!KNOWN_COLUMNS.has(name)) {
      errors.push({
        field,
        message: `has an unknown column ${quoted(name)} (known: ${ENTERPRISE_CSV_COLUMNS.join(', ')})`,
      })
      return
    }
    const column = name as EnterpriseCsvColumn
    if (columns.has(column)) {
      errors.push({ field, message: `names the column ${quoted(name)} twice` })
      complete = false
      return
    }
    columns.set(column, index)
  })
  for (const column of ENTERPRISE_CSV_COLUMNS) {
    if (!columns.has(column) && !OPTIONAL_COLUMNS.has(column)) {
      errors.push({ field, message: `lacks the column ${quoted(column)}` })
      complete = false
    }
  }
  return { columns, complete }
}

function refusal(errors: readonly FieldError[]) {
  const lines = new Set(errors.map((e) => /^line (\d+)/.exec(e.field)?.[1])).size
  const problems = errors.length === 1 ? '1 problem' : `${errors.length} problems`
  const onLines = lines === 1 ? 'on 1 line' : `on ${lines} lines`
  return refuse('CSV_INVALID', `The CSV file has ${problems} ${onLines}; nothing of it was imported.`, errors)
}

/**
 * Reads enterprises from CSV text. Either every row is good and all come back, in file order, or the
 * file is refused (CSV_INVALID) with every problem found, each as `{ field: 'line N, column', message }`
 * where N is the physical line of the file (1 is the header) on which the row starts. An id that a
 * previous row already has is refused on the line of the repeat.
 */
export function parseEnterprisesCsv(text: string): Result<Enterprise[]> {
  const records = readCsv(text)
  const errors: FieldError[] = []
  const header = records[0]
  if (header === undefined)
    return refusal([{ field: 'line 1', message: 'is empty: the header row is missing' }])
  if (header.error !== null) return refusal([{ field: `line ${header.line}`, message: header.error }])
  const { columns, complete } = readHeader(header.line, header.fields, errors)
  if (!complete) return refusal(errors)

  const enterprises: Enterprise[] = []
  const firstLineOfId = new Map<string, number>()
  for (const record of records.slice(1)) {
    if (record.error !== null) {
      errors.push({ field: `line ${record.line}`, message: record.error })
      continue
    }
    if (record.fields.length !== header.fields.length) {
      errors.push({
        field: `line ${record.line}`,
        message: `has ${record.fields.length} fields where the header has ${header.fields.length}`,
      })
      continue
    }
    const cells = new Map<EnterpriseCsvColumn, string>()
    for (const [column, index] of columns) cells.set(column, record.fields[index] ?? '')
    const reader = new RowReader(record.line, cells)
    const enterprise = readEnterprise(reader)
    const id = reader.raw('id').trim()
    const first = firstLineOfId.get(id)
    if (first !== undefined) reader.fail('id', `repeats the id ${quoted(id)} of line ${first}`)
    else if (ENTERPRISE_ID.test(id)) firstLineOfId.set(id, record.line)
    errors.push(...reader.errors)
    if (enterprise !== null) enterprises.push(enterprise)
  }
  return errors.length > 0 ? refusal(errors) : ok(enterprises)
}
