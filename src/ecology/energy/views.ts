import { carbonOf } from '../inventory/carbon.ts'
import {
  cleanEnergyShare,
  electricityKwh,
  energyKgce,
  energyLevel,
  intensityKgcePerT,
  LINE_LIMITS,
} from './levels.ts'
import type { EnergyRecord } from './model.ts'

/** A record as the API shows it: its figures, what follows from them, and the month's grid factor. */
export function recordView(r: EnergyRecord, gridKgco2PerKwh: number) {
  const intensity = intensityKgcePerT(r)
  const carbon = carbonOf(r, gridKgco2PerKwh)
  return {
    enterpriseId: r.enterpriseId,
    month: r.month,
    line: r.line,
    revision: r.revision,
    current: r.current,
    gridKwh: r.gridKwh,
    ownPvKwh: r.ownPvKwh,
    greenCertKwh: r.greenCertKwh,
    naturalGasNm3: r.naturalGasNm3,
    otherFuelsKgce: r.otherFuelsKgce,
    otherDirectKgco2: r.otherDirectKgco2,
    outputT: r.outputT,
    electricityKwh: electricityKwh(r),
    energyKgce: energyKgce(r),
    intensityKgcePerT: intensity,
    level: intensity === null ? null : energyLevel(r.line, intensity),
    limitsKgcePerT: [...LINE_LIMITS[r.line].kgcePerT],
    cleanEnergyShare: cleanEnergyShare([r]),
    gridKgco2PerKwh,
    directKgco2: carbon.directKgco2,
    indirectKgco2: carbon.indirectKgco2,
    tco2PerT: r.outputT === 0 ? null : carbon.totalKgco2 / 1000 / r.outputT,
    reason: r.reason,
    submittedBy: r.submittedByName,
    submittedAt: new Date(r.submittedAtMs).toISOString(),
    synthetic: r.synthetic,
  }
}
