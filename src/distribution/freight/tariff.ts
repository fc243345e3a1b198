import type { FieldError } from '../../kernel/index.ts'

/** The ways a tonne leaves: full truck load, molten aluminium in insulated ladle trucks, rail. */
export const FREIGHT_MODES = ['truck', 'molten', 'rail'] as const
export type FreightMode = (typeof FREIGHT_MODES)[number]

/**
 * The coefficients of a tariff. Rates are fen per tonne-km with at most two decimals (hundredths of a
 * fen); minimums and terminal charges are whole fen per tonne; km limits have at most one decimal;
 * payloads are whole tonnes. Every figure is round(rate × km) on the unrounded km, half away from zero.
 */
export interface TariffCoefficients {
  /** Full truck load: max(minimum, round(rate × road km)). */
  readonly truck: {
    readonly rateFenPerTKm: number
    readonly minimumFenPerT: number
    readonly payloadT: number
  }
  /** Ladle trucks: max(minimum, round(rate × road km)), offered only up to maxRoadKm (included). */
  readonly molten: {
    readonly rateFenPerTKm: number
    readonly minimumFenPerT: number
    readonly maxRoadKm: number
    readonly payloadT: number
  }
  /** Rail: round(rate × rail km) + the two terminal transfers, offered only beyond minRailKm (excluded). */
  readonly rail: {
    readonly rateFenPerTKm: number
    readonly terminalFenPerT: number
    readonly minRailKm: number
  }
}

/** One version of the tariff. A figure names the version that made it. */
export interface Tariff extends TariffCoefficients {
  /** Stable id; a version is never edited, a new one is added. */
  readonly id: string
  /** The Asia/Shanghai date from which the version is in force, YYYY-MM-DD. */
  readonly effectiveFrom: string
}

/**
 * The default tariff (issue 6; research/logistics.md 2.2, 2.3 and 2.6, estimates): truck 20 fen/t·km,
 * at least 40 CNY/t; molten 50 fen/t·km, at least 40 CNY/t, up to 150 road km; rail at the NDRC base
 * rate of 15.5 fen/t·km plus 60 CNY/t for the two terminal transfers, beyond 800 rail km. Planning
 * payload 32 t (a 6-axle truck at 49 t GVW); ladle trucks are planned at the same 32 t (research
 * gives 10–30 t a trip: operators with smaller ladles set theirs). Migration 0007 seeds the same
 * figures as version `default-v1`, in force from 2000-01-01 so it covers any date.
 */
export const DEFAULT_TARIFF: Tariff = {
  id: 'default-v1',
  effectiveFrom: '2000-01-01',
  truck: { rateFenPerTKm: 20, minimumFenPerT: 4000, payloadT: 32 },
  molten: { rateFenPerTKm: 50, minimumFenPerT: 4000, maxRoadKm: 150, payloadT: 32 },
  rail: { rateFenPerTKm: 15.5, terminalFenPerT: 6000, minRailKm: 800 },
}

/** A version id: letters, digits, dot, dash, underscore; starts with a letter or digit. */
export const VERSION_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True when `text` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === text
}

/** `x` as an integer count of 1/scale units, or null when it has finer digits than that. */
export function scaledInteger(x: number, scale: number): number | null {
  const scaled = Math.round(x * scale)
  return Number.isSafeInteger(scaled) && Math.abs(scaled - x * scale) < 1e-6 ? scaled : null
}

// Bounds keep every product of fen, km and kg a safe integer: 10 CNY/t·km is far beyond any real tariff.
const MAX_RATE = 1_000 // fen per t·km
const MAX_FEN_PER_T = 10_000_000 // 100 000 CNY/t
const MAX_KM = 10_000

type Check = (value: number) => string | null
const decimal =
  (places: number, min: number, max: number, minExclusive = false): Check =>
  (v) => {
    if (!Number.isFinite(v) || (minExclusive ? v <= min : v < min) || v > max)
      return `must be ${minExclusive ? 'above' : 'at least'} ${min} and at most ${max}`
    return scaledInteger(v, 10 ** places) === null ? `must have at most ${places} decimals` : null
  }
const rate = decimal(2, 0, MAX_RATE, true)
const fen = decimal(0, 0, MAX_FEN_PER_T)
const km = decimal(1, 0, MAX_KM)
const payload = decimal(0, 1, 100)

/**
 * Why a tariff's content is not acceptable, field by field (ranges, decimals, dates); empty when it
 * is. Field paths are JSON pointers into the tariff.
 */
export function tariffErrors(t: Tariff): FieldError[] {
  const errors: FieldError[] = []
  const at = (field: string, message: string | null) => {
    if (message !== null) errors.push({ field, message })
  }
  if (!new RegExp(VERSION_ID_PATTERN).test(t.id)) at('/id', `must match ${VERSION_ID_PATTERN}`)
  if (!isCalendarDate(t.effectiveFrom)) at('/effectiveFrom', 'must be a calendar date YYYY-MM-DD')
  at('/truck/rateFenPerTKm', rate(t.truck.rateFenPerTKm))
  at('/truck/minimumFenPerT', fen(t.truck.minimumFenPerT))
  at('/truck/payloadT', payload(t.truck.payloadT))
  at('/molten/rateFenPerTKm', rate(t.molten.rateFenPerTKm))
  at('/molten/minimumFenPerT', fen(t.molten.minimumFenPerT))
  at('/molten/maxRoadKm', km(t.molten.maxRoadKm))
  at('/molten/payloadT', payload(t.molten.payloadT))
  at('/rail/rateFenPerTKm', rate(t.rail.rateFenPerTKm))
  at('/rail/terminalFenPerT', fen(t.rail.terminalFenPerT))
  at('/rail/minRailKm', km(t.rail.minRailKm))
  return errors
}

/** Two tariffs with the same coefficients (ids and dates aside). */
export const sameCoefficients = (a: TariffCoefficients, b: TariffCoefficients): boolean =>
  JSON.stringify([a.truck, a.molten, a.rail].map(sorted)) ===
  JSON.stringify([b.truck, b.molten, b.rail].map(sorted))

const sorted = (o: object) => Object.fromEntries(Object.entries(o).sort(([x], [y]) => (x < y ? -1 : 1)))

/**
 * The version in force on `date` (YYYY-MM-DD): the latest `effectiveFrom` on or before it; between
 * versions of the same date, the one added last (the list is in the order versions were added).
 * Null when none is in force yet.
 */
export function versionInForce<T extends { readonly effectiveFrom: string }>(
  versions: readonly T[],
  date: string,
): T | null {
  let best: T | null = null
  for (const v of versions)
    if (v.effectiveFrom <= date && (best === null || v.effectiveFrom >= best.effectiveFrom)) best = v
  return best
}
