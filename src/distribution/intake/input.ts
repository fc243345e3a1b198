/**
 * Reads an intake problem from untrusted JSON (`huiguo source`, and {@link solveIntake} on what a
 * caller passes): every field checked, every problem named with its JSON pointer, nothing guessed.
 * Unknown fields are ignored; a plant's missing form of demand is no demand of that form.
 * @module
 */
import {
  DEFAULT_UNMET_PENALTY_CNY_PER_T,
  type IntakePlant,
  type IntakeProblem,
  type IntakeSupplier,
  type MetalForm,
} from './model.ts'

/** Above these the figures are typing errors, and HiGHS would read 1e20 and more as infinite. */
const MAX_TONNES = 1e9
const MAX_CNY_PER_T = 1e9
const MAX_PENALTY_CNY_PER_T = 1e12

export interface IntakeInputProblem {
  /** JSON pointer of the field, '' for the whole input. */
  readonly field: string
  readonly message: string
}

/** A problem with every default filled in: the penalty set, both forms of demand present. */
export interface CheckedIntakeProblem extends IntakeProblem {
  readonly plants: readonly (IntakePlant & { readonly demandT: Readonly<Record<MetalForm, number>> })[]
  readonly unmetPenaltyCnyPerT: number
}

/** Thrown by {@link solveIntake} on a problem {@link readIntakeProblem} refuses. */
export class IntakeInputError extends Error {
  constructor(readonly problems: readonly IntakeInputProblem[]) {
    super(`invalid intake problem: ${problems.map((p) => `${p.field || '/'} ${p.message}`).join('; ')}`)
    this.name = 'IntakeInputError'
  }
}

type Json = unknown
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** 1e9 rather than 1000000000 in messages. */
const show = (n: number) => (Math.abs(n) >= 1e6 ? n.toExponential().replace('e+', 'e') : String(n))

class Reader {
  readonly problems: IntakeInputProblem[] = []
  problem(field: string, message: string): void {
    this.problems.push({ field, message })
  }
  object(v: Json, at: string): Record<string, Json> {
    if (isObject(v)) return v
    this.problem(at, 'must be an object')
    return {}
  }
  array(o: Record<string, Json>, key: string, at: string): Json[] {
    const v = o[key]
    if (Array.isArray(v)) return v
    this.problem(`${at}/${key}`, 'must be an array')
    return []
  }
  id(o: Record<string, Json>, at: string): string {
    const v = o.id
    if (typeof v === 'string' && v !== '') return v
    this.problem(`${at}/id`, 'must be a non-empty string')
    return ''
  }
  number(v: Json, field: string, min: number, max: number, unit: string): number {
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) return v
    this.problem(field, `must be a number from ${show(min)} to ${show(max)}${unit}`)
    return 0
  }
}

const DEGREES = ' (degrees, WGS-84)'

function readSupplier(r: Reader, json: Json, at: string): IntakeSupplier {
  const o = r.object(json, at)
  const id = r.id(o, at)
  const lat = r.number(o.lat, `${at}/lat`, -90, 90, DEGREES)
  const lon = r.number(o.lon, `${at}/lon`, -180, 180, DEGREES)
  const form = o.form
  if (form !== 'molten' && form !== 'ingot') r.problem(`${at}/form`, 'must be "molten" or "ingot"')
  const capacityT = r.number(o.capacityT, `${at}/capacityT`, 0, MAX_TONNES, ' t')
  const premium = r.number(o.premiumCnyPerT, `${at}/premiumCnyPerT`, -MAX_CNY_PER_T, MAX_CNY_PER_T, ' CNY/t')
  return { id, lat, lon, form: form as MetalForm, capacityT, premiumCnyPerT: premium }
}

function readPlant(r: Reader, json: Json, at: string): CheckedIntakeProblem['plants'][number] {
  const o = r.object(json, at)
  const id = r.id(o, at)
  const lat = r.number(o.lat, `${at}/lat`, -90, 90, DEGREES)
  const lon = r.number(o.lon, `${at}/lon`, -180, 180, DEGREES)
  const demandJson = r.object(o.demandT, `${at}/demandT`)
  const demand = (form: MetalForm) => {
    const v = demandJson[form]
    return v === undefined ? 0 : r.number(v, `${at}/demandT/${form}`, 0, MAX_TONNES, ' t')
  }
  return { id, lat, lon, demandT: { molten: demand('molten'), ingot: demand('ingot') } }
}

/**
 * The problem with its defaults, or the list of what is wrong with it.
 *
 * Plant ids must be unique (they key the marginal costs). A supplier id may repeat: each entry is
 * one offer (one form, capacity and premium), so a smelter may offer both forms, or price tiers,
 * under one id.
 */
export function readIntakeProblem(
  json: Json,
): { ok: true; value: CheckedIntakeProblem } | { ok: false; problems: IntakeInputProblem[] } {
  const r = new Reader()
  const root = r.object(json, '')
  const suppliers = r.array(root, 'suppliers', '').map((s, i) => readSupplier(r, s, `/suppliers/${i}`))
  const plants = r.array(root, 'plants', '').map((p, i) => readPlant(r, p, `/plants/${i}`))
  const seen = new Map<string, number>()
  plants.forEach((p, i) => {
    const first = seen.get(p.id)
    if (first !== undefined && p.id !== '') r.problem(`/plants/${i}/id`, `repeats the id of /plants/${first}`)
    else seen.set(p.id, i)
  })
  const penaltyJson = root.unmetPenaltyCnyPerT
  const unmetPenaltyCnyPerT =
    penaltyJson === undefined || penaltyJson === null
      ? DEFAULT_UNMET_PENALTY_CNY_PER_T
      : r.number(penaltyJson, '/unmetPenaltyCnyPerT', 0, MAX_PENALTY_CNY_PER_T, ' CNY/t')
  if (r.problems.length > 0) return { ok: false, problems: r.problems }
  return { ok: true, value: { suppliers, plants, unmetPenaltyCnyPerT } }
}
