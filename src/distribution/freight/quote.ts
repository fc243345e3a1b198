import { type LaneDistances, type RoadSource, shownKm } from '../geo/index.ts'
import { type FreightMode, scaledInteger, type Tariff } from './tariff.ts'

/**
 * round(a / b) for integers a ≥ 0, b > 0, half away from zero (all freight quantities are
 * non-negative, so: half up), in exact integer arithmetic.
 */
export const divideRounded = (a: number, b: number): number => Math.floor((2 * a + b) / (2 * b))

/**
 * round(rate × km) in whole fen, half away from zero, on the unrounded km. The rate enters as its
 * integer hundredths, so a product that is exactly half a fen (15.5 × 801 km = 12 415.5) is exact in
 * binary too and rounds up, as it should.
 */
const fenFor = (rateFenPerTKm: number, km: number): number =>
  Math.round((scaledInteger(rateFenPerTKm, 100)! * km) / 100)

/** Freight for one mode on one lane, per tonne. */
export interface FreightFigure {
  readonly ok: true
  readonly mode: FreightMode
  readonly tariffVersion: string
  /** The distance the tariff was applied to, km, unrounded: road km for truck and molten, rail km for rail. */
  readonly distanceKm: number
  readonly distanceSource: RoadSource
  /** Integer fen per tonne. */
  readonly fenPerT: number
  /** True when the tariff's minimum, not the distance, set the figure. */
  readonly minimumApplied: boolean
  /** The planning payload of one vehicle, t; null for rail (wagons are not planned here). */
  readonly payloadT: number | null
}

/** Why a mode is not offered on a lane (a refusal with a reason, not a number). */
export interface FreightRefusal {
  readonly ok: false
  readonly mode: FreightMode
  readonly tariffVersion: string
  readonly reason: 'molten_beyond_range' | 'rail_too_short'
  readonly detail: string
}

export type FreightResult = FreightFigure | FreightRefusal

/**
 * The tariff's freight for `mode` on `lane`, fen per tonne.
 * - truck: max(minimum, round(rate × road km));
 * - molten: the same with its own coefficients, refused beyond maxRoadKm (maxRoadKm itself is offered);
 * - rail: round(rate × rail km) + terminal, refused up to minRailKm (offered only beyond it: with the
 *   default 800, exactly 800 rail km is refused, anything more offered). Rail km, not road km, decides, so
 *   whether rail is offered does not depend on the routing server.
 *
 * @example freightFor(DEFAULT_TARIFF, 'truck', huiguoToShanghai) // { fenPerT: 21345, … }
 */
export function freightFor(tariff: Tariff, mode: FreightMode, lane: LaneDistances): FreightResult {
  const version = tariff.id
  if (mode === 'rail') {
    const { rateFenPerTKm, terminalFenPerT, minRailKm } = tariff.rail
    if (lane.railKm <= minRailKm)
      return {
        ok: false,
        mode,
        tariffVersion: version,
        reason: 'rail_too_short',
        detail: `rail is offered beyond ${minRailKm} rail km; this lane is ${shownKm(lane.railKm)}`,
      }
    return {
      ok: true,
      mode,
      tariffVersion: version,
      distanceKm: lane.railKm,
      distanceSource: 'formula',
      fenPerT: fenFor(rateFenPerTKm, lane.railKm) + terminalFenPerT,
      minimumApplied: false,
      payloadT: null,
    }
  }
  const coefficients = mode === 'truck' ? tariff.truck : tariff.molten
  if (mode === 'molten' && lane.roadKm > tariff.molten.maxRoadKm)
    return {
      ok: false,
      mode,
      tariffVersion: version,
      reason: 'molten_beyond_range',
      detail: `molten aluminium goes by ladle truck up to ${tariff.molten.maxRoadKm} road km; this lane is ${shownKm(lane.roadKm)}`,
    }
  const byDistance = fenFor(coefficients.rateFenPerTKm, lane.roadKm)
  return {
    ok: true,
    mode,
    tariffVersion: version,
    distanceKm: lane.roadKm,
    distanceSource: lane.roadSource,
    fenPerT: Math.max(coefficients.minimumFenPerT, byDistance),
    minimumApplied: coefficients.minimumFenPerT > byDistance,
    payloadT: coefficients.payloadT,
  }
}

/** A quantity's freight: the per-tonne figure times the tonnes, and the vehicles it takes. */
export interface Consignment {
  readonly qtyKg: number
  /** round(fenPerT × kg / 1000), half away from zero. */
  readonly totalFen: number
  /** ceil(kg / payload): full loads planned; null for rail. */
  readonly vehicles: number | null
}

/**
 * The freight of `qtyKg` kilograms at a figure.
 *
 * @example consignment(truckToShanghai, 100_000) // 21345 fen/t, 32 t: { totalFen: 2134500, vehicles: 4 }
 */
export function consignment(figure: FreightFigure, qtyKg: number): Consignment {
  return {
    qtyKg,
    totalFen: divideRounded(figure.fenPerT * qtyKg, 1000),
    vehicles: figure.payloadT === null ? null : Math.ceil(qtyKg / (figure.payloadT * 1000)),
  }
}

/**
 * Fen per tonne as whole CNY per tonne (the unit prices are published in), rounded half away from
 * zero: 17064 → 171, 17050 → 171, 17049 → 170.
 */
export const cnyPerTOfFen = (fenPerT: number): number => divideRounded(fenPerT, 100)
