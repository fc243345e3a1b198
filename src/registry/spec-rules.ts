/**
 * The rules a product specification must satisfy: the shape of a spec, the refusal reasons, the
 * dimension bounds per form, which temper applies to which alloy and form, and the few application
 * rules the trade agrees on. Every rule returns a plain-English message that names the numbers, or
 * null when the spec passes it.
 */
import type { FieldError, Refusal } from '../kernel/errors.ts'
import {
  ALLOYS,
  type Alloy,
  type Application,
  INGOT_GRADES,
  type ProductForm,
  TEMPERS,
  type Temper,
  THICKNESS_UM_BY_FORM,
} from './model.ts'
import { describeThickness, formatThicknessMm } from './spec-numbers.ts'

/**
 * A validated product specification. Rolled forms (CRC, plate, sheet, strip, foil) carry temper,
 * thickness and width; a billet carries only its diameter; an ingot only its grade (in `alloy`).
 * Fields a form does not carry are null.
 */
export interface ProductSpec {
  form: ProductForm
  /** A GB/T 3190 designation from ALLOYS; for an ingot, a GB/T 1196 grade from INGOT_GRADES. */
  alloy: string
  temper: Temper | null
  /** Integer micrometres. */
  thicknessUm: number | null
  /** Integer millimetres. */
  widthMm: number | null
  /** Integer millimetres; billets only. */
  diameterMm: number | null
  application: Application | null
}

/** A spec as fields arrive from a catalogue row or a JSON body, before validation. */
export interface SpecFields {
  form: string
  alloy: string
  temper?: string | null
  thicknessUm?: number | null
  widthMm?: number | null
  diameterMm?: number | null
  application?: string | null
}

/** Stable, machine-readable reasons a spec is refused; a UI translates these. */
export const SPEC_REASONS = [
  'MALFORMED',
  'UNKNOWN_FORM',
  'UNKNOWN_ALLOY',
  'UNKNOWN_GRADE',
  'UNKNOWN_TEMPER',
  'UNKNOWN_APPLICATION',
  'FIELD_MISSING',
  'FIELD_NOT_APPLICABLE',
  'FIELD_INVALID',
  'PRECISION_EXCEEDED',
  'THICKNESS_OUT_OF_RANGE',
  'WIDTH_OUT_OF_RANGE',
  'DIAMETER_OUT_OF_RANGE',
  'TEMPER_NOT_APPLICABLE',
  'APPLICATION_MISMATCH',
] as const
export type SpecReason = (typeof SPEC_REASONS)[number]

/** A field error that also carries its reason. `field` is a JSON pointer into the spec ('' = the text). */
export interface SpecFieldError extends FieldError {
  readonly reason: SpecReason
}

/** A SPEC_INVALID refusal; `reason` is the first error's reason, `errors` lists every problem found. */
export interface SpecRefusal extends Refusal {
  readonly code: 'SPEC_INVALID'
  readonly reason: SpecReason
  readonly errors: readonly SpecFieldError[]
}

/** Assignable to Result<T> from the kernel. */
export type SpecResult<T> = { readonly ok: true; readonly value: T } | SpecRefusal

/** The forms rolled flat: they carry alloy-temper, thickness and width. */
export const ROLLED_FORMS = [
  'cast_rolled_coil',
  'plate',
  'sheet',
  'strip',
  'foil',
] as const satisfies readonly ProductForm[]
export type RolledForm = (typeof ROLLED_FORMS)[number]

export const isRolledForm = (form: ProductForm): form is RolledForm =>
  (ROLLED_FORMS as readonly string[]).includes(form)
export const isAlloy = (s: string): s is Alloy => (ALLOYS as readonly string[]).includes(s)
export const isTemper = (s: string): s is Temper => (TEMPERS as readonly string[]).includes(s)
export const isIngotGrade = (s: string): boolean => (INGOT_GRADES as readonly string[]).includes(s)

/** The keyword each form prints as. */
export const FORM_KEYWORDS = {
  ingot: 'INGOT',
  billet: 'BILLET',
  cast_rolled_coil: 'CRC',
  plate: 'PLATE',
  sheet: 'SHEET',
  strip: 'STRIP',
  foil: 'FOIL',
} as const satisfies Record<ProductForm, string>

/** The form's name in English prose. */
export const FORM_NAMES = {
  ingot: 'ingot',
  billet: 'billet',
  cast_rolled_coil: 'cast-rolled coil',
  plate: 'plate',
  sheet: 'sheet',
  strip: 'strip',
  foil: 'foil',
} as const satisfies Record<ProductForm, string>

/** One canonical example per form, for hints in messages and for docs. */
export const PRODUCT_FORM_EXAMPLES = {
  ingot: 'INGOT Al99.70',
  billet: 'BILLET 6063 D120',
  cast_rolled_coil: 'CRC 1060-F 7.0x1600',
  plate: 'PLATE 6061-T651 20.0x1520',
  sheet: 'SHEET 1060-H24 1.0x1220',
  strip: 'STRIP 3003-H24 0.5x1250',
  foil: 'FOIL 8011-O 0.012x1000',
} as const satisfies Record<ProductForm, string>

/** Form keywords accepted on input, lowercase, words joined by '_'; the keywords themselves included. */
export const FORM_ALIASES: Readonly<Record<string, ProductForm>> = {
  ingot: 'ingot',
  铝锭: 'ingot',
  billet: 'billet',
  铝棒: 'billet',
  crc: 'cast_rolled_coil',
  cc: 'cast_rolled_coil',
  cast_rolled_coil: 'cast_rolled_coil',
  cast_rolled: 'cast_rolled_coil',
  铸轧卷: 'cast_rolled_coil',
  plate: 'plate',
  中厚板: 'plate',
  sheet: 'sheet',
  铝板: 'sheet',
  strip: 'strip',
  coil: 'strip',
  'strip/coil': 'strip',
  strip_coil: 'strip',
  铝带: 'strip',
  铝卷: 'strip',
  foil: 'foil',
  铝箔: 'foil',
}

/** Width bounds in millimetres for rolled forms: what the cluster's mills roll and slit. */
export const WIDTH_MM_BY_FORM = {
  foil: { min: 10, max: 2000 },
  sheet: { min: 10, max: 2650 },
  strip: { min: 10, max: 2650 },
  cast_rolled_coil: { min: 10, max: 2650 },
  plate: { min: 10, max: 2650 },
} as const satisfies Record<RolledForm, { min: number; max: number }>

/** Billet diameter bounds in millimetres: from 3-inch extrusion logs to the largest DC casts. */
export const BILLET_DIAMETER_MM = { min: 50, max: 800 } as const

/** Heat-treatable series (2xxx, 6xxx, 7xxx) take T-tempers; the rest harden only by cold work. */
export const isHeatTreatable = (alloy: string): boolean => ['2', '6', '7'].includes(alloy[0] ?? '')

/** Magnesium-bearing alloys that take the stabilised H3x tempers: all 5xxx, and 3004, 3104, 3105. */
export const takesStabilisedTempers = (alloy: string): boolean =>
  alloy.startsWith('5') || ['3004', '3104', '3105'].includes(alloy)

/** The rule a temper breaks for an alloy and form; each line says why the rule holds. */
type TemperBreach =
  | 'cast_is_f'
  | 't_needs_heat_treatable'
  | 'h_needs_non_heat_treatable'
  | 'h3_needs_mg'
  | 't651_is_plate'

function temperBreach(form: RolledForm, alloy: Alloy, temper: Temper): TemperBreach | null {
  // As-cast coil has been neither strain-hardened nor heat-treated; once rolled or annealed it is strip.
  if (form === 'cast_rolled_coil' && temper !== 'F') return 'cast_is_f'
  // Solution treatment and ageing (T) strengthen only alloys with a precipitating phase.
  if (temper.startsWith('T') && !isHeatTreatable(alloy)) return 't_needs_heat_treatable'
  // Heat-treatable alloys are sold solution-treated and aged, not strain-hardened.
  if (/^H[12]\d$/.test(temper) && isHeatTreatable(alloy)) return 'h_needs_non_heat_treatable'
  // H3x stabilising (a low-temperature bake) exists to stop age-softening of Mg-bearing alloys.
  if (/^H3\d$/.test(temper) && !takesStabilisedTempers(alloy)) return 'h3_needs_mg'
  // T651 means stretched 1.5–3 % to relieve quench stress, which is done on plate only.
  if (temper === 'T651' && form !== 'plate') return 't651_is_plate'
  return null
}

/** Tempers that apply to `alloy` rolled as `form`, in TEMPERS order (for pickers). */
export function applicableTempers(form: RolledForm, alloy: Alloy): Temper[] {
  return TEMPERS.filter((t) => temperBreach(form, alloy, t) === null)
}

/** Why `temper` cannot apply to `alloy` rolled as `form`, or null when it can. */
export function temperIssue(form: RolledForm, alloy: Alloy, temper: Temper): string | null {
  const breach = temperBreach(form, alloy, temper)
  if (breach === null) return null
  const use = ` — ${alloy} ${FORM_NAMES[form]} takes ${applicableTempers(form, alloy).join(', ')}`
  switch (breach) {
    case 'cast_is_f':
      return `cast-rolled coil is sold as cast, temper F, got ${temper} — rolled or annealed coil is STRIP`
    case 't_needs_heat_treatable':
      return `${temper} is a heat-treated temper for heat-treatable alloys (2xxx, 6xxx, 7xxx), and ${alloy} hardens only by cold work${use}`
    case 'h_needs_non_heat_treatable':
      return `${temper} is a strain-hardened temper for non-heat-treatable alloys (1xxx, 3xxx, 5xxx, 8xxx), and ${alloy} is heat-treatable${use}`
    case 'h3_needs_mg':
      return `${temper} is a stabilised temper for magnesium-bearing alloys (5xxx, 3004, 3104, 3105), and ${alloy} is not one${use}`
    case 't651_is_plate':
      return `T651 (stress-relieved by stretching) applies to plate only, and this is ${FORM_NAMES[form]} — use T6`
  }
}

/** Thickness ranges that name a form, for "that is sheet" hints (0.2 mm counts as foil). */
const FORM_BY_THICKNESS = [
  ['foil', THICKNESS_UM_BY_FORM.foil.min, THICKNESS_UM_BY_FORM.foil.max],
  ['sheet', THICKNESS_UM_BY_FORM.foil.max + 1, THICKNESS_UM_BY_FORM.sheet.max],
  ['plate', THICKNESS_UM_BY_FORM.plate.min, THICKNESS_UM_BY_FORM.plate.max],
] as const

function otherFormHint(form: RolledForm, um: number): string {
  const fits = FORM_BY_THICKNESS.find(([, min, max]) => um >= min && um <= max)?.[0]
  if (fits === undefined || fits === form || (fits === 'sheet' && form === 'strip')) return ''
  return ` — that is ${fits === 'sheet' ? 'sheet or strip' : fits}`
}

/** Why `um` is not a thickness of `form`, or null when it is. */
export function thicknessIssue(form: RolledForm, um: number): string | null {
  const { min, max } = THICKNESS_UM_BY_FORM[form]
  if (um >= min && um <= max) return null
  const got = describeThickness(um)
  if (form === 'cast_rolled_coil') {
    return `cast-rolled coil leaves the caster ${formatThicknessMm(min)}–${formatThicknessMm(max)} mm thick, got ${got}`
  }
  const name = FORM_NAMES[form]
  if (form === 'plate' && um < min) {
    return `plate is more than ${formatThicknessMm(min - 1)} mm thick, got ${got}${otherFormHint(form, um)}`
  }
  if (um < min)
    return `${name} is at least ${describeThickness(min)} thick, got ${got}${otherFormHint(form, um)}`
  return `${name} is at most ${describeThickness(max)} thick, got ${got}${otherFormHint(form, um)}`
}

/** Why `mm` is not a width of `form`, or null when it is. */
export function widthIssue(form: RolledForm, mm: number): string | null {
  const { min, max } = WIDTH_MM_BY_FORM[form]
  if (mm < min) return `${FORM_NAMES[form]} is at least ${min} mm wide, got ${mm} mm`
  if (mm > max) return `${FORM_NAMES[form]} is at most ${max} mm wide, got ${mm} mm`
  return null
}

/** Why `mm` is not a billet diameter, or null when it is. */
export function diameterIssue(mm: number): string | null {
  const { min, max } = BILLET_DIAMETER_MM
  if (mm >= min && mm <= max) return null
  return `billet diameter is ${min}–${max} mm, got ${mm} mm`
}
