/** The ecology API's answers (src/ecology), as the pages use them. */

export type Level = 1 | 2 | 3 | 4

export interface LineInfo {
  line: string
  nameZh: string
  nameEn: string
  limitsKgcePerT: [number, number, number]
  implausibleAboveKgcePerT: number
}

export interface Figures {
  gridKwh: number
  ownPvKwh: number
  greenCertKwh: number
  naturalGasNm3: number
  otherFuelsKgce: number
  otherDirectKgco2: number
  outputT: number
}

export interface EnergyRecord extends Figures {
  enterpriseId: string
  month: string
  line: string
  revision: number
  current: boolean
  electricityKwh: number
  energyKgce: number
  intensityKgcePerT: number | null
  level: Level | null
  limitsKgcePerT: [number, number, number]
  cleanEnergyShare: number | null
  gridKgco2PerKwh: number
  directKgco2: number
  indirectKgco2: number
  tco2PerT: number | null
  reason: string | null
  submittedBy: string | null
  submittedAt: string
  synthetic: boolean
}

export interface RecordsAnswer {
  synthetic: boolean
  enterpriseId: string
  from: string
  to: string
  currentMonth: string
  items: EnergyRecord[]
}

export interface Totals {
  outputT: number
  energyTce: number
  directTco2: number
  indirectTco2: number
  totalTco2: number
  tco2PerT: number | null
  directTco2PerT: number | null
}

export interface InventoryAnswer {
  synthetic: boolean
  enterpriseId: string
  from: string
  to: string
  months: (Totals & { month: string; gridKgco2PerKwh: number })[]
  total: Totals
}

export interface GridFactor {
  id: string
  effectiveFrom: string
  kgco2PerKwh: number
  note: string | null
  createdBy: string | null
  createdAt: string
}

export interface Indicator {
  id: 'co2_per_tce' | 'clean_energy_share' | 'lines_at_level_2'
  core: boolean
  value: number | null
  target: number
  comparison: 'at_most' | 'at_least'
  gap: number | null
  pass: boolean | null
}

export interface ClusterLine {
  line: string
  outputT: number
  intensityKgcePerT: number | null
  level: Level | null
  level2LimitKgcePerT: number
  level3LimitKgcePerT: number
}

export interface ParkAnswer {
  synthetic: boolean
  window: { from: string; to: string }
  enterpriseCount: number
  energyTce: number
  co2T: number
  scale: 'below_0_2_mtce' | '0_2_to_1_mtce' | 'above_1_mtce'
  indicators: Indicator[]
  lineCount: number
  linesByLevel: Record<'1' | '2' | '3' | '4', number>
  lines: ClusterLine[]
}

export interface EnterpriseRow extends Totals {
  enterpriseId: string
  nameZh: string
  nameEn: string
  cleanEnergyShare: number | null
  worstEnergyLevel: Level | null
  lines: { line: string; intensityKgcePerT: number | null; level: Level | null }[]
}

export interface EnterprisesAnswer {
  synthetic: boolean
  window: { from: string; to: string }
  items: EnterpriseRow[]
}
