/**
 * The month's intake plans as a service: solve a posed problem with HiGHS ({@link solveIntake}),
 * derive what the plan delivers and the natural gas its molten metal saves, save it as the month's
 * current revision, and read it back beside the month before.
 * @module
 */
import type { Kysely } from 'kysely'
import { ok, type Result, refuse } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import {
  gasSavedM3,
  type IntakePlan,
  type IntakeProblem,
  type MetalForm,
  readIntakeProblem,
  solveIntake,
} from './intake/index.ts'
import {
  findIntakePlan,
  type IntakeFigures,
  type IntakePlanSummary,
  listIntakePlans,
  type PosedIntakeProblem,
  previousIntakePlan,
  type StoredIntakePlan,
  saveIntakePlan,
} from './intake-store.ts'

type Db = Kysely<Database>

/** A month's problem as a client poses it: `huiguo source`'s input plus the month and optional names. */
export interface IntakePlanInput {
  readonly month: string
  readonly suppliers: readonly (IntakeProblem['suppliers'][number] & { readonly name?: string })[]
  readonly plants: readonly {
    readonly id: string
    readonly lat: number
    readonly lon: number
    readonly demandT: Readonly<Partial<Record<MetalForm, number>>>
    readonly name?: string
  }[]
  readonly unmetPenaltyCnyPerT?: number
}

/** Who saves a plan and when. */
export interface IntakeSaveMeta {
  /** The admin's username; null for the demo. */
  readonly createdBy: string | null
  readonly createdAtMs: number
  readonly synthetic?: boolean
}

/**
 * What a plan delivers, leaves unmet and saves: molten tonnes, their share of the delivered tonnes
 * and 20 m³ of natural gas per molten tonne (melting from molten takes about 60 m³/t, from ingot 80;
 * research/pricing.md section 0).
 *
 * @example figuresOf(plan) // { totalCostCny, deliveredT: 8000, unmetT: 0, moltenT: 5000, moltenShare: 0.625, gasSavedM3: 100000 }
 */
export function figuresOf(plan: IntakePlan): IntakeFigures {
  const gas = gasSavedM3(plan)
  return {
    totalCostCny: plan.totalCostCny,
    deliveredT: gas.deliveredT,
    unmetT: plan.unmet.reduce((sum, u) => sum + u.tonnes, 0),
    moltenT: gas.moltenT,
    moltenShare: gas.moltenShare,
    gasSavedM3: gas.savedM3,
  }
}

/**
 * Checks, solves and saves a month's plan as its next revision (in `db`'s transaction when it is
 * one). Refused with INTAKE_PROBLEM_INVALID, nothing stored, when readIntakeProblem finds faults.
 */
export async function planAndSaveIntake(
  db: Db,
  input: IntakePlanInput,
  meta: IntakeSaveMeta,
): Promise<Result<StoredIntakePlan>> {
  const read = readIntakeProblem(input)
  if (!read.ok)
    return refuse(
      'INTAKE_PROBLEM_INVALID',
      read.problems.map((p) => `${p.field || '/'} ${p.message}`).join('; '),
      read.problems,
    )
  const checked = read.value
  const problem: PosedIntakeProblem = {
    suppliers: checked.suppliers.map((s, i) => ({ ...s, name: input.suppliers[i]?.name ?? null })),
    plants: checked.plants.map((p, i) => ({ ...p, name: input.plants[i]?.name ?? null })),
    unmetPenaltyCnyPerT: checked.unmetPenaltyCnyPerT,
  }
  const result = await solveIntake(checked)
  const saved = await saveIntakePlan(db, {
    month: input.month,
    problem,
    result,
    ...figuresOf(result),
    synthetic: meta.synthetic ?? false,
    createdBy: meta.createdBy,
    createdAtMs: meta.createdAtMs,
  })
  return ok(saved)
}

/** A month's plan and the latest month's before it, for comparison. */
export interface IntakePlanView {
  readonly plan: StoredIntakePlan
  readonly previous: IntakePlanSummary | null
}

export interface IntakePlanServiceOptions {
  readonly db: Db
  /** Epoch ms; stamps saved plans (default: the system clock). */
  readonly clock?: () => number
}

/** The intake plans of the distribution center. */
export class IntakePlanService {
  readonly #db: Db
  readonly #clock: () => number

  constructor(options: IntakePlanServiceOptions) {
    this.#db = options.db
    this.#clock = options.clock ?? Date.now
  }

  /** The current plan of every month, newest first. */
  list(): Promise<IntakePlanSummary[]> {
    return listIntakePlans(this.#db)
  }

  /** The month's current plan beside the previous saved month's; INTAKE_PLAN_NOT_FOUND when none. */
  async view(month: string): Promise<Result<IntakePlanView>> {
    const [plan, previous] = await Promise.all([
      findIntakePlan(this.#db, month),
      previousIntakePlan(this.#db, month),
    ])
    if (!plan) return refuse('INTAKE_PLAN_NOT_FOUND', `no intake plan is saved for ${month}`)
    return ok({ plan, previous })
  }

  /** Solves and saves the month's plan (a new revision when the month has one), by `createdBy`. */
  async save(input: IntakePlanInput, createdBy: string): Promise<Result<IntakePlanView>> {
    const saved = await planAndSaveIntake(this.#db, input, { createdBy, createdAtMs: this.#clock() })
    if (!saved.ok) return saved
    return ok({ plan: saved.value, previous: await previousIntakePlan(this.#db, input.month) })
  }
}
