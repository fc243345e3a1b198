/**
 * What the ledger accepts as a month of one line: the checks of a submission or a correction,
 * pure (the current month is passed in). A refusal names the fields at fault.
 * @module
 */
import { type FieldError, ok, type Result, refuse } from '../../kernel/index.ts'
import { intensityKgcePerT, isProcessLine, LINE_LIMITS, type ProcessLine } from './levels.ts'
import type { EnergyInput } from './model.ts'
import { isMonth } from './months.ts'

/** A submission as it arrives: line and month still unchecked text. */
export interface EnergySubmission extends EnergyInput {
  readonly month: string
  readonly line: string
}

export interface CheckedSubmission extends EnergyInput {
  readonly month: string
  readonly line: ProcessLine
}

export const FIGURE_FIELDS = [
  'gridKwh',
  'ownPvKwh',
  'greenCertKwh',
  'naturalGasNm3',
  'otherFuelsKgce',
  'otherDirectKgco2',
  'outputT',
] as const satisfies readonly (keyof EnergyInput)[]

/**
 * Above this many times the line's level-3 limit an intensity is a typing error (a unit slip, an
 * extra digit), not a bad month: the worst real lines are within about 2× their limit.
 */
export const IMPLAUSIBLE_INTENSITY_FACTOR = 20
/** One line's month: the cluster's largest mills make about 60 kt a month in all. */
export const MAX_OUTPUT_T = 1_000_000
/** Other direct CO2 above 10 t per tonne is beyond any rolling or casting process (about 0.1–0.4). */
export const MAX_OTHER_DIRECT_KGCO2_PER_T = 10_000
/** No single figure of a line's month reaches this (10^12 kWh is about the whole of China's month). */
export const MAX_FIGURE = 1e12

const energyUsed = (f: EnergyInput) =>
  f.gridKwh + f.ownPvKwh + f.greenCertKwh + f.naturalGasNm3 + f.otherFuelsKgce + f.otherDirectKgco2 > 0

/**
 * Checks a month of a line; `currentMonth` is the month it is now in Asia/Shanghai (a later month is
 * refused). The first failing check decides the code; all its fields are listed.
 */
export function checkSubmission(input: EnergySubmission, currentMonth: string): Result<CheckedSubmission> {
  if (!isProcessLine(input.line))
    return refuse('ENERGY_LINE_UNKNOWN', `unknown process line ${JSON.stringify(input.line)}`, [
      { field: '/line', message: 'is not a process line of the ledger' },
    ])
  const line = input.line
  if (!isMonth(input.month))
    return refuse('ENERGY_MONTH_INVALID', `month ${JSON.stringify(input.month)} is not YYYY-MM`, [
      { field: '/month', message: 'must be YYYY-MM with a month 01–12' },
    ])
  if (input.month > currentMonth)
    return refuse('ENERGY_MONTH_IN_FUTURE', `${input.month} is after the current month ${currentMonth}`, [
      { field: '/month', message: `must be ${currentMonth} or earlier` },
    ])
  const negative: FieldError[] = FIGURE_FIELDS.filter((f) => !(input[f] >= 0)).map((f) => ({
    field: `/${f}`,
    message: 'must not be negative',
  }))
  if (negative.length > 0)
    return refuse('ENERGY_VALUE_NEGATIVE', 'energy and output figures are zero or more', negative)
  if (input.outputT === 0 && energyUsed(input))
    return refuse('ENERGY_OUTPUT_ZERO', 'energy was used in a month with no output', [
      { field: '/outputT', message: 'is zero while energy was used' },
    ])
  const implausible = implausibleFields(line, input)
  if (implausible.length > 0)
    return refuse(
      'ENERGY_VALUE_IMPLAUSIBLE',
      implausible.map((e) => `${e.field} ${e.message}`).join('; '),
      implausible,
    )
  return ok({ ...pickFigures(input), month: input.month, line })
}

function implausibleFields(line: ProcessLine, f: EnergyInput): FieldError[] {
  const out: FieldError[] = FIGURE_FIELDS.filter((k) => f[k] > MAX_FIGURE).map((k) => ({
    field: `/${k}`,
    message: `is above ${MAX_FIGURE}`,
  }))
  if (f.outputT > MAX_OUTPUT_T)
    out.push({ field: '/outputT', message: `is above ${MAX_OUTPUT_T} t for one line in one month` })
  const intensity = intensityKgcePerT(f)
  const ceiling = LINE_LIMITS[line].kgcePerT[2] * IMPLAUSIBLE_INTENSITY_FACTOR
  if (intensity !== null && intensity > ceiling)
    out.push({
      field: '/outputT',
      message: `gives ${Math.round(intensity)} kgce/t, above ${ceiling} (${IMPLAUSIBLE_INTENSITY_FACTOR}× the level-3 limit)`,
    })
  if (f.outputT > 0 && f.otherDirectKgco2 / f.outputT > MAX_OTHER_DIRECT_KGCO2_PER_T)
    out.push({
      field: '/otherDirectKgco2',
      message: `is above ${MAX_OTHER_DIRECT_KGCO2_PER_T} kgCO2 per tonne of output`,
    })
  return out
}

export function pickFigures(f: EnergyInput): EnergyInput {
  return {
    gridKwh: f.gridKwh,
    ownPvKwh: f.ownPvKwh,
    greenCertKwh: f.greenCertKwh,
    naturalGasNm3: f.naturalGasNm3,
    otherFuelsKgce: f.otherFuelsKgce,
    otherDirectKgco2: f.otherDirectKgco2,
    outputT: f.outputT,
  }
}

export function sameFigures(a: EnergyInput, b: EnergyInput): boolean {
  return FIGURE_FIELDS.every((k) => a[k] === b[k])
}
