/**
 * When the projector thread writes its waiting commands to SQL. Pure: the thread gives it the
 * time and what waits, and acts on the answer.
 *
 * While orders stream in (a burst: PROJECTION_BURST_PER_SEC or more in the last second) and nobody
 * reads, the projection holds its work, within bounds, and writes it when the burst ends. Its
 * thread runs at background priority, but on a small virtual machine that does not keep its CPU
 * from the order thread: a background CPU burner took the bare endpoint's p99 at a paced 5,400
 * req/s from 2.1 ms to 5.1–6.6 ms, and the projection (about 400 µs of CPU per order on PGlite,
 * against the order thread's 70–110) took 1 s of the order thread's 10 in each full-rate pass of
 * `bench:api`. The work is the same; held, it runs when orders stop, not while they are answered.
 * A reader that needs the projection still hurries it (the service's `projected()`), and then
 * waits for what was held: up to PROJECTION_HOLD_MAX_MS of the burst's commands.
 * @module
 */

/** Commands in the last second from which the projection holds its work (see the module's note). */
export const PROJECTION_BURST_PER_SEC = 500
/** How long the oldest waiting command may be held during a burst. */
export const PROJECTION_HOLD_MAX_MS = 10_000
/**
 * How many commands a burst may hold: half the backlog at which new orders are refused
 * (MAX_PROJECTION_BACKLOG), so that the other half is left for catching up while orders go on.
 */
export const PROJECTION_HOLD_MAX_COMMANDS = 100_000
/** How often a held projection looks again whether the burst is over. */
export const PROJECTION_BURST_RECHECK_MS = 250

export interface ProjectionPaceInput {
  readonly nowMs: number
  /** Commands waiting to be written (at least one). */
  readonly queued: number
  /** When the oldest of them reached the projector. */
  readonly oldestArrivedAtMs: number
  /** Commands that reached the projector in the last second. */
  readonly arrivedLastSecondCount: number
  /** A reader waits, the projector is closing, or a hold ended and its backlog is being written. */
  readonly urgent: boolean
  /** Outside a burst: a transaction gathers up to this many commands... */
  readonly batchCommands: number
  /** ...or waits at most this long for them. */
  readonly delayMs: number
}

export type ProjectionPace =
  /** `endsHold`: a burst's hold reached its bound; write everything waiting, batch after batch. */
  | { readonly write: true; readonly endsHold: boolean }
  | { readonly write: false; readonly recheckInMs: number }

export function projectionPace(input: ProjectionPaceInput): ProjectionPace {
  if (input.urgent) return { write: true, endsHold: false }
  const waitedMs = Math.max(0, input.nowMs - input.oldestArrivedAtMs)
  if (input.arrivedLastSecondCount >= PROJECTION_BURST_PER_SEC) {
    if (input.queued >= PROJECTION_HOLD_MAX_COMMANDS || waitedMs >= PROJECTION_HOLD_MAX_MS)
      return { write: true, endsHold: true }
    return {
      write: false,
      recheckInMs: Math.min(PROJECTION_BURST_RECHECK_MS, PROJECTION_HOLD_MAX_MS - waitedMs),
    }
  }
  if (input.queued >= input.batchCommands || waitedMs >= input.delayMs)
    return { write: true, endsHold: false }
  return { write: false, recheckInMs: input.delayMs - waitedMs }
}
