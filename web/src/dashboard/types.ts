/** GET /api/v1/cluster/dashboard (src/cluster/dashboard.ts). */
export interface DashboardPrice {
  seriesId: string
  date: string | null
  value: number | null
  change: number | null
  allIn: number | null
}

export interface Dashboard {
  synthetic: boolean
  figures: {
    annualRevenueCny: string
    outputTonnesPerYear: number
    processingEnterprises: number
    supportingEnterprises: number
    headquarteredInCluster: number
    processorsInCluster: number
    topTenSheetStrip: number
  }
  highEnd: {
    totalMonthlyCapacityT: number
    highEndMonthlyCapacityT: number
    share: number | null
    groups: { group: string; monthlyCapacityT: number; share: number | null }[]
  }
  chain: { stages: { stage: string; enterprises: number; thin: boolean }[]; thin: string[] }
  prices: {
    synthetic: boolean
    asOf: string | null
    base: DashboardPrice
    fee: DashboardPrice
    published: number
    series: number
  }
  ecology: EcologySummary | null
  programmes: ProgrammesSummary | null
}

/** GET /api/v1/ecology/summary (src/ecology/park). */
export interface EcologyIndicator {
  id: string
  core: boolean
  value: number | null
  target: number
  comparison: 'at_most' | 'at_least' | string
  gap: number | null
  pass: boolean | null
}

export interface EcologySummary {
  synthetic: boolean
  window: { from: string; to: string }
  enterpriseCount: number
  outputT: number
  energyTce: number
  intensityKgcePerT: {
    line: string
    outputT: number
    intensityKgcePerT: number | null
    level: number | null
    level2LimitKgcePerT: number
    level3LimitKgcePerT: number
  }[]
  carbonTco2PerT: number | null
  directTco2PerT: number | null
  cleanEnergyShare: number | null
  linesAtLevel2OrBetterShare: number | null
  park: { indicators: EcologyIndicator[]; scale: string; energyTce: number; co2T: number }
}

/** GET /api/v1/policy/summary (src/policy). */
export interface ProgrammesSummary {
  synthetic: boolean
  programmes: {
    id: string
    nameZh: string
    nameEn: string
    budgetFen: string
    committedFen: string
    disbursedFen: string
    applications: {
      submitted: number
      underReview: number
      approved: number
      rejected: number
      disbursed: number
    }
    eligibleEnterprises: number
  }[]
}
