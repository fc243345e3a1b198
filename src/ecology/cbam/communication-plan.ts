/**
 * A new communication from its request: defaults filled in, then every rule checked at once
 * (importer in the EU, period inside its year, tonnes the shipment carries, declarations that
 * exist, are current and fit their precursor, headings the method knows). Pure: the shipment, the
 * declarations named and the clock are handed in.
 * @module
 */
import { type ErrorCode, type FieldError, ok, type Result, refuse } from '../../kernel/index.ts'
// Henan's grid factor of 2022 (carbon.md 2.2), the energy ledger's default too.
import { DEFAULT_GRID_KGCO2_PER_KWH } from '../energy/levels.ts'
import { computeCommunication } from './communication.ts'
import {
  CBAM_METHOD,
  type CommunicationData,
  DEFAULT_EUR_CENTS_PER_TCO2,
  type Declaration,
  EU_COUNTRIES,
  type GoodLine,
} from './model.ts'
import { defaultsOf, headingOf } from './schedule.ts'

export interface PrecursorRequest {
  readonly cnCode?: string
  readonly tonnes: number
  readonly origin?: string
  readonly declarationId?: string
}

export interface GoodRequest {
  readonly cnCode: string
  readonly description?: string
  readonly outputT: number
  readonly shippedT: number
  readonly naturalGasNm3: number
  readonly otherDirectTco2e: number
  readonly electricityKwh: number
  readonly gridKgco2PerKwh?: number
  readonly scrapT?: number
  readonly precursors: readonly PrecursorRequest[]
}

export interface CommunicationRequest {
  readonly importer: { readonly name: string; readonly country: string; readonly eori: string }
  readonly installation: {
    readonly name: string
    readonly address: string
    readonly country?: string
    readonly unlocode?: string
    readonly enterpriseId?: string
  }
  readonly year: number
  readonly periodStart?: string
  readonly periodEnd?: string
  readonly eurCentsPerTco2?: number
  readonly goods: readonly GoodRequest[]
}

export interface PlanContext {
  readonly shipment: { readonly id: string; readonly shipperId: string; readonly qtyKg: number }
  /** The declarations the request names (those that exist). */
  readonly declarations: ReadonlyMap<string, Declaration>
  /** Whether the installation's enterprise is in the registry. */
  readonly installationKnown: boolean
  readonly userId: string | null
  readonly nowMs: number
  readonly synthetic?: boolean
}

/** Half a kilogram: shipped tonnes are decimals, the shipment's quantity whole kilograms. */
const KG_TOLERANCE = 0.5

const digits = (cnCode: string) => cnCode.replace(/[\s.]/g, '')

const isDay = (text: string): boolean => {
  const ms = Date.parse(`${text}T00:00:00Z`)
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text
}

/** The communication to store, or a refusal listing every problem (the code is the first one's). */
export function planCommunication(
  request: CommunicationRequest,
  ctx: PlanContext,
): Result<CommunicationData> {
  const problems: { code: ErrorCode; error: FieldError }[] = []
  const problem = (code: ErrorCode, field: string, message: string) =>
    problems.push({ code, error: { field, message, reason: code } })

  const importerCountry = request.importer.country.toUpperCase()
  if (!EU_COUNTRIES.includes(importerCountry))
    problem('CBAM_IMPORTER_NOT_EU', '/importer/country', `${importerCountry} is not an EU member state`)
  if (!ctx.installationKnown)
    problem('VALIDATION_FAILED', '/installation/enterpriseId', 'is not an enterprise of the registry')

  const { year } = request
  const periodStart = request.periodStart ?? `${year}-01-01`
  const periodEnd = request.periodEnd ?? `${year}-12-31`
  for (const [field, day] of [
    ['/periodStart', periodStart],
    ['/periodEnd', periodEnd],
  ] as const) {
    if (!isDay(day)) problem('VALIDATION_FAILED', field, 'must be a date YYYY-MM-DD')
    else if (!day.startsWith(`${year}-`)) problem('VALIDATION_FAILED', field, `must lie in ${year}`)
  }
  if (periodStart > periodEnd) problem('VALIDATION_FAILED', '/periodEnd', 'must not be before periodStart')

  const shippedKg = request.goods.reduce((s, g) => s + g.shippedT * 1000, 0)
  if (shippedKg > ctx.shipment.qtyKg + KG_TOLERANCE)
    problem(
      'VALIDATION_FAILED',
      '/goods',
      `ship ${shippedKg} kg, more than the shipment's ${ctx.shipment.qtyKg} kg`,
    )

  const goods = request.goods.map((g, i): GoodLine => {
    if (defaultsOf(g.cnCode) === null)
      problem(
        'CN_CODE_UNKNOWN',
        `/goods/${i}/cnCode`,
        `heading ${headingOf(g.cnCode)} has no CBAM default in method v1`,
      )
    const precursors = g.precursors.map((p, j) => {
      const at = `/goods/${i}/precursors/${j}`
      const given = p.cnCode === undefined ? null : digits(p.cnCode)
      if (given !== null && defaultsOf(given) === null)
        problem(
          'CN_CODE_UNKNOWN',
          `${at}/cnCode`,
          `heading ${headingOf(given)} has no CBAM default in method v1`,
        )
      if (p.declarationId === undefined) {
        if (given === null)
          problem('VALIDATION_FAILED', `${at}/cnCode`, 'is required without a declarationId')
        return {
          cnCode: given ?? '',
          tonnes: p.tonnes,
          origin: p.origin?.toUpperCase() ?? null,
          declarationId: null,
        }
      }
      const declaration = ctx.declarations.get(p.declarationId)
      if (!declaration)
        problem(
          'CBAM_DECLARATION_UNKNOWN',
          `${at}/declarationId`,
          `there is no declaration ${p.declarationId}`,
        )
      else if (declaration.supersededBy !== null)
        problem(
          'CBAM_DECLARATION_SUPERSEDED',
          `${at}/declarationId`,
          `was superseded by declaration ${declaration.supersededBy}`,
        )
      else if (declaration.year !== year)
        problem(
          'CBAM_DECLARATION_MISMATCH',
          `${at}/declarationId`,
          `declares ${declaration.year}, not ${year}`,
        )
      else if (given !== null && headingOf(given) !== headingOf(declaration.cnCode))
        problem(
          'CBAM_DECLARATION_MISMATCH',
          `${at}/cnCode`,
          `is not the heading of the declaration's CN code ${declaration.cnCode}`,
        )
      return {
        cnCode: declaration?.cnCode ?? given ?? '',
        tonnes: p.tonnes,
        origin: p.origin?.toUpperCase() ?? null,
        declarationId: p.declarationId,
      }
    })
    return {
      cnCode: g.cnCode,
      description: g.description ?? null,
      outputT: g.outputT,
      shippedT: g.shippedT,
      process: {
        naturalGasNm3: g.naturalGasNm3,
        otherDirectTco2e: g.otherDirectTco2e,
        electricityKwh: g.electricityKwh,
        gridKgco2PerKwh: g.gridKgco2PerKwh ?? DEFAULT_GRID_KGCO2_PER_KWH,
      },
      scrapT: g.scrapT ?? 0,
      precursors,
    }
  })

  const data: CommunicationData = {
    shipmentId: ctx.shipment.id,
    method: CBAM_METHOD,
    importer: { name: request.importer.name, country: importerCountry, eori: request.importer.eori },
    installation: {
      name: request.installation.name,
      address: request.installation.address,
      country: (request.installation.country ?? 'CN').toUpperCase(),
      unlocode: request.installation.unlocode ?? null,
      enterpriseId: request.installation.enterpriseId ?? ctx.shipment.shipperId,
    },
    year,
    periodStart,
    periodEnd,
    eurCentsPerTco2: request.eurCentsPerTco2 ?? DEFAULT_EUR_CENTS_PER_TCO2,
    goods,
    createdBy: ctx.userId,
    createdAtMs: ctx.nowMs,
    synthetic: ctx.synthetic ?? false,
  }
  // Headings the method does not know, for goods and precursors alike, are the method's to name.
  if (problems.length === 0) {
    const computed = computeCommunication(data, ctx.declarations)
    if (!computed.ok) return computed
  }
  if (problems.length > 0)
    return refuse(
      problems[0]!.code,
      `The communication has ${problems.length} problem(s): ${problems[0]!.error.field} ${problems[0]!.error.message}`,
      problems.map((p) => p.error),
    )
  return ok(data)
}
