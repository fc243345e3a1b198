/**
 * Validation of a product specification built from fields (a catalogue row, a JSON body, or the
 * parser's output). Every problem found is listed, each with its stable reason and a message that
 * says why in plain English; checks that depend on a broken field are skipped rather than guessed.
 */
import { refuse } from '../kernel/errors.ts'
import {
  type Alloy,
  APPLICATIONS,
  type Application,
  INGOT_GRADES,
  PRODUCT_FORMS,
  type ProductForm,
  type Temper,
} from './model.ts'
import { applicationIssues } from './spec-applications.ts'
import {
  diameterIssue,
  FORM_KEYWORDS,
  FORM_NAMES,
  isAlloy,
  isIngotGrade,
  isRolledForm,
  isTemper,
  type ProductSpec,
  type SpecFieldError,
  type SpecFields,
  type SpecReason,
  type SpecRefusal,
  type SpecResult,
  temperIssue,
  thicknessIssue,
  widthIssue,
} from './spec-rules.ts'

/** Builds the SPEC_INVALID refusal for a non-empty list of problems. */
export function specRefusal(errors: readonly [SpecFieldError, ...SpecFieldError[]]): SpecRefusal {
  const detail = errors.map((e) => e.message).join('; ')
  return { ...refuse('SPEC_INVALID', detail, errors), code: 'SPEC_INVALID', reason: errors[0].reason, errors }
}

/** One problem, as a refusal. */
export function specProblem(field: string, reason: SpecReason, message: string): SpecRefusal {
  return specRefusal([{ field, reason, message }])
}

/** Errors are listed in field order, so the first (the refusal's reason) is the most basic. */
const FIELD_ORDER = ['/form', '/alloy', '/temper', '/thicknessUm', '/widthMm', '/diameterMm', '/application']

const isAbsent = (v: unknown): v is null | undefined => v === null || v === undefined

/** A value for a message: strings as written, anything else as short JSON; never throws. */
function quote(v: unknown): string {
  if (typeof v === 'string') return v
  if (typeof v !== 'object' || v === null) return typeof v === 'symbol' ? v.toString() : String(v)
  try {
    const json = JSON.stringify(v) ?? typeof v
    return json.length > 40 ? `${json.slice(0, 39)}…` : json
  } catch {
    return typeof v
  }
}

type Add = (field: string, reason: SpecReason, message: string) => void

/** Checks a spec built from fields; on success returns it with absent fields as null. */
export function validateSpec(fields: SpecFields): SpecResult<ProductSpec> {
  if (typeof fields !== 'object' || fields === null) {
    return specProblem('', 'MALFORMED', 'a spec must be an object of fields')
  }
  const form = fields.form as ProductForm
  if (!(PRODUCT_FORMS as readonly string[]).includes(form)) {
    const message = `${quote(fields.form)} is not a product form — use one of ${PRODUCT_FORMS.join(', ')}`
    return specProblem('/form', 'UNKNOWN_FORM', message)
  }
  const errors: SpecFieldError[] = []
  const add: Add = (field, reason, message) => {
    errors.push({ field: `/${field}`, reason, message })
  }
  const name = FORM_NAMES[form]
  const rolled = isRolledForm(form)
  const { alloy, temper, application } = fields

  // Each field on its own.
  const alloyOk = checkMetal(add, form, alloy)
  const temperOk = checkTemper(add, form, temper)
  const thicknessOk = checkDimension(add, 'thicknessUm', 'thickness', 'µm', fields.thicknessUm, rolled, name)
  const widthOk = checkDimension(add, 'widthMm', 'width', 'mm', fields.widthMm, rolled, name)
  const diameterOk = checkDimension(
    add,
    'diameterMm',
    'diameter',
    'mm',
    fields.diameterMm,
    form === 'billet',
    name,
  )
  const applicationOk = checkApplication(add, form, application)

  // Rules across fields, each only when the fields it reads are sound.
  if (isRolledForm(form)) {
    const um = fields.thicknessUm as number
    const thickness = thicknessOk ? thicknessIssue(form, um) : null
    if (thickness) add('thicknessUm', 'THICKNESS_OUT_OF_RANGE', thickness)
    const width = widthOk ? widthIssue(form, fields.widthMm as number) : null
    if (width) add('widthMm', 'WIDTH_OUT_OF_RANGE', width)
    if (alloyOk && temperOk) {
      const issue = temperIssue(form, alloy as Alloy, temper as Temper)
      if (issue) add('temper', 'TEMPER_NOT_APPLICABLE', issue)
      if (applicationOk && !isAbsent(application) && thicknessOk) {
        const spec = { form, alloy: alloy as Alloy, temper: temper as Temper, thicknessUm: um }
        for (const message of applicationIssues(application as Application, spec)) {
          add('application', 'APPLICATION_MISMATCH', message)
        }
      }
    }
  }
  const diameter = diameterOk ? diameterIssue(fields.diameterMm as number) : null
  if (diameter) add('diameterMm', 'DIAMETER_OUT_OF_RANGE', diameter)

  errors.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field))
  const [first, ...rest] = errors
  if (first) return specRefusal([first, ...rest])
  return {
    ok: true,
    value: {
      form,
      alloy: alloy as string,
      temper: (temper ?? null) as Temper | null,
      thicknessUm: fields.thicknessUm ?? null,
      widthMm: fields.widthMm ?? null,
      diameterMm: fields.diameterMm ?? null,
      application: (application ?? null) as Application | null,
    },
  }
}

/** The metal: an alloy designation, or for an ingot a purity grade. Returns whether it is known. */
function checkMetal(add: Add, form: ProductForm, alloy: unknown): boolean {
  if (typeof alloy !== 'string') {
    add('alloy', 'FIELD_INVALID', `alloy must be text, got ${quote(alloy)}`)
    return false
  }
  if (form === 'ingot') {
    if (isIngotGrade(alloy)) return true
    add('alloy', 'UNKNOWN_GRADE', unknownGradeMessage(alloy))
    return false
  }
  if (isAlloy(alloy)) return true
  add('alloy', 'UNKNOWN_ALLOY', `alloy ${alloy} is not a GB/T 3190 designation the center lists`)
  return false
}

/** The temper: required for rolled forms, absent for cast stock. Returns whether it is a known temper. */
function checkTemper(add: Add, form: ProductForm, temper: unknown): boolean {
  const name = FORM_NAMES[form]
  if (!isRolledForm(form)) {
    if (!isAbsent(temper)) {
      add(
        'temper',
        'FIELD_NOT_APPLICABLE',
        `${name} is cast stock and carries no temper, got ${quote(temper)}`,
      )
    }
    return false
  }
  if (isAbsent(temper)) {
    add(
      'temper',
      'FIELD_MISSING',
      `${name} needs a temper, e.g. ${form === 'cast_rolled_coil' ? 'F' : 'H24'}`,
    )
    return false
  }
  if (typeof temper === 'string' && isTemper(temper)) return true
  add('temper', 'UNKNOWN_TEMPER', `temper ${quote(temper)} is not a GB/T 16475 temper the center lists`)
  return false
}

/** The application: optional, known, and only on rolled forms. Returns whether it is usable. */
function checkApplication(add: Add, form: ProductForm, application: unknown): boolean {
  if (isAbsent(application)) return true
  if (typeof application !== 'string' || !(APPLICATIONS as readonly string[]).includes(application)) {
    add('application', 'UNKNOWN_APPLICATION', `application ${quote(application)} is not one the center lists`)
    return false
  }
  if (!isRolledForm(form)) {
    const message = `${FORM_NAMES[form]} is feedstock and carries no application, got ${application}`
    add('application', 'FIELD_NOT_APPLICABLE', message)
    return false
  }
  return true
}

/**
 * Checks one integer dimension: present and a safe integer when the form needs it, absent when it
 * does not (range checks come later). Returns whether the value is usable.
 */
function checkDimension(
  add: Add,
  field: string,
  label: string,
  unit: string,
  value: unknown,
  needed: boolean,
  formName: string,
): boolean {
  if (!needed) {
    if (!isAbsent(value))
      add(field, 'FIELD_NOT_APPLICABLE', `${formName} has no ${label}, got ${quote(value)}`)
    return false
  }
  if (isAbsent(value)) {
    add(field, 'FIELD_MISSING', `${formName} needs a ${label}`)
    return false
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    add(field, 'FIELD_INVALID', `${label} must be a number of ${unit}, got ${quote(value)}`)
    return false
  }
  if (!Number.isSafeInteger(value)) {
    add(field, 'PRECISION_EXCEEDED', `${label} is held in whole ${unit}, got ${value} ${unit}`)
    return false
  }
  return true
}

function unknownGradeMessage(grade: string): string {
  const listed = `ingot grade ${grade} is not a GB/T 1196 grade the center lists (${INGOT_GRADES.join(', ')})`
  if (grade.toUpperCase() === 'A00') return `${listed} — A00 is written Al99.70`
  if (!isAlloy(grade)) return listed
  return `${listed} — alloyed metal for rolling or extrusion is listed as ${FORM_KEYWORDS.billet}`
}
