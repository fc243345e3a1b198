/**
 * Product specifications: what a mill offers or a buyer asks for, written as ONE canonical line.
 *
 * Canonical grammar (what printSpec writes; tokens separated by exactly one space):
 *
 *   spec        = rolled | billet | ingot
 *   rolled      = KEYWORD " " alloy "-" temper " " thickness "x" width [" " application]
 *   KEYWORD     = "CRC" | "PLATE" | "SHEET" | "STRIP" | "FOIL"      (CRC = cast-rolled coil)
 *   billet      = "BILLET " alloy " D" diameter
 *   ingot       = "INGOT " grade
 *   alloy       = a GB/T 3190 (= AA) designation from ALLOYS, e.g. 1060, 3003, 6061
 *   temper      = a GB/T 16475 temper from TEMPERS, uppercase, e.g. O, H24, T651
 *   thickness   = millimetres with at least one and at most 3 decimal places (whole µm): 1.0, 0.5, 0.012, 20.0
 *   width       = whole millimetres, no decimal point: 1220
 *   diameter    = whole millimetres: D120
 *   grade       = a GB/T 1196 grade from INGOT_GRADES, e.g. Al99.70
 *   application = lowercase snake_case from APPLICATIONS, e.g. battery_foil (rolled forms only)
 *
 *   FOIL 8011-O 0.012x1000            FOIL 1070-H18 0.012x600 battery_foil
 *   SHEET 1060-H24 1.0x1220           STRIP 3003-H24 0.5x1250        STRIP 3104-H19 0.27x1600 can_body_stock
 *   PLATE 6061-T651 20.0x1520         CRC 1060-F 7.0x1600
 *   BILLET 6063 D120                  INGOT Al99.70
 *
 * Reading is tolerant (spec-parse.ts): any letter case, extra or full-width whitespace and digits,
 * `×`, `*` or `X` for `x`, spaces around `-` and `x`, an `mm` suffix, `1.00` or `.5`, and aliases:
 * COIL, STRIP/COIL, 铝带, 铝卷 → STRIP; CC, CAST_ROLLED_COIL, "cast rolled coil", 铸轧卷 → CRC; 铝箔 → FOIL;
 * 铝板 → SHEET; 中厚板 → PLATE; 铝棒 → BILLET; 铝锭 → INGOT; A00 and Al99.7 → Al99.70; AA1060 → 1060;
 * 1060H24 and 1060 H24 → 1060-H24; 1060-0 → 1060-O; D120, D 120, Φ120 and 120 → D120;
 * "battery foil" or battery-foil → battery_foil; color_coating → colour_coating.
 * Printing is canonical: parseSpec(printSpec(s)) gives back s for every valid s, and
 * printSpec(parseSpec(t)) is a fixed point of parse-then-print.
 *
 * Every refusal is SPEC_INVALID with a stable `reason` (SPEC_REASONS) on the refusal and on each of
 * its `errors`, whose `field` is a JSON pointer into ProductSpec ('' for the text as a whole) and
 * whose `message` says why in plain English, naming the numbers.
 */
import { canonicalThicknessMm } from './spec-numbers.ts'
import { parseSpec } from './spec-parse.ts'
import { FORM_KEYWORDS, type ProductSpec, type SpecResult } from './spec-rules.ts'

export { APPLICATION_RULES, type ApplicationRule, applicationIssues } from './spec-applications.ts'
export {
  canonicalThicknessMm,
  describeThickness,
  formatThicknessMm,
  parseThicknessMm,
} from './spec-numbers.ts'
export { MAX_SPEC_TEXT_LENGTH, parseSpec } from './spec-parse.ts'
export {
  applicableTempers,
  BILLET_DIAMETER_MM,
  FORM_ALIASES,
  FORM_KEYWORDS,
  FORM_NAMES,
  isHeatTreatable,
  isRolledForm,
  PRODUCT_FORM_EXAMPLES,
  type ProductSpec,
  ROLLED_FORMS,
  type RolledForm,
  SPEC_REASONS,
  type SpecFieldError,
  type SpecFields,
  type SpecReason,
  type SpecRefusal,
  type SpecResult,
  takesStabilisedTempers,
  WIDTH_MM_BY_FORM,
} from './spec-rules.ts'
export { validateSpec } from './spec-validate.ts'

const whole = (mm: number | null): string => (mm === null || !Number.isSafeInteger(mm) ? '?' : String(mm))

const thickness = (um: number | null): string =>
  um === null || !Number.isSafeInteger(um) || um < 0 ? '?' : canonicalThicknessMm(um)

/**
 * Writes a spec in its canonical text form. Meant for valid specs; for an invalid one it does its
 * best without throwing, writing `?` for a missing or unusable number.
 */
export function printSpec(spec: ProductSpec): string {
  const application = spec.application ? ` ${spec.application}` : ''
  switch (spec.form) {
    case 'ingot':
      return `INGOT ${spec.alloy}${application}`
    case 'billet': {
      const temper = spec.temper ? `-${spec.temper}` : ''
      return `BILLET ${spec.alloy}${temper} D${whole(spec.diameterMm)}${application}`
    }
    default: {
      const size = `${thickness(spec.thicknessUm)}x${whole(spec.widthMm)}`
      return `${FORM_KEYWORDS[spec.form]} ${spec.alloy}-${spec.temper ?? '?'} ${size}${application}`
    }
  }
}

/** Reads any accepted spelling of a spec and returns its canonical text: " sheet 1060-h24 1.00×1220" → "SHEET 1060-H24 1.0x1220". */
export function canonicalSpecText(text: string): SpecResult<string> {
  const parsed = parseSpec(text)
  return parsed.ok ? { ok: true, value: printSpec(parsed.value) } : parsed
}
