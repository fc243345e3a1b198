/**
 * The JSON the CBAM API answers with, built field by field. A communication's view is also its
 * JSON download: the importer gets what the page shows, with the method's input and record per good.
 * @module
 */
import type { Declaration } from './model.ts'
import type { CommunicationDetail } from './service.ts'

const iso = (ms: number) => new Date(ms).toISOString()

export const declarationView = (d: Declaration) => ({
  id: d.id,
  enterpriseId: d.enterpriseId,
  enterpriseNameEn: d.enterpriseNameEn,
  enterpriseNameZh: d.enterpriseNameZh,
  cnCode: d.cnCode,
  year: d.year,
  quarter: d.quarter,
  seeTco2ePerT: d.seeTco2ePerT,
  route: d.route,
  verifier: d.verifier,
  evidence: d.evidence,
  declaredBy: d.declaredBy && { userId: d.declaredBy.userId, username: d.declaredBy.username },
  declaredAt: iso(d.declaredAtMs),
  supersededBy: d.supersededBy,
  current: d.supersededBy === null,
  synthetic: d.synthetic,
})

const declarationRef = (d: Declaration) => ({
  id: d.id,
  enterpriseId: d.enterpriseId,
  enterpriseNameEn: d.enterpriseNameEn,
  enterpriseNameZh: d.enterpriseNameZh,
  cnCode: d.cnCode,
  year: d.year,
  quarter: d.quarter,
  route: d.route,
  seeTco2ePerT: d.seeTco2ePerT,
  verifier: d.verifier,
  declaredBy: d.declaredBy && { userId: d.declaredBy.userId, username: d.declaredBy.username },
  declaredAt: iso(d.declaredAtMs),
  supersededBy: d.supersededBy,
  synthetic: d.synthetic,
})

export function communicationView(detail: CommunicationDetail) {
  const { communication: c, result, shipment: s } = detail
  return {
    id: c.id,
    shipmentId: c.shipmentId,
    method: c.method,
    shipment: {
      id: s.id,
      trackingCode: s.trackingCode,
      status: s.status,
      goods: s.goods,
      qtyKg: s.qtyKg,
      origin: { name: s.origin.name, city: s.origin.city },
      destination: { name: s.destination.name, city: s.destination.city },
      synthetic: s.synthetic,
    },
    importer: { ...c.importer },
    installation: {
      ...c.installation,
      enterpriseNameEn: detail.installationNames?.nameEn ?? null,
      enterpriseNameZh: detail.installationNames?.nameZh ?? null,
    },
    year: c.year,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    eurCentsPerTco2: c.eurCentsPerTco2,
    eurPerTco2: result.eurPerTco2,
    goods: result.goods.map((g) => ({
      cnCode: g.line.cnCode,
      description: g.line.description,
      outputT: g.line.outputT,
      shippedT: g.line.shippedT,
      installation: { ...g.line.process },
      scrapT: g.line.scrapT,
      precursors: g.precursors.map((p) => ({
        cnCode: p.line.cnCode,
        tonnes: p.line.tonnes,
        origin: p.line.origin,
        seeTco2ePerT: p.seeTco2ePerT,
        source: p.source,
        embeddedTco2e: p.embeddedTco2e,
        declaration: p.declaration && declarationRef(p.declaration),
      })),
      input: g.input,
      record: g.record,
      shipment: {
        costEur: g.shipmentCostEur,
        defaultCostEur: g.shipmentDefaultCostEur,
        savingEur: g.shipmentSavingEur,
      },
    })),
    totals: { ...result.totals },
    createdBy: c.createdBy === null ? null : { userId: c.createdBy, username: detail.createdByUsername },
    createdAt: iso(c.createdAtMs),
    synthetic: c.synthetic,
  }
}

export type CommunicationView = ReturnType<typeof communicationView>
