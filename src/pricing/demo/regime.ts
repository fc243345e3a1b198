/**
 * How busy a window is: liquid enough for Tier 1 most weeks on the spot track and most days for the
 * base; term fixings at the start of each month and quarter on the contract track, little between.
 * @module
 */
import type { Random } from '../../kernel/random.ts'
import type { AssessmentRecord, Series } from '../model.ts'
import type { Regime } from './market.ts'

type Odds = readonly (readonly [Regime, number])[]

const BASE_ODDS: Odds = [
  ['liquid', 0.93],
  ['thin', 0.045],
  ['quotes', 0.01],
  ['judgement', 0.008],
  ['nothing', 0.007],
]
const SPOT_ODDS: Odds = [
  ['liquid', 0.82],
  ['thin', 0.1],
  ['quotes', 0.03],
  ['judgement', 0.03],
  ['nothing', 0.02],
]
/** Contract track: the first two weeks of a quarter fix the quarter's terms. */
const QUARTER_FIXING_ODDS: Odds = [
  ['liquid', 0.7],
  ['thin', 0.3],
]
/** The first week of another month: monthly fixings. */
const MONTH_FIXING_ODDS: Odds = [
  ['thin', 0.8],
  ['quotes', 0.2],
]
const CONTRACT_QUIET_ODDS: Odds = [
  ['quotes', 0.25],
  ['thin', 0.1],
  ['judgement', 0.1],
  ['nothing', 0.55],
]
/** After this many rolls in a row a series gets inputs again: the demo never suspends a series. */
const MAX_ROLLS = 3
const RESCUE_ODDS: Odds = [
  ['thin', 0.5],
  ['quotes', 0.3],
  ['judgement', 0.2],
]

/**
 * The regime of a series' window published on `date`.
 * @param previous the record of the period before; null for the first period
 */
export function chooseRegime(
  rng: Random,
  series: Series,
  date: string,
  previous: AssessmentRecord | null,
): Regime {
  // the first period, and any after a period without a value, start from real deals
  if (previous === null || previous.value === null) return 'liquid'
  if (previous.rolls >= MAX_ROLLS) return rng.weighted(RESCUE_ODDS)
  if (series.kind === 'base') return rng.weighted(BASE_ODDS)
  if (series.track === 'spot') return rng.weighted(SPOT_ODDS)
  const month = Number(date.slice(5, 7))
  const day = Number(date.slice(8, 10))
  if (month % 3 === 1 && day <= 14) return rng.weighted(QUARTER_FIXING_ODDS)
  if (day <= 7) return rng.weighted(MONTH_FIXING_ODDS)
  return rng.weighted(CONTRACT_QUIET_ODDS)
}
