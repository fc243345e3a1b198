/**
 * The cluster's figures over a 12-month window: the park indicators, the summary for the operator's
 * dashboard (both public: aggregates only) and the table of enterprises (each enterprise sees its
 * own row; admin and analyst every row).
 * @module
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { type EnergyLevel, energyFactsOf, type ProcessLine } from '../energy/levels.ts'
import { latestCompleteMonth, twelveMonthsTo } from '../energy/months.ts'
import type { Actor } from '../energy/service.ts'
import { type ClusterFigures, clusterFigures, ledgerVersion } from '../energy/store.ts'
import { gridFactorFor, type InventoryTotals, inventoryTotals } from '../inventory/carbon.ts'
import { gridFactorVersions } from '../inventory/grid-factors.ts'
import {
  assessLines,
  type ClusterLineIntensity,
  clusterLineIntensities,
  type ParkIndicators,
  parkIndicators,
} from './indicators.ts'

export interface Window {
  readonly from: string
  readonly to: string
}

export interface ParkView extends ParkIndicators {
  readonly synthetic: boolean
  readonly window: Window
  readonly enterpriseCount: number
  readonly lines: readonly ClusterLineIntensity[]
}

export interface ClusterSummary {
  readonly synthetic: boolean
  readonly window: Window
  readonly enterpriseCount: number
  readonly outputT: number
  readonly energyTce: number
  readonly intensityKgcePerT: readonly ClusterLineIntensity[]
  readonly carbonTco2PerT: number | null
  readonly directTco2PerT: number | null
  readonly cleanEnergyShare: number | null
  readonly linesAtLevel2OrBetterShare: number | null
  readonly park: ParkIndicators
}

export interface EnterpriseRow extends InventoryTotals {
  readonly enterpriseId: string
  readonly nameZh: string
  readonly nameEn: string
  readonly cleanEnergyShare: number | null
  readonly worstEnergyLevel: EnergyLevel | null
  readonly lines: readonly {
    line: ProcessLine
    intensityKgcePerT: number | null
    level: EnergyLevel | null
  }[]
}

interface Loaded {
  readonly records: ClusterFigures[]
  readonly factorOf: (month: string) => number
}

/** Windows whose records are kept while the ledger does not change (the dashboard asks often). */
const CACHED_WINDOWS = 4

export class ParkService {
  readonly #db: Kysely<Database>
  readonly #now: () => number
  readonly #cache = new Map<string, { version: string; loaded: Loaded }>()

  constructor(options: { db: Kysely<Database>; clock?: () => number }) {
    this.#db = options.db
    this.#now = options.clock ?? Date.now
  }

  /** The 12 months ending with `to` (default: the latest complete month, Asia/Shanghai). */
  window(to?: string): Window {
    return twelveMonthsTo(to ?? latestCompleteMonth(this.#now()))
  }

  async #load(window: Window): Promise<Loaded> {
    const version = await ledgerVersion(this.#db)
    const cached = this.#cache.get(window.to)
    if (cached?.version === version) return cached.loaded
    const [records, versions] = await Promise.all([
      clusterFigures(this.#db, window.from, window.to),
      gridFactorVersions(this.#db),
    ])
    const loaded = { records, factorOf: (month: string) => gridFactorFor(month, versions) }
    this.#cache.delete(window.to)
    if (this.#cache.size >= CACHED_WINDOWS) this.#cache.delete(this.#cache.keys().next().value as string)
    this.#cache.set(window.to, { version, loaded })
    return loaded
  }

  async park(to?: string): Promise<ParkView> {
    const window = this.window(to)
    const { records, factorOf } = await this.#load(window)
    return {
      synthetic: records.some((r) => r.synthetic),
      window,
      enterpriseCount: new Set(records.map((r) => r.enterpriseId)).size,
      ...parkIndicators(records, factorOf),
      lines: clusterLineIntensities(records),
    }
  }

  async summary(to?: string): Promise<ClusterSummary> {
    const window = this.window(to)
    const { records, factorOf } = await this.#load(window)
    const totals = inventoryTotals(records, factorOf)
    const park = parkIndicators(records, factorOf)
    const value = (id: string) => park.indicators.find((i) => i.id === id)?.value ?? null
    return {
      synthetic: records.some((r) => r.synthetic),
      window,
      enterpriseCount: new Set(records.map((r) => r.enterpriseId)).size,
      outputT: totals.outputT,
      energyTce: totals.energyTce,
      intensityKgcePerT: clusterLineIntensities(records),
      carbonTco2PerT: totals.tco2PerT,
      directTco2PerT: totals.directTco2PerT,
      cleanEnergyShare: value('clean_energy_share'),
      linesAtLevel2OrBetterShare: value('lines_at_level_2'),
      park,
    }
  }

  /** Each reporting enterprise of the cluster over the window; a member who is not admin or analyst gets only its own. */
  async enterprises(
    actor: Actor,
    to?: string,
  ): Promise<{ synthetic: boolean; window: Window; items: EnterpriseRow[] }> {
    const window = this.window(to)
    const { records, factorOf } = await this.#load(window)
    const all = actor.roles.includes('admin') || actor.roles.includes('analyst')
    const visible = all ? records : records.filter((r) => r.enterpriseId === actor.enterpriseId)
    const ids = [...new Set(visible.map((r) => r.enterpriseId))].sort()
    const names = new Map(
      ids.length === 0
        ? []
        : (
            await this.#db
              .selectFrom('enterprise')
              .select(['id', 'name_zh', 'name_en'])
              .where('id', 'in', ids)
              .execute()
          ).map((r) => [r.id, r]),
    )
    const lines = assessLines(visible)
    const items = ids.map((enterpriseId) => {
      const own = visible.filter((r) => r.enterpriseId === enterpriseId)
      const facts = energyFactsOf(own)
      return {
        enterpriseId,
        nameZh: names.get(enterpriseId)?.name_zh ?? enterpriseId,
        nameEn: names.get(enterpriseId)?.name_en ?? enterpriseId,
        ...inventoryTotals(own, factorOf),
        cleanEnergyShare: facts.cleanEnergyShare,
        worstEnergyLevel: facts.worstEnergyLevel,
        lines: lines
          .filter((l) => l.enterpriseId === enterpriseId)
          .map(({ line, intensityKgcePerT, level }) => ({ line, intensityKgcePerT, level })),
      }
    })
    return { synthetic: visible.some((r) => r.synthetic), window, items }
  }
}
