/**
 * What a communication says, computed from what is stored: per good the method's input (the
 * installation's data, each precursor at its declared SEE or on the EU default) and its record,
 * and for the shipment the cost and the saving on the tonnes it carries. Pure; the declarations a
 * communication names are handed in.
 * @module
 */
import { type FieldError, ok, type Result, refuse } from '../../kernel/index.ts'
import {
  type FootprintInput,
  type FootprintPrecursor,
  type FootprintRecord,
  footprint,
  precursorSee,
} from './footprint.ts'
import type { CommunicationData, Declaration, GoodLine, PrecursorLine } from './model.ts'
import { defaultsOf } from './schedule.ts'

export interface PrecursorResult {
  readonly line: PrecursorLine
  /** The SEE the method counted it at, tCO2e/t. */
  readonly seeTco2ePerT: number
  readonly source: 'declared' | 'default'
  /** The declaration it was counted from; null on the default. */
  readonly declaration: Declaration | null
  readonly embeddedTco2e: number
}

export interface GoodResult {
  readonly line: GoodLine
  /** Exactly what method v1 was given. */
  readonly input: FootprintInput
  readonly record: FootprintRecord
  readonly precursors: readonly PrecursorResult[]
  /** On the shipped tonnes: record cost × shippedT, the default's, and the difference. */
  readonly shipmentCostEur: number
  readonly shipmentDefaultCostEur: number
  readonly shipmentSavingEur: number
}

export interface CommunicationResult {
  readonly eurPerTco2: number
  readonly goods: readonly GoodResult[]
  readonly totals: {
    readonly shippedT: number
    readonly costEur: number
    readonly defaultCostEur: number
    readonly savingEur: number
    /** The saving as a share of the cost on defaults; null when defaults cost nothing. */
    readonly savingShare: number | null
  }
}

/** The price the method is given: euro cents per tCO2 as euros (7536 → 75.36, the same double). */
export const eurPerTco2Of = (cents: number): number => cents / 100

/** Method v1's input for one good of a communication. */
export function inputOf(
  data: Pick<CommunicationData, 'installation' | 'year' | 'eurCentsPerTco2'>,
  good: GoodLine,
  declarations: ReadonlyMap<string, Declaration>,
): FootprintInput {
  const precursors = good.precursors.map((p): FootprintPrecursor => {
    const declared = p.declarationId === null ? null : (declarations.get(p.declarationId) ?? null)
    if (p.declarationId !== null && declared === null)
      throw new Error(`declaration ${p.declarationId} was not handed in`)
    const base = { cnCode: p.cnCode, tonnes: p.tonnes, seeTco2ePerT: declared?.seeTco2ePerT ?? null }
    return p.origin === null ? base : { ...base, origin: p.origin }
  })
  return {
    good: { cnCode: good.cnCode, outputT: good.outputT, origin: data.installation.country },
    year: data.year,
    installation: { ...good.process },
    precursors,
    scrapT: good.scrapT,
    eurPerTco2: eurPerTco2Of(data.eurCentsPerTco2),
  }
}

/**
 * Every good's record and the shipment's totals, or the method's refusal with its fields pointing
 * into the communication (`/goods/0/cnCode`).
 */
export function computeCommunication(
  data: Pick<CommunicationData, 'installation' | 'year' | 'eurCentsPerTco2' | 'goods'>,
  declarations: ReadonlyMap<string, Declaration>,
): Result<CommunicationResult> {
  const goods: GoodResult[] = []
  for (const [i, line] of data.goods.entries()) {
    const input = inputOf(data, line, declarations)
    const computed = footprint(input)
    if (!computed.ok) {
      const errors: FieldError[] = (computed.errors ?? []).map((e) => ({
        ...e,
        field: `/goods/${i}${e.field.replace(/^\/good\//, '/')}`,
      }))
      return refuse(computed.code, computed.detail, errors)
    }
    const record = computed.value
    const precursors = input.precursors.map((p, j): PrecursorResult => {
      const see = precursorSee(p, defaultsOf(p.cnCode)!, input.good.origin, input.year)
      const declarationId = line.precursors[j]!.declarationId
      return {
        line: line.precursors[j]!,
        seeTco2ePerT: see.seeTco2ePerT,
        source: see.source,
        declaration: declarationId === null ? null : declarations.get(declarationId)!,
        embeddedTco2e: p.tonnes * see.seeTco2ePerT,
      }
    })
    const shipmentCostEur = record.costEurPerT * line.shippedT
    const shipmentDefaultCostEur = record.defaultCostEurPerT * line.shippedT
    goods.push({
      line,
      input,
      record,
      precursors,
      shipmentCostEur,
      shipmentDefaultCostEur,
      shipmentSavingEur: shipmentDefaultCostEur - shipmentCostEur,
    })
  }
  const sum = (f: (g: GoodResult) => number) => goods.reduce((s, g) => s + f(g), 0)
  const costEur = sum((g) => g.shipmentCostEur)
  const defaultCostEur = sum((g) => g.shipmentDefaultCostEur)
  return ok({
    eurPerTco2: eurPerTco2Of(data.eurCentsPerTco2),
    goods,
    totals: {
      shippedT: sum((g) => g.line.shippedT),
      costEur,
      defaultCostEur,
      savingEur: defaultCostEur - costEur,
      savingShare: defaultCostEur > 0 ? (defaultCostEur - costEur) / defaultCostEur : null,
    },
  })
}
