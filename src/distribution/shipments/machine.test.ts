import { describe, expect, it } from 'vitest'
import { MACHINE_STATES, type MachineStateKey, nextState, stateKeyOf } from './machine.ts'
import { EVENT_TYPES, type EventType } from './model.ts'

/** What each event does in each state, written out independently of the machine's own table. */
const EXPECTED: Record<MachineStateKey, Record<EventType, MachineStateKey | 'refused' | 'final'>> = {
  planned: {
    loaded: 'loaded',
    departed: 'refused',
    position: 'refused',
    exception: 'refused',
    resolved: 'refused',
    delivered: 'refused',
  },
  loaded: {
    loaded: 'refused',
    departed: 'in_transit',
    position: 'refused',
    exception: 'exception:loaded',
    resolved: 'refused',
    delivered: 'refused',
  },
  in_transit: {
    loaded: 'refused',
    departed: 'refused',
    position: 'in_transit',
    exception: 'exception:in_transit',
    resolved: 'refused',
    delivered: 'delivered',
  },
  'exception:loaded': {
    loaded: 'refused',
    departed: 'refused',
    position: 'refused',
    exception: 'refused',
    resolved: 'loaded',
    delivered: 'refused',
  },
  'exception:in_transit': {
    loaded: 'refused',
    departed: 'refused',
    position: 'exception:in_transit',
    exception: 'refused',
    resolved: 'in_transit',
    delivered: 'refused',
  },
  delivered: {
    loaded: 'final',
    departed: 'final',
    position: 'final',
    exception: 'final',
    resolved: 'final',
    delivered: 'final',
  },
}

describe('the shipment state machine', () => {
  it('has six states', () => {
    expect(MACHINE_STATES.map(stateKeyOf).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  for (const state of MACHINE_STATES) {
    const key = stateKeyOf(state)
    for (const event of EVENT_TYPES) {
      const expected = EXPECTED[key][event]
      it(`${key} + ${event} → ${expected}`, () => {
        const result = nextState(state, event)
        if (expected === 'refused' || expected === 'final') {
          expect(result.ok).toBe(false)
          if (result.ok) return
          expect(result.code).toBe(expected === 'final' ? 'SHIPMENT_DELIVERED' : 'SHIPMENT_EVENT_NOT_ALLOWED')
          expect(result.detail.length).toBeGreaterThan(10)
        } else {
          expect(result.ok).toBe(true)
          if (!result.ok) return
          expect(stateKeyOf(result.value)).toBe(expected)
          // held status is set exactly while in exception
          expect(result.value.heldStatus === null).toBe(result.value.status !== 'exception')
        }
      })
    }
  }

  it('explains the refusal of a delivery before loading', () => {
    const result = nextState({ status: 'planned', heldStatus: null }, 'delivered')
    expect(result).toEqual({
      ok: false,
      code: 'SHIPMENT_EVENT_NOT_ALLOWED',
      detail: 'a planned shipment cannot be delivered: it has not been loaded',
    })
  })

  it('reaches delivered only through loaded, departed and an open road', () => {
    let state = MACHINE_STATES[0]!
    for (const event of [
      'loaded',
      'departed',
      'position',
      'exception',
      'position',
      'resolved',
      'delivered',
    ] as const) {
      const next = nextState(state, event)
      expect(next.ok, event).toBe(true)
      if (next.ok) state = next.value
    }
    expect(state).toEqual({ status: 'delivered', heldStatus: null })
  })
})
