/**
 * The CBAM ledgers' use cases behind one object: smelters declare SEE values, shippers write the
 * communication of a shipment to an EU buyer and read it back computed. The clock is injected.
 * A shipment of another enterprise answers as if it did not exist.
 * @module
 */
import type { Kysely } from 'kysely'
import { ShipmentService, type ShipmentWithEvents } from '../../distribution/index.ts'
import { ok, type Result, refuse } from '../../kernel/index.ts'
import type { Database } from '../../platform/db/index.ts'
import { type CommunicationResult, computeCommunication } from './communication.ts'
import { type CommunicationRequest, planCommunication } from './communication-plan.ts'
import { insertCommunication, listCommunications, namesOf } from './communications-store.ts'
import {
  type DeclarationFilter,
  enterpriseKindOf,
  findDeclarations,
  insertDeclaration,
  listDeclarations,
} from './declarations-store.ts'
import type { CbamReader, Communication, Declaration, ProductionRoute } from './model.ts'
import { defaultsOf, headingOf } from './schedule.ts'

export interface CbamServiceOptions {
  readonly db: Kysely<Database>
  /** Epoch ms (default: the system clock). */
  readonly clock?: () => number
}

export interface DeclarationRequest {
  /** The declaring smelter; default the declarant's own enterprise. */
  readonly enterpriseId?: string
  readonly cnCode: string
  readonly year: number
  readonly quarter?: number
  readonly seeTco2ePerT: number
  readonly route: ProductionRoute
  readonly verifier?: string
  readonly evidence?: string
}

/** A communication with everything its views show: the computed result, the shipment, the names. */
export interface CommunicationDetail {
  readonly communication: Communication
  readonly result: CommunicationResult
  readonly shipment: Shipment
  readonly installationNames: { readonly nameEn: string; readonly nameZh: string } | null
  readonly createdByUsername: string | null
  /** The declarations the precursors name, by id. */
  readonly declarations: ReadonlyMap<string, Declaration>
}

type Shipment = ShipmentWithEvents['shipment']

const declarationIdsOf = (goods: Communication['goods']) =>
  goods.flatMap((g) => g.precursors.flatMap((p) => (p.declarationId === null ? [] : [p.declarationId])))

const isUniqueViolation = (error: unknown) => (error as { code?: unknown }).code === '23505'

export class CbamService {
  readonly #db: Kysely<Database>
  readonly #now: () => number
  readonly #shipments: ShipmentService

  constructor(options: CbamServiceOptions) {
    this.#db = options.db
    this.#now = options.clock ?? Date.now
    this.#shipments = new ShipmentService({
      db: options.db,
      ...(options.clock ? { clock: options.clock } : {}),
    })
  }

  /**
   * Records a smelter's declared SEE: for the declarant's own enterprise, or for any smelter by an
   * admin. A later declaration of the same code, year, quarter and route supersedes this one for
   * later communications; both stay.
   */
  async declare(
    reader: CbamReader,
    request: DeclarationRequest,
    options: { synthetic?: boolean } = {},
  ): Promise<Result<Declaration>> {
    const enterpriseId = request.enterpriseId ?? reader.enterpriseId
    if (enterpriseId !== reader.enterpriseId && !reader.isAdmin)
      return refuse('FORBIDDEN', 'Only an admin declares for another enterprise', [
        { field: '/enterpriseId', message: 'is not your enterprise' },
      ])
    if ((await enterpriseKindOf(this.#db, enterpriseId)) !== 'smelter')
      return refuse('CBAM_NOT_A_SMELTER', `${enterpriseId} is not a smelter of the registry`, [
        { field: '/enterpriseId', message: 'is not a smelter of the registry' },
      ])
    const cnCode = request.cnCode.replace(/[\s.]/g, '')
    if (defaultsOf(cnCode) === null)
      return refuse('CN_CODE_UNKNOWN', `heading ${headingOf(cnCode)} has no CBAM default in method v1`, [
        { field: '/cnCode', message: 'is not a heading of method v1', reason: 'CN_CODE_UNKNOWN' },
      ])
    const declaration = await insertDeclaration(this.#db, {
      enterpriseId,
      cnCode,
      year: request.year,
      quarter: request.quarter ?? null,
      seeTco2ePerT: request.seeTco2ePerT,
      route: request.route,
      verifier: request.verifier ?? null,
      evidence: request.evidence ?? null,
      declaredBy: reader.userId,
      declaredAtMs: this.#now(),
      synthetic: options.synthetic ?? false,
    })
    return ok(declaration)
  }

  async declarations(filter: DeclarationFilter): Promise<Declaration[]> {
    return listDeclarations(this.#db, filter)
  }

  /** The shipment when the reader's enterprise ships it (any, for an admin); else null. */
  async #shipmentOf(reader: CbamReader, shipmentId: string): Promise<Shipment | null> {
    const found = await this.#shipments.get(
      { userId: reader.userId, enterpriseId: reader.enterpriseId, seesAll: reader.isAdmin },
      shipmentId,
    )
    if (!found) return null
    return reader.isAdmin || found.shipment.shipperId === reader.enterpriseId ? found.shipment : null
  }

  /** Writes the communication of a shipment the reader's enterprise ships, or refuses it unchanged. */
  async createCommunication(
    reader: CbamReader,
    shipmentId: string,
    request: CommunicationRequest,
    options: { synthetic?: boolean } = {},
  ): Promise<Result<CommunicationDetail>> {
    const shipment = await this.#shipmentOf(reader, shipmentId)
    if (!shipment) return refuse('SHIPMENT_NOT_FOUND', `no shipment ${shipmentId}`)
    if ((await listCommunications(this.#db, { shipperId: null, shipmentId, limit: 1 })).length > 0)
      return refuse('CBAM_COMMUNICATION_EXISTS', `shipment ${shipmentId} already has a communication`)
    const ids = request.goods.flatMap((g) => g.precursors.flatMap((p) => p.declarationId ?? []))
    const declarations = new Map((await findDeclarations(this.#db, ids)).map((d) => [d.id, d]))
    const installationId = request.installation.enterpriseId ?? shipment.shipperId
    const plan = planCommunication(request, {
      shipment,
      declarations,
      installationKnown: (await enterpriseKindOf(this.#db, installationId)) !== null,
      userId: options.synthetic ? null : reader.userId,
      nowMs: this.#now(),
      ...(options.synthetic ? { synthetic: true } : {}),
    })
    if (!plan.ok) return plan
    try {
      await this.#db.transaction().execute((trx) => insertCommunication(trx, plan.value))
    } catch (error) {
      if (isUniqueViolation(error))
        return refuse('CBAM_COMMUNICATION_EXISTS', `shipment ${shipmentId} already has a communication`)
      throw error
    }
    const detail = await this.communication(reader, shipmentId)
    return detail ? ok(detail) : refuse('SHIPMENT_NOT_FOUND', `no shipment ${shipmentId}`)
  }

  /** A shipment's communication, computed now; null when there is none the reader may see. */
  async communication(reader: CbamReader, shipmentId: string): Promise<CommunicationDetail | null> {
    const shipment = await this.#shipmentOf(reader, shipmentId)
    if (!shipment) return null
    const [communication] = await listCommunications(this.#db, { shipperId: null, shipmentId, limit: 1 })
    if (!communication) return null
    const [detail] = await this.#details([communication], new Map([[shipmentId, shipment]]))
    return detail ?? null
  }

  /** The communications of the reader's enterprise's shipments (every one, for an admin), newest first. */
  async communications(
    reader: CbamReader,
    page: { beforeId?: string; limit: number },
  ): Promise<CommunicationDetail[]> {
    const rows = await listCommunications(this.#db, {
      shipperId: reader.isAdmin ? null : reader.enterpriseId,
      ...page,
    })
    const shipments = new Map<string, Shipment>()
    for (const c of rows) {
      const shipment = await this.#shipmentOf(reader, c.shipmentId)
      if (shipment) shipments.set(c.shipmentId, shipment)
    }
    return this.#details(
      rows.filter((c) => shipments.has(c.shipmentId)),
      shipments,
    )
  }

  async #details(
    rows: readonly Communication[],
    shipments: ReadonlyMap<string, Shipment>,
  ): Promise<CommunicationDetail[]> {
    const declarations = new Map(
      (
        await findDeclarations(
          this.#db,
          rows.flatMap((c) => declarationIdsOf(c.goods)),
        )
      ).map((d) => [d.id, d]),
    )
    const names = await namesOf(
      this.#db,
      rows.map((c) => c.installation.enterpriseId),
      rows.flatMap((c) => (c.createdBy ? [c.createdBy] : [])),
    )
    return rows.map((communication) => {
      const result = computeCommunication(communication, declarations)
      // Stored communications passed the same computation when they were written.
      if (!result.ok)
        throw new Error(`communication ${communication.id} no longer computes: ${result.detail}`)
      return {
        communication,
        result: result.value,
        shipment: shipments.get(communication.shipmentId)!,
        installationNames: names.enterprises.get(communication.installation.enterpriseId) ?? null,
        createdByUsername: communication.createdBy
          ? (names.users.get(communication.createdBy) ?? null)
          : null,
        declarations,
      }
    })
  }
}
