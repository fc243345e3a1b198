/**
 * What the CBAM ledgers hold: the smelters' declared SEE values, and per shipment to an EU buyer
 * the emissions communication its importer needs. Tonnes and tCO2e are decimals (measured
 * quantities); the CBAM price is money and so an integer, in euro cents per tCO2.
 * @module
 */

/** Primary (electrolytic) or secondary (remelted, more than half scrap) aluminium. */
export const PRODUCTION_ROUTES = ['primary', 'secondary'] as const
export type ProductionRoute = (typeof PRODUCTION_ROUTES)[number]

/** The Q1 2026 certificate price (carbon.md 1.7), the default of a new communication. */
export const DEFAULT_EUR_CENTS_PER_TCO2 = 7536

/** The method every communication is computed with today; a stored communication keeps its own. */
export const CBAM_METHOD = 'v1' as const

/** ISO 3166-1 alpha-2 codes of the 27 EU member states (Greece is GR here, not the EU's EL). */
export const EU_COUNTRIES: readonly string[] = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
]

export interface Declaration {
  readonly id: string
  readonly enterpriseId: string
  readonly enterpriseNameEn: string
  readonly enterpriseNameZh: string
  readonly cnCode: string
  readonly year: number
  /** 1–4, or null for the whole year. */
  readonly quarter: number | null
  readonly seeTco2ePerT: number
  readonly route: ProductionRoute
  readonly verifier: string | null
  readonly evidence: string | null
  readonly declaredBy: { readonly userId: string; readonly username: string } | null
  readonly declaredAtMs: number
  /** The later declaration of the same smelter, CN code, year, quarter and route; null while current. */
  readonly supersededBy: string | null
  readonly synthetic: boolean
}

export interface NewDeclaration {
  readonly enterpriseId: string
  /** Digits only. */
  readonly cnCode: string
  readonly year: number
  readonly quarter: number | null
  readonly seeTco2ePerT: number
  readonly route: ProductionRoute
  readonly verifier: string | null
  readonly evidence: string | null
  readonly declaredBy: string | null
  readonly declaredAtMs: number
  readonly synthetic: boolean
}

export interface Importer {
  readonly name: string
  /** ISO code of an EU member state. */
  readonly country: string
  readonly eori: string
}

export interface Installation {
  readonly name: string
  readonly address: string
  readonly country: string
  readonly unlocode: string | null
  /** The processing enterprise of the registry that runs it. */
  readonly enterpriseId: string
}

/** The installation's data attributed to one good (its production process), for the period. */
export interface ProcessData {
  readonly naturalGasNm3: number
  readonly otherDirectTco2e: number
  readonly electricityKwh: number
  readonly gridKgco2PerKwh: number
}

export interface PrecursorLine {
  /** Digits only; a declared precursor carries its declaration's code. */
  readonly cnCode: string
  readonly tonnes: number
  /** Where it was made; null means the installation's country. */
  readonly origin: string | null
  /** The declaration its SEE is taken from; null counts it at the EU default. */
  readonly declarationId: string | null
}

export interface GoodLine {
  /** 8 digits. */
  readonly cnCode: string
  readonly description: string | null
  /** Produced in the period (the method's activity level). */
  readonly outputT: number
  /** Carried by the shipment. */
  readonly shippedT: number
  readonly process: ProcessData
  readonly scrapT: number
  readonly precursors: readonly PrecursorLine[]
}

/** A communication as it is stored (its record is computed from it on read). */
export interface CommunicationData {
  readonly shipmentId: string
  readonly method: typeof CBAM_METHOD
  readonly importer: Importer
  readonly installation: Installation
  readonly year: number
  /** `YYYY-MM-DD`, both inside `year`. */
  readonly periodStart: string
  readonly periodEnd: string
  readonly eurCentsPerTco2: number
  readonly goods: readonly GoodLine[]
  readonly createdBy: string | null
  readonly createdAtMs: number
  readonly synthetic: boolean
}

export interface Communication extends CommunicationData {
  readonly id: string
}

/** Who asks: their enterprise, and whether they see every enterprise's communications. */
export interface CbamReader {
  readonly userId: string
  readonly enterpriseId: string
  readonly isAdmin: boolean
}
