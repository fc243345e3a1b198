import type { LineFigures, ProcessLine } from './levels.ts'

/** The figures an energy manager enters for one month of one line. */
export interface EnergyInput {
  readonly gridKwh: number
  readonly ownPvKwh: number
  readonly greenCertKwh: number
  readonly naturalGasNm3: number
  readonly otherFuelsKgce: number
  /** Direct CO2 not from natural gas (e.g. diesel, process emissions), kg. */
  readonly otherDirectKgco2: number
  readonly outputT: number
}

/** One revision of a month of one line, as stored. */
export interface EnergyRecord extends EnergyInput, LineFigures {
  readonly enterpriseId: string
  readonly month: string
  readonly line: ProcessLine
  readonly revision: number
  readonly current: boolean
  readonly reason: string | null
  readonly submittedBy: string | null
  /** The submitter's username; null for the demo's records. */
  readonly submittedByName: string | null
  readonly submittedAtMs: number
  readonly synthetic: boolean
}
