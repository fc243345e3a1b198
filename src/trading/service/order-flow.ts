/**
 * Whether orders are streaming in now, as the order thread sees them, by the projection's burst rule
 * (`isBurst`, projection-pace.ts). Background work on the database (the pricing schedule's intake of
 * trades, every minute) asks it before each batch and gives way: on two cores, a database thread
 * busy when a burst begins takes a core from the order thread and from its clients. Before, the
 * intake gave way only once the projection was PROJECTION_BATCH commands behind: in a `bench:api`
 * sweep it began 497 ms before a paced pass at 4,700 orders/s, wrote batches of 100 trades in 30-70
 * ms each, and stopped 61 ms into the pass. By this rule it stops once a 100 ms slot holds 50
 * commands; what overlaps a burst is the batch under way, or a proposal already begun (once per
 * closed period).
 *
 * Every command counts (new orders, cancels, amendments, the session's own). The rule is applied to
 * whole slots of PROJECTION_BURST_ONSET_MS: "the last second" is the current slot and the nine
 * before it, "the onset" the busier of the current slot and the one before. It expects a monotonic
 * clock (the caller gives the time): a slot stamped ahead of `now` is ignored, so time going back
 * can only under-count. `record` and `streaming` cost a few integer operations.
 * @module
 */
import { isBurst, PROJECTION_BURST_ONSET_MS } from './projection-pace.ts'

const SLOT_MS = PROJECTION_BURST_ONSET_MS
const SLOTS = Math.ceil(1000 / SLOT_MS)

export class OrderFlow {
  /** Commands per slot, by slot number modulo SLOTS... */
  readonly #counts = new Float64Array(SLOTS)
  /** ...and which slot number each count is of (-1: none yet). */
  readonly #slotOf = new Float64Array(SLOTS).fill(-1)

  /** Notes a command taken in at `nowMs`. */
  record(nowMs: number): void {
    const slot = Math.floor(nowMs / SLOT_MS)
    const at = slot % SLOTS
    if (this.#slotOf[at] !== slot) {
      this.#slotOf[at] = slot
      this.#counts[at] = 0
    }
    this.#counts[at]!++
  }

  /**
   * True while orders stream in: over the last second's slots, or over the current slot or the one
   * before it (so that a burst counts from its first slot, not only once a second of it has passed).
   */
  streaming(nowMs: number): boolean {
    const slot = Math.floor(nowMs / SLOT_MS)
    let lastSecond = 0
    let onset = 0
    for (let at = 0; at < SLOTS; at++) {
      const age = slot - this.#slotOf[at]!
      if (age < 0 || age >= SLOTS) continue
      lastSecond += this.#counts[at]!
      if (age <= 1) onset = Math.max(onset, this.#counts[at]!)
    }
    return isBurst(lastSecond, onset)
  }
}
