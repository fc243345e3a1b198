/**
 * Small pure helpers of the shipment screens: status badges, distances and times. Times are shown
 * and typed in Beijing time (UTC+8), whatever the browser's zone.
 * @module
 */
import { NONE } from '../format.ts'
import type { EventType, ShipmentStatus } from './types.ts'

/** The badge class of a status. */
export const STATUS_BADGE: Readonly<Record<ShipmentStatus, string>> = {
  planned: 'badge badge-grey',
  loaded: 'badge badge-blue',
  in_transit: 'badge badge-blue',
  exception: 'badge badge-amber',
  delivered: 'badge badge-green',
}

/** Road km of metres, one decimal below 100 km, whole above. */
export function formatKm(metres: number): string {
  if (!Number.isFinite(metres)) return NONE
  const km = metres / 1000
  return km < 100 ? `${km.toFixed(1)} km` : `${Math.round(km).toLocaleString('en-US')} km`
}

const BEIJING_MS = 8 * 3_600_000
const pad = (n: number) => String(n).padStart(2, '0')

/** An instant in Beijing time: "2026-03-02 14:05". */
export function formatBeijing(iso: string | null | undefined): string {
  if (!iso) return NONE
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) return NONE
  const d = new Date(ms + BEIJING_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** The value of a datetime-local input for an instant, in Beijing time: "2026-03-02T14:05". */
export function beijingInputValue(ms: number): string {
  return formatBeijing(new Date(ms).toISOString()).replace(' ', 'T')
}

/** A datetime-local value read as Beijing time, as an ISO instant; null when it is not one. */
export function instantOfBeijingInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null
  const ms = Date.parse(`${value}:00+08:00`)
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null
}

/** The events that may follow a status (the server's state machine decides; this only guides the form). */
export function nextEvents(status: ShipmentStatus, held: 'loaded' | 'in_transit' | null): EventType[] {
  switch (status) {
    case 'planned':
      return ['loaded']
    case 'loaded':
      return ['departed', 'exception']
    case 'in_transit':
      return ['position', 'exception', 'delivered']
    case 'exception':
      return held === 'in_transit' ? ['resolved', 'position'] : ['resolved']
    default:
      return []
  }
}

/** A tracking code as typed: upper case, without spaces or dashes. */
export const cleanCode = (text: string): string => text.replace(/[\s-]/g, '').toUpperCase()
