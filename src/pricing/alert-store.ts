/**
 * SQL for price alerts and the events publications raise. A deleted alert is kept (its events
 * still point at it) but no longer fires or lists.
 * @module
 */
import type { Selectable } from 'kysely'
import type { PricingAlertEventTable, PricingAlertTable } from '../platform/db/schema-pricing.ts'
import type { Alert, AlertEvent, WebhookStatus } from './records.ts'
import type { Db } from './store.ts'

const alertFromRow = (r: Selectable<PricingAlertTable>): Alert => ({
  id: String(r.id),
  userId: r.user_id,
  seriesId: r.series_id,
  direction: r.direction,
  threshold: Number(r.threshold_cny_per_t),
  webhookUrl: r.webhook_url,
  createdAtMs: r.created_at.getTime(),
})

const eventFromRow = (r: Selectable<PricingAlertEventTable>): AlertEvent => ({
  id: String(r.id),
  alertId: String(r.alert_id),
  seriesId: r.series_id,
  date: r.period_date,
  revision: r.revision,
  value: Number(r.value_cny_per_t),
  previousValue: r.previous_cny_per_t === null ? null : Number(r.previous_cny_per_t),
  threshold: Number(r.threshold_cny_per_t),
  direction: r.direction,
  atMs: r.at.getTime(),
  webhookStatus: r.webhook_status,
  webhookHttpStatus: r.webhook_http_status,
})

export async function insertAlert(db: Db, a: Omit<Alert, 'id'>): Promise<Alert> {
  const row = await db
    .insertInto('pricing_alert')
    .values({
      user_id: a.userId,
      series_id: a.seriesId,
      direction: a.direction,
      threshold_cny_per_t: a.threshold,
      webhook_url: a.webhookUrl,
      created_at: new Date(a.createdAtMs),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return alertFromRow(row)
}

/** A user's live alerts, newest first. */
export async function alertsOf(db: Db, userId: string): Promise<Alert[]> {
  const rows = await db
    .selectFrom('pricing_alert')
    .selectAll()
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .orderBy('id', 'desc')
    .execute()
  return rows.map(alertFromRow)
}

/** Every live alert on a series (the ones a publication is checked against). */
export async function alertsOn(db: Db, seriesId: string): Promise<Alert[]> {
  const rows = await db
    .selectFrom('pricing_alert')
    .selectAll()
    .where('series_id', '=', seriesId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()
  return rows.map(alertFromRow)
}

/** Deletes a user's live alert; false when they have no such alert. */
export async function deleteAlert(db: Db, userId: string, id: string, atMs: number): Promise<boolean> {
  const result = await db
    .updateTable('pricing_alert')
    .set({ deleted_at: new Date(atMs) })
    .where('id', '=', BigInt(id))
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function insertAlertEvents(
  db: Db,
  events: readonly Omit<AlertEvent, 'id'>[],
): Promise<AlertEvent[]> {
  if (events.length === 0) return []
  const rows = await db
    .insertInto('pricing_alert_event')
    .values(
      events.map((e) => ({
        alert_id: e.alertId,
        series_id: e.seriesId,
        period_date: e.date,
        revision: e.revision,
        value_cny_per_t: e.value,
        previous_cny_per_t: e.previousValue,
        threshold_cny_per_t: e.threshold,
        direction: e.direction,
        at: new Date(e.atMs),
        webhook_status: e.webhookStatus,
        webhook_http_status: e.webhookHttpStatus,
      })),
    )
    .returningAll()
    .execute()
  return rows.map(eventFromRow)
}

/** The events of a user's alerts (deleted ones too), newest first. */
export async function eventsOf(db: Db, userId: string, limit: number): Promise<AlertEvent[]> {
  const rows = await db
    .selectFrom('pricing_alert_event')
    .selectAll('pricing_alert_event')
    .innerJoin('pricing_alert', 'pricing_alert.id', 'pricing_alert_event.alert_id')
    .where('pricing_alert.user_id', '=', userId)
    .orderBy('pricing_alert_event.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map(eventFromRow)
}

export async function setWebhookStatus(
  db: Db,
  eventId: string,
  status: WebhookStatus,
  httpStatus: number | null,
): Promise<void> {
  await db
    .updateTable('pricing_alert_event')
    .set({ webhook_status: status, webhook_http_status: httpStatus })
    .where('id', '=', BigInt(eventId))
    .execute()
}
