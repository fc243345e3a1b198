import { describe, expect, it } from 'vitest'
import { CLOCK_SKEW_MS, checkEvent, type EventRequest, type EventTarget } from './events.ts'

const NOW = Date.parse('2026-03-02T06:00:00Z')
const target = (over: Partial<EventTarget> = {}): EventTarget => ({
  status: 'in_transit',
  heldStatus: null,
  origin: { name: 'Mill 3 yard', city: 'Gongyi', lat: 34.69, lon: 112.87 },
  destination: { name: 'Buyer gate 2', city: 'Shanghai', lat: 31.23, lon: 121.47 },
  latestEventAtMs: NOW - 3_600_000,
  ...over,
})
const request = (over: Partial<EventRequest>): EventRequest => ({
  type: 'position',
  atMs: NOW - 60_000,
  place: null,
  lat: 33.1,
  lon: 116.2,
  note: null,
  proof: null,
  ...over,
})
const proof = { receiverName: 'Zhou Min', signedAtMs: NOW - 60_000, note: null }

describe('checking an event', () => {
  it('accepts a position fix and keeps the state', () => {
    const checked = checkEvent(target(), request({}), NOW)
    expect(checked).toMatchObject({ ok: true, value: { next: { status: 'in_transit' }, proof: null } })
  })

  it('names loading, departure and delivery after the ends when no place is given', () => {
    const loaded = checkEvent(
      target({ status: 'planned' }),
      request({ type: 'loaded', lat: null, lon: null }),
      NOW,
    )
    expect(loaded.ok && loaded.value.event.place).toBe('Gongyi')
    const delivered = checkEvent(target(), request({ type: 'delivered', lat: null, lon: null, proof }), NOW)
    expect(delivered.ok && delivered.value.event.place).toBe('Shanghai')
    expect(delivered.ok && delivered.value.proof).toEqual(proof)
  })

  it('refuses a delivery before loading, whatever the proof', () => {
    const result = checkEvent(
      target({ status: 'planned', latestEventAtMs: null }),
      request({ type: 'delivered', lat: null, lon: null, proof }),
      NOW,
    )
    expect(result).toMatchObject({ ok: false, code: 'SHIPMENT_EVENT_NOT_ALLOWED' })
  })

  it('refuses a delivery without proof', () => {
    const result = checkEvent(target(), request({ type: 'delivered', lat: null, lon: null }), NOW)
    expect(result).toMatchObject({ ok: false, code: 'PROOF_OF_DELIVERY_REQUIRED' })
  })

  it('refuses a malformed event: half a point, a bare position, a proof on another event', () => {
    expect(checkEvent(target(), request({ lon: null }), NOW)).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      errors: [{ field: '/lon' }],
    })
    expect(checkEvent(target(), request({ lat: null, lon: null }), NOW)).toMatchObject({
      ok: false,
      errors: [{ field: '/place' }],
    })
    expect(checkEvent(target(), request({ proof }), NOW)).toMatchObject({
      ok: false,
      errors: [{ field: '/proof' }],
    })
  })

  it('refuses events in the future (beyond the clock skew) and before the latest event', () => {
    expect(checkEvent(target(), request({ atMs: NOW + CLOCK_SKEW_MS }), NOW).ok).toBe(true)
    expect(checkEvent(target(), request({ atMs: NOW + CLOCK_SKEW_MS + 1 }), NOW)).toMatchObject({
      ok: false,
      code: 'SHIPMENT_EVENT_IN_FUTURE',
    })
    const lateSignature = { ...proof, signedAtMs: NOW + 3_600_000 }
    expect(
      checkEvent(target(), request({ type: 'delivered', lat: null, lon: null, proof: lateSignature }), NOW),
    ).toMatchObject({ ok: false, code: 'SHIPMENT_EVENT_IN_FUTURE', errors: [{ field: '/proof/signedAt' }] })
    expect(checkEvent(target(), request({ atMs: NOW - 7_200_000 }), NOW)).toMatchObject({
      ok: false,
      code: 'SHIPMENT_EVENT_OUT_OF_ORDER',
    })
  })

  it('refuses anything after delivery with SHIPMENT_DELIVERED', () => {
    expect(checkEvent(target({ status: 'delivered' }), request({}), NOW)).toMatchObject({
      ok: false,
      code: 'SHIPMENT_DELIVERED',
    })
  })
})
