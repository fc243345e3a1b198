/**
 * The tolerant reader of the canonical spec text (grammar in spec.ts). It accepts any letter case,
 * extra whitespace, full-width characters, `×`/`*`/`X` for `x`, spaces around `-` and `x`, an `mm`
 * suffix, decimals such as `1.00` or `.5`, and the form and grade aliases; then it hands the fields
 * to validateSpec, so a parsed spec obeys exactly the rules a spec built from fields does.
 */
import { INGOT_GRADES, type ProductForm } from './model.ts'
import { readDecimal } from './spec-numbers.ts'
import {
  FORM_ALIASES,
  FORM_KEYWORDS,
  isRolledForm,
  PRODUCT_FORM_EXAMPLES,
  type ProductSpec,
  type SpecFields,
  type SpecResult,
} from './spec-rules.ts'
import { specProblem, validateSpec } from './spec-validate.ts'

/** Longer input is refused unread: no spec needs it, and it bounds the work a request can cause. */
export const MAX_SPEC_TEXT_LENGTH = 200

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`
const DIMENSIONS = new RegExp(`^(${NUMBER})x(${NUMBER})$`, 'i')
const DIAMETER = new RegExp(`^(?:d|dia|φ|Φ|ø|Ø)?(${NUMBER})$`, 'i')
const TEMPER_LIKE = /^(?:[FO0]|[HT]\d{1,4})$/i
const GLUED_ALLOY_TEMPER = /^(\d{4})([FO0]|[HT]\d{1,4})$/i

/** Splits the text into tokens, after folding the spellings the grammar tolerates into canonical ones. */
export function tokenizeSpec(text: string): string[] {
  return text
    .normalize('NFKC')
    .replace(/(?<=[\d.])\s*(?:mm)?\s*[x×*]\s*(?=[\d.])/gi, 'x')
    .replace(/\s*[-‐‑–—]\s*/g, '-')
    .replace(/(?<=\d)\s*mm(?=\s|$)/gi, '')
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '')
}

/** Reads the canonical text form of a spec (see spec.ts); never throws. */
export function parseSpec(text: string): SpecResult<ProductSpec> {
  if (typeof text !== 'string') return malformed('a spec must be text')
  if (text.length > MAX_SPEC_TEXT_LENGTH) {
    return malformed(`a spec is at most ${MAX_SPEC_TEXT_LENGTH} characters, got ${text.length}`)
  }
  const tokens = tokenizeSpec(text)
  if (tokens.length === 0) return malformed(`the spec is empty — write e.g. ${PRODUCT_FORM_EXAMPLES.sheet}`)

  // A form keyword may be up to three words ("cast rolled coil").
  let form: ProductForm | undefined
  let used = 0
  for (let n = Math.min(3, tokens.length); n >= 1 && !form; n--) {
    form = FORM_ALIASES[tokens.slice(0, n).join('_').toLowerCase().replaceAll('-', '_')]
    used = n
  }
  if (!form) {
    const keywords = Object.values(FORM_KEYWORDS).join(', ')
    return specProblem(
      '/form',
      'UNKNOWN_FORM',
      `${tokens[0]} is not a product form — start with one of ${keywords}`,
    )
  }
  const rest = tokens.slice(used)
  const fields = isRolledForm(form)
    ? readRolled(form, rest)
    : form === 'billet'
      ? readBillet(rest)
      : readIngot(rest)
  return 'ok' in fields ? fields : validateSpec(fields)
}

type Read = SpecFields | ReturnType<typeof specProblem>

function malformed(message: string) {
  return specProblem('', 'MALFORMED', message)
}

function expected(form: ProductForm, problem: string) {
  return malformed(`${problem} — a ${FORM_KEYWORDS[form]} spec reads like ${PRODUCT_FORM_EXAMPLES[form]}`)
}

/** `ALLOY-TEMPER THICKNESSxWIDTH [APPLICATION]`, also `1060H24` or `1060 H24`. */
function readRolled(form: ProductForm, rest: string[]): Read {
  const first = rest[0]
  if (first === undefined) return expected(form, 'the alloy-temper is missing')
  let at = 1
  let parts = first.split('-')
  if (parts.length === 1) {
    const glued = GLUED_ALLOY_TEMPER.exec(first)
    const next = rest[1]
    if (glued) parts = [glued[1] ?? '', glued[2] ?? '']
    else if (/^\d{4}$/.test(first) && next !== undefined && TEMPER_LIKE.test(next)) {
      parts = [first, next]
      at = 2
    }
  }
  const [alloy, temper] = parts
  if (parts.length !== 2 || !alloy || !temper) {
    return expected(form, `expected ALLOY-TEMPER such as 1060-H24, got ${first}`)
  }
  const dims = rest[at]
  if (dims === undefined) return expected(form, 'the thickness x width in mm is missing')
  const m = DIMENSIONS.exec(dims)
  if (!m) return expected(form, `expected THICKNESSxWIDTH in mm such as 1.0x1220, got ${dims}`)
  const thickness = readDecimal(m[1] ?? '', 3)
  if (!thickness.ok) {
    return thickness.why === 'too_precise'
      ? specProblem(
          '/thicknessUm',
          'PRECISION_EXCEEDED',
          `thickness ${m[1]} mm is finer than 1 µm (0.001 mm)`,
        )
      : expected(form, `thickness ${m[1]} is not a number of millimetres`)
  }
  const width = readWholeMm('/widthMm', 'width', m[2] ?? '', form)
  if (!('value' in width)) return width
  return {
    form,
    alloy: canonicalAlloy(alloy),
    temper: canonicalTemper(temper),
    thicknessUm: thickness.value,
    widthMm: width.value,
    diameterMm: null,
    application: canonicalApplication(rest.slice(at + 1)),
  }
}

/** `ALLOY D<diameter> [APPLICATION]`; a temper given as ALLOY-TEMPER is passed on to be refused. */
function readBillet(rest: string[]): Read {
  const first = rest[0]
  if (first === undefined) return expected('billet', 'the alloy is missing')
  const parts = first.split('-')
  if (parts.length > 2 || !parts[0]) return expected('billet', `expected an alloy such as 6063, got ${first}`)
  let at = 1
  // "D 120" or "Φ 120": the marker as a token of its own.
  if (rest[1] !== undefined && /^(?:d|dia|φ|Φ|ø|Ø)$/i.test(rest[1])) at = 2
  const dia = rest[at]
  if (dia === undefined) return expected('billet', 'the diameter is missing')
  const m = DIAMETER.exec(dia)
  if (!m) return expected('billet', `expected a diameter in mm such as D120, got ${dia}`)
  const diameter = readWholeMm('/diameterMm', 'diameter', m[1] ?? '', 'billet')
  if (!('value' in diameter)) return diameter
  return {
    form: 'billet',
    alloy: canonicalAlloy(parts[0]),
    temper: parts[1] === undefined ? null : canonicalTemper(parts[1]),
    thicknessUm: null,
    widthMm: null,
    diameterMm: diameter.value,
    application: canonicalApplication(rest.slice(at + 1)),
  }
}

/** `GRADE [APPLICATION]`. */
function readIngot(rest: string[]): Read {
  const grade = rest[0]
  if (grade === undefined) return expected('ingot', 'the grade is missing')
  return {
    form: 'ingot',
    alloy: canonicalGrade(grade),
    temper: null,
    thicknessUm: null,
    widthMm: null,
    diameterMm: null,
    application: canonicalApplication(rest.slice(1)),
  }
}

function readWholeMm(field: string, label: string, text: string, form: ProductForm) {
  const read = readDecimal(text, 0)
  if (read.ok) return { value: read.value }
  return read.why === 'too_precise'
    ? specProblem(field, 'PRECISION_EXCEEDED', `${label} ${text} mm is not a whole number of millimetres`)
    : expected(form, `${label} ${text} is not a number of millimetres`)
}

/** "aa1060" → "1060"; anything else as written, for validation to judge. */
function canonicalAlloy(token: string): string {
  return token.replace(/^aa(?=\d{4}$)/i, '')
}

/** "h24" → "H24"; a zero typed for the letter O ("1060-0") reads as O. */
function canonicalTemper(token: string): string {
  const upper = token.toUpperCase()
  return upper === '0' ? 'O' : upper
}

/** "a00" → "Al99.70", "al99.7" → "Al99.70"; anything else as written. */
function canonicalGrade(token: string): string {
  if (token.toUpperCase() === 'A00') return 'Al99.70'
  const m = /^(?:al)?(\d+(?:\.\d*)?)$/i.exec(token)
  const read = m ? readDecimal(m[1] ?? '', 2) : null
  if (read?.ok) {
    const grade = `Al${Math.floor(read.value / 100)}.${String(read.value % 100).padStart(2, '0')}`
    if ((INGOT_GRADES as readonly string[]).includes(grade)) return grade
  }
  return token
}

/** The remaining tokens as one lowercase snake_case application, or null when there are none. */
function canonicalApplication(tokens: string[]): string | null {
  if (tokens.length === 0) return null
  const snake = tokens.join('_').toLowerCase().replaceAll('-', '_')
  return snake.replace(/(^|_)color(?=_|$)/g, '$1colour')
}
