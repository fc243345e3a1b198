/**
 * Embedded emissions of an aluminium good, method v1 (issue 7): a pure function of its input. The
 * numbered steps of the issue are the numbered comments below. Numbers are left unrounded: the
 * record is compared field by field with other implementations of the same words.
 * @module
 */
import { ok, type Result, refuse } from '../../kernel/index.ts'
import {
  cbamFactor,
  defaultsOf,
  defaultTco2ePerT,
  type HeadingDefaults,
  markUp,
  PRIMARY_BENCHMARK_TCO2E_PER_T,
} from './schedule.ts'

/** Natural gas burnt, kgCO2 per Nm³ (China's default for enterprise inventories; carbon.md 2.3). */
export const GAS_KGCO2_PER_NM3 = 2.162

export interface FootprintGood {
  readonly cnCode: string
  readonly outputT: number
  /** ISO country code of the installation; `CN` reads the China defaults. */
  readonly origin: string
}

export interface FootprintInstallation {
  readonly naturalGasNm3: number
  readonly otherDirectTco2e: number
  readonly electricityKwh: number
  readonly gridKgco2PerKwh: number
}

export interface FootprintPrecursor {
  readonly cnCode: string
  readonly tonnes: number
  /** The supplier's declared (actual) SEE; null uses the EU default with its mark-up. */
  readonly seeTco2ePerT: number | null
  /** Where the precursor was made; absent means the good's own origin. */
  readonly origin?: string
}

export interface FootprintInput {
  readonly good: FootprintGood
  readonly year: number
  readonly installation: FootprintInstallation
  readonly precursors: readonly FootprintPrecursor[]
  /** Scrap charged, t: carries no embedded emissions (it is not a CBAM good). */
  readonly scrapT: number
  readonly eurPerTco2: number
}

export interface FootprintRecord {
  readonly seeTco2ePerT: number
  readonly directTco2e: number
  readonly precursorTco2e: number
  readonly indirectTco2ePerT: number
  readonly defaultSeeTco2ePerT: number
  readonly payableTco2ePerT: number
  readonly defaultPayableTco2ePerT: number
  readonly costEurPerT: number
  readonly defaultCostEurPerT: number
  readonly savingEur: number
  /** How many precursors had no declared SEE and were counted at their default. */
  readonly precursorsOnDefaults: number
}

/** The SEE a precursor is counted at and whether it is the default (step 2). */
export interface PrecursorSee {
  readonly seeTco2ePerT: number
  readonly source: 'declared' | 'default'
}

export function precursorSee(
  precursor: FootprintPrecursor,
  defaults: HeadingDefaults,
  goodOrigin: string,
  year: number,
): PrecursorSee {
  if (precursor.seeTco2ePerT !== null) return { seeTco2ePerT: precursor.seeTco2ePerT, source: 'declared' }
  const origin = precursor.origin ?? goodOrigin
  return { seeTco2ePerT: defaultTco2ePerT(defaults, origin) * (1 + markUp(year)), source: 'default' }
}

/** The good's and every precursor's defaults, or the refusal naming the first unknown heading. */
function headingsOf(input: FootprintInput): Result<{ good: HeadingDefaults; precursors: HeadingDefaults[] }> {
  const good = defaultsOf(input.good.cnCode)
  if (good === null)
    return refuse('CN_CODE_UNKNOWN', `CN code ${input.good.cnCode} has no CBAM default in method v1`, [
      { field: '/good/cnCode', message: 'is not a heading of method v1', reason: 'CN_CODE_UNKNOWN' },
    ])
  const precursors: HeadingDefaults[] = []
  for (const [i, p] of input.precursors.entries()) {
    const defaults = defaultsOf(p.cnCode)
    if (defaults === null)
      return refuse('CN_CODE_UNKNOWN', `CN code ${p.cnCode} has no CBAM default in method v1`, [
        {
          field: `/precursors/${i}/cnCode`,
          message: 'is not a heading of method v1',
          reason: 'CN_CODE_UNKNOWN',
        },
      ])
    precursors.push(defaults)
  }
  return ok({ good, precursors })
}

export function footprint(input: FootprintInput): Result<FootprintRecord> {
  const headings = headingsOf(input)
  if (!headings.ok) return headings
  const { good, installation, year, eurPerTco2 } = input
  // 1. Direct emissions of the installation, t; scrap adds none.
  const directTco2e = (installation.naturalGasNm3 * GAS_KGCO2_PER_NM3) / 1000 + installation.otherDirectTco2e
  // 2. Each precursor at its declared SEE, or at its default × (1 + mark-up).
  let precursorTco2e = 0
  let precursorsOnDefaults = 0
  for (const [i, p] of input.precursors.entries()) {
    const see = precursorSee(p, headings.value.precursors[i]!, good.origin, year)
    precursorTco2e += p.tonnes * see.seeTco2ePerT
    if (see.source === 'default') precursorsOnDefaults++
  }
  // 3. The good's SEE; indirect emissions are reported beside it, not added.
  const seeTco2ePerT = (directTco2e + precursorTco2e) / good.outputT
  const indirectTco2ePerT = (installation.electricityKwh * installation.gridKgco2PerKwh) / 1000 / good.outputT
  // 4. The good on defaults, the benchmark × CBAM factor, what is payable and what it costs.
  const defaultSeeTco2ePerT = defaultTco2ePerT(headings.value.good, good.origin) * (1 + markUp(year))
  const freeTco2ePerT =
    (PRIMARY_BENCHMARK_TCO2E_PER_T + headings.value.good.benchmarkIncrementTco2ePerT) * cbamFactor(year)
  const payableTco2ePerT = Math.max(0, seeTco2ePerT - freeTco2ePerT)
  const defaultPayableTco2ePerT = Math.max(0, defaultSeeTco2ePerT - freeTco2ePerT)
  const costEurPerT = payableTco2ePerT * eurPerTco2
  const defaultCostEurPerT = defaultPayableTco2ePerT * eurPerTco2
  return ok({
    seeTco2ePerT,
    directTco2e,
    precursorTco2e,
    indirectTco2ePerT,
    defaultSeeTco2ePerT,
    payableTco2ePerT,
    defaultPayableTco2ePerT,
    costEurPerT,
    defaultCostEurPerT,
    savingEur: (defaultCostEurPerT - costEurPerT) * good.outputT,
    precursorsOnDefaults,
  })
}
