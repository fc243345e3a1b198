/**
 * The carbon inventory of an enterprise over a window and the grid factors the operator sets.
 * @module
 */
import type { Kysely } from 'kysely'
import { ok, type Result, refuse } from '../../kernel/index.ts'
import type { Database } from '../../platform/db/index.ts'
import { type Actor, seesEnterprise } from '../energy/service.ts'
import { currentRecords } from '../energy/store.ts'
import {
  type GridFactorVersion,
  gridFactorFor,
  type InventoryTotals,
  inventoryOf,
  type MonthInventory,
} from './carbon.ts'
import { checkGridFactor, gridFactorVersions, insertGridFactor, type NewGridFactor } from './grid-factors.ts'

export interface EnterpriseInventory {
  readonly synthetic: boolean
  readonly enterpriseId: string
  readonly months: readonly MonthInventory[]
  readonly total: InventoryTotals
}

export class InventoryService {
  readonly #db: Kysely<Database>
  readonly #now: () => number

  constructor(options: { db: Kysely<Database>; clock?: () => number }) {
    this.#db = options.db
    this.#now = options.clock ?? Date.now
  }

  async factorOf(): Promise<(month: string) => number> {
    const versions = await gridFactorVersions(this.#db)
    return (month) => gridFactorFor(month, versions)
  }

  async inventory(
    actor: Actor,
    enterpriseId: string,
    from: string,
    to: string,
  ): Promise<Result<EnterpriseInventory>> {
    if (!seesEnterprise(actor, enterpriseId))
      return refuse('FORBIDDEN', `you may not read the inventory of enterprise ${enterpriseId}`)
    const records = await currentRecords(this.#db, { enterpriseId, from, to })
    const { months, total } = inventoryOf(records, await this.factorOf())
    return ok({ synthetic: records.some((r) => r.synthetic), enterpriseId, months, total })
  }

  gridFactors(): Promise<GridFactorVersion[]> {
    return gridFactorVersions(this.#db)
  }

  /** Adds a grid factor version (admin): in force from its month until a later one. */
  async setGridFactor(actor: Actor, input: NewGridFactor): Promise<Result<GridFactorVersion>> {
    if (!actor.roles.includes('admin')) return refuse('FORBIDDEN', 'only the operator sets the grid factor')
    const checked = checkGridFactor(input)
    if (!checked.ok) return checked
    return ok(await insertGridFactor(this.#db, checked.value, actor.userId, this.#now()))
  }
}
