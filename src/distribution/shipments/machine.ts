/**
 * The shipment state machine, pure: which event may follow which state, and where it leads.
 *
 * | state \ event          | loaded | departed   | position   | exception             | resolved   | delivered  |
 * |------------------------|--------|------------|------------|-----------------------|------------|------------|
 * | planned                | loaded | –          | –          | –                     | –          | –          |
 * | loaded                 | –      | in_transit | –          | exception (held: loaded)     | – | –          |
 * | in_transit             | –      | –          | in_transit | exception (held: in_transit) | – | delivered  |
 * | exception (loaded)     | –      | –          | –          | –                     | loaded     | –          |
 * | exception (in_transit) | –      | –          | exception  | –                     | in_transit | –          |
 * | delivered              | –      | –          | –          | –                     | –          | –          |
 *
 * Choices: an exception can be raised only once the goods are on the truck (from loaded or
 * in_transit), and `resolved` returns to the state it was raised from (a problem at the loading bay
 * does not put the truck on the road); a truck in trouble on the road may still report positions;
 * delivery needs a departure (no loaded → delivered shortcut) and no open exception; delivered is
 * final. Every refusal is SHIPMENT_EVENT_NOT_ALLOWED except those after delivery (SHIPMENT_DELIVERED).
 * @module
 */
import { ok, type Result, refuse } from '../../kernel/index.ts'
import type { EventType, HeldStatus, ShipmentStatus } from './model.ts'

/** A shipment's state as the machine sees it. */
export interface MachineState {
  readonly status: ShipmentStatus
  /** The state an open exception returns to; null unless status is `exception`. */
  readonly heldStatus: HeldStatus | null
}

/** The six states of the table (exception split by what it holds). */
export type MachineStateKey =
  | Exclude<ShipmentStatus, 'exception'>
  | 'exception:loaded'
  | 'exception:in_transit'

const to = (status: ShipmentStatus, heldStatus: HeldStatus | null = null): MachineState => ({
  status,
  heldStatus,
})

/** A transition, or why the event is refused in that state (the refusal's detail). */
type Cell = MachineState | string

const RESOLVE_FIRST = 'an exception is open: resolve it first'
const FINAL = 'the shipment is delivered: no event can follow'

const TABLE: Readonly<Record<MachineStateKey, Readonly<Record<EventType, Cell>>>> = {
  planned: {
    loaded: to('loaded'),
    departed: 'a planned shipment cannot depart: it has not been loaded',
    position: 'a planned shipment has no position to report: it has not departed',
    exception: 'a planned shipment cannot have an exception: nothing is loaded yet',
    resolved: 'there is no open exception to resolve',
    delivered: 'a planned shipment cannot be delivered: it has not been loaded',
  },
  loaded: {
    loaded: 'the shipment is already loaded',
    departed: to('in_transit'),
    position: 'a loaded shipment has no position to report: it has not departed',
    exception: to('exception', 'loaded'),
    resolved: 'there is no open exception to resolve',
    delivered: 'a loaded shipment cannot be delivered: it has not departed',
  },
  in_transit: {
    loaded: 'the shipment is already loaded and on its way',
    departed: 'the shipment has already departed',
    position: to('in_transit'),
    exception: to('exception', 'in_transit'),
    resolved: 'there is no open exception to resolve',
    delivered: to('delivered'),
  },
  'exception:loaded': {
    loaded: 'the shipment is already loaded',
    departed: RESOLVE_FIRST,
    position: 'the shipment has no position to report: it has not departed',
    exception: 'an exception is already open',
    resolved: to('loaded'),
    delivered: RESOLVE_FIRST,
  },
  'exception:in_transit': {
    loaded: 'the shipment is already loaded and on its way',
    departed: 'the shipment has already departed',
    position: to('exception', 'in_transit'),
    exception: 'an exception is already open',
    resolved: to('in_transit'),
    delivered: RESOLVE_FIRST,
  },
  delivered: {
    loaded: FINAL,
    departed: FINAL,
    position: FINAL,
    exception: FINAL,
    resolved: FINAL,
    delivered: FINAL,
  },
}

/** The table's row of a state. */
export function stateKeyOf(state: MachineState): MachineStateKey {
  if (state.status !== 'exception') return state.status
  return state.heldStatus === 'loaded' ? 'exception:loaded' : 'exception:in_transit'
}

/** Every state of the table, for tests and documentation. */
export const MACHINE_STATES: readonly MachineState[] = [
  to('planned'),
  to('loaded'),
  to('in_transit'),
  to('exception', 'loaded'),
  to('exception', 'in_transit'),
  to('delivered'),
]

/**
 * The state after `event`, or the refusal: SHIPMENT_DELIVERED for anything after delivery,
 * SHIPMENT_EVENT_NOT_ALLOWED for any other event the table does not allow.
 *
 * @example nextState({ status: 'planned', heldStatus: null }, 'delivered')
 *   // { ok: false, code: 'SHIPMENT_EVENT_NOT_ALLOWED', detail: 'a planned shipment cannot be delivered: …' }
 */
export function nextState(state: MachineState, event: EventType): Result<MachineState> {
  const cell = TABLE[stateKeyOf(state)][event]
  if (typeof cell !== 'string') return ok(cell)
  return refuse(state.status === 'delivered' ? 'SHIPMENT_DELIVERED' : 'SHIPMENT_EVENT_NOT_ALLOWED', cell)
}
