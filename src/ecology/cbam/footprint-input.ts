/**
 * Reads method v1's input from untrusted JSON (`huiguo footprint`, the HTTP calculator): every field
 * checked, every problem named by its JSON pointer, nothing guessed.
 * @module
 */
import type { FieldError, Result } from '../../kernel/index.ts'
import { ok, refuse } from '../../kernel/index.ts'
import type { FootprintInput, FootprintPrecursor } from './footprint.ts'
import { defaultsOf, headingOf } from './schedule.ts'

type Json = unknown
type JsonObject = Record<string, Json>

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)

class Reader {
  readonly problems: FieldError[] = []
  problem(field: string, message: string): void {
    this.problems.push({ field, message })
  }
  object(v: Json, at: string): JsonObject {
    if (isObject(v)) return v
    this.problem(at, 'must be an object')
    return {}
  }
  /** A CN code of an aluminium heading with defaults, as text or as a whole number. */
  cnCode(o: JsonObject, at: string): string {
    const raw = o.cnCode
    const text = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : raw
    if (typeof text !== 'string' || headingOf(text) === null) {
      this.problem(`${at}/cnCode`, 'must be a CN code of 4, 6, 8 or 10 digits')
      return ''
    }
    if (defaultsOf(text) === null)
      this.problems.push({
        field: `${at}/cnCode`,
        message: `heading ${headingOf(text)} has no CBAM default in method v1`,
        reason: 'CN_CODE_UNKNOWN',
      })
    return text
  }
  string(o: JsonObject, key: string, at: string): string {
    const v = o[key]
    if (typeof v === 'string' && v.trim() !== '') return v.trim()
    this.problem(`${at}/${key}`, 'must be a non-empty string')
    return ''
  }
  /** A finite number ≥ 0, or > 0 when `positive`. */
  amount(o: JsonObject, key: string, at: string, positive = false): number {
    const v = o[key]
    if (typeof v !== 'number' || !Number.isFinite(v)) this.problem(`${at}/${key}`, 'must be a finite number')
    else if (positive && v <= 0) this.problem(`${at}/${key}`, 'must be greater than 0')
    else if (v < 0) this.problem(`${at}/${key}`, 'must not be negative')
    else return v
    return 0
  }
}

function readPrecursor(r: Reader, raw: Json, at: string): FootprintPrecursor {
  const o = r.object(raw, at)
  const cnCode = r.cnCode(o, at)
  const tonnes = r.amount(o, 'tonnes', at)
  let seeTco2ePerT: number | null = null
  if (o.seeTco2ePerT !== undefined && o.seeTco2ePerT !== null) seeTco2ePerT = r.amount(o, 'seeTco2ePerT', at)
  if (o.origin === undefined || o.origin === null) return { cnCode, tonnes, seeTco2ePerT }
  return { cnCode, tonnes, seeTco2ePerT, origin: r.string(o, 'origin', at) }
}

/** The input, or VALIDATION_FAILED (CN_CODE_UNKNOWN when only headings are wrong) with every problem. */
export function readFootprintInput(json: Json): Result<FootprintInput> {
  const r = new Reader()
  const root = r.object(json, '')
  const goodJson = r.object(root.good, '/good')
  const good = {
    cnCode: r.cnCode(goodJson, '/good'),
    outputT: r.amount(goodJson, 'outputT', '/good', true),
    origin: r.string(goodJson, 'origin', '/good'),
  }
  const year = root.year
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 2200)
    r.problem('/year', 'must be a whole year between 1900 and 2200')
  const inst = r.object(root.installation, '/installation')
  const installation = {
    naturalGasNm3: r.amount(inst, 'naturalGasNm3', '/installation'),
    otherDirectTco2e: r.amount(inst, 'otherDirectTco2e', '/installation'),
    electricityKwh: r.amount(inst, 'electricityKwh', '/installation'),
    gridKgco2PerKwh: r.amount(inst, 'gridKgco2PerKwh', '/installation'),
  }
  let precursors: FootprintPrecursor[] = []
  if (!Array.isArray(root.precursors)) r.problem('/precursors', 'must be an array')
  else precursors = root.precursors.map((p, i) => readPrecursor(r, p, `/precursors/${i}`))
  const scrapT = r.amount(root, 'scrapT', '')
  const eurPerTco2 = r.amount(root, 'eurPerTco2', '')
  if (r.problems.length > 0) {
    const onlyHeadings = r.problems.every((p) => p.message.startsWith('heading '))
    return refuse(
      onlyHeadings ? 'CN_CODE_UNKNOWN' : 'VALIDATION_FAILED',
      `The footprint input has ${r.problems.length} problem(s)`,
      r.problems,
    )
  }
  return ok({ good, year: year as number, installation, precursors, scrapT, eurPerTco2 })
}
