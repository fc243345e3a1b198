/**
 * Programmes, facts and eligibility behind one object: the operator edits programmes, enterprises
 * enter their facts, anyone signed in sees their enterprise's eligibility, and the public summary
 * feeds the dashboard. The clock and the energy facts' source are injected.
 * @module
 */
import type { Kysely } from 'kysely'
import { ok, type Result, refuse } from '../kernel/index.ts'
import type { Database } from '../platform/db/index.ts'
import { latestFactsOfAll, upsertYearFacts, yearFactsOf } from './facts-store.ts'
import { type EnergyFactsSource, judge, ledgerEnergyFacts } from './judge.ts'
import type {
  ApplicationStatus,
  Eligibility,
  PolicyActor,
  Programme,
  ProgrammeUse,
  YearFacts,
  YearFactsInput,
} from './model.ts'
import { checkProgramme, type ProgrammeBody } from './programme-check.ts'
import {
  emptyUse,
  ensureDefaultProgrammes,
  findProgramme,
  insertProgramme,
  listProgrammes,
  programmeUses,
  updateProgramme,
} from './programme-store.ts'

export interface PolicyServiceOptions {
  readonly db: Kysely<Database>
  /** Epoch ms (default: the system clock). */
  readonly clock?: () => number
  /** An enterprise's energy facts (default: the ecology module's energy ledger). */
  readonly energyFacts?: EnergyFactsSource
  /**
   * How long the summary's eligible-enterprise counts are reused, ms (default 60 s): they read the
   * energy ledger of every enterprise with facts. Facts and programmes saved here drop them at once.
   */
  readonly summaryTtlMs?: number
}

/** A day `YYYY-MM-DD` in Asia/Shanghai (UTC+8, no daylight saving). */
export const shanghaiDay = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)

export interface ProgrammeWithUse {
  readonly programme: Programme
  readonly use: ProgrammeUse
}

export interface ProgrammeSummary extends ProgrammeWithUse {
  readonly eligibleEnterprises: number
}

/** Only administrators see programmes still in draft. */
const visible = (p: Programme, actor: PolicyActor | null) => p.status !== 'draft' || actor?.isAdmin === true

export class PolicyService {
  readonly #db: Kysely<Database>
  readonly #now: () => number
  readonly #energy: EnergyFactsSource
  readonly #summaryTtlMs: number
  #eligible: { readonly atMs: number; readonly key: string; readonly counts: Map<string, number> } | null =
    null

  constructor(options: PolicyServiceOptions) {
    this.#db = options.db
    this.#now = options.clock ?? Date.now
    this.#energy = options.energyFacts ?? ledgerEnergyFacts
    this.#summaryTtlMs = options.summaryTtlMs ?? 60_000
  }

  get db(): Kysely<Database> {
    return this.#db
  }

  now(): number {
    return this.#now()
  }

  /** The energy facts of an enterprise, read within `db` (a transaction's, when given). */
  energyOf(enterpriseId: string, db: Kysely<Database> = this.#db) {
    return this.#energy(db, enterpriseId)
  }

  /** Writes the four defaults the first time (see ensureDefaultProgrammes). */
  async ensureDefaults(): Promise<boolean> {
    const now = this.#now()
    return ensureDefaultProgrammes(this.#db, shanghaiDay(now), now)
  }

  async programmes(actor: PolicyActor | null): Promise<ProgrammeWithUse[]> {
    const [programmes, uses] = await Promise.all([listProgrammes(this.#db), programmeUses(this.#db)])
    return programmes
      .filter((p) => visible(p, actor))
      .map((p) => ({ programme: p, use: uses.get(p.id) ?? emptyUse() }))
  }

  async programme(actor: PolicyActor | null, id: string): Promise<ProgrammeWithUse | null> {
    const p = await findProgramme(this.#db, id)
    if (!p || !visible(p, actor)) return null
    return { programme: p, use: (await programmeUses(this.#db, id)).get(id) ?? emptyUse() }
  }

  /** A new programme (administrators): PROGRAMME_INVALID, PROGRAMME_EXISTS. */
  async createProgramme(
    actor: PolicyActor,
    id: string,
    body: ProgrammeBody,
  ): Promise<Result<ProgrammeWithUse>> {
    const checked = checkProgramme(body)
    if (!checked.ok) return checked
    this.#eligible = null
    const inserted = await insertProgramme(this.#db, id, checked.value, actor.userId, this.#now())
    if (!inserted) return refuse('PROGRAMME_EXISTS', `there is a programme ${id} already`)
    return ok((await this.programme(actor, id))!)
  }

  /**
   * Saves an edit (administrators). The budget may not drop below the awards already committed;
   * the programme's row is locked, so no approval slips in between the check and the save.
   */
  async updateProgramme(
    actor: PolicyActor,
    id: string,
    body: ProgrammeBody,
  ): Promise<Result<ProgrammeWithUse>> {
    const checked = checkProgramme(body)
    if (!checked.ok) return checked
    const saved = await this.#db.transaction().execute(async (trx) => {
      const current = await findProgramme(trx, id, { lock: true })
      if (!current) return refuse('PROGRAMME_NOT_FOUND', `no programme ${id}`)
      const use = (await programmeUses(trx, id)).get(id) ?? emptyUse()
      if (checked.value.budgetFen < use.committedFen)
        return refuse(
          'BUDGET_BELOW_COMMITTED',
          `${use.committedFen} fen are committed to approved awards; the budget cannot be less`,
          [{ field: '/budgetFen', message: `must be at least ${use.committedFen}` }],
        )
      await updateProgramme(trx, id, checked.value, actor.userId, this.#now())
      this.#eligible = null
      return ok(null)
    })
    return saved.ok ? ok((await this.programme(actor, id))!) : saved
  }

  /** Whose facts an actor may read and enter: their own enterprise's, or any for administrators. */
  #mayAccess(actor: PolicyActor, enterpriseId: string): Result<null> {
    if (actor.isAdmin || actor.enterpriseId === enterpriseId) return ok(null)
    return refuse('FORBIDDEN', 'only administrators see and enter facts of another enterprise')
  }

  async #enterpriseExists(enterpriseId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('enterprise')
      .select('id')
      .where('id', '=', enterpriseId)
      .executeTakeFirst()
    return row !== undefined
  }

  async facts(actor: PolicyActor, enterpriseId: string): Promise<Result<YearFacts[]>> {
    const may = this.#mayAccess(actor, enterpriseId)
    if (!may.ok) return may
    if (!(await this.#enterpriseExists(enterpriseId)))
      return refuse('ENTERPRISE_NOT_FOUND', `no enterprise ${enterpriseId}`)
    return ok(await yearFactsOf(this.#db, enterpriseId))
  }

  /** Enters (or replaces) a year's facts: the enterprise's writers, or administrators. */
  async putFacts(
    actor: PolicyActor,
    enterpriseId: string,
    year: number,
    input: YearFactsInput,
  ): Promise<Result<YearFacts>> {
    const may = this.#mayAccess(actor, enterpriseId)
    if (!may.ok) return may
    if (!actor.writes && !actor.isAdmin)
      return refuse('FORBIDDEN', 'entering facts needs the role trader or admin')
    if (!(await this.#enterpriseExists(enterpriseId)))
      return refuse('ENTERPRISE_NOT_FOUND', `no enterprise ${enterpriseId}`)
    const saved = await upsertYearFacts(this.#db, enterpriseId, year, input, actor.userId, this.#now())
    this.#eligible = null
    return ok(saved)
  }

  /**
   * An enterprise's eligibility for every programme the actor sees, on its facts of `year` (default:
   * the latest on record) and its energy ledger; POLICY_FACTS_MISSING when it has none.
   */
  async eligibility(actor: PolicyActor, enterpriseId: string, year?: number): Promise<Result<Eligibility>> {
    const facts = await this.facts(actor, enterpriseId)
    if (!facts.ok) return facts
    const chosen = year === undefined ? facts.value[0] : facts.value.find((f) => f.year === year)
    if (!chosen)
      return refuse(
        'POLICY_FACTS_MISSING',
        year === undefined
          ? `enterprise ${enterpriseId} has no facts on record`
          : `no facts of ${year} on record`,
      )
    const programmes = (await listProgrammes(this.#db)).filter((p) => visible(p, actor))
    return ok(judge(chosen, await this.energyOf(enterpriseId), programmes))
  }

  /**
   * The public summary for the dashboard: each open or closed programme with its budget, what is
   * committed and paid, its applications by status, and how many enterprises (on their latest
   * facts and the energy ledger) meet its rules. No enterprise is named.
   */
  async summary(): Promise<{ synthetic: boolean; programmes: ProgrammeSummary[] }> {
    const programmes = await this.programmes(null)
    const eligible = await this.#eligibleCounts(programmes.map((p) => p.programme))
    const synthetic =
      programmes.some((p) => p.programme.synthetic) ||
      (await this.#anySynthetic('policy_enterprise_facts')) ||
      (await this.#anySynthetic('policy_application'))
    return {
      synthetic,
      programmes: programmes.map((p) => ({ ...p, eligibleEnterprises: eligible.get(p.programme.id) ?? 0 })),
    }
  }

  /** How many enterprises meet each programme on their latest facts (reused for summaryTtlMs). */
  async #eligibleCounts(programmes: readonly Programme[]): Promise<Map<string, number>> {
    const now = this.#now()
    const key = programmes.map((p) => `${p.id}@${p.updatedAtMs}`).join(',')
    const cached = this.#eligible
    if (cached && cached.key === key && now - cached.atMs < this.#summaryTtlMs) return cached.counts
    const counts = new Map<string, number>()
    for (const year of await latestFactsOfAll(this.#db)) {
      const judged = judge(year, await this.energyOf(year.enterpriseId), programmes)
      for (const p of judged.programmes)
        if (p.check.eligible) counts.set(p.programmeId, (counts.get(p.programmeId) ?? 0) + 1)
    }
    this.#eligible = { atMs: now, key, counts }
    return counts
  }

  async #anySynthetic(table: 'policy_enterprise_facts' | 'policy_application'): Promise<boolean> {
    const row = await this.#db
      .selectFrom(table)
      .select('synthetic')
      .where('synthetic', '=', true)
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }
}

/** Applications by status, in the summary's keys (drafts are the applicants' own, not counted). */
export const countsView = (counts: Readonly<Record<ApplicationStatus, number>>) => ({
  submitted: counts.submitted,
  underReview: counts.under_review,
  approved: counts.approved,
  rejected: counts.rejected,
  disbursed: counts.disbursed,
})
