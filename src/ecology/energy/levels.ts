/**
 * Energy consumption per tonne of aluminium processing lines and the three levels of
 * GB 21351-2023 (class I limits, kgce/t), with the conversion factors the ledger uses. Pure.
 * @module
 */

export const PROCESS_LINES = [
  'casting_molten',
  'casting_ingot',
  'hot_rolling',
  'cold_rolling',
  'cold_rolling_anneal',
  'twin_roll_casting',
  'foil_single_zero',
  'foil_double_zero',
] as const

export type ProcessLine = (typeof PROCESS_LINES)[number]

/** Level 1 is the best; 4 means the line is above the level-3 limit (must be shut or upgraded). */
export type EnergyLevel = 1 | 2 | 3 | 4

export interface LineLimits {
  /** Level-1, level-2 and level-3 limits in kgce per tonne of output. */
  readonly kgcePerT: readonly [number, number, number]
  /** The row of the standard's table, as printed. */
  readonly nameZh: string
  readonly nameEn: string
}

/** GB 21351-2023 table 1 (class I, kgce/t). */
export const LINE_LIMITS: Readonly<Record<ProcessLine, LineLimits>> = {
  casting_molten: {
    kgcePerT: [70, 85, 100],
    nameZh: '以铝液为主要原料生产的扁锭（仅铸造）',
    nameEn: 'Flat ingot mainly from molten metal (casting only)',
  },
  casting_ingot: {
    kgcePerT: [125, 145, 185],
    nameZh: '以重熔用铝锭或固态废料为原料生产的扁锭（铸造）',
    nameEn: 'Slab from remelt ingot or solid scrap (casting)',
  },
  hot_rolling: {
    kgcePerT: [75, 95, 120],
    nameZh: '热轧带材',
    nameEn: 'Hot-rolled strip',
  },
  cold_rolling: {
    kgcePerT: [70, 90, 110],
    nameZh: '冷轧带材',
    nameEn: 'Cold-rolled strip',
  },
  cold_rolling_anneal: {
    kgcePerT: [110, 135, 160],
    nameZh: '冷轧带材（含退火）',
    nameEn: 'Cold-rolled strip with annealing',
  },
  twin_roll_casting: {
    kgcePerT: [80, 100, 120],
    nameZh: '以铝液为主要原料生产的铸轧带材',
    nameEn: 'Twin-roll cast strip mainly from molten metal',
  },
  foil_single_zero: {
    kgcePerT: [80, 115, 150],
    nameZh: '单零箔',
    nameEn: 'Single-zero foil',
  },
  foil_double_zero: {
    kgcePerT: [120, 150, 230],
    nameZh: '双零箔',
    nameEn: 'Double-zero foil',
  },
}

/** Equivalent-value coefficient of electricity, kgce per kWh (GB/T 2589-2020). */
export const KGCE_PER_KWH = 0.1229
/** Natural gas, kgce per Nm³ (GB/T 2589-2020). */
export const KGCE_PER_NM3_GAS = 1.2143
/** Combustion CO2 of natural gas, kg per Nm³. */
export const KGCO2_PER_NM3_GAS = 2.162
/** Henan provincial grid emission factor 2022, kgCO2 per kWh (default until the operator sets one). */
export const DEFAULT_GRID_KGCO2_PER_KWH = 0.6058

export function isProcessLine(value: string): value is ProcessLine {
  return (PROCESS_LINES as readonly string[]).includes(value)
}

/** The energy figures of one month of one line (or a sum of several). */
export interface EnergyFigures {
  readonly gridKwh: number
  readonly ownPvKwh: number
  /** Power bought with green certificates; not also counted in gridKwh. */
  readonly greenCertKwh: number
  readonly naturalGasNm3: number
  readonly otherFuelsKgce: number
  readonly outputT: number
}

export function electricityKwh(record: EnergyFigures): number {
  return record.gridKwh + record.ownPvKwh + record.greenCertKwh
}

export function energyKgce(record: EnergyFigures): number {
  return (
    electricityKwh(record) * KGCE_PER_KWH + record.naturalGasNm3 * KGCE_PER_NM3_GAS + record.otherFuelsKgce
  )
}

/** kgce per tonne of output; null when nothing was produced. */
export function intensityKgcePerT(record: EnergyFigures): number | null {
  if (record.outputT === 0) return null
  return energyKgce(record) / record.outputT
}

/** Bounds are inclusive: a line exactly at the level-2 limit is level 2. */
export function energyLevel(line: ProcessLine, intensity: number): EnergyLevel {
  const [l1, l2, l3] = LINE_LIMITS[line].kgcePerT
  if (intensity <= l1) return 1
  if (intensity <= l2) return 2
  if (intensity <= l3) return 3
  return 4
}

export function sumFigures(records: readonly EnergyFigures[]): EnergyFigures {
  const total = {
    gridKwh: 0,
    ownPvKwh: 0,
    greenCertKwh: 0,
    naturalGasNm3: 0,
    otherFuelsKgce: 0,
    outputT: 0,
  }
  for (const r of records) {
    total.gridKwh += r.gridKwh
    total.ownPvKwh += r.ownPvKwh
    total.greenCertKwh += r.greenCertKwh
    total.naturalGasNm3 += r.naturalGasNm3
    total.otherFuelsKgce += r.otherFuelsKgce
    total.outputT += r.outputT
  }
  return total
}

/** (own PV + green certificates) / all electricity; null when no electricity was used. */
export function cleanEnergyShare(records: readonly EnergyFigures[]): number | null {
  const total = sumFigures(records)
  const all = electricityKwh(total)
  if (all === 0) return null
  return (total.ownPvKwh + total.greenCertKwh) / all
}

export interface LineFigures extends EnergyFigures {
  readonly line: ProcessLine
}

export interface LineLevel {
  readonly line: ProcessLine
  readonly intensityKgcePerT: number | null
  readonly level: EnergyLevel | null
}

/** Each line's level by its total intensity over the given records (a line with no output has none). */
export function lineLevels(records: readonly LineFigures[]): LineLevel[] {
  const byLine = new Map<ProcessLine, LineFigures[]>()
  for (const r of records) {
    const list = byLine.get(r.line)
    if (list) list.push(r)
    else byLine.set(r.line, [r])
  }
  return PROCESS_LINES.filter((line) => byLine.has(line)).map((line) => {
    const intensity = intensityKgcePerT(sumFigures(byLine.get(line) ?? []))
    return {
      line,
      intensityKgcePerT: intensity,
      level: intensity === null ? null : energyLevel(line, intensity),
    }
  })
}

export interface EnergyFacts {
  readonly worstEnergyLevel: EnergyLevel | null
  readonly cleanEnergyShare: number | null
}

/**
 * The facts other modules judge an enterprise by, over the records they pass (normally its latest
 * 12 months): the worst level among its lines, each line judged by its total intensity, and the
 * clean-energy share of all its electricity.
 */
export function energyFactsOf(records: readonly LineFigures[]): EnergyFacts {
  let worst: EnergyLevel | null = null
  for (const { level } of lineLevels(records)) {
    if (level !== null && (worst === null || level > worst)) worst = level
  }
  return { worstEnergyLevel: worst, cleanEnergyShare: cleanEnergyShare(records) }
}
