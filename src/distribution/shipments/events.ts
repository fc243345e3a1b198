/**
 * Checks one event against a shipment before anything is stored, pure: its shape, the state
 * machine, the proof a delivery needs, and its time (not before the latest event, not in the
 * future). A refusal says which rule, and the caller stores nothing.
 * @module
 */
import { type FieldError, ok, type Result, refuse } from '../../kernel/index.ts'
import { type MachineState, nextState } from './machine.ts'
import type { Endpoint, EventType, ProofOfDelivery } from './model.ts'

/** How far ahead of the center's clock an event may be dated (phones and truck units drift). */
export const CLOCK_SKEW_MS = 5 * 60_000

export interface EventRequest {
  readonly type: EventType
  readonly atMs: number
  readonly place: string | null
  readonly lat: number | null
  readonly lon: number | null
  readonly note: string | null
  readonly proof: ProofOfDelivery | null
}

/** What a shipment must show for an event to be checked against it. */
export interface EventTarget extends MachineState {
  readonly origin: Endpoint
  readonly destination: Endpoint
  /** The time of its latest event; null before the first. */
  readonly latestEventAtMs: number | null
}

/** An accepted event: the state it leads to, and the event and proof to store. */
export interface CheckedEvent {
  readonly next: MachineState
  readonly event: Omit<EventRequest, 'proof'>
  readonly proof: ProofOfDelivery | null
}

function shapeErrors(request: EventRequest): FieldError[] {
  const errors: FieldError[] = []
  if ((request.lat === null) !== (request.lon === null))
    errors.push({ field: request.lat === null ? '/lat' : '/lon', message: 'lat and lon go together' })
  if (request.type === 'position' && request.place === null && request.lat === null)
    errors.push({ field: '/place', message: 'a position needs a place name or lat and lon' })
  if (request.proof !== null && request.type !== 'delivered')
    errors.push({ field: '/proof', message: 'only a delivered event carries a proof of delivery' })
  return errors
}

/** The place an event is shown at when none is given: where loading, departure or delivery happen. */
function defaultPlace(type: EventType, target: EventTarget): string | null {
  if (type === 'loaded' || type === 'departed') return target.origin.city
  if (type === 'delivered') return target.destination.city
  return null
}

/**
 * The event and the state it leads to, or why it is refused: VALIDATION_FAILED (shape),
 * SHIPMENT_EVENT_NOT_ALLOWED / SHIPMENT_DELIVERED (the machine), PROOF_OF_DELIVERY_REQUIRED,
 * SHIPMENT_EVENT_IN_FUTURE, SHIPMENT_EVENT_OUT_OF_ORDER.
 *
 * @example checkEvent(planned, { type: 'delivered', … }, now) // refused: SHIPMENT_EVENT_NOT_ALLOWED
 */
export function checkEvent(target: EventTarget, request: EventRequest, nowMs: number): Result<CheckedEvent> {
  const errors = shapeErrors(request)
  if (errors.length > 0) return refuse('VALIDATION_FAILED', 'The event is not valid', errors)
  const next = nextState(target, request.type)
  if (!next.ok) return next
  if (request.type === 'delivered' && request.proof === null)
    return refuse(
      'PROOF_OF_DELIVERY_REQUIRED',
      'a delivered event needs proof: the receiver’s name and when they signed',
      [{ field: '/proof', message: 'is required for a delivered event' }],
    )
  const latest = nowMs + CLOCK_SKEW_MS
  if (request.atMs > latest)
    return refuse(
      'SHIPMENT_EVENT_IN_FUTURE',
      `the event is dated ${iso(request.atMs)}, after ${iso(nowMs)}`,
      [{ field: '/at', message: 'is in the future' }],
    )
  if (request.proof !== null && request.proof.signedAtMs > latest)
    return refuse('SHIPMENT_EVENT_IN_FUTURE', `the proof is signed ${iso(request.proof.signedAtMs)}`, [
      { field: '/proof/signedAt', message: 'is in the future' },
    ])
  if (target.latestEventAtMs !== null && request.atMs < target.latestEventAtMs)
    return refuse(
      'SHIPMENT_EVENT_OUT_OF_ORDER',
      `the event is dated ${iso(request.atMs)}, before the latest event at ${iso(target.latestEventAtMs)}`,
      [{ field: '/at', message: 'is before the latest event' }],
    )
  const { proof, ...event } = request
  return ok({
    next: next.value,
    event: { ...event, place: event.place ?? defaultPlace(event.type, target) },
    proof,
  })
}

const iso = (ms: number) => new Date(ms).toISOString()
