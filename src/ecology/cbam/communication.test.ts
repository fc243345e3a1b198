import { describe, expect, it } from 'vitest'
import { computeCommunication, eurPerTco2Of } from './communication.ts'
import { type CommunicationRequest, type PlanContext, planCommunication } from './communication-plan.ts'
import { footprint } from './footprint.ts'
import type { CommunicationData, Declaration } from './model.ts'

const declaration = (id: string, parts: Partial<Declaration> = {}): Declaration => ({
  id,
  enterpriseId: 'm-01',
  enterpriseNameEn: 'Smelter',
  enterpriseNameZh: '冶炼厂',
  cnCode: '7601',
  year: 2026,
  quarter: null,
  seeTco2ePerT: 2,
  route: 'primary',
  verifier: null,
  evidence: null,
  declaredBy: null,
  declaredAtMs: 0,
  supersededBy: null,
  synthetic: false,
  ...parts,
})

const DECLARATIONS = new Map([
  ['1', declaration('1')],
  ['2', declaration('2', { supersededBy: '3' })],
  ['4', declaration('4', { year: 2025 })],
])

const ctx = (parts: Partial<PlanContext> = {}): PlanContext => ({
  shipment: { id: '9', shipperId: 'p-0001', qtyKg: 30_000 },
  declarations: DECLARATIONS,
  installationKnown: true,
  userId: 'u-1',
  nowMs: 1_790_000_000_000,
  ...parts,
})

const request = (parts: Partial<CommunicationRequest> = {}): CommunicationRequest => ({
  importer: { name: 'Importer', country: 'nl', eori: 'NL123' },
  installation: { name: 'Mill', address: 'Huiguo' },
  year: 2026,
  goods: [
    {
      cnCode: '76061191',
      outputT: 100,
      shippedT: 20,
      naturalGasNm3: 1000,
      otherDirectTco2e: 0.5,
      electricityKwh: 50_000,
      precursors: [
        { declarationId: '1', tonnes: 90 },
        { cnCode: '7601', tonnes: 10 },
      ],
    },
    {
      cnCode: '76071190',
      outputT: 10,
      shippedT: 10,
      naturalGasNm3: 0,
      otherDirectTco2e: 0,
      electricityKwh: 0,
      scrapT: 3,
      precursors: [{ cnCode: '7601', tonnes: 10, origin: 'de' }],
    },
  ],
  ...parts,
})

function planned(r = request(), c = ctx()): CommunicationData {
  const plan = planCommunication(r, c)
  if (!plan.ok) throw new Error(`${plan.code}: ${plan.detail}`)
  return plan.value
}

describe('planCommunication', () => {
  it('fills the defaults: whole-year period, Henan’s grid, no scrap, CN installation, the shipper, €75.36', () => {
    const data = planned()
    expect(data).toMatchObject({
      shipmentId: '9',
      method: 'v1',
      importer: { country: 'NL' },
      installation: { country: 'CN', unlocode: null, enterpriseId: 'p-0001' },
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      eurCentsPerTco2: 7536,
      createdBy: 'u-1',
      synthetic: false,
    })
    expect(data.goods[0]!.process.gridKgco2PerKwh).toBe(0.6058)
    expect(data.goods[0]!.scrapT).toBe(0)
    expect(data.goods[0]!.precursors).toEqual([
      { cnCode: '7601', tonnes: 90, origin: null, declarationId: '1' },
      { cnCode: '7601', tonnes: 10, origin: null, declarationId: null },
    ])
    expect(data.goods[1]!.precursors[0]!.origin).toBe('DE')
  })

  it('lists every problem at once, the code being the first one’s', () => {
    const plan = planCommunication(
      request({
        importer: { name: 'Importer', country: 'CH', eori: 'CH1' },
        periodStart: '2025-12-01',
        periodEnd: '2026-02-30',
        goods: [
          {
            ...request().goods[0]!,
            cnCode: '76031000',
            shippedT: 31,
            precursors: [
              { declarationId: '2', tonnes: 1 },
              { declarationId: '4', tonnes: 1 },
              { declarationId: '1', cnCode: '7606', tonnes: 1 },
              { declarationId: '99', tonnes: 1 },
              { tonnes: 1 },
              { cnCode: '7602', tonnes: 1 },
            ],
          },
        ],
      }),
      ctx({ installationKnown: false }),
    )
    expect(plan.ok).toBe(false)
    if (plan.ok) return
    expect(plan.code).toBe('CBAM_IMPORTER_NOT_EU')
    expect(plan.errors!.map((e) => `${e.reason} ${e.field}`)).toEqual([
      'CBAM_IMPORTER_NOT_EU /importer/country',
      'VALIDATION_FAILED /installation/enterpriseId',
      'VALIDATION_FAILED /periodStart',
      'VALIDATION_FAILED /periodEnd',
      'VALIDATION_FAILED /goods',
      'CN_CODE_UNKNOWN /goods/0/cnCode',
      'CBAM_DECLARATION_SUPERSEDED /goods/0/precursors/0/declarationId',
      'CBAM_DECLARATION_MISMATCH /goods/0/precursors/1/declarationId',
      'CBAM_DECLARATION_MISMATCH /goods/0/precursors/2/cnCode',
      'CBAM_DECLARATION_UNKNOWN /goods/0/precursors/3/declarationId',
      'VALIDATION_FAILED /goods/0/precursors/4/cnCode',
      'CN_CODE_UNKNOWN /goods/0/precursors/5/cnCode',
    ])
  })

  it('takes exactly the shipment’s kilograms, and refuses a gram over half a kilogram more', () => {
    const exact = request({
      goods: [{ ...request().goods[0]!, shippedT: 30.0005 }],
    })
    expect(planCommunication(exact, ctx()).ok).toBe(true)
    const over = request({ goods: [{ ...request().goods[0]!, shippedT: 30.0006 }] })
    expect(planCommunication(over, ctx())).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' })
  })
})

describe('computeCommunication', () => {
  it('gives each good the record footprint() gives its input, and sums the shipment', () => {
    const data = planned()
    const result = computeCommunication(data, DECLARATIONS)
    if (!result.ok) throw new Error(result.detail)
    const [sheet, foil] = result.value.goods
    // The sheet: 90 t at the declared 2.0, 10 t on the China default, 20 t shipped.
    expect(sheet!.input).toEqual({
      good: { cnCode: '76061191', outputT: 100, origin: 'CN' },
      year: 2026,
      installation: {
        naturalGasNm3: 1000,
        otherDirectTco2e: 0.5,
        electricityKwh: 50_000,
        gridKgco2PerKwh: 0.6058,
      },
      precursors: [
        { cnCode: '7601', tonnes: 90, seeTco2ePerT: 2 },
        { cnCode: '7601', tonnes: 10, seeTco2ePerT: null },
      ],
      scrapT: 0,
      eurPerTco2: 75.36,
    })
    for (const g of [sheet!, foil!])
      expect(g.record).toEqual((footprint(g.input) as { value: unknown }).value)
    // SEE (2.662 + 180 + 33) / 100 = 2.15662; the precursors as counted, with their sources
    expect(sheet!.record.seeTco2ePerT).toBeCloseTo(2.15662, 12)
    expect(sheet!.precursors.map((p) => [p.source, p.seeTco2ePerT, p.declaration?.id ?? null])).toEqual([
      ['declared', 2, '1'],
      ['default', 3 * 1.1, null], // 3.000 × (1 + 10 %), as the method multiplies it
    ])
    // The foil's precursor is German: 2.203 × 1.1 = 2.4233 t/t
    expect(foil!.precursors[0]!.seeTco2ePerT).toBeCloseTo(2.4233, 12)
    expect(sheet!.shipmentCostEur).toBeCloseTo(sheet!.record.costEurPerT * 20, 9)
    const totals = result.value.totals
    expect(totals.shippedT).toBe(30)
    expect(totals.costEur).toBeCloseTo(sheet!.shipmentCostEur + foil!.shipmentCostEur, 9)
    expect(totals.savingEur).toBeCloseTo(totals.defaultCostEur - totals.costEur, 9)
    expect(totals.savingShare).toBeCloseTo(totals.savingEur / totals.defaultCostEur, 12)
  })

  it('turns euro cents into the same double the method is given', () => {
    expect(eurPerTco2Of(7536)).toBe(75.36)
    expect(eurPerTco2Of(0)).toBe(0)
  })
})
