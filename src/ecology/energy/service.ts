/**
 * The energy ledger's use cases: submit a month of a line, correct it (a new revision with a
 * reason), read an enterprise's records and a month's revisions. Who may do what:
 * - an enterprise's `energy` users submit and correct its records; `admin` does so for any;
 * - an enterprise's users read its own records; `admin` and `analyst` read every enterprise's.
 * The clock is injected (the month now, in Asia/Shanghai, bounds what may be submitted).
 * @module
 */
import type { Kysely } from 'kysely'
import { ok, type Result, refuse } from '../../kernel/index.ts'
import type { Database } from '../../platform/db/index.ts'
import type { ProcessLine } from './levels.ts'
import type { EnergyInput, EnergyRecord } from './model.ts'
import { shanghaiMonth } from './months.ts'
import { currentRecords, insertCorrection, insertFirstRevision, revisionsOf } from './store.ts'
import { checkSubmission, type EnergySubmission, sameFigures } from './validation.ts'

export interface Actor {
  readonly userId: string
  readonly enterpriseId: string
  readonly roles: readonly string[]
}

export interface EnergyLedgerOptions {
  readonly db: Kysely<Database>
  /** Epoch ms (default: the system clock). */
  readonly clock?: () => number
}

export interface Correction extends EnergyInput {
  readonly reason: string
  /** The revision the correction was made from; refused when another was made since. */
  readonly baseRevision?: number
}

/** Whether the actor may read the enterprise's own figures. */
export function seesEnterprise(actor: Actor, enterpriseId: string): boolean {
  return (
    actor.enterpriseId === enterpriseId || actor.roles.includes('admin') || actor.roles.includes('analyst')
  )
}

export function writesEnterprise(actor: Actor, enterpriseId: string): boolean {
  return (
    actor.roles.includes('admin') || (actor.roles.includes('energy') && actor.enterpriseId === enterpriseId)
  )
}

const forbidden = (enterpriseId: string) =>
  refuse('FORBIDDEN', `you may not record energy for enterprise ${enterpriseId}`)

export class EnergyLedgerService {
  readonly #db: Kysely<Database>
  readonly #now: () => number

  constructor(options: EnergyLedgerOptions) {
    this.#db = options.db
    this.#now = options.clock ?? Date.now
  }

  get db(): Kysely<Database> {
    return this.#db
  }

  /** The month it is now, Asia/Shanghai. */
  currentMonth(): string {
    return shanghaiMonth(this.#now())
  }

  async #enterpriseExists(id: string): Promise<boolean> {
    const row = await this.#db.selectFrom('enterprise').select('id').where('id', '=', id).executeTakeFirst()
    return row !== undefined
  }

  /** Stores the first revision of a month of a line, or refuses having stored nothing. */
  async submit(actor: Actor, enterpriseId: string, input: EnergySubmission): Promise<Result<EnergyRecord>> {
    if (!writesEnterprise(actor, enterpriseId)) return forbidden(enterpriseId)
    if (!(await this.#enterpriseExists(enterpriseId)))
      return refuse('ENTERPRISE_NOT_FOUND', `no enterprise ${enterpriseId}`)
    const now = this.#now()
    const checked = checkSubmission(input, shanghaiMonth(now))
    if (!checked.ok) return checked
    const { month, line, ...figures } = checked.value
    const stored = await insertFirstRevision(this.#db, {
      ...figures,
      enterpriseId,
      month,
      line,
      revision: 1,
      reason: null,
      submittedBy: actor.userId,
      submittedAtMs: now,
      synthetic: false,
    })
    return stored
      ? ok(stored)
      : refuse('ENERGY_RECORD_EXISTS', `${line} of ${month} is already recorded; send a correction`)
  }

  /** Adds a revision of a recorded month of a line and makes it current. */
  async correct(
    actor: Actor,
    enterpriseId: string,
    month: string,
    line: string,
    correction: Correction,
  ): Promise<Result<EnergyRecord>> {
    if (!writesEnterprise(actor, enterpriseId)) return forbidden(enterpriseId)
    const now = this.#now()
    const checked = checkSubmission({ ...correction, month, line }, shanghaiMonth(now))
    if (!checked.ok) return checked
    const reason = correction.reason.trim()
    if (reason === '')
      return refuse('ENERGY_REASON_REQUIRED', 'say why the record is corrected', [
        { field: '/reason', message: 'must not be blank' },
      ])
    const { line: processLine, month: m, ...figures } = checked.value
    return this.#db.transaction().execute(async (trx) => {
      const current = (await currentRecords(trx, { enterpriseId, from: m, to: m, line: processLine }))[0]
      if (!current) return refuse('ENERGY_RECORD_NOT_FOUND', `no record of ${processLine} for ${m}`)
      if (correction.baseRevision !== undefined && correction.baseRevision !== current.revision)
        return refuse(
          'ENERGY_REVISION_STALE',
          `revision ${current.revision} is current, not ${correction.baseRevision}`,
          [{ field: '/baseRevision', message: `the current revision is ${current.revision}` }],
        )
      if (sameFigures(current, figures))
        return refuse('ENERGY_CORRECTION_UNCHANGED', 'the correction has the same figures as the record')
      const stored = await insertCorrection(trx, current, {
        ...figures,
        enterpriseId,
        month: m,
        line: processLine,
        revision: current.revision + 1,
        reason,
        submittedBy: actor.userId,
        submittedAtMs: now,
        synthetic: false,
      })
      return stored
        ? ok(stored)
        : refuse('ENERGY_REVISION_STALE', `${processLine} of ${m} was corrected meanwhile; reload it`)
    })
  }

  /** The current revisions of an enterprise's months in [from, to]. */
  async records(
    actor: Actor,
    enterpriseId: string,
    from: string,
    to: string,
  ): Promise<Result<EnergyRecord[]>> {
    if (!seesEnterprise(actor, enterpriseId))
      return refuse('FORBIDDEN', `you may not read the records of enterprise ${enterpriseId}`)
    return ok(await currentRecords(this.#db, { enterpriseId, from, to }))
  }

  /** Every revision of a month of a line, oldest first. */
  async history(
    actor: Actor,
    enterpriseId: string,
    month: string,
    line: ProcessLine,
  ): Promise<Result<EnergyRecord[]>> {
    if (!seesEnterprise(actor, enterpriseId))
      return refuse('FORBIDDEN', `you may not read the records of enterprise ${enterpriseId}`)
    const revisions = await revisionsOf(this.#db, enterpriseId, month, line)
    return revisions.length > 0
      ? ok(revisions)
      : refuse('ENERGY_RECORD_NOT_FOUND', `no record of ${line} for ${month}`)
  }
}
