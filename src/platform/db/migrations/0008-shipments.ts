import { type Kysely, type Migration, sql } from 'kysely'

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`

const STATUSES = ['planned', 'loaded', 'in_transit', 'exception', 'delivered']
const EVENT_TYPES = ['loaded', 'departed', 'position', 'exception', 'resolved', 'delivered']

/**
 * Shipments (issue 6): goods on a truck from an origin to a destination, from a trading contract or
 * made by hand, with their events, the ETA as of the latest event, the proof of delivery and the
 * public tracking code. Quantities kg, distances metres, coordinates WGS-84 degrees. The status
 * and its events change together in one transaction; `held_status` is the state an open exception
 * returns to. `synthetic` marks the demo's rows.
 */
export const shipmentsMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not today's types
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('shipment')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', STATUSES)))
      .addColumn('held_status', 'text', (c) => c.check(oneOf('held_status', ['loaded', 'in_transit'])))
      .addColumn('contract_id', 'bigint', (c) => c.references('contract.id'))
      .addColumn('shipper_id', 'text', (c) => c.notNull())
      .addColumn('consignee_id', 'text')
      .addColumn('instrument', 'text')
      .addColumn('goods', 'text', (c) => c.notNull())
      .addColumn('qty_kg', 'bigint', (c) => c.notNull().check(sql`qty_kg > 0`))
      .addColumn('truck_plate', 'text')
      .addColumn('driver_name', 'text')
      .addColumn('origin_name', 'text', (c) => c.notNull())
      .addColumn('origin_city', 'text', (c) => c.notNull())
      .addColumn('origin_lat', 'double precision', (c) => c.notNull())
      .addColumn('origin_lon', 'double precision', (c) => c.notNull())
      .addColumn('destination_name', 'text', (c) => c.notNull())
      .addColumn('destination_city', 'text', (c) => c.notNull())
      .addColumn('destination_lat', 'double precision', (c) => c.notNull())
      .addColumn('destination_lon', 'double precision', (c) => c.notNull())
      .addColumn('distance_m', 'bigint', (c) => c.notNull().check(sql`distance_m >= 0`))
      .addColumn('planned_departure_at', 'timestamptz', (c) => c.notNull())
      .addColumn('eta_at', 'timestamptz')
      .addColumn('delivered_at', 'timestamptz')
      .addColumn('pod_receiver', 'text')
      .addColumn('pod_signed_at', 'timestamptz')
      .addColumn('pod_note', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
      .addCheckConstraint(
        'shipment_exception_holds_check',
        sql`(status = 'exception') = (held_status is not null)`,
      )
      .addCheckConstraint(
        'shipment_delivered_proof_check',
        sql`(status = 'delivered') = (delivered_at is not null and pod_receiver is not null and pod_signed_at is not null)`,
      )
      .execute()
    await db.schema.createIndex('shipment_shipper_idx').on('shipment').columns(['shipper_id', 'id']).execute()
    await db.schema
      .createIndex('shipment_consignee_idx')
      .on('shipment')
      .columns(['consignee_id', 'id'])
      .execute()
    await db.schema.createIndex('shipment_contract_idx').on('shipment').column('contract_id').execute()
    await db.schema.createIndex('shipment_status_idx').on('shipment').columns(['status', 'id']).execute()

    await db.schema
      .createTable('shipment_event')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('shipment_id', 'bigint', (c) => c.notNull().references('shipment.id'))
      .addColumn('type', 'text', (c) => c.notNull().check(oneOf('type', EVENT_TYPES)))
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('place', 'text')
      .addColumn('lat', 'double precision')
      .addColumn('lon', 'double precision')
      .addColumn('note', 'text')
      .addColumn('status_after', 'text', (c) => c.notNull().check(oneOf('status_after', STATUSES)))
      .addColumn('recorded_by', 'text')
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
      .addCheckConstraint('shipment_event_lat_lon_check', sql`(lat is null) = (lon is null)`)
      .execute()
    await db.schema
      .createIndex('shipment_event_shipment_idx')
      .on('shipment_event')
      .columns(['shipment_id', 'id'])
      .execute()
  },
}
