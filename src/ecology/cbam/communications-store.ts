/**
 * SQL for the communications: one row per shipment, its goods, their precursors. Written once, in
 * one transaction; read back whole.
 * @module
 */
import type { Db } from './declarations-store.ts'
import type { Communication, CommunicationData, GoodLine, PrecursorLine } from './model.ts'

/** Stores a communication with its goods and precursors; the shipment's unique key refuses a second. */
export async function insertCommunication(db: Db, c: CommunicationData): Promise<string> {
  const { id } = await db
    .insertInto('cbam_communication')
    .values({
      shipment_id: BigInt(c.shipmentId),
      method: c.method,
      importer_name: c.importer.name,
      importer_country: c.importer.country,
      importer_eori: c.importer.eori,
      installation_name: c.installation.name,
      installation_address: c.installation.address,
      installation_country: c.installation.country,
      installation_unlocode: c.installation.unlocode,
      installation_enterprise_id: c.installation.enterpriseId,
      year: c.year,
      period_start: c.periodStart,
      period_end: c.periodEnd,
      eur_cents_per_tco2: c.eurCentsPerTco2,
      created_by: c.createdBy,
      created_at: new Date(c.createdAtMs),
      synthetic: c.synthetic,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [position, g] of c.goods.entries()) {
    const good = await db
      .insertInto('cbam_communication_good')
      .values({
        communication_id: id,
        position,
        cn_code: g.cnCode,
        description: g.description,
        output_t: g.outputT,
        shipped_t: g.shippedT,
        natural_gas_nm3: g.process.naturalGasNm3,
        other_direct_tco2e: g.process.otherDirectTco2e,
        electricity_kwh: g.process.electricityKwh,
        grid_kgco2_per_kwh: g.process.gridKgco2PerKwh,
        scrap_t: g.scrapT,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (g.precursors.length > 0)
      await db
        .insertInto('cbam_communication_precursor')
        .values(
          g.precursors.map((p, i) => ({
            good_id: good.id,
            position: i,
            cn_code: p.cnCode,
            tonnes: p.tonnes,
            origin: p.origin,
            declaration_id: p.declarationId === null ? null : BigInt(p.declarationId),
          })),
        )
        .execute()
  }
  return String(id)
}

export interface CommunicationFilter {
  /** Only communications of shipments this enterprise ships; null for every one. */
  readonly shipperId: string | null
  readonly shipmentId?: string
  /** Keyset pagination, newest first: ids below this one. */
  readonly beforeId?: string
  readonly limit: number
}

/** Communications with their goods and precursors, newest first. */
export async function listCommunications(db: Db, f: CommunicationFilter): Promise<Communication[]> {
  let q = db
    .selectFrom('cbam_communication as c')
    .innerJoin('shipment as s', 's.id', 'c.shipment_id')
    .selectAll('c')
  if (f.shipperId !== null) q = q.where('s.shipper_id', '=', f.shipperId)
  if (f.shipmentId !== undefined) q = q.where('c.shipment_id', '=', BigInt(f.shipmentId))
  if (f.beforeId !== undefined) q = q.where('c.id', '<', BigInt(f.beforeId))
  const rows = await q.orderBy('c.id', 'desc').limit(f.limit).execute()
  if (rows.length === 0) return []
  const goods = await db
    .selectFrom('cbam_communication_good')
    .selectAll()
    .where(
      'communication_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('communication_id')
    .orderBy('position')
    .execute()
  const precursors =
    goods.length === 0
      ? []
      : await db
          .selectFrom('cbam_communication_precursor')
          .selectAll()
          .where(
            'good_id',
            'in',
            goods.map((g) => g.id),
          )
          .orderBy('good_id')
          .orderBy('position')
          .execute()
  const precursorsOf = new Map<string, PrecursorLine[]>()
  for (const p of precursors) {
    const key = String(p.good_id)
    const line: PrecursorLine = {
      cnCode: p.cn_code,
      tonnes: p.tonnes,
      origin: p.origin,
      declarationId: p.declaration_id === null ? null : String(p.declaration_id),
    }
    precursorsOf.set(key, [...(precursorsOf.get(key) ?? []), line])
  }
  const goodsOf = new Map<string, GoodLine[]>()
  for (const g of goods) {
    const key = String(g.communication_id)
    const line: GoodLine = {
      cnCode: g.cn_code,
      description: g.description,
      outputT: g.output_t,
      shippedT: g.shipped_t,
      process: {
        naturalGasNm3: g.natural_gas_nm3,
        otherDirectTco2e: g.other_direct_tco2e,
        electricityKwh: g.electricity_kwh,
        gridKgco2PerKwh: g.grid_kgco2_per_kwh,
      },
      scrapT: g.scrap_t,
      precursors: precursorsOf.get(String(g.id)) ?? [],
    }
    goodsOf.set(key, [...(goodsOf.get(key) ?? []), line])
  }
  return rows.map((r) => ({
    id: String(r.id),
    shipmentId: String(r.shipment_id),
    method: r.method,
    importer: { name: r.importer_name, country: r.importer_country, eori: r.importer_eori },
    installation: {
      name: r.installation_name,
      address: r.installation_address,
      country: r.installation_country,
      unlocode: r.installation_unlocode,
      enterpriseId: r.installation_enterprise_id,
    },
    year: r.year,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    eurCentsPerTco2: r.eur_cents_per_tco2,
    goods: goodsOf.get(String(r.id)) ?? [],
    createdBy: r.created_by,
    createdAtMs: r.created_at.getTime(),
    synthetic: r.synthetic,
  }))
}

/** The names of enterprises and users a view shows, by id. */
export async function namesOf(
  db: Db,
  enterpriseIds: readonly string[],
  userIds: readonly string[],
): Promise<{
  enterprises: Map<string, { nameEn: string; nameZh: string }>
  users: Map<string, string>
}> {
  const enterprises =
    enterpriseIds.length === 0
      ? []
      : await db
          .selectFrom('enterprise')
          .select(['id', 'name_en', 'name_zh'])
          .where('id', 'in', [...new Set(enterpriseIds)])
          .execute()
  const users =
    userIds.length === 0
      ? []
      : await db
          .selectFrom('app_user')
          .select(['id', 'username'])
          .where('id', 'in', [...new Set(userIds)])
          .execute()
  return {
    enterprises: new Map(enterprises.map((e) => [e.id, { nameEn: e.name_en, nameZh: e.name_zh }])),
    users: new Map(users.map((u) => [u.id, u.username])),
  }
}
