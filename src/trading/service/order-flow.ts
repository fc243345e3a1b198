/**
 * Whether orders are streaming in now, as the order thread sees them, by the projection's burst rule
 * (`isBurst`, projection-pace.ts). Background work on the database (the pricing schedule's intake of
 * trades, every minute) asks it before each batch and gives way: on two cores, a database thread
 * busy when a burst begins takes a core from the order thread and from its clients. Before, the
 * intake gave way only once the projection was PROJECTION_BATCH commands behind: in a `bench:api`
 * sweep it began 497 ms before a paced pass at 4,700 orders/s, wrote batches of 100 trades in 30-70
 * ms each, and stopped 61 ms into the pass. By this rule it stops at the first 100 ms slot of 50
 * orders, and the batch under way is the only overlap.
 *
 * Counts are kept per slot of PROJECTION_BURST_ONSET_MS over the last second: `record` and
 * `streaming` cost a few integer operations. Pure: the caller gives the time.
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
