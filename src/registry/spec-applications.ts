/**
 * Application rules: the few constraints an end use puts on a rolled spec that the trade agrees on,
 * each with its one-line reason. An application not listed here constrains nothing.
 */
import { ALLOYS, type Alloy, type Application, type Temper, THICKNESS_UM_BY_FORM } from './model.ts'
import { describeThickness } from './spec-numbers.ts'
import { FORM_NAMES, type RolledForm } from './spec-rules.ts'

/** What an application demands of a spec; each rule carries its one-line reason. */
export interface ApplicationRule {
  readonly forms?: readonly RolledForm[]
  readonly alloys?: readonly Alloy[]
  /** How to name `alloys` in a message, when listing them would be long. */
  readonly alloysLabel?: string
  readonly tempers?: readonly Temper[]
  readonly thicknessUm?: { readonly min: number; readonly max: number }
  readonly why: string
}

const series = (...digits: string[]): Alloy[] => ALLOYS.filter((a) => digits.includes(a[0] ?? ''))
const foilProduct = (why: string): ApplicationRule => ({ forms: ['foil'], why })

/** The few application rules the trade agrees on. Applications not listed constrain nothing. */
export const APPLICATION_RULES: Readonly<Partial<Record<Application, ApplicationRule>>> = {
  battery_foil: {
    forms: ['foil'],
    alloys: [...series('1'), '3003', ...series('8')],
    alloysLabel: '1xxx, 3003 or 8xxx',
    thicknessUm: { min: THICKNESS_UM_BY_FORM.foil.min, max: 20 },
    why: 'Li-ion current collectors are pure or low-alloy foil of at most 20 µm',
  },
  cable_foil: foilProduct('cable shielding foil is foil by name and by use'),
  household_foil: foilProduct('household foil is foil by name and by use'),
  container_foil: foilProduct('container foil is foil by name and by use'),
  pharma_foil: foilProduct('pharmaceutical blister and lidding foil is foil by name and by use'),
  packaging_foil: foilProduct('packaging foil is foil by name and by use'),
  can_body_stock: {
    forms: ['sheet', 'strip'],
    alloys: ['3104'],
    tempers: ['H19'],
    thicknessUm: { min: 200, max: 350 },
    why: 'drawn-and-ironed can bodies are made from full-hard 3104-H19 coil 0.2–0.35 mm thick',
  },
  can_end_stock: {
    forms: ['sheet', 'strip'],
    alloys: ['5182'],
    why: 'can ends and tabs need the strength of high-magnesium 5182 at thin gauge',
  },
  ps_plate_base: {
    forms: ['foil', 'sheet', 'strip'],
    alloys: series('1'),
    alloysLabel: '1xxx',
    why: 'printing plate base is electrochemically grained, which needs unalloyed 1xxx aluminium',
  },
  transformer_strip: {
    forms: ['foil', 'sheet', 'strip'],
    alloys: series('1'),
    alloysLabel: '1xxx',
    why: 'transformer windings need the conductivity of unalloyed 1xxx aluminium',
  },
  marine_plate: {
    forms: ['sheet', 'plate'],
    alloys: series('5'),
    alloysLabel: '5xxx',
    why: 'hull plate is 5xxx aluminium-magnesium, which resists seawater and keeps its strength when welded',
  },
}

const orList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`

/** Every way a rolled spec breaks its application's rule (empty when it keeps it). */
export function applicationIssues(
  application: Application,
  spec: { form: RolledForm; alloy: Alloy; temper: Temper; thicknessUm: number },
): string[] {
  const rule = APPLICATION_RULES[application]
  if (!rule) return []
  const name = application.replaceAll('_', ' ')
  const issues: string[] = []
  if (rule.forms && !rule.forms.includes(spec.form)) {
    const forms = orList(rule.forms.map((f) => FORM_NAMES[f]))
    issues.push(`${name} comes as ${forms}, not ${FORM_NAMES[spec.form]}`)
  }
  if (rule.alloys && !rule.alloys.includes(spec.alloy)) {
    const alloys = rule.alloysLabel ?? orList(rule.alloys)
    issues.push(`${name} is rolled from ${alloys}, not ${spec.alloy}`)
  }
  if (rule.tempers && !rule.tempers.includes(spec.temper)) {
    issues.push(`${name} is ${orList(rule.tempers)} temper, not ${spec.temper}`)
  }
  const t = rule.thicknessUm
  if (t && (spec.thicknessUm < t.min || spec.thicknessUm > t.max)) {
    const got = describeThickness(spec.thicknessUm)
    const bound =
      spec.thicknessUm < t.min
        ? `at least ${describeThickness(t.min)}`
        : `at most ${describeThickness(t.max)}`
    issues.push(`${name} is ${bound} thick, got ${got}`)
  }
  // The reason once, on the first complaint: several complaints about one rule share it.
  return issues.map((issue, i) => (i === 0 ? `${issue} (${rule.why})` : issue))
}
