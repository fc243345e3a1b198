/**
 * Price alerts: a user's threshold on a series, checked at every publication (corrections too).
 * A crossing is an event the user sees in the UI and, when the alert names a webhook, a JSON POST
 * sent after the publication commits, with a short timeout; its outcome is kept on the event.
 * @module
 */
import { ok, type Result, refuse } from '../kernel/index.ts'
import { alertsOn, insertAlert, insertAlertEvents, setWebhookStatus } from './alert-store.ts'
import { crosses } from './crossing.ts'
import type { Alert, AlertDirection, AlertEvent, Assessment } from './records.ts'
import { findSeries } from './series.ts'
import type { Db } from './store.ts'
import type { Actor } from './submissions.ts'

export interface AlertRequest {
  readonly seriesId: string
  readonly direction: AlertDirection
  readonly threshold: number
  readonly webhookUrl: string | null
}

export const WEBHOOK_URL_MAX_LENGTH = 500

export async function createAlert(
  db: Db,
  actor: Actor,
  request: AlertRequest,
  nowMs: number,
): Promise<Result<Alert>> {
  if (!findSeries(request.seriesId)) return refuse('SERIES_NOT_FOUND', `no price series ${request.seriesId}`)
  if (!Number.isSafeInteger(request.threshold))
    return refuse('VALIDATION_FAILED', 'the threshold is a whole number of CNY/t', [
      { field: '/threshold', message: 'must be an integer' },
    ])
  if (request.webhookUrl !== null && !isWebhookUrl(request.webhookUrl))
    return refuse('VALIDATION_FAILED', 'the webhook must be an http or https URL', [
      {
        field: '/webhookUrl',
        message: `must be an http(s) URL of at most ${WEBHOOK_URL_MAX_LENGTH} characters`,
      },
    ])
  return ok(
    await insertAlert(db, {
      userId: actor.userId,
      seriesId: request.seriesId,
      direction: request.direction,
      threshold: request.threshold,
      webhookUrl: request.webhookUrl,
      createdAtMs: nowMs,
    }),
  )
}

function isWebhookUrl(text: string): boolean {
  if (text.length > WEBHOOK_URL_MAX_LENGTH) return false
  try {
    const url = new URL(text)
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === ''
    )
  } catch {
    return false
  }
}

/**
 * Records the events of the alerts a publication crosses (inside the publishing transaction).
 * `previousValue` is the value published before: the replaced revision for a correction, else
 * the latest earlier period's.
 */
export async function raiseAlerts(
  db: Db,
  published: Assessment,
  previousValue: number | null,
  nowMs: number,
): Promise<{ event: AlertEvent; webhookUrl: string | null }[]> {
  const value = published.record.value
  if (value === null) return []
  const firing = (await alertsOn(db, published.seriesId)).filter((a) =>
    crosses(a.direction, a.threshold, previousValue, value),
  )
  const events = await insertAlertEvents(
    db,
    firing.map((a) => ({
      alertId: a.id,
      seriesId: published.seriesId,
      date: published.date,
      revision: published.revision,
      value,
      previousValue,
      threshold: a.threshold,
      direction: a.direction,
      atMs: nowMs,
      webhookStatus: a.webhookUrl === null ? null : 'pending',
      webhookHttpStatus: null,
    })),
  )
  const urls = new Map(firing.map((a) => [a.id, a.webhookUrl]))
  return events.map((event) => ({ event, webhookUrl: urls.get(event.alertId) ?? null }))
}

/** The body a webhook receives. */
export function webhookPayload(event: AlertEvent) {
  return {
    type: 'pricing.alert',
    eventId: event.id,
    alertId: event.alertId,
    seriesId: event.seriesId,
    date: event.date,
    revision: event.revision,
    value: event.value,
    previousValue: event.previousValue,
    threshold: event.threshold,
    direction: event.direction,
    at: new Date(event.atMs).toISOString(),
  }
}

/**
 * POSTs the event to its webhook and keeps the outcome: `delivered` on a 2xx answer, `failed` on
 * any other answer, a network error or the timeout. Redirects are not followed. Never throws.
 */
export async function deliverWebhook(
  db: Db,
  event: AlertEvent,
  url: string,
  options: { fetch: typeof fetch; timeoutMs: number },
): Promise<void> {
  let status: 'delivered' | 'failed' = 'failed'
  let httpStatus: number | null = null
  try {
    const response = await options.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'huiguo-pricing-alerts' },
      body: JSON.stringify(webhookPayload(event)),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    httpStatus = response.status
    if (response.ok) status = 'delivered'
    await response.body?.cancel()
  } catch {
    // unreachable, refused or timed out: recorded as failed below
  }
  await setWebhookStatus(db, event.id, status, httpStatus)
}
