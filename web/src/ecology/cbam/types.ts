/** The CBAM API's answers as the UI reads them (see src/ecology/cbam/schemas.ts). */

export interface FootprintInput {
  good: { cnCode: string; outputT: number | null; origin: string }
  year: number | null
  installation: {
    naturalGasNm3: number | null
    otherDirectTco2e: number | null
    electricityKwh: number | null
    gridKgco2PerKwh: number | null
  }
  precursors: { cnCode: string; tonnes: number | null; seeTco2ePerT: number | null; origin?: string }[]
  scrapT: number | null
  eurPerTco2: number | null
}

export interface FootprintRecord {
  seeTco2ePerT: number
  directTco2e: number
  precursorTco2e: number
  indirectTco2ePerT: number
  defaultSeeTco2ePerT: number
  payableTco2ePerT: number
  defaultPayableTco2ePerT: number
  costEurPerT: number
  defaultCostEurPerT: number
  savingEur: number
  precursorsOnDefaults: number
}

export interface Heading {
  heading: string
  nameEn: string
  nameZh: string
  chinaTco2ePerT: number
  otherCountriesTco2ePerT: number
  benchmarkIncrementTco2ePerT: number
}

export interface Schedule {
  method: string
  gasKgco2PerNm3: number
  primaryBenchmarkTco2ePerT: number
  defaultEurPerTco2: number
  defaultGridKgco2PerKwh: number
  headings: Heading[]
  years: { year: number; markUp: number; cbamFactor: number }[]
}

export interface Declarant {
  userId: string
  username: string
}

export interface Declaration {
  id: string
  enterpriseId: string
  enterpriseNameEn: string
  enterpriseNameZh: string
  cnCode: string
  year: number
  quarter: number | null
  seeTco2ePerT: number
  route: 'primary' | 'secondary'
  verifier: string | null
  evidence: string | null
  declaredBy: Declarant | null
  declaredAt: string
  supersededBy: string | null
  current: boolean
  synthetic: boolean
}

export interface DeclarationRequest {
  enterpriseId?: string
  cnCode: string
  year: number
  quarter?: number
  seeTco2ePerT: number
  route: 'primary' | 'secondary'
  verifier?: string
  evidence?: string
}

export interface CommunicationPrecursor {
  cnCode: string
  tonnes: number
  origin: string | null
  seeTco2ePerT: number
  source: 'declared' | 'default'
  embeddedTco2e: number
  declaration: Omit<Declaration, 'evidence' | 'current'> | null
}

export interface CommunicationGood {
  cnCode: string
  description: string | null
  outputT: number
  shippedT: number
  installation: FootprintInput['installation']
  scrapT: number
  precursors: CommunicationPrecursor[]
  record: FootprintRecord
  shipment: { costEur: number; defaultCostEur: number; savingEur: number }
}

export interface Communication {
  id: string
  shipmentId: string
  method: string
  shipment: {
    id: string
    trackingCode: string
    status: string
    goods: string
    qtyKg: number
    origin: { name: string; city: string }
    destination: { name: string; city: string }
    synthetic: boolean
  }
  importer: { name: string; country: string; eori: string }
  installation: {
    name: string
    address: string
    country: string
    unlocode: string | null
    enterpriseId: string
    enterpriseNameEn: string | null
    enterpriseNameZh: string | null
  }
  year: number
  periodStart: string
  periodEnd: string
  eurCentsPerTco2: number
  eurPerTco2: number
  goods: CommunicationGood[]
  totals: {
    shippedT: number
    costEur: number
    defaultCostEur: number
    savingEur: number
    savingShare: number | null
  }
  createdBy: { userId: string; username: string | null } | null
  createdAt: string
  synthetic: boolean
}
